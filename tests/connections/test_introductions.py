"""Asking for an introduction and the owner's answers: nothing about the owner reaches the asker before
acceptance; other people's requests do not exist for anyone else."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.audit.models import AuditEntry
from kd.connections.models import HelpOffer, RequestState
from kd.content.states import ModerationState
from tests.connections.conftest import ASK


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _to(outbox, address: str) -> list:
    return [message for message in outbox() if message["To"] == address]


def _audited(app, action: str) -> int:
    with app.app_context():
        return len(list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action))))


@pytest.fixture
def asked(app, ask_as, asker, helper_profile, requests_of, post, login, owner):
    """Arben asked Drita; Drita is logged in."""
    assert ask_as(asker, helper_profile).status_code == 302
    post("/account/logout")
    login(owner)
    return requests_of()[0]


def test_asking_mails_the_owner_and_tells_the_asker_nothing_of_the_owner(app, client, ask_as, asker, owner,
                                                                         helper_profile, outbox, requests_of):
    page = client.get(f"/people/{helper_profile.slug}").get_data(as_text=True)
    assert "Ask for an introduction" in page and owner.email not in page
    response = ask_as(asker, helper_profile)
    assert response.status_code == 302 and response.headers["Location"].endswith("/my/requests")
    [request] = requests_of()
    assert request.state is RequestState.OPEN and request.asker_id == asker.id and request.owner_id == owner.id
    [mail] = outbox()
    assert mail["To"] == owner.email and "Arben Asker" in mail["Subject"]
    body = _text(mail)
    assert ASK["request"] in body and f"/my/requests/{request.id}" in body and asker.email not in body
    mine = client.get("/my/requests").get_data(as_text=True)
    assert "Waiting for an answer" in mine and owner.email not in mine and "Drita Owner" not in mine
    assert _audited(app, "connections.asked") == 1


def test_the_form_needs_consent_and_limits_and_keeps_what_was_typed(client, ask_as, asker, helper_profile,
                                                                     requests_of):
    response = ask_as(asker, helper_profile, consent="")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Please agree before you send the request." in page
    assert ASK["about_asker"] in page and ASK["request"] in page
    response = ask_as(asker, helper_profile, request="Help?", reason="x" * 1001)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Write 20 to 1500 characters." in page and "Write 10 to 1000" in page
    assert requests_of() == []


def test_only_confirmed_members_ask_and_never_themselves(client, login, post, make_user, owner, helper_profile):
    assert client.get(f"/introductions/ask/{helper_profile.id}").status_code == 302  # to log in
    login(make_user(confirmed=False))
    assert client.get(f"/introductions/ask/{helper_profile.id}").status_code == 403
    post("/account/logout")
    login(owner)
    assert client.get(f"/introductions/ask/{helper_profile.id}").status_code == 403
    assert post(f"/introductions/ask/{helper_profile.id}", ASK).status_code == 403
    assert client.get("/introductions/ask/999999").status_code == 404


def test_unowned_unpublished_and_paused_profiles_cannot_be_asked(app, client, ask_as, asker, make_profile,
                                                                  make_user, helper_profile, requests_of):
    nominated = make_profile(submitted_by=make_user(), state=ModerationState.APPROVED, is_nomination=True,
                             subject_email="someone@example.org")
    draft = make_profile(submitted_by=asker, owner_id=None)
    with app.app_context():
        db.session.add(HelpOffer(profile_id=nominated.id, kinds=["mentoring"]))
        db.session.get(HelpOffer, helper_profile.id).paused = True
        db.session.commit()
    assert "Ask for an introduction" not in client.get(f"/people/{nominated.slug}").get_data(as_text=True)
    assert ask_as(asker, nominated).status_code == 400
    page = client.get(f"/introductions/ask/{nominated.id}").get_data(as_text=True)
    assert "You cannot ask this profile" in page
    assert ask_as(asker, helper_profile).status_code == 400
    assert "paused" in client.get(f"/people/{helper_profile.slug}").get_data(as_text=True)
    assert client.get(f"/introductions/ask/{draft.id}").status_code == 404
    assert requests_of() == []


def test_accepting_sends_each_the_others_address(app, client, post, asked, owner, asker, outbox, requests_of):
    assert client.get(f"/my/requests/{asked.id}").status_code == 200
    assert post(f"/my/requests/{asked.id}/accept").status_code == 302
    assert requests_of()[0].state is RequestState.INTRODUCED
    [to_asker] = _to(outbox, asker.email)
    [_request, to_owner] = _to(outbox, owner.email)
    assert owner.email in _text(to_asker) and asker.email in _text(to_owner)
    assert post(f"/my/requests/{asked.id}/accept").status_code == 400  # answered already
    assert _audited(app, "connections.accepted") == 1


def test_declining_keeps_the_reason_unless_the_owner_shares_it(client, post, asked, asker, outbox, requests_of):
    assert post(f"/my/requests/{asked.id}/decline", {"reason": "Too busy with my clinic"}).status_code == 302
    [declined] = _to(outbox, asker.email)
    assert "declined" in _text(declined) and "Too busy" not in _text(declined)
    assert requests_of()[0].state is RequestState.DECLINED


def test_a_shared_reason_is_passed_on_and_a_block_stops_asking_again(client, post, login, ask_as, asked, asker,
                                                                     outbox, helper_profile, requests_of):
    response = post(f"/my/requests/{asked.id}/decline", {"reason": "Ask me in spring", "share": "y", "block": "y"})
    assert response.status_code == 302
    assert "Ask me in spring" in _text(_to(outbox, asker.email)[0])
    assert ask_as(asker, helper_profile).status_code == 400
    assert len(requests_of()) == 1


def test_a_long_decline_reason_is_a_400_with_the_text_kept(post, asked, requests_of):
    response = post(f"/my/requests/{asked.id}/decline", {"reason": "Kept " + "x" * 300})
    assert response.status_code == 400 and "Kept xxx" in response.get_data(as_text=True)
    assert requests_of()[0].is_open


def test_reporting_goes_to_the_editors_who_can_stop_the_member(app, client, post, login, make_user, ask_as,
                                                               asked, asker, outbox, helper_profile):
    editor = make_user(role=Role.EDITOR, email="editor@example.org")
    assert post(f"/my/requests/{asked.id}/report", {"note": "Spam"}).status_code == 302
    assert [mail["To"] for mail in outbox()][-1] == editor.email
    assert not _to(outbox, asker.email)  # the asker is not told of a report
    post("/account/logout")
    login(editor)
    desk = client.get("/editor/introductions").get_data(as_text=True)
    assert "Arben Asker" in desk and ASK["request"] in desk and "Spam" in desk
    assert post(f"/editor/introductions/members/{asker.id}/suspend", {"note": "Spam"}).status_code == 302
    assert post("/editor/introductions/members/999999/suspend").status_code == 404
    other_profile_owner = make_user()
    with app.app_context():
        from kd.profiles.models import Profile
        profile = db.session.get(Profile, helper_profile.id)
        profile.owner_id = other_profile_owner.id  # someone who did not block Arben
        db.session.commit()
    assert ask_as(asker, helper_profile).status_code == 403
    post("/account/logout")
    login(editor)
    assert post(f"/editor/introductions/members/{asker.id}/lift").status_code == 302
    assert _audited(app, "connections.suspended") == 1 and _audited(app, "connections.suspension_lifted") == 1


def test_an_editor_marks_a_report_dealt_with_and_the_dashboard_counts_the_rest(app, client, post, login, make_user,
                                                                              asked, asker):
    editor = make_user(role=Role.EDITOR, email="editor@example.org")
    post(f"/my/requests/{asked.id}/report", {"note": "Spam"})
    post("/account/logout")
    assert post(f"/editor/introductions/{asked.id}/handled").status_code in (302, 401, 403)  # not an editor
    login(editor)
    assert "<strong>1</strong> reported introduction request" in client.get("/editor/").get_data(as_text=True)
    assert post(f"/editor/introductions/{asked.id}/handled").status_code == 302
    desk = client.get("/editor/introductions").get_data(as_text=True)
    assert "Dealt with" in desk and "Mark as dealt with" not in desk
    assert "<strong>0</strong> reported introduction requests" in client.get("/editor/").get_data(as_text=True)
    again = post(f"/editor/introductions/{asked.id}/handled", follow_redirects=True)
    assert "An editor has dealt with this report already." in again.get_data(as_text=True)
    assert post("/editor/introductions/999999/handled").status_code == 404
    assert _audited(app, "connections.report_handled") == 1


def test_a_request_that_was_not_reported_cannot_be_marked_dealt_with(client, post, login, make_user, asked):
    post("/account/logout")
    login(make_user(role=Role.EDITOR))
    response = post(f"/editor/introductions/{asked.id}/handled", follow_redirects=True)
    assert "This request was not reported." in response.get_data(as_text=True)


def test_other_peoples_requests_are_not_found(client, post, login, make_user, asked, asker):
    post("/account/logout")
    for user in (asker, make_user(), make_user(role=Role.EDITOR)):
        login(user)
        assert client.get(f"/my/requests/{asked.id}").status_code == 404
        for move in ("accept", "decline", "report"):
            assert post(f"/my/requests/{asked.id}/{move}").status_code == 404
        post("/account/logout")
    login(make_user())
    assert post(f"/my/requests/sent/{asked.id}/withdraw").status_code == 404
    assert client.get("/my/requests/99999999").status_code == 404


def test_the_asker_withdraws(client, post, login, asked, asker, requests_of):
    post("/account/logout")
    login(asker)
    assert post(f"/my/requests/sent/{asked.id}/withdraw").status_code == 302
    assert requests_of()[0].state is RequestState.WITHDRAWN
    assert post(f"/my/requests/sent/{asked.id}/withdraw").status_code == 400


def test_a_member_may_have_only_so_many_open_requests(app, ask_as, asker, make_user, make_profile, requests_of):
    app.config["INTRODUCTION_OPEN_LIMIT"] = 1
    profiles = []
    for _ in range(2):
        owner = make_user()
        profile = make_profile(submitted_by=owner, state=ModerationState.APPROVED, owner_id=owner.id)
        with app.app_context():
            db.session.add(HelpOffer(profile_id=profile.id, kinds=["advising"]))
            db.session.commit()
        profiles.append(profile)
    assert ask_as(asker, profiles[0]).status_code == 302
    response = ask_as(asker, profiles[1])
    assert response.status_code == 400 and "at most 1 unanswered" in response.get_data(as_text=True)
    assert ask_as(asker, profiles[0]).status_code == 400  # asked already
    assert len(requests_of()) == 1


def test_asking_is_rate_limited(app, ask_as, asker, helper_profile):
    app.config["INTRODUCTION_RATE_LIMIT"] = "2 per day"
    assert ask_as(asker, helper_profile, consent="").status_code == 400
    assert ask_as(asker, helper_profile, consent="").status_code == 400
    assert ask_as(asker, helper_profile).status_code == 429


def test_the_asker_of_a_reported_request_reads_declined(client, post, login, asked, asker):
    post(f"/my/requests/{asked.id}/report", {"note": "Spam"})
    post("/account/logout")
    login(asker)
    page = client.get("/my/requests").get_data(as_text=True)
    assert "Declined" in page and "Reported" not in page
