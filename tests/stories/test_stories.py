from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.content.models import Revision, RevisionState
from kd.content.states import ModerationState as S
from kd.content.workflow import transition
from kd.stories.models import Story, StorySource
from kd.stories.services import apply_revision_data
from tests.profiles.conftest import reload, story_form
from tests.profiles.test_visibility import client_of


def _only_story() -> Story:
    return db.session.scalars(select(Story)).one()


@pytest.fixture
def member(make_user):
    return make_user()


@pytest.fixture
def own_profile(member, make_profile):
    return make_profile(member, name="Drita Krasniqi")


def test_member_writes_a_story_with_sources_profiles_and_tags(app, member, own_profile, make_profile, login, post):
    published = make_profile(state=S.APPROVED, name="Published Band")
    login(member)
    response = post("/my/stories/new", story_form([own_profile.id, published.id], **{
        "title": "Një çmim për Dritën", "sources-1-url": "https://second.example", "sources-1-title": ""}))
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        story = _only_story()
        assert (story.slug, story.state, story.achieved_on) == ("nje-cmim-per-driten", S.DRAFT, date(2024, 5, 31))
        assert [p.id for p in story.profiles] == [own_profile.id, published.id]
        assert [(s.url, s.title, s.position) for s in story.sources] == [
            ("https://news.example.org/prize", "The prize", 0), ("https://second.example", "", 1)]
        assert [t.name for t in story.tags] == ["Science"]


def test_story_submitted_for_review(app, member, own_profile, login, post):
    login(member)
    response = post("/my/stories/new", story_form([own_profile.id], action="submit"))
    assert response.headers["Location"].endswith("/stories/a-prize-for-heart-research")
    with app.app_context():
        assert _only_story().state is S.SUBMITTED


def test_someone_elses_unpublished_profile_cannot_be_linked(app, member, make_user, make_profile, login, post):
    hidden = make_profile(make_user(), state=S.SUBMITTED)
    login(member)
    page = post("/my/stories/new", story_form([hidden.id])).get_data(as_text=True)
    assert 'id="profile_ids-error"' in page
    with app.app_context():
        assert db.session.scalars(select(Story)).all() == []


@pytest.mark.parametrize(("overrides", "field"), [
    ({"achieved_on": (date.today() + timedelta(days=2)).isoformat()}, "achieved_on"),
    ({"achieved_on": "31/05/2024"}, "achieved_on"),
    ({"sources-0-url": "javascript:alert(1)"}, "sources-0-url"),
    ({"sources-0-url": "", "sources-0-title": "Only a title"}, "sources-0-title"),
    ({"title": ""}, "title"),
    ({"profile_ids": []}, "profile_ids"),
    ({"profile_ids": ["abc"]}, "profile_ids"),
])
def test_bad_values_come_back_with_the_error_next_to_the_field(app, member, own_profile, login, post, overrides,
                                                               field):
    login(member)
    response = post("/my/stories/new", {**story_form([own_profile.id], summary="Typed summary"), **overrides})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'id="{field}-error"' in page
    assert "Typed summary</textarea>" in page and 'value="A prize for heart research"' in page or field == "title"
    with app.app_context():
        assert db.session.scalars(select(Story)).all() == []


def test_form_with_errors_keeps_every_value(member, own_profile, login, post):
    login(member)
    data = story_form([own_profile.id], title="", body="My *long* story", city="Bern",
                      **{"sources-2-url": "https://third.example", "sources-2-title": "Third"})
    page = post("/my/stories/new", data).get_data(as_text=True)
    for kept in ("My *long* story</textarea>", 'value="Bern"', 'value="https://third.example"', 'value="Third"',
                 'value="2024-05-31"', 'value="science"',
                 f'checked id="profile_ids-0" name="profile_ids" type="checkbox" value="{own_profile.id}">'):
        assert kept in page, kept


def test_editing_published_story_makes_a_revision(app, member, own_profile, make_story, login, client, post):
    story = make_story(member, state=S.APPROVED, profiles=[own_profile], title="Live title")
    login(member)
    response = post(f"/my/stories/{story.id}/edit", story_form([own_profile.id], title="New title"))
    assert response.headers["Location"].endswith("/my/submissions")
    with app.app_context():
        assert reload(Story, story.id).title == "Live title"
        revision = db.session.scalars(select(Revision)).one()
        assert (revision.subject_type, revision.state) == ("story", RevisionState.PENDING)
        live = reload(Story, story.id)
        apply_revision_data(live, revision.data)
        db.session.commit()
        applied = reload(Story, story.id)
        assert applied.title == "New title" and applied.achieved_on == date(2024, 5, 31)
        assert [s.url for s in applied.sources] == ["https://news.example.org/prize"]
        assert db.session.scalars(select(StorySource)).all() == applied.sources
    assert "Your changes of" in client.get("/my/submissions").get_data(as_text=True)


def test_editing_a_draft_changes_it_in_place(app, member, own_profile, make_story, login, post):
    story = make_story(member, profiles=[own_profile])
    login(member)
    assert post(f"/my/stories/{story.id}/edit", story_form([own_profile.id], title="Better")).status_code == 302
    with app.app_context():
        assert (reload(Story, story.id).title, reload(Story, story.id).slug) == ("Better", "better")


def test_other_member_and_unconfirmed_member_are_refused(app, member, own_profile, make_story, make_user, login,
                                                         client, post):
    story = make_story(member, profiles=[own_profile])
    login(make_user())
    assert client.get(f"/my/stories/{story.id}/edit").status_code == 403
    assert post(f"/my/stories/{story.id}/submit").status_code == 403
    assert post(f"/my/stories/{story.id}/withdraw").status_code == 403
    login(make_user(confirmed=False))
    assert client.get("/my/stories/new").status_code == 403


