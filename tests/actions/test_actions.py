from datetime import date

from sqlalchemy import func, select

from kd import db
from kd.accounts.models import Role
from kd.actions import queries, services
from kd.actions.models import Action, ActionStatus, Participation
from kd.audit.models import AuditEntry
from kd.content.states import ModerationState
from kd.core.errors import PermissionDenied
from tests.conftest import action_fields

NEW_ACTION_FORM = {
    "title_en": "Ask Maps Inc to show Kosovo", "title_sq": "", "target_name": "Maps Inc",
    "target_kind": "company", "target_website": "https://maps.example.com", "problem_en": "Kosovo is not shown.",
    "problem_sq": "", "request_en": "Please show Kosovo.", "request_sq": "Ju lutem tregoni Kosovën.",
    "email_to": "help@maps.example.com", "web_form_url": "", "social_account": "", "social_post_en": "",
    "social_post_sq": "", "hashtag": "#KosovoOnTheMap", "starts_on": "2026-03-01",
}


def _participants(app, action_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Participation)
                                 .where(Participation.action_id == action_id))


def test_editor_publishes_an_action_directly_and_it_is_audited(app, make_user, login, post):
    editor = make_user(role=Role.EDITOR)
    login(editor)
    response = post("/actions/new", NEW_ACTION_FORM)
    assert response.status_code == 302
    with app.app_context():
        action = db.session.scalars(select(Action)).one()
        assert action.state is ModerationState.APPROVED and action.reviewed_by_id == editor.id
        assert action.hashtag == "KosovoOnTheMap" and action.hashtag_slug == "kosovoonthemap"
        assert db.session.scalars(select(AuditEntry.action).where(AuditEntry.subject_type == "actions")).all() \
            == ["actions.created"]
    assert "Ask Maps Inc to show Kosovo" in app.test_client().get(f"/actions/{action.slug}").get_data(as_text=True)


def test_form_errors_come_back_next_to_fields_with_typed_values(make_user, login, post):
    login(make_user(role=Role.EDITOR))
    form = dict(NEW_ACTION_FORM, title_en="", request_en="", request_sq="", email_to="not-an-email",
                web_form_url="javascript:alert(1)", starts_on="31/31/2026", target_name="Typed name")
    response = post("/actions/new", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="title_en-error"' in page and "Write the request in English or in Albanian." in page
    assert 'id="web_form_url-error"' in page and "Enter a date such as 2026-03-31." in page
    assert 'value="Typed name"' in page


def test_member_proposal_waits_for_review_and_is_hidden_from_visitors(app, make_user, login, post, client):
    member = make_user()
    login(member)
    assert post("/actions/new", NEW_ACTION_FORM).status_code == 302
    with app.app_context():
        action = db.session.scalars(select(Action)).one()
        assert action.state is ModerationState.SUBMITTED and action.submitted_by_id == member.id
        slug = action.slug
    assert client.get(f"/actions/{slug}").status_code == 200  # the proposer sees it
    visitor = app.test_client()
    assert visitor.get(f"/actions/{slug}").status_code == 404
    assert slug not in visitor.get("/actions").get_data(as_text=True)


def test_member_cannot_approve_own_proposal_nor_editor_their_own(app, make_user, login, post):
    member = make_user()
    login(member)
    post("/actions/new", NEW_ACTION_FORM)
    with app.app_context():
        action_id = db.session.scalars(select(Action.id)).one()
    assert post(f"/editor/actions/{action_id}/approve", {"message": ""}).status_code == 403
    with app.app_context():
        promoted = db.session.merge(member)
        promoted.role = Role.EDITOR
        db.session.commit()
        action = db.session.get(Action, action_id)
        try:
            services.review_action(action, "approve", promoted)
        except PermissionDenied as refusal:
            assert "Another editor" in refusal.message
        else:
            raise AssertionError("an editor approved their own proposal")
        db.session.rollback()
        assert db.session.get(Action, action_id).state is ModerationState.SUBMITTED


def test_another_editor_approves_a_proposal(app, make_user, login, post, client):
    login(make_user())
    post("/actions/new", NEW_ACTION_FORM)
    client.post("/account/logout", data={})
    editor = make_user(role=Role.EDITOR)
    login(editor)
    with app.app_context():
        action_id = db.session.scalars(select(Action.id)).one()
    assert "Maps Inc" in client.get("/editor/actions").get_data(as_text=True)
    assert post(f"/editor/actions/{action_id}/approve", {"message": ""}).status_code == 302
    with app.app_context():
        action = db.session.get(Action, action_id)
        assert action.state is ModerationState.APPROVED and action.reviewed_by_id == editor.id
    assert app.test_client().get(f"/actions/{action.slug}").status_code == 200


def test_taking_part_twice_says_so_and_counts_once(app, make_user, make_action, login, post, client):
    action = make_action()
    login(make_user())
    first = post(f"/actions/{action.slug}/take-part", {"show_name": "y"}, follow_redirects=True)
    assert "Thank you for taking part!" in first.get_data(as_text=True)
    second = post(f"/actions/{action.slug}/take-part", {"show_name": "y"}, follow_redirects=True)
    assert second.status_code == 200
    assert "You already took part" in second.get_data(as_text=True)
    assert _participants(app, action.id) == 1
    assert "1 member took part." in client.get(f"/actions/{action.slug}").get_data(as_text=True)


def test_taking_part_in_a_closed_or_won_action_is_refused(app, make_user, make_action, login, post):
    closed, won = make_action(status=ActionStatus.CLOSED), make_action(status=ActionStatus.WON)
    login(make_user())
    for action in (closed, won):
        response = post(f"/actions/{action.slug}/take-part", {})
        assert response.status_code == 409
        assert "no longer open" in response.get_data(as_text=True)
        assert _participants(app, action.id) == 0


def test_taking_part_needs_a_confirmed_login(app, make_user, make_action, login, post):
    action = make_action()
    assert post(f"/actions/{action.slug}/take-part", {}).status_code == 302  # to the login page
    login(make_user(confirmed=False))
    assert post(f"/actions/{action.slug}/take-part", {}).status_code == 403
    assert _participants(app, action.id) == 0


def test_only_participants_who_chose_it_are_named(app, make_user, make_action, login, post, client):
    action = make_action()
    shown, hidden = make_user(display_name="Shown Member"), make_user(display_name="Hidden Member")
    for user, data in ((shown, {"show_name": "y"}), (hidden, {})):
        login(user)
        post(f"/actions/{action.slug}/take-part", data)
        client.post("/account/logout", data={})
    page = app.test_client().get(f"/actions/{action.slug}").get_data(as_text=True)
    assert "2 members took part." in page
    assert "Shown Member" in page and "Hidden Member" not in page


def test_request_in_visitor_language_with_other_language_and_mailto(app, make_action):
    action = make_action(title_en="Ask Example Cloud", request_en="Please add Kosovo & more.")
    client = app.test_client()
    client.set_cookie("kd_lang", "sq", domain="kd.test")
    page = client.get(f"/actions/{action.slug}").get_data(as_text=True)
    assert "Ju lutem shtoni Kosovën (XK) në listë." in page
    assert "Please add Kosovo &amp; more." in page  # the other language, escaped
    with app.test_request_context():
        link = queries.mailto_link(action, "en")
    assert link == ("mailto:support@cloud.example.com?subject=Ask%20Example%20Cloud"
                    "&body=Please%20add%20Kosovo%20%26%20more.")


def test_wins_wall_lists_won_actions_newest_first_with_evidence(app, make_action):
    make_action(title_en="Still open")
    make_action(title_en="Older win", status=ActionStatus.WON)
    newer = make_action(title_en="Newer win")
    with app.app_context():
        editor = db.session.scalars(select(AuditEntry)).first().actor
        with db.transaction():
            services.set_status(editor, db.session.get(Action, newer.id), ActionStatus.WON, date(2026, 5, 1),
                                "https://example.com/proof")
    page = app.test_client().get("/actions/wins").get_data(as_text=True)
    assert "Still open" not in page
    assert page.index("Newer win") < page.index("Older win")
    assert "https://example.com/proof" in page


def test_status_won_needs_a_date(app, make_user, make_action, login, post):
    editor = make_user(role=Role.EDITOR)
    action = make_action(editor=editor)
    login(editor)
    response = post(f"/actions/{action.slug}/status", {"status": "won", "won_on": "", "evidence_url": ""})
    assert response.status_code == 400
    assert "Give the date the action was won." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Action, action.id).status is ActionStatus.OPEN


