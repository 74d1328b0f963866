"""Follow digests: one mail per member per run, one commit per delivery, so a crash half-way resumes without
sending anyone a mail twice.

A run is opened per frequency up to a period end. Each member's delivery is claimed (a unique row that also
moves the start of the member's next digest) and committed before the mail goes out: a re-run, or a second run
at the same time, skips it. If sending raises, the claim is deleted, so the next run retries that member.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, url_for
from sqlalchemy.exc import IntegrityError

from kd.accounts.models import User
from kd.audit.services import record
from kd.db import session, transaction, utcnow
from kd.follows import queries, services
from kd.follows.models import FollowDigestDelivery, FollowDigestRun, Frequency
from kd.mail import send_templated

SENT_FREQUENCIES = (Frequency.IMMEDIATELY, Frequency.DAILY, Frequency.WEEKLY)


@dataclass(frozen=True)
class RunReport:
    frequency: Frequency
    run_id: int
    sent: int


def send_follow_digests(frequencies: tuple[Frequency, ...] | None = None,
                        now: datetime | None = None) -> list[RunReport]:
    """Job and CLI entry point: the given frequencies now, or each frequency that is due."""
    now = now or utcnow()
    chosen = frequencies or tuple(frequency for frequency in SENT_FREQUENCIES if is_due(frequency, now))
    return [report for report in (run_frequency(frequency, now) for frequency in chosen) if report is not None]


def send_follow_digests_job(frequency_values: list[str] | None = None) -> int:
    """The RQ job: plain values in, the number of mails sent out."""
    chosen = tuple(Frequency(value) for value in frequency_values) if frequency_values else None
    return sum(report.sent for report in send_follow_digests(chosen))


def is_due(frequency: Frequency, now: datetime) -> bool:
    """Immediately: every run. Daily: once per UTC day. Weekly: once per ISO week (so cron drift never skips one)."""
    last = queries.last_run_end(frequency)
    if frequency is Frequency.IMMEDIATELY or last is None or queries.unfinished_run(frequency) is not None:
        return True
    if frequency is Frequency.DAILY:
        return last.date() < now.date()
    return last.isocalendar()[:2] < now.isocalendar()[:2]


def run_frequency(frequency: Frequency, now: datetime) -> RunReport | None:
    """None when nothing was published since this frequency's last run (so no run is opened)."""
    run_id = start_run(frequency, now)
    if run_id is None:
        return None
    sent = sum(deliver(run_id, user_id) for user_id in pending(run_id))
    finish_run(run_id, sent)
    return RunReport(frequency, run_id, sent)


def start_run(frequency: Frequency, now: datetime) -> int | None:
    """Resume this frequency's unfinished run, else open one ending now if anything was published since the last."""
    with transaction():
        run = queries.unfinished_run(frequency)
        if run is None:
            last = queries.last_run_end(frequency)
            if last is not None and not queries.published_between(last, now):
                return None
            run = FollowDigestRun(frequency=frequency, period_end=now)
            session.add(run)
            session.flush()
        return run.id


def pending(run_id: int) -> list[int]:
    return queries.pending_member_ids(session.get(FollowDigestRun, run_id))


def deliver(run_id: int, user_id: int) -> bool:
    """Send the member this run's digest unless someone already did; True if this call sent a mail."""
    run, user = session.get(FollowDigestRun, run_id), session.get(User, user_id)
    if not queries.receives(user, run.frequency):
        return False
    delivery = _claim(run, user)
    if delivery is None:
        return False
    digest = queries.member_digest(user.id, delivery.period_start, delivery.period_end)
    if digest.groups:
        try:
            send_digest_mail(user, digest)
        except BaseException:
            _release(delivery)
            raise
    with transaction():
        delivery.done_at, delivery.item_count = utcnow(), digest.item_count
    return bool(digest.groups)


def finish_run(run_id: int, sent: int = 0) -> None:
    with transaction():
        run = session.get(FollowDigestRun, run_id)
        if run.finished_at is None and not queries.pending_member_ids(run):
            run.finished_at = utcnow()
            record(None, "follow.digest_finished", run, frequency=run.frequency, sent=sent)


def _claim(run: FollowDigestRun, user: User) -> FollowDigestDelivery | None:
    try:
        with transaction():
            delivery = FollowDigestDelivery(run_id=run.id, user_id=user.id, period_end=run.period_end,
                                            period_start=queries.member_period_start(user.id))
            session.add(delivery)
    except IntegrityError:
        return None
    return delivery


def _release(delivery: FollowDigestDelivery) -> None:
    with transaction():
        session.delete(delivery)


def send_digest_mail(user: User, digest: queries.MemberDigest) -> None:
    unsubscribe = url_for("follows.unsubscribe", token=services.unsubscribe_token(user), _external=True)
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    send_templated(user.email, "follow_digest", locale, headers=headers, digest=digest, unsubscribe=unsubscribe,
                   follows_page=url_for("follows.index", _external=True))
