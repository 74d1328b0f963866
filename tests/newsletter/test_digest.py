"""`flask kd send-digest`: content, languages, idempotence and resuming after a crash."""
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from kd import db
from kd.accounts.models import Role
from kd.actions import services as actions
from kd.actions.models import ActionStatus
from kd.collections import services as collections
from kd.content.states import ModerationState
from kd.db import utcnow
from kd.newsletter import notifications
from kd.newsletter.models import Digest, DigestDelivery
from kd.stories.models import Story
from tests.conftest import action_fields


@pytest.fixture
def news(app, make_user):
    """One story published yesterday, a collection with it, and one action won today."""
    editor = make_user(role=Role.EDITOR)
    with app.app_context(), db.transaction():
        db.session.add(Story(slug="a-new-story", title="A new story", state=ModerationState.APPROVED,
                             published_at=utcnow() - timedelta(days=1)))
        collection = collections.create_collection(db.session.merge(editor), {
            "title_en": "Kosovars in medicine", "title_sq": "Kosovarët në mjekësi"})
        collections.add_item(db.session.merge(editor), collection, "a-new-story")
        collections.publish(db.session.merge(editor), collection)
        action = actions.create_action(db.session.merge(editor), action_fields(
            title_en="Example Cloud lists Kosovo", title_sq="Example Cloud e shton Kosovën"))
        actions.set_status(db.session.merge(editor), action, ActionStatus.WON, date.today(), "")



def test_each_confirmed_subscriber_gets_the_digest_in_their_language(runner, outbox, news, make_subscriber):
    make_subscriber("en@example.org", "en")
    make_subscriber("sq@example.org", "sq")
    make_subscriber("unconfirmed@example.org", "en", confirmed=False)
    result = runner.invoke(args=["kd", "send-digest"])
    assert result.exit_code == 0, result.output
    mails = {mail["To"]: mail for mail in outbox()}
    assert set(mails) == {"en@example.org", "sq@example.org"}
    english, albanian = mails["en@example.org"], mails["sq@example.org"]
    for mail in (english, albanian):
        assert "A new story" in mail.get_body(("plain",)).get_content()
        assert "A new story" in mail.get_body(("html",)).get_content()
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "/newsletter/unsubscribe/" in mail.get_body(("plain",)).get_content()
    assert "Example Cloud lists Kosovo" in english.get_body(("plain",)).get_content()
    assert "Kosovars in medicine" in english.get_body(("plain",)).get_content()
    assert "/collections/kosovars-in-medicine" in english.get_body(("html",)).get_content()
    assert "Kosovarët në mjekësi" in albanian.get_body(("plain",)).get_content()
    assert "Example Cloud e shton Kosovën" in albanian.get_body(("html",)).get_content()


def test_running_again_sends_nothing_twice(app, runner, outbox, news, make_subscriber):
    make_subscriber("a@example.org")
    make_subscriber("b@example.org")
    assert runner.invoke(args=["kd", "send-digest"]).exit_code == 0
    second = runner.invoke(args=["kd", "send-digest"])
    assert second.exit_code == 0 and "Nothing new" in second.output
    assert Counter(mail["To"] for mail in outbox()) == {"a@example.org": 1, "b@example.org": 1}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Digest)) == 1


def test_a_crash_part_way_resumes_without_duplicates(app, runner, outbox, news, make_subscriber, monkeypatch):
    addresses = [f"reader{n}@example.org" for n in range(5)]
    for address in addresses:
        make_subscriber(address)
    real_send, calls = notifications.send_templated, []

    def failing_on_the_third(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:
            raise ConnectionError("the mail server went away")
        return real_send(*args, **kwargs)

    monkeypatch.setattr(notifications, "send_templated", failing_on_the_third)
    crashed = runner.invoke(args=["kd", "send-digest"])
    assert crashed.exit_code != 0 and isinstance(crashed.exception, ConnectionError)
    assert len(outbox()) == 2
    monkeypatch.setattr(notifications, "send_templated", real_send)
    resumed = runner.invoke(args=["kd", "send-digest"])
    assert resumed.exit_code == 0, resumed.output
    assert Counter(mail["To"] for mail in outbox()) == {address: 1 for address in addresses}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Digest)) == 1
        assert db.session.scalar(select(func.count()).select_from(DigestDelivery)
                                 .where(DigestDelivery.sent_at.is_not(None))) == 5
        assert db.session.scalars(select(Digest)).one().finished_at is not None


def test_later_digests_cover_only_what_is_new(app, runner, outbox, news, make_subscriber):
    make_subscriber("a@example.org")
    runner.invoke(args=["kd", "send-digest"])
    with app.app_context(), db.transaction():
        db.session.add(Story(slug="a-newer-story", title="A newer story", state=ModerationState.APPROVED,
                             published_at=utcnow()))
    assert runner.invoke(args=["kd", "send-digest"]).exit_code == 0
    latest = outbox()[-1].get_body(("plain",)).get_content()
    assert "A newer story" in latest and "A new story" not in latest and len(outbox()) == 2


def test_nothing_new_sends_nothing(runner, outbox, make_subscriber):
    make_subscriber("a@example.org")
    result = runner.invoke(args=["kd", "send-digest"])
    assert result.exit_code == 0 and "Nothing new" in result.output
    assert outbox() == []
