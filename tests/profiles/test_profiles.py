from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.models import Revision, RevisionState
from kd.content.states import ModerationState as S
from kd.content.workflow import transition
from kd.profiles.models import Profile
from kd.profiles.services import apply_revision_data
from tests.profiles.conftest import profile_form, reload


def _only_profile() -> Profile:
    return db.session.scalars(select(Profile)).one()


def test_member_saves_a_draft_with_every_field(app, make_user, login, post):
    member = make_user()
    login(member)
    response = post("/my/profiles/new", profile_form(name="Arbër Çelik"))
    assert response.status_code == 302
    with app.app_context():
        profile = _only_profile()
        assert (profile.state, profile.slug, profile.name_folded) == (S.DRAFT, "arber-celik", "arber celik")
        assert (profile.field, profile.country_code, profile.municipality) == ("medicine", "CH", "prishtina")
        assert profile.links == ["https://example.org/drita"]
        assert [tag.name for tag in profile.tags] == ["Medicine", "Zürich"]
        assert profile.owner_id == member.id and profile.submitted_by_id == member.id
        assert "profiles.created" in db.session.scalars(select(AuditEntry.action)).all()
    assert response.headers["Location"].endswith(f"/my/profiles/{profile.id}/edit")


def test_submit_for_review_sends_it_to_the_editors(app, make_user, login, post):
    login(make_user())
    response = post("/my/profiles/new", profile_form(action="submit"))
    assert response.headers["Location"].endswith("/people/drita-krasniqi")
    with app.app_context():
        profile = _only_profile()
        assert profile.state is S.SUBMITTED and profile.submitted_at is not None


def test_unconfirmed_member_cannot_create(app, make_user, login, client, post):
    login(make_user(confirmed=False))
    assert client.get("/my/profiles/new").status_code == 403
    assert post("/my/profiles/new", profile_form(action="submit")).status_code == 403
    with app.app_context():
        assert db.session.scalars(select(Profile)).all() == []


def test_visitor_is_sent_to_log_in(client):
    response = client.get("/my/profiles/new")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_other_member_cannot_edit_submit_or_withdraw(app, make_user, make_profile, login, client, post):
    profile = make_profile(make_user())
    login(make_user())
    assert client.get(f"/my/profiles/{profile.id}/edit").status_code == 403
    assert post(f"/my/profiles/{profile.id}/edit", profile_form(name="Taken")).status_code == 403
    assert post(f"/my/profiles/{profile.id}/submit").status_code == 403
    assert post(f"/my/profiles/{profile.id}/withdraw").status_code == 403
    with app.app_context():
        assert reload(Profile, profile.id).state is S.DRAFT


def test_submitting_twice_is_refused(app, make_user, make_profile, login, post):
    member = make_user()
    profile = make_profile(member)
    login(member)
    assert post(f"/my/profiles/{profile.id}/submit").status_code == 302
    response = post(f"/my/profiles/{profile.id}/submit")
    assert response.status_code == 400
    assert "waiting for review" in response.get_data(as_text=True)


def test_editing_a_submitted_profile_is_refused(make_user, make_profile, login, post):
    member = make_user()
    profile = make_profile(member, state=S.SUBMITTED)
    login(member)
    assert post(f"/my/profiles/{profile.id}/edit", profile_form()).status_code == 400


def test_editing_a_draft_changes_the_row_and_its_slug(app, make_user, make_profile, login, post):
    member = make_user()
    profile = make_profile(member, owner_id=member.id)
    login(member)
    assert post(f"/my/profiles/{profile.id}/edit", profile_form(name="Vjosa Gashi")).status_code == 302
    with app.app_context():
        edited = reload(Profile, profile.id)
        assert (edited.name, edited.slug, edited.state) == ("Vjosa Gashi", "vjosa-gashi", S.DRAFT)
        assert db.session.scalars(select(Revision)).all() == []


def test_editing_published_profile_makes_a_revision_and_keeps_the_live_version(
        app, make_user, make_profile, login, client, post):
    member = make_user()
    profile = make_profile(member, state=S.APPROVED, name="Drita Krasniqi", owner_id=member.id)
    login(member)
    assert post(f"/my/profiles/{profile.id}/edit", profile_form(name="Drita K.", headline="First")).status_code == 302
    response = post(f"/my/profiles/{profile.id}/edit", profile_form(name="Drita Krasniqi-Berisha", headline="Second"))
    assert response.headers["Location"].endswith("/my/submissions")
    with app.app_context():
        live = reload(Profile, profile.id)
        assert (live.name, live.headline, live.state) == ("Drita Krasniqi", "", S.APPROVED)
        revisions = db.session.scalars(select(Revision).order_by(Revision.id)).all()
        assert [r.state for r in revisions] == [RevisionState.SUPERSEDED, RevisionState.PENDING]
        assert revisions[1].subject_type == "profile" and revisions[1].data["headline"] == "Second"
    page = client.get(f"/people/{profile.slug}").get_data(as_text=True)
    assert "Drita Krasniqi" in page and "Second" not in page
    assert 'value="Second"' in client.get(f"/my/profiles/{profile.id}/edit").get_data(as_text=True)


