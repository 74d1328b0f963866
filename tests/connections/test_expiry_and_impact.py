"""Expiry after 30 days unanswered, the follow-up two weeks after an introduction, and /impact."""
from __future__ import annotations

import re
from datetime import timedelta

from babel import dates as babel_dates

from kd import db
from kd.connections.models import IntroductionRequest, Outcome, RequestState
from kd.db import utcnow
from tests.conftest import mail_link


def _age(app, request_id: int, **days_ago) -> None:
    with app.app_context():
        row = db.session.get(IntroductionRequest, request_id)
        for column, days in days_ago.items():
            setattr(row, column, utcnow() - timedelta(days=days))
        db.session.commit()


def test_unanswered_requests_expire_and_the_asker_is_told(app, runner, ask_as, asker, helper_profile, outbox,
                                                          requests_of, make_user, make_profile):
    ask_as(asker, helper_profile)
    [old] = requests_of()
    _age(app, old.id, created_at=31)
    result = runner.invoke(args=["kd", "expire-introductions"])
    assert result.exit_code == 0 and "1 requests expired" in result.output
    assert requests_of()[0].state is RequestState.EXPIRED
    expired = [mail for mail in outbox() if mail["To"] == asker.email]
    assert len(expired) == 1 and "expired" in expired[0]["Subject"]
    assert "0 requests expired" in runner.invoke(args=["kd", "expire-introductions"]).output


def test_a_fresh_request_does_not_expire(app, runner, ask_as, asker, helper_profile, requests_of):
    ask_as(asker, helper_profile)
    _age(app, requests_of()[0].id, created_at=29)
    runner.invoke(args=["kd", "expire-introductions"])
    assert requests_of()[0].is_open


def _introduced(app, client, post, login, ask_as, asker, owner, helper_profile, requests_of, days_ago=15):
    ask_as(asker, helper_profile)
    post("/account/logout")
    login(owner)
    request = requests_of()[0]
    post(f"/my/requests/{request.id}/accept")
    post("/account/logout")
    _age(app, request.id, created_at=days_ago + 2, answered_at=days_ago)
    return request


def test_two_weeks_after_an_introduction_both_are_asked_whether_it_helped(app, client, runner, post, login, ask_as,
                                                                          asker, owner, helper_profile, outbox,
                                                                          requests_of):
    request = _introduced(app, client, post, login, ask_as, asker, owner, helper_profile, requests_of)
    assert "1 introductions followed up" in runner.invoke(args=["kd", "expire-introductions"]).output
    follow_ups = [mail for mail in outbox() if "help?" in mail["Subject"]]
    assert sorted(mail["To"] for mail in follow_ups) == sorted([asker.email, owner.email])
    to_asker = next(mail for mail in follow_ups if mail["To"] == asker.email)
    yes = mail_link(to_asker, "/introductions/outcome/")
    assert yes.endswith("/yes")
    assert client.get(yes).status_code == 200
    assert requests_of()[0].asker_outcome is None  # opening the link changes nothing
    assert post(yes).status_code == 302
    assert requests_of()[0].asker_outcome is Outcome.YES
    assert post(re.sub(r"/yes$", "/not_yet", yes)).status_code == 302
    assert requests_of()[0].asker_outcome is Outcome.NOT_YET and requests_of()[0].owner_outcome is None
    assert "0 introductions followed up" in runner.invoke(args=["kd", "expire-introductions"]).output
    with app.app_context():
        assert db.session.get(IntroductionRequest, request.id).follow_up_sent_at is not None


def test_a_tampered_outcome_link_is_refused(client, post):
    assert post("/introductions/outcome/not-a-token/yes").status_code == 400
    assert client.get("/introductions/outcome/not-a-token/no").status_code == 400
    assert client.get("/introductions/outcome/x/maybe").status_code == 404


def test_impact_counts_per_month_without_personal_data(app, client, runner, post, login, ask_as, asker, owner,
                                                       helper_profile, outbox, requests_of):
    request = _introduced(app, client, post, login, ask_as, asker, owner, helper_profile, requests_of, days_ago=1)
    with app.app_context():
        row = db.session.get(IntroductionRequest, request.id)
        row.asker_outcome = Outcome.YES
        db.session.commit()
    page = client.get("/impact").get_data(as_text=True)
    month = (utcnow() - timedelta(days=3)).strftime("%B %Y")  # in words, as the reader's language says it
    cells = "".join(f'<td data-label="{label}">1</td>' for label in ("Requests", "Answered", "Introductions", "Helped"))
    assert f'<th scope="row">{month}</th>{cells}' in page, page
    assert "Median time to an answer: 2.0 days." in page
    for personal in (asker.email, owner.email, "Arben", "Drita"):
        assert personal not in page
    in_albanian = client.get("/impact", headers={"Accept-Language": "sq"}).get_data(as_text=True)
    assert babel_dates.format_date(utcnow() - timedelta(days=3), "LLLL y", locale="sq") in in_albanian
