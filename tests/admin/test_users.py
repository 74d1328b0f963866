from sqlalchemy import select

from kd import db
from kd.accounts.models import Role, User
from kd.audit.models import AuditEntry


def _admin(make_user, login):
    admin = make_user(role=Role.ADMIN, display_name="Main Admin")
    login(admin)
    return admin


def test_admin_searches_users_by_name_or_email(client, login, make_user):
    _admin(make_user, login)
    make_user(display_name="Blerta Hoxha", email="blerta@example.org")
    make_user(display_name="Ilir Morina", email="ilir@kd.example.org")
    page = client.get("/admin/users?q=HOXHA").get_data(as_text=True)
    assert "Blerta Hoxha" in page and "Ilir Morina" not in page
    page = client.get("/admin/users?q=kd.example.org").get_data(as_text=True)
    assert "Ilir Morina" in page and "Blerta Hoxha" not in page
    assert "No user matches" in client.get("/admin/users?q=%25_").get_data(as_text=True)


def test_user_list_is_paginated(app, client, login, make_user):
    app.config["USERS_PER_PAGE"] = 2
    _admin(make_user, login)
    for _ in range(3):
        make_user()
    first = client.get("/admin/users").get_data(as_text=True)
    assert "Page 1 of 2" in first
    assert client.get("/admin/users?page=2").status_code == 200
    assert client.get("/admin/users?page=abc").status_code == 400
    assert client.get("/admin/users?page=0").status_code == 400


def test_admin_changes_a_role_and_it_is_recorded(app, login, make_user, post):
    admin = _admin(make_user, login)
    member = make_user()
    response = post(f"/admin/users/{member.id}/role", {"role": "editor"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, member.id).role is Role.EDITOR
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "user.role_changed")).one()
        assert (entry.actor_id, entry.subject_id) == (admin.id, member.id)
        assert entry.details == {"old": "member", "new": "editor"}
        assert entry.created_at is not None


def test_unknown_role_is_a_400(app, login, make_user, post):
    _admin(make_user, login)
    member = make_user()
    assert post(f"/admin/users/{member.id}/role", {"role": "overlord"}).status_code == 400
    with app.app_context():
        assert db.session.get(User, member.id).role is Role.MEMBER


def test_admin_cannot_remove_the_last_admin(app, login, make_user, post):
    admin = _admin(make_user, login)
    response = post(f"/admin/users/{admin.id}/role", {"role": "member"})
    assert response.status_code == 400
    assert "last active admin" in response.get_data(as_text=True)
    assert post(f"/admin/users/{admin.id}/disable").status_code == 400
    with app.app_context():
        stored = db.session.get(User, admin.id)
        assert stored.role is Role.ADMIN and not stored.disabled


def test_with_a_second_admin_the_first_can_step_down(app, login, make_user, post):
    admin = _admin(make_user, login)
    make_user(role=Role.ADMIN)
    assert post(f"/admin/users/{admin.id}/role", {"role": "editor"}).status_code == 302
    with app.app_context():
        assert db.session.get(User, admin.id).role is Role.EDITOR


def test_disabled_account_is_logged_out_and_can_be_enabled(app, login, make_user, post):
    _admin(make_user, login)
    member = make_user()
    member_client = app.test_client()
    token = __import__("re").search(r'name="csrf_token" value="([^"]+)"',
                                    member_client.get("/account/login").get_data(as_text=True)).group(1)
    member_client.post("/account/login", data={"csrf_token": token, "email": member.email,
                                               "password": "correct horse battery"})
    assert member_client.get("/account/settings").status_code == 200
    assert post(f"/admin/users/{member.id}/disable").status_code == 302
    assert member_client.get("/account/settings").status_code == 302
    assert post(f"/admin/users/{member.id}/enable").status_code == 302
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions == ["user.disabled", "user.enabled"]


def test_unknown_user_is_a_404(client, login, make_user):
    _admin(make_user, login)
    assert client.get("/admin/users/999999").status_code == 404


def _history(page: str) -> str:
    history = page[page.index('<ul class="history">'):]
    return history[:history.index("</ul>")]


def test_history_is_shown_on_the_user_page_in_words(client, login, make_user, post):
    _admin(make_user, login)
    member = make_user()
    post(f"/admin/users/{member.id}/role", {"role": "editor"})
    history = _history(client.get(f"/admin/users/{member.id}").get_data(as_text=True))
    assert "Main Admin changed the role from Member to Editor." in history
    assert "user.role_changed" not in history and "old:" not in history


def test_user_page_tells_what_an_editor_did_in_the_admins_language(client, login, make_user, make_story, post):
    """The history an admin reads uses the review page's sentences, names the item and quotes the message."""
    from kd.content.states import ModerationState
    editor = make_user(role=Role.EDITOR, display_name="Drita")
    author = make_user(display_name="Arben")
    story = make_story(submitted_by=author, state=ModerationState.SUBMITTED, title="A concert in Prishtina")
    login(editor)
    post(f"/editor/review/story/{story.id}/decide", {"decision": "request_changes", "message": "Name the hall."})
    admin = make_user(role=Role.ADMIN, display_name="Main Admin", locale="sq")
    login(admin)
    history = _history(client.get(f"/admin/users/{editor.id}").get_data(as_text=True))
    assert "Drita kërkoi ndryshime:" in history and "<blockquote>Name the hall.</blockquote>" in history
    assert "A concert in Prishtina" in history
    assert "request_changes" not in history and "changes_requested" not in history
