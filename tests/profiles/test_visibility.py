import pytest

from kd.accounts.models import Role
from kd.content.states import ModerationState as S
from kd.profiles.models import ProfileKind
from tests.conftest import CSRF_PATTERN, PASSWORD


def client_of(app, user=None):
    """A browser of its own, logged in as user (or anonymous)."""
    browser = app.test_client()
    if user is not None:
        token = CSRF_PATTERN.search(browser.get("/account/login").get_data(as_text=True)).group(1)
        response = browser.post("/account/login", data={"csrf_token": token, "email": user.email,
                                                         "password": PASSWORD})
        assert response.status_code == 302
    return browser


@pytest.mark.parametrize("state", list(S))
def test_who_sees_a_profile_in_each_state(app, make_user, make_profile, state):
    owner, other, editor = make_user(), make_user(), make_user(role=Role.EDITOR)
    profile = make_profile(owner, state=state, name="Drita Krasniqi")
    public = state is S.APPROVED
    expected = {None: public, other: public, owner: True, editor: True}
    for viewer, may_see in expected.items():
        response = client_of(app, viewer).get(f"/people/{profile.slug}")
        assert response.status_code == (200 if may_see else 404), (state, viewer)
        if may_see:
            assert ("Not published — preview" in response.get_data(as_text=True)) is not public


def test_claimed_owner_sees_the_unpublished_profile(app, make_user, make_profile):
    person = make_user()
    profile = make_profile(make_user(), state=S.SUBMITTED, owner_id=person.id)
    assert client_of(app, person).get(f"/people/{profile.slug}").status_code == 200


def test_each_kind_has_its_address_and_others_redirect(app, make_profile):
    group = make_profile(state=S.APPROVED, kind=ProfileKind.GROUP, name="Band")
    organisation = make_profile(state=S.APPROVED, kind=ProfileKind.ORGANISATION, name="Org")
    browser = app.test_client()
    assert browser.get(f"/groups/{group.slug}").status_code == 200
    assert browser.get(f"/organisations/{organisation.slug}").status_code == 200
    wrong = browser.get(f"/people/{group.slug}")
    assert wrong.status_code == 301 and wrong.headers["Location"].endswith(f"/groups/{group.slug}")
    assert browser.get("/people/nobody-here").status_code == 404
    assert browser.get("/groups/%00%ff").status_code == 404


def test_hidden_profile_of_the_wrong_kind_is_a_404_not_a_redirect(app, make_profile):
    group = make_profile(state=S.SUBMITTED, kind=ProfileKind.GROUP)
    assert app.test_client().get(f"/people/{group.slug}").status_code == 404


def test_public_page_shows_markdown_places_tags_links_and_stories(app, make_profile, make_story):
    from kd import db
    from kd.profiles.models import Profile
    from kd.tags.services import tags_for
    profile = make_profile(state=S.APPROVED, name="Drita Krasniqi", bio="She **leads** [a lab](https://lab.example)",
                           country_code="DE", municipality="gjakova", field="science",
                           links=["https://drita.example"])
    with app.app_context():
        live = db.session.get(Profile, profile.id)
        live.tags = tags_for(["Shkencë"])
        db.session.commit()
    make_story(state=S.APPROVED, profiles=[profile], title="The published story")
    make_story(state=S.DRAFT, profiles=[profile], title="The draft story")
    page = app.test_client().get(f"/people/{profile.slug}").get_data(as_text=True)
    assert "<strong>leads</strong>" in page and 'href="https://lab.example" rel="nofollow ugc"' in page
    for shown in ("Germany", "Gjakova", "Science and research", "Shkencë", "https://drita.example",
                  "The published story"):
        assert shown in page, shown
    assert "The draft story" not in page


def test_home_page_cards_link_to_public_pages(app, make_profile, make_story):
    profile = make_profile(state=S.APPROVED, name="Linked Person")
    story = make_story(state=S.APPROVED, profiles=[profile])
    page = app.test_client().get("/").get_data(as_text=True)
    assert f'href="/people/{profile.slug}"' in page or f'href="http://kd.test/people/{profile.slug}"' in page
    assert f'/stories/{story.slug}"' in page
