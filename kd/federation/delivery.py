"""Signed deliveries: rows written in the transaction that decides them, sent after the commit by a job
(RQ with Redis; `flask kd federation-deliver`, e.g. from cron, without it). Each inbox is its own row,
so a dead server only delays its own: a failure is retried after BACKOFF_SECONDS * 2**attempts, up to
MAX_ATTEMPTS, and a server that failed once is skipped for the rest of the run."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from kd.db import session, transaction, utcnow
from kd.federation import queries, remote, signatures
from kd.federation.keys import key_for
from kd.federation.models import Delivery
from kd.jobs.queue import enqueue, enqueue_at

log = logging.getLogger(__name__)
BACKOFF_SECONDS = 60
MAX_ATTEMPTS = 8


def schedule(username: str, inboxes: list[str], activity: dict) -> int:
    """Add one delivery per inbox, in the caller's transaction; returns how many."""
    body = json.dumps(activity, ensure_ascii=False, separators=(",", ":"))
    for inbox in inboxes:
        session.add(Delivery(username=username, inbox=inbox, activity=body))
    return len(inboxes)


def kick() -> None:
    """After the commit: with a queue, a worker sends what is due now; without one, the CLI will (never
    inline: a slow server must not hold the request that published)."""
    enqueue(deliver_due_job, optional=True)


def deliver_due_job() -> int:
    """The RQ job: send what is due, then come back when the next retry is due."""
    sent = deliver_due()
    upcoming = queries.next_pending_attempt()
    if upcoming is not None:
        enqueue_at(upcoming, deliver_due_job)
    return sent


def deliver_due(now: datetime | None = None) -> int:
    """Attempt every delivery that is due; returns how many were delivered."""
    now = now or utcnow()
    failed_hosts: set[str] = set()
    delivered = 0
    for delivery_id in queries.due_deliveries(now):
        delivery = session.get(Delivery, delivery_id)
        host = urlsplit(delivery.inbox).netloc
        if host in failed_hosts:
            continue
        if attempt(delivery, now):
            delivered += 1
        else:
            failed_hosts.add(host)
    return delivered


def attempt(delivery: Delivery, now: datetime) -> bool:
    key = key_for(delivery.username)
    key_id = f"{_actor_id(delivery)}#main-key"
    body = delivery.activity.encode()
    error = ""
    try:
        answer = remote.post(delivery.inbox, body, signatures.signed_post_headers(key.private_key_pem, key_id,
                                                                                 delivery.inbox, body))
        if not 200 <= answer.status < 300:
            error = f"answered {answer.status}"
    except remote.RemoteError as failure:
        error = str(failure)
    with transaction():
        _record(delivery, now, error)
    return not error


def _actor_id(delivery: Delivery) -> str:
    return json.loads(delivery.activity)["actor"]


def _record(delivery: Delivery, now: datetime, error: str) -> None:
    delivery.attempts += 1
    if not error:
        delivery.delivered_at, delivery.last_error = now, ""
        return
    delivery.last_error = error[:500]
    log.warning("Delivery %s to %s failed (attempt %s): %s", delivery.id, delivery.inbox, delivery.attempts, error)
    if delivery.attempts >= MAX_ATTEMPTS:
        delivery.failed_at = now
    else:
        delivery.next_attempt_at = now + timedelta(seconds=BACKOFF_SECONDS * 2 ** delivery.attempts)
