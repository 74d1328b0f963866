"""`flask kd send-digest`: one commit per delivery, so a crash half-way resumes without duplicates.

Each delivery is claimed (a unique row) and committed before its mail goes out: a re-run, or a second
run at the same time, skips it. If sending fails the claim is released, so the next run retries it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from kd.audit.services import record
from kd.db import session, transaction, utcnow
from kd.newsletter import notifications, queries
from kd.newsletter.models import Digest, DigestDelivery, Subscriber


@dataclass(frozen=True)
class DigestRun:
    digest_id: int
    subscriber_ids: list[int]


def start_digest(now: datetime | None = None) -> DigestRun | None:
    """Resume an unfinished digest, else open one for what was approved since the last; None if nothing is new."""
    with transaction():
        digest = queries.unfinished_digest() or _new_digest(now or utcnow())
    if digest is None:
        return None
    return DigestRun(digest.id, queries.pending_subscriber_ids(digest))


def deliver(digest_id: int, subscriber_id: int) -> bool:
    """Send one subscriber this digest unless someone already has; True if this call sent it."""
    digest, subscriber = session.get(Digest, digest_id), session.get(Subscriber, subscriber_id)
    if subscriber is None or not subscriber.confirmed:
        return False
    delivery = _claim(digest, subscriber)
    if delivery is None:
        return False
    try:
        _send(digest, subscriber)
    except BaseException:
        _release(delivery)
        raise
    with transaction():
        delivery.sent_at = utcnow()
    return True


def finish_digest(digest_id: int) -> None:
    with transaction():
        digest = session.get(Digest, digest_id)
        if not queries.pending_subscriber_ids(digest):
            digest.finished_at = utcnow()
            record(None, "newsletter.digest_finished", digest)


def _new_digest(now: datetime) -> Digest | None:
    start = queries.last_period_end() or now - timedelta(days=current_app.config["DIGEST_FIRST_PERIOD_DAYS"])
    if queries.digest_content(start, now).empty:
        return None
    digest = Digest(period_start=start, period_end=now)
    session.add(digest)
    record(None, "newsletter.digest_started", digest)
    return digest


def _claim(digest: Digest, subscriber: Subscriber) -> DigestDelivery | None:
    try:
        with transaction():
            delivery = DigestDelivery(digest_id=digest.id, subscriber_id=subscriber.id)
            session.add(delivery)
    except IntegrityError:
        return None
    return delivery


def _release(delivery: DigestDelivery) -> None:
    with transaction():
        session.delete(delivery)


def _send(digest: Digest, subscriber: Subscriber) -> None:
    content = queries.digest_content(digest.period_start, digest.period_end)
    notifications.send_to_subscriber(subscriber, "newsletter_digest", digest=digest, content=content)
