"""Follow and unfollow each kind of target from its page; hostile or hidden targets are a 404, never a row."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kd import db
from kd.content.states import ModerationState
from kd.follows.models import Follow, FollowPreference, Frequency

PAGES = [  # kind, key, the page with the button
    ("tag", "mjekesi", "/tags/mjekesi"),
    ("country", "de", "/diaspora/de"),
    ("municipality", "gjakova", "/from/gjakova"),
    ("field", "medicine", "/fields/medicine"),
    ("profile", "person-1", "/people/person-1"),
    ("collection", "doctors", "/collections/doctors"),
]


@pytest.fixture
def world(make_content, make_collection):
    make_content()
    make_collection("doctors", "story-1")


def follow_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Follow))


@pytest.mark.parametrize(("kind", "key", "page"), PAGES)
def test_a_member_follows_and_unfollows_from_the_page(app, client, world, make_user, login, post, kind, key, page):
    login(make_user())
    html = client.get(page).get_data(as_text=True)
    assert f'action="/follows/{kind}/{key}"' in html and ">Follow</button>" in html
    response = post(f"/follows/{kind}/{key}", {"next": page})
    assert response.status_code == 302 and response.headers["Location"].endswith(page)
    html = client.get(page).get_data(as_text=True)
    assert "You follow" in html and ">Unfollow</button>" in html
    with app.app_context():
        follow = db.session.scalars(select(Follow)).one()
        assert follow.kind.value == kind
    listing = client.get("/follows").get_data(as_text=True)
    assert f'href="{page}"' in listing
    response = post(f"/follows/{follow.id}/remove", {"next": page})
    assert response.status_code == 302 and response.headers["Location"].endswith(page)
    assert "You no longer follow" in client.get(page).get_data(as_text=True)
    assert follow_count(app) == 0


def test_following_twice_keeps_one_follow(app, world, make_user, login, post):
    login(make_user())
    post("/follows/municipality/gjakova")
    post("/follows/municipality/gjakova")
    assert follow_count(app) == 1


def test_visitors_are_asked_to_log_in(client, world, post):
    html = client.get("/from/gjakova").get_data(as_text=True)
    assert "Log in to follow" in html and "/follows/municipality" not in html
    response = post("/follows/municipality/gjakova")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_the_button_needs_its_csrf_token(app, client, world, make_user, login):
    login(make_user())
    assert client.post("/follows/municipality/gjakova").status_code == 400
    assert follow_count(app) == 0


def test_an_unconfirmed_member_is_told_to_confirm_first(app, client, world, make_user, login, post):
    login(make_user(confirmed=False))
    response = post("/follows/field/medicine", {"next": "/fields/medicine"}, follow_redirects=True)
    assert "confirm your email address" in response.get_data(as_text=True)
    assert follow_count(app) == 0


@pytest.mark.parametrize("path", [
    "/follows/tag/no-such-tag", "/follows/tag/draft-only", "/follows/country/zz", "/follows/country/eu",
    "/follows/municipality/belgrade", "/follows/field/astrology", "/follows/profile/person-2",
    "/follows/profile/nobody", "/follows/collection/draft", "/follows/collection/nothing",
    "/follows/tag/" + "x" * 5000, "/follows/country/%00", "/follows/field/%ff%fe", "/follows/profile/-1",
    "/follows/person/person-1", "/follows/9223372036854775808/remove", "/follows/1/remove",
])
def test_hostile_or_hidden_targets_are_not_found(app, world, make_content, make_collection, make_user, login, post,
                                                 path):
    make_content(state=ModerationState.SUBMITTED, tags=("Draft only",))  # person-2, story-2 and tag draft-only
    make_collection("draft", "story-1", published=False)
    login(make_user())
    assert post(path, {"next": "/"}).status_code in (400, 404)
    assert follow_count(app) == 0


def test_nobody_removes_another_members_follow(app, world, make_user, login, post, follow):
    owner = make_user()
    follow(owner, "field", "medicine")
    with app.app_context():
        follow_id = db.session.scalar(select(Follow.id))
    login(make_user())
    assert post(f"/follows/{follow_id}/remove").status_code == 404
    assert follow_count(app) == 1


def test_the_return_address_stays_on_the_site(world, make_user, login, post):
    login(make_user())
    response = post("/follows/field/medicine", {"next": "https://evil.example/phish"})
    assert response.headers["Location"].endswith("/follows")


def test_the_follows_page_holds_the_digest_frequency(app, client, world, make_user, login, post):
    member = make_user()
    login(member)
    assert 'selected value="weekly"' in client.get("/follows").get_data(as_text=True)
    assert post("/follows", {"frequency": "daily"}).status_code == 302
    assert 'selected value="daily"' in client.get("/follows").get_data(as_text=True)
    assert post("/follows", {"frequency": "hourly"}).status_code == 400
    with app.app_context():
        assert db.session.get(FollowPreference, member.id).frequency is Frequency.DAILY


def test_the_follows_page_is_for_members(client):
    response = client.get("/follows")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_a_follow_of_something_unpublished_since_is_listed_without_its_name(app, client, world, make_user, login,
                                                                             post, follow):
    member = make_user()
    follow(member, "profile", "person-1")
    with app.app_context(), db.transaction():
        from kd.profiles.models import Profile

        db.session.scalars(select(Profile)).first().state = ModerationState.UNPUBLISHED
    login(member)
    html = client.get("/follows").get_data(as_text=True)
    assert "Person 1" not in html and "no longer published" in html