def test_members_cannot_edit_or_change_status(make_user, make_action, login, post, client):
    action = make_action()
    login(make_user())
    assert client.get(f"/actions/{action.slug}/edit").status_code == 403
    assert post(f"/actions/{action.slug}/status", {"status": "closed"}).status_code == 403


def test_editor_edits_an_action(app, make_user, make_action, login, post):
    editor = make_user(role=Role.EDITOR)
    action = make_action(editor=editor)
    login(editor)
    form = dict(NEW_ACTION_FORM, title_en="A better title")
    assert post(f"/actions/{action.slug}/edit", form).status_code == 302
    with app.app_context():
        assert db.session.get(Action, action.id).title_en == "A better title"


def test_hashtag_page_gathers_actions_and_tagged_stories(app, make_action):
    from kd.stories.models import Story
    from kd.tags.services import tags_for

    make_action(title_en="Map action", hashtag="KosovoDeservesVisaFree")
    with app.app_context(), db.transaction():
        db.session.add(Story(slug="visa-story", title="A visa story", state=ModerationState.APPROVED,
                             published_at=db.utcnow(), tags=tags_for(["KosovoDeservesVisaFree"])))
        db.session.add(Story(slug="draft-story", title="A draft story", state=ModerationState.DRAFT,
                             tags=tags_for(["KosovoDeservesVisaFree"])))
    page = app.test_client().get("/hashtags/KosovoDeservesVisaFree").get_data(as_text=True)
    assert "Map action" in page and "A visa story" in page and "A draft story" not in page
    assert 'href="/stories/visa-story"' in page
    assert app.test_client().get("/hashtags/nothing-here").status_code == 404


def test_reserved_words_do_not_become_slugs(app, make_user):
    with app.app_context():
        editor = db.session.merge(make_user(role=Role.EDITOR))
        with db.transaction():
            action = services.create_action(editor, action_fields(title_en="Wins"))
        assert action.slug == "wins-action"


def test_bad_page_number_is_a_400(client):
    assert client.get("/actions?page=abc").status_code == 400


def test_member_action_proposals_are_rate_limited_but_editors_are_not(app, make_user, login, post, client):
    app.config["ACTION_PROPOSAL_RATE_LIMIT"] = "2 per hour"
    login(make_user())
    statuses = [post("/actions/new", dict(NEW_ACTION_FORM, title_en=f"Write to Maps Inc {n}")).status_code
                for n in range(3)]
    assert statuses == [302, 302, 429]
    with app.app_context():
        assert len(db.session.scalars(select(Action)).all()) == 2
    client.post("/account/logout", data={})
    login(make_user(role=Role.EDITOR))
    assert all(post("/actions/new", dict(NEW_ACTION_FORM, title_en=f"Editor action {n}")).status_code == 302
               for n in range(3))
