"""'Who achieved it': search and pick published profiles without JavaScript (Find), and the type-ahead's JSON."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from kd import db
from kd.content.states import ModerationState as S
from kd.stories.models import Story
from tests.profiles.conftest import story_form


@pytest.fixture
def member(make_user, login):
    user = make_user()
    login(user)
    return user


@pytest.fixture
def people(make_profile, make_user):
    other = make_user()
    return {
        "celik": make_profile(other, state=S.APPROVED, name="Arbër Çelik", headline="Architect", field="arts",
                              country_code="AT", municipality="peja"),
        "drita": make_profile(other, state=S.APPROVED, name="Drita Krasniqi", field="medicine",
                              country_code="CH", municipality="prishtina"),
        "hidden": make_profile(other, state=S.SUBMITTED, name="Celik Hidden"),
    }


def _box(page: str, profile_id: int) -> str | None:
    match = re.search(rf'<input[^>]*name="profile_ids"[^>]*value="{profile_id}"[^>]*>', page)
    return match.group(0) if match else None


def _find(post, text: str, chosen=(), **fields):
    return post("/my/stories/new", story_form(chosen, action="find", profile_search=text, **fields))


def test_find_lists_matching_published_profiles_as_checkboxes_and_keeps_the_text(app, member, people, post):
    response = _find(post, "celik", title="Typed <title>", field="", country_code="", municipality="")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _box(page, people["celik"].id) and "checked" not in _box(page, people["celik"].id)
    assert "Arbër Çelik · Architect" in page and _box(page, people["hidden"].id) is None
    assert _box(page, people["drita"].id) is None
    assert 'value="Typed &lt;title&gt;"' in page and 'value="celik"' in page
    assert "1 published profile matches" in page
    with app.app_context():
        assert db.session.scalars(select(Story)).all() == []


def test_a_chosen_profile_stays_chosen_through_another_search_and_gives_its_place(member, people, post):
    page = _find(post, "drita", chosen=[people["celik"].id], field="", country_code="",
                 municipality="").get_data(as_text=True)
    assert "checked" in _box(page, people["celik"].id) and "checked" not in _box(page, people["drita"].id)
    assert '<option selected value="arts">' in page and '<option selected value="AT">' in page
    assert '<option selected value="peja">' in page


def test_the_members_own_place_is_not_overwritten(member, people, post):
    page = _find(post, "x", chosen=[people["celik"].id], field="medicine", country_code="",
                 municipality="").get_data(as_text=True)
    assert '<option selected value="medicine">' in page and '<option selected value="AT">' in page


def test_saving_with_an_empty_place_takes_the_chosen_profiles(app, member, people, post):
    data = story_form([people["drita"].id], field="", country_code="", municipality="")
    assert post("/my/stories/new", data).status_code == 302
    with app.app_context():
        story = db.session.scalars(select(Story)).one()
        assert (story.field, story.country_code, story.municipality) == ("medicine", "CH", "prishtina")


def test_no_match_is_said_with_the_text_escaped(member, people, post):
    page = _find(post, "<b>nobody</b>").get_data(as_text=True)
    assert "No published profile matches “&lt;b&gt;nobody&lt;/b&gt;”." in page


def test_a_too_long_search_is_a_400_next_to_the_field(member, people, post, client):
    response = _find(post, "x" * 161)
    assert response.status_code == 400 and 'id="profile_search-error"' in response.get_data(as_text=True)
    answer = client.get("/my/stories/find-profiles?q=" + "x" * 161)
    assert answer.status_code == 400 and "at most 160" in answer.get_json()["error"]


def test_find_needs_the_csrf_token(member, people, client):
    assert client.post("/my/stories/new", data=story_form(action="find", profile_search="celik")).status_code == 400


def test_the_type_ahead_answers_with_published_profiles_and_their_places(member, people, client):
    answer = client.get("/my/stories/find-profiles?q=CELIK").get_json()
    assert answer == {"profiles": [{"id": people["celik"].id, "name": "Arbër Çelik", "headline": "Architect",
                                    "field": "arts", "country_code": "AT", "municipality": "peja"}]}
    assert client.get("/my/stories/find-profiles?q=100%25").get_json() == {"profiles": []}


def test_the_type_ahead_is_for_confirmed_members(make_user, login, client):
    assert client.get("/my/stories/find-profiles?q=a").status_code == 302
    login(make_user(confirmed=False))
    assert client.get("/my/stories/find-profiles?q=a").status_code == 403


def test_the_form_loads_the_type_ahead_script_and_works_without_it(member, client):
    page = client.get("/my/stories/new").get_data(as_text=True)
    assert '<script src="/static/js/profile-finder.js" defer></script>' in page
    assert '<button type="submit" name="action" value="find"' in page


def test_a_member_with_many_profiles_gets_the_latest_few_as_checkboxes_and_finds_the_rest(member, make_profile,
                                                                                          client, post):
    mine = [make_profile(member, state=S.APPROVED, name=f"Volunteer Entry {number:02d}") for number in range(12)]
    listed = client.get("/my/stories/new").get_data(as_text=True)
    assert [profile.id for profile in mine if _box(listed, profile.id)] == [profile.id for profile in mine[-8:]]
    found = _find(post, "entry 01", chosen=[mine[0].id]).get_data(as_text=True)
    assert _box(found, mine[1].id) and "checked" in _box(found, mine[0].id)  # an older one, found and kept


def test_finding_profiles_does_not_use_up_the_submission_limit(app, member, people, post):
    app.config["SUBMIT_RATE_LIMIT"] = "2 per hour"
    for text in ("celik", "drita", "krasniqi", "arbër"):
        assert _find(post, text).status_code == 200
    assert post("/my/stories/new", story_form([people["celik"].id], title="One")).status_code == 302
    assert post("/my/stories/new", story_form([people["celik"].id], title="Two")).status_code == 302
    assert post("/my/stories/new", story_form([people["celik"].id], title="Three")).status_code == 429
