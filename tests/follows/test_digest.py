"""`flask kd send-follow-digests`: grouping by reason, only what is new and public, frequencies, languages,
one-click unsubscribe, idempotence and resuming after a crash."""
from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kd import db
from kd.content.states import ModerationState
from kd.follows import digest
from kd.follows.models import FollowDigestDelivery, FollowPreference, Frequency
from tests.conftest import mail_link

APPROVED = ModerationState.APPROVED


def send(runner, *args: str):
    result = runner.invoke(args=["kd", "send-follow-digests", *args])
    assert result.exit_code == 0, result.output
    return result


def text_of(mail) -> str:
    return mail.get_body(("plain",)).get_content()


def html_of(mail) -> str:
    return mail.get_body(("html",)).get_content()


@pytest.fixture
def member(make_user, follow):
    """Follows Gjakova and the field Medicine."""
    user = make_user(email="drita@example.org")
    follow(user, "municipality", "gjakova")
    follow(user, "field", "medicine")
    return user


def test_the_digest_groups_what_is_new_by_the_reason(runner, outbox, member, make_story, make_profile):
    make_story(state=APPROVED, title="Gjakova doctor", municipality="gjakova", field="medicine")
    make_story(state=APPROVED, title="Berlin surgeon", field="medicine", municipality="prizren")
    make_profile(state=APPROVED, name="Arta from Gjakova", municipality="gjakova")
    make_story(state=APPROVED, title="Unrelated", field="sport", municipality="prizren")
    send(runner, "--frequency", "weekly")
    [mail] = outbox()
    body = text_of(mail)
    gjakova, medicine = body.index("Because you follow Gjakova"), body.index("Because you follow Medicine and health")
    assert gjakova < body.index("Gjakova doctor") < body.index("Arta from Gjakova") < medicine
    assert medicine < body.index("Berlin surgeon")
    assert body.count("Gjakova doctor") == 1, "an item matching two follows is listed once"
    assert "Unrelated" not in body
    assert "http://kd.test/stories/story-1" in body and "http://kd.test/people/person-1" in body
    assert "Because you follow Gjakova" in html_of(mail) and "http://kd.test/follows" in body


def test_only_approved_items_published_since_the_last_digest(runner, outbox, member, make_story):
    make_story(state=APPROVED, title="Before the follow", municipality="gjakova",
               published_at=datetime.now(UTC) - timedelta(days=3))
    make_story(state=APPROVED, title="First news", municipality="gjakova")
    for state in (ModerationState.SUBMITTED, ModerationState.DRAFT, ModerationState.UNPUBLISHED):
        make_story(state=state, title=f"Hidden {state.value}", municipality="gjakova")
    send(runner, "--frequency", "weekly")
    [first] = outbox()
    assert "First news" in text_of(first)
    assert "Before the follow" not in text_of(first) and "Hidden" not in text_of(first) + html_of(first)
    make_story(state=APPROVED, title="Second news", municipality="gjakova")
    send(runner, "--frequency", "weekly")
    second = outbox()[1]
    assert "Second news" in text_of(second) and "First news" not in text_of(second)


def test_a_second_run_sends_nothing(runner, outbox, member, make_story):
    make_story(state=APPROVED, title="News", municipality="gjakova")
    send(runner, "--frequency", "weekly")
    send(runner, "--frequency", "weekly")
    send(runner)
    assert len(outbox()) == 1


def test_nothing_new_means_no_mail(runner, outbox, member, make_story):
    make_story(state=APPROVED, title="Elsewhere", municipality="prizren", field="sport")
    send(runner, "--frequency", "weekly")
    assert outbox() == []


def test_each_member_gets_their_own_frequency(runner, outbox, make_user, follow, choose_frequency, make_story):
    members = {name: make_user(email=f"{name}@example.org") for name in ("immediately", "daily", "weekly", "never")}
    for name, user in members.items():
        follow(user, "municipality", "gjakova")
        if name != "weekly":  # weekly is the default
            choose_frequency(user, name)
    make_user(email="nofollows@example.org")
    make_story(state=APPROVED, title="News", municipality="gjakova")
    send(runner, "--frequency", "daily")
    assert [mail["To"] for mail in outbox()] == ["daily@example.org"]
    send(runner)  # every frequency that is due: immediately now, weekly's first run; daily already ran today
    assert sorted(mail["To"] for mail in outbox()) == ["daily@example.org", "immediately@example.org",
                                                       "weekly@example.org"]