def test_apply_revision_data_writes_the_revision_onto_the_row(app, make_user, make_profile, login, post):
    member = make_user()
    profile = make_profile(member, state=S.APPROVED, owner_id=member.id)
    login(member)
    post(f"/my/profiles/{profile.id}/edit", profile_form(name="Ilir Berisha", tags="sport, Tenis", links=""))
    with app.app_context():
        revision = db.session.scalars(select(Revision)).one()
        live = reload(Profile, profile.id)
        apply_revision_data(live, revision.data)
        db.session.commit()
        applied = reload(Profile, profile.id)
        assert (applied.name, applied.name_folded, applied.links) == ("Ilir Berisha", "ilir berisha", [])
        assert [tag.name for tag in applied.tags] == ["Sport", "Tenis"]
        assert applied.slug == profile.slug


def test_withdrawing_a_published_profile_hides_it_at_once(app, make_user, make_profile, login, client, post):
    member = make_user()
    profile = make_profile(member, state=S.APPROVED)
    assert client.get(f"/people/{profile.slug}").status_code == 200
    login(member)
    assert post(f"/my/profiles/{profile.id}/withdraw").status_code == 302
    with app.app_context():
        assert reload(Profile, profile.id).state is S.WITHDRAWN
    post("/account/logout")
    anonymous = app.test_client()
    assert anonymous.get(f"/people/{profile.slug}").status_code == 404


def test_form_with_errors_keeps_every_value_and_marks_each_field(app, make_user, login, post):
    login(make_user())
    bad = profile_form(name="", headline="Still here", links="javascript:alert(1)", city="Zurich",
                       kind="person", about="other", nominator_relation="", subject_email="not-an-address",
                       bio="My *draft* text", tags="one, two")
    response = post("/my/profiles/new", bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    for kept in ('value="Still here"', 'value="Zurich"', "javascript:alert(1)</textarea>", 'value="not-an-address"',
                 "My *draft* text</textarea>", 'value="one, two"', '<option selected value="CH">',
                 'checked id="about-1"'):
        assert kept in page, kept
    for field in ("name", "links", "nominator_relation", "subject_email"):
        assert f'id="{field}-error"' in page and f'aria-describedby="{field}-hint {field}-error"' in page \
            or f'aria-describedby="{field}-error"' in page, field
    with app.app_context():
        assert db.session.scalars(select(Profile)).all() == []


def test_links_must_be_web_addresses_and_at_most_five(make_user, login, post):
    login(make_user())
    for links in ("data:text/html,hi", "ftp://example.org", "\n".join(f"https://e.org/{n}" for n in range(6))):
        assert post("/my/profiles/new", profile_form(links=links)).status_code == 400


def test_unknown_choices_are_a_400_not_a_500(make_user, login, post):
    login(make_user())
    for bad in ({"country_code": "QQ"}, {"municipality": "atlantis"}, {"field": "x"}, {"kind": "robot"}):
        assert post("/my/profiles/new", profile_form(**bad)).status_code == 400


def test_honeypot_refuses_and_stores_nothing(app, make_user, login, post):
    login(make_user())
    assert post("/my/profiles/new", profile_form(website="http://spam.example")).status_code == 400
    with app.app_context():
        assert db.session.scalars(select(Profile)).all() == []


def test_honeypot_is_labelled_and_hidden_by_css(make_user, login, client):
    login(make_user())
    page = client.get("/my/profiles/new").get_data(as_text=True)
    assert 'class="hp-field"' in page and "Leave this empty" in page


def test_submissions_are_rate_limited_per_member(app, make_user, login, post):
    app.config["SUBMIT_RATE_LIMIT"] = "2 per hour"
    login(make_user())
    assert post("/my/profiles/new", profile_form(name="One")).status_code == 302
    assert post("/my/profiles/new", profile_form(name="Two")).status_code == 302
    assert post("/my/profiles/new", profile_form(name="Three")).status_code == 429
    with app.app_context():
        assert len(db.session.scalars(select(Profile)).all()) == 2


def test_xss_in_every_text_field_is_escaped(app, make_user, login, client, post):
    member = make_user()
    login(member)
    attack = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    post("/my/profiles/new", profile_form(name=attack, headline=attack, city=attack, tags=attack, bio=attack,
                                          action="submit"))
    with app.app_context():
        profile = _only_profile()
    page = client.get(f"/people/{profile.slug}").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    form_page = client.get("/my/submissions").get_data(as_text=True)
    assert "<script>alert(1)" not in form_page


def test_my_submissions_lists_state_and_editors_message(app, make_user, make_profile, login, client):
    member = make_user()
    make_profile(member, name="Returned One", state=S.CHANGES_REQUESTED, moderation_message="Add a source, please.")
    make_profile(member, name="Live One", state=S.APPROVED)
    make_profile(make_user(), name="Not Mine")
    login(member)
    page = client.get("/my/submissions").get_data(as_text=True)
    assert "Returned One" in page and "changes requested" in page and "Add a source, please." in page
    assert "Live One" in page and "published" in page
    assert "Not Mine" not in page


def test_editor_cannot_approve_own_and_another_editor_can(app, make_user, make_profile):
    from kd.accounts.models import Role
    editor, other_editor = make_user(role=Role.EDITOR), make_user(role=Role.EDITOR)
    profile = make_profile(editor, state=S.SUBMITTED)
    with app.app_context():
        live = reload(Profile, profile.id)
        transition(live, "approve", other_editor)
        assert live.state is S.APPROVED
