import json
import re

import pytest
from sqlalchemy import select

from kd import db
from kd.accounts.models import Role, User
from kd.audit.models import AuditEntry
from kd.audit.services import record
from kd.content.models import Revision
from kd.content.states import ModerationState
from kd.media.models import Photo
from kd.privacy import queries, services
from kd.profiles.models import Profile
from kd.stories.models import Story
from tests.conftest import PASSWORD


def _delete(post, password=PASSWORD, hand_over=()):
    return post("/account/delete", {"password": password, "hand_over": list(hand_over)})


def _ticked(page: str, key: str) -> bool:
    checkbox = re.search(rf'<input type="checkbox"[^>]*value="{key}"[^>]*>', page)
    assert checkbox, key
    return " checked" in checkbox.group(0)


def _get(app, model, row_id):
    with app.app_context():
        row = db.session.get(model, row_id)
        if row is not None:
            db.session.expunge(row)
        return row


def _audit(app) -> list[AuditEntry]:
    with app.app_context():
        entries = list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        for entry in entries:
            db.session.expunge(entry)
        return entries


@pytest.fixture
def member(make_user):
    return make_user(display_name="Drita Krasniqi", email="drita@example.org", locale="en")


@pytest.fixture
def content(member, make_user, make_profile, make_story, make_photo):
    """The member's own profile and stories, two nominations and a story about others, and another
    member's story that names the member."""
    other = make_user(display_name="Arta Other")
    own = make_profile(member, name="Drita Krasniqi")
    kept = make_profile(member, name="Valon Berisha", about="nomination")
    dropped = make_profile(member, name="Gentiana Morina", about="nomination")
    return {
        "own": own, "kept": kept, "dropped": dropped,
        "own_story": make_story(member, title="Drita wins a prize", profiles=[own]),
        "kept_story": make_story(member, title="Valon opens a clinic", profiles=[kept]),
        "draft": make_story(member, title="Half written", state=ModerationState.DRAFT),
        "theirs": make_story(other, title="Drita and Arta in Zurich", profiles=[own]),
        "own_photo": make_photo(own, member, color="#d0a650"),
        "dropped_photo": make_photo(dropped, member, color="#aa0000"),
        "kept_photo": make_photo(kept, member, color="#00aa00"),
    }


def test_the_page_lists_what_goes_and_what_may_be_handed_over(member, content, login, client):
    login(member)
    page = client.get("/account/delete").get_data(as_text=True)
    assert "<h1>Delete my account</h1>" in page
    removed = page[page.index("Removed with your account"):page.index("Published content about others")]
    assert "Drita Krasniqi" in removed and "Drita wins a prize" in removed and "Half written" in removed
    assert f'value="profile:{content["kept"].id}"' in page and f'value="story:{content["kept_story"].id}"' in page
    assert f'value="profile:{content["own"].id}"' not in page
    assert 'for="hand_over-1"' in page and 'autocomplete="current-password"' in page


def test_deleting_removes_own_content_hands_over_the_chosen_and_logs_out(
        app, member, content, login, post, client, stored_keys, find, outbox):
    with app.app_context(), db.transaction():
        user = db.session.get(User, member.id)
        record(user, "user.email_changed", user, old="old-drita@example.org", new=member.email)
        record(user, "user.settings_changed", user, display_name="Drita Krasniqi")
        db.session.add(Revision(subject_type="profile", subject_id=content["own"].id, data={"bio": "Mine"},
                                submitted_by_id=member.id))
    assert find("Gentiana") and find("prize") and f"stories:{content['theirs'].id}" in find("Krasniqi")
    login(member)

    response = _delete(post, hand_over=[f"profile:{content['kept'].id}", f"story:{content['kept_story'].id}"])

    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Your account is deleted" in client.get("/").get_data(as_text=True)
    assert _get(app, User, member.id) is None
    for name in ("own", "dropped", "own_story", "draft"):
        assert _get(app, type(content[name]), content[name].id) is None, name
    for name in ("kept", "kept_story"):
        handed = _get(app, type(content[name]), content[name].id)
        assert handed.state is ModerationState.APPROVED and handed.submitted_by_id is None
    assert _get(app, Profile, content["kept"].id).owner_id is None
    with app.app_context():
        theirs = db.session.get(Story, content["theirs"].id)
        assert theirs.state is ModerationState.APPROVED and theirs.profiles == []
        assert db.session.scalars(select(Revision)).all() == []
        assert [photo.id for photo in db.session.scalars(select(Photo))] == [content["kept_photo"].id]
    files = stored_keys()
    assert not files & set(content["own_photo"].keys + content["dropped_photo"].keys)
    assert set(content["kept_photo"].keys) <= files
    assert find("Gentiana") == set() and find("prize") == set() and find("Krasniqi") == set() and find("Valon")