def test_daily_and_weekly_are_due_once_per_day_and_week(app):
    with app.app_context(), db.transaction():
        monday = datetime(2026, 12, 7, 6, tzinfo=UTC)
        for frequency in (Frequency.DAILY, Frequency.WEEKLY):
            db.session.add(digest.FollowDigestRun(frequency=frequency, period_end=monday, finished_at=monday))
    with app.app_context():
        assert not digest.is_due(Frequency.DAILY, monday + timedelta(hours=17))
        assert digest.is_due(Frequency.DAILY, monday + timedelta(hours=18))
        assert not digest.is_due(Frequency.WEEKLY, monday + timedelta(days=6, hours=17))
        assert digest.is_due(Frequency.WEEKLY, monday + timedelta(days=7))
        assert digest.is_due(Frequency.IMMEDIATELY, monday)


def test_the_digest_is_in_the_members_language(runner, outbox, make_user, follow, make_story):
    albanian = make_user(email="sq@example.org", locale="sq")
    follow(albanian, "municipality", "gjakova")
    make_story(state=APPROVED, title="Lajm", municipality="gjakova")
    send(runner, "--frequency", "weekly")
    [mail] = outbox()
    assert "Sepse ndiqni Gjakovë" in text_of(mail) and "Lajm" in text_of(mail)
    assert '<html lang="sq">' in html_of(mail)


def test_one_click_unsubscribe_works_without_logging_in(app, client, runner, outbox, member, make_story):
    make_story(state=APPROVED, title="News", municipality="gjakova")
    send(runner, "--frequency", "weekly")
    [mail] = outbox()
    link = mail_link(mail, "/follows/unsubscribe/")
    assert mail["List-Unsubscribe"] == f"<http://kd.test{link}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.get(link).status_code == 200
    response = client.post(link, data={"List-Unsubscribe": "One-Click"})  # a mail program: no session, no CSRF
    assert response.status_code == 200
    with app.app_context():
        assert db.session.get(FollowPreference, member.id).frequency is Frequency.NEVER
    assert client.post(link).status_code == 200, "a second click is simply done"
    make_story(state=APPROVED, title="More news", municipality="gjakova")
    send(runner, "--frequency", "weekly")
    assert len(outbox()) == 1


@pytest.mark.parametrize("token", ["not-a-token", "x" * 3000])
def test_a_forged_unsubscribe_link_changes_nothing(client, token):
    assert client.post(f"/follows/unsubscribe/{token}").status_code == 400


def test_a_crash_between_claim_and_send_resends_nobody(app, runner, outbox, make_user, follow, make_story,
                                                       monkeypatch):
    members = [make_user(email=f"m{number}@example.org") for number in range(3)]
    for user in members:
        follow(user, "municipality", "gjakova")
    make_story(state=APPROVED, title="News", municipality="gjakova")
    real_send = digest.send_digest_mail

    def crash_on_the_second(user, content):
        if user.email == "m1@example.org":
            raise ConnectionError("mail server gone")
        real_send(user, content)

    monkeypatch.setattr(digest, "send_digest_mail", crash_on_the_second)
    result = runner.invoke(args=["kd", "send-follow-digests", "--frequency", "weekly"])
    assert isinstance(result.exception, ConnectionError)
    assert [mail["To"] for mail in outbox()] == ["m0@example.org"]
    monkeypatch.setattr(digest, "send_digest_mail", real_send)
    send(runner, "--frequency", "weekly")
    send(runner, "--frequency", "weekly")
    assert Counter(mail["To"] for mail in outbox()) == {f"m{number}@example.org": 1 for number in range(3)}
    with app.app_context():
        runs = {delivery.run_id for delivery in db.session.scalars(select(FollowDigestDelivery))}
    assert len(runs) == 1, "the second command resumed the unfinished run"


def test_a_delivery_claimed_elsewhere_is_not_sent_again(app, outbox, member, make_story):
    make_story(state=APPROVED, title="News", municipality="gjakova")
    with app.app_context():
        run_id = digest.start_run(Frequency.WEEKLY, datetime.now(UTC))
        assert digest.deliver(run_id, member.id) is True
        assert digest.deliver(run_id, member.id) is False
    assert len(outbox()) == 1


def test_with_redis_a_worker_sends_the_digests(redis_app, outbox, member, make_story):
    from kd.jobs.worker import run

    make_story(state=APPROVED, title="News", municipality="gjakova")
    result = redis_app.test_cli_runner().invoke(args=["kd", "send-follow-digests", "--frequency", "weekly"])
    assert result.exit_code == 0 and "queued for the worker" in result.output, result.output
    assert outbox() == []
    run(redis_app, burst=True)  # the digest job, then the mail job it queues
    assert [mail["To"] for mail in outbox()] == ["drita@example.org"]