def test_submit_twice_and_withdraw(app, member, own_profile, make_story, login, post):
    story = make_story(member, profiles=[own_profile])
    login(member)
    assert post(f"/my/stories/{story.id}/submit").status_code == 302
    assert post(f"/my/stories/{story.id}/submit").status_code == 400
    assert post(f"/my/stories/{story.id}/withdraw").status_code == 302
    with app.app_context():
        assert reload(Story, story.id).state is S.WITHDRAWN


@pytest.mark.parametrize("state", list(S))
def test_who_sees_a_story_in_each_state(app, make_user, make_story, state):
    owner, other, editor = make_user(), make_user(), make_user(role=Role.EDITOR)
    story = make_story(owner, state=state)
    public = state is S.APPROVED
    for viewer, may_see in {None: public, other: public, owner: True, editor: True}.items():
        response = client_of(app, viewer).get(f"/stories/{story.slug}")
        assert response.status_code == (200 if may_see else 404), (state, viewer)


def test_public_story_shows_evidence_verification_and_visible_profiles(app, make_profile, make_story):
    shown = make_profile(state=S.APPROVED, name="Shown Person")
    hidden = make_profile(state=S.DRAFT, name="Hidden Person")
    story = make_story(state=S.APPROVED, profiles=[shown, hidden], body="A *great* day",
                       verified_on=date(2025, 3, 1), achieved_on=date(2024, 1, 2))
    page = app.test_client().get(f"/stories/{story.slug}").get_data(as_text=True)
    assert "Verified on 1 March 2025" in page and "<em>great</em>" in page
    assert 'href="https://news.example.org/a" rel="nofollow ugc noopener">Press</a>' in page
    assert "Shown Person" in page and "Hidden Person" not in page


def test_xss_in_story_fields_is_escaped(app, member, own_profile, login, client, post):
    login(member)
    attack = "<script>alert(1)</script>"
    post("/my/stories/new", story_form([own_profile.id], title=attack, summary=attack, body=attack, city=attack,
                                       tags=attack, **{"sources-0-title": attack}))
    with app.app_context():
        story = _only_story()
    for path in (f"/stories/{story.slug}", "/my/submissions", f"/my/stories/{story.id}/edit"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert(1)" not in page and "&lt;script&gt;" in page, path


def test_honeypot_and_rate_limit_cover_stories(app, member, own_profile, login, post):
    app.config["SUBMIT_RATE_LIMIT"] = "2 per hour"
    login(member)
    assert post("/my/stories/new", story_form([own_profile.id], website="x")).status_code == 400
    assert post("/my/stories/new", story_form([own_profile.id], title="One")).status_code == 302
    assert post("/my/stories/new", story_form([own_profile.id], title="Two")).status_code == 429
    with app.app_context():
        assert [s.title for s in db.session.scalars(select(Story))] == ["One"]


def test_approved_story_is_shown_once_an_editor_approves(app, member, own_profile, make_user, login, post):
    editor = make_user(role=Role.EDITOR)
    login(member)
    post("/my/stories/new", story_form([own_profile.id], action="submit"))
    with app.app_context():
        story = _only_story()
        assert app.test_client().get(f"/stories/{story.slug}").status_code == 404
        transition(story, "approve", editor)
        db.session.commit()
    assert app.test_client().get(f"/stories/{story.slug}").status_code == 200


def test_service_refuses_to_link_someone_elses_hidden_profile(app, member, make_user, make_profile):
    from kd.stories.services import StoryError, create_story
    hidden = make_profile(make_user(), state=S.DRAFT)
    with app.test_request_context():
        data = {"title": "Sneaky", "profile_ids": [hidden.id], "sources": [], "tags": []}
        with pytest.raises(StoryError):
            create_story(db.session.merge(member), data)


def test_the_form_lists_own_profiles_and_takes_others_by_address(app, client, member, own_profile, make_profile,
                                                                  login, post):
    old = make_profile(state=S.APPROVED, name="Older Published")
    make_profile(state=S.APPROVED, name="Someone Else")
    login(member)
    form_page = client.get("/my/stories/new").get_data(as_text=True)
    assert own_profile.name in form_page and "Older Published" not in form_page  # others are found by name
    refused = post("/my/stories/new", story_form([own_profile.id], other_profiles="https://kd.test/people/nobody"))
    assert refused.status_code == 400 and "No published profile has the address" in refused.get_data(as_text=True)
    assert "https://kd.test/people/nobody" in refused.get_data(as_text=True)  # kept for correcting
    done = post("/my/stories/new", story_form([], other_profiles=f"https://kd.test/people/{old.slug}"))
    assert done.status_code == 302
    with app.app_context():
        assert [profile.name for profile in _only_story().profiles] == ["Older Published"]


def test_a_submission_with_new_tags_and_sources_leaves_visitors_cached_pages_alone(app, member, own_profile,
                                                                                   login, post):
    visitor = app.test_client()
    visitor.get("/")
    visitor.get("/")  # a worker's memory cache keeps a page the second time it is rendered
    assert visitor.get("/").headers.get("X-Cache") == "hit"
    login(member)
    form = story_form([own_profile.id], action="submit", tags="brand new tag, another new one")
    assert post("/my/stories/new", form).status_code == 302
    assert visitor.get("/").headers.get("X-Cache") == "hit"