def test_the_audit_log_keeps_the_events_without_personal_data(app, member, content, login, post):
    with app.app_context(), db.transaction():
        user = db.session.get(User, member.id)
        record(user, "user.email_changed", user, old="old-drita@example.org", new=member.email)
    login(member)
    _delete(post, hand_over=[f"profile:{content['kept'].id}"])

    entries = _audit(app)
    [deleted] = [entry for entry in entries if entry.action == "user.deleted"]
    assert (deleted.subject_type, deleted.subject_id, deleted.actor_id) == ("users", member.id, None)
    assert deleted.details == {"removed": 5, "handed_over": 1}
    actions = [entry.action for entry in entries]
    assert "user.email_changed" in actions and "profiles.handed_to_editors" in actions
    text = json.dumps([entry.details for entry in entries])
    assert "drita@example.org" not in text and "Drita" not in text and "Gentiana" not in text
    assert all(entry.actor_id is None for entry in entries)


def test_a_confirmation_goes_to_the_old_address(member, content, login, post, outbox):
    login(member)
    _delete(post)
    [message] = [mail for mail in outbox() if mail["To"] == "drita@example.org"]
    assert message["Subject"] == "Your KD account is deleted"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "6 profiles or stories were removed." in body and "0 published items" in body


def test_the_deleted_member_can_no_longer_log_in(app, member, login, post, client):
    login(member)
    _delete(post)
    assert client.get("/account/settings").status_code == 302
    response = post("/account/login", {"email": member.email, "password": PASSWORD})
    assert response.status_code == 400 and "email address or password is not right" in response.get_data(as_text=True)


def test_a_nomination_claimed_by_its_person_stays_theirs(app, member, make_user, make_profile, login, post, client):
    nominee = make_user(display_name="Valon Berisha")
    claimed = make_profile(member, name="Valon Berisha", about="nomination", owner_id=nominee.id)
    login(member)
    assert "Staying with the person they are about" in client.get("/account/delete").get_data(as_text=True)
    _delete(post)
    profile = _get(app, Profile, claimed.id)
    assert (profile.owner_id, profile.submitted_by_id, profile.state) == (nominee.id, None, ModerationState.APPROVED)


def test_a_wrong_password_changes_nothing_and_keeps_the_choices(app, member, content, login, post, client,
                                                                stored_keys):
    files = stored_keys()
    login(member)
    key = f"profile:{content['kept'].id}"
    response = _delete(post, password="not my password", hand_over=[key])
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Your password is not right." in page
    assert _ticked(page, key) and not _ticked(page, f"story:{content['kept_story'].id}")
    assert _get(app, User, member.id) is not None and _get(app, Profile, content["own"].id) is not None
    assert stored_keys() == files and client.get("/account/settings").status_code == 200


def test_a_failure_half_way_leaves_nothing_deleted(app, member, content, stored_keys, monkeypatch):
    def fail(_gone):
        raise RuntimeError("disk full")

    files = stored_keys()
    monkeypatch.setattr(services, "_scrub_audit_details", fail)
    with app.test_request_context(), pytest.raises(RuntimeError), db.transaction():
        services.delete_account(db.session.get(User, member.id), PASSWORD)
    assert _get(app, User, member.id) is not None
    for name in ("own", "dropped", "own_story", "draft"):
        assert _get(app, type(content[name]), content[name].id) is not None, name
    assert stored_keys() == files


def test_deleting_needs_login(client):
    response = client.get("/account/delete")
    assert response.status_code == 302 and response.headers["Location"].startswith("/account/login?next=")


def test_deleting_needs_the_csrf_token(app, member, login, client):
    login(member)
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 400 and _get(app, User, member.id) is not None


def test_the_last_admin_cannot_delete_their_account(app, make_user, login, post, client):
    admin = make_user(role=Role.ADMIN)
    login(admin)
    page = client.get("/account/delete").get_data(as_text=True)
    assert "You are the last active admin" in page and 'name="password"' not in page
    response = _delete(post)
    assert response.status_code == 400 and "last active admin" in response.get_data(as_text=True)
    assert _get(app, User, admin.id) is not None


def test_an_admin_with_a_colleague_may_delete_their_account(app, make_user, login, post):
    make_user(role=Role.ADMIN)
    admin = make_user(role=Role.ADMIN)
    login(admin)
    assert _delete(post).status_code == 302 and _get(app, User, admin.id) is None


def test_the_plan_sorts_each_kind_of_content(app, member, make_user, make_profile, make_story):
    other = make_user()
    group = make_profile(member, name="Diaspora Choir", about="group")
    waiting = make_profile(member, name="Not Yet", about="nomination", state=ModerationState.SUBMITTED)
    claimed_by_member = make_profile(other, name="Drita Krasniqi", about="nomination", owner_id=member.id)
    about_member = make_story(member, title="Her award", profiles=[claimed_by_member])
    about_group = make_story(member, title="The choir sings", profiles=[group])
    with app.app_context():
        plan = queries.deletion_plan(db.session.get(User, member.id))
        assert [queries.subject_key(s) for s in plan.handable] == [f"profile:{group.id}", f"story:{about_group.id}"]
        assert [queries.subject_key(s) for s in plan.removed] == [
            f"profile:{waiting.id}", f"profile:{claimed_by_member.id}", f"story:{about_member.id}"]
        assert plan.kept == []
