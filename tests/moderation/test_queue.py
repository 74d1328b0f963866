"""The queue: oldest first, filters in the address, bad filters are a 400 with a message."""
import re

import pytest

from kd.content.states import ModerationState as S


def _titles(page: str) -> list[str]:
    return re.findall(r'<span class="queue-title" lang="[a-z]+">([^<]+)</span>', page)


@pytest.fixture
def waiting(make_profile, make_story, make_revision, member):
    old = make_profile(submitted_by=member, name="Arta Old", age_minutes=300, country_code="DE", tags=["Shkencë"])
    story = make_story(submitted_by=member, title="Middle Story", age_minutes=200, language="sq", country_code="CH")
    live = make_story(submitted_by=member, state=S.APPROVED, title="Live Story", country_code="DE")
    make_profile(submitted_by=member, state=S.DRAFT, name="Draft Person")
    make_profile(submitted_by=member, name="Besim New", age_minutes=10, country_code="CH")
    revision = make_revision(live, {"title": "Live Story, edited"}, submitted_by=member)
    return old, story, live, revision


def test_queue_lists_waiting_items_oldest_first(client, login, editor, waiting):
    login(editor)
    page = client.get("/editor/queue").get_data(as_text=True)
    assert _titles(page) == ["Arta Old", "Middle Story", "Besim New", "Live Story"]
    assert "Draft Person" not in page
    assert "4 items waiting" in page


@pytest.mark.parametrize("query, expected", [
    ("type=profile", ["Arta Old", "Besim New"]),
    ("type=story", ["Middle Story"]),
    ("type=revision", ["Live Story"]),
    ("tag=shkence", ["Arta Old"]),
    ("tag=Shkenc%C3%AB", ["Arta Old"]),
    ("country=DE", ["Arta Old", "Live Story"]),
    ("country=de", ["Arta Old", "Live Story"]),
    ("language=sq", ["Middle Story"]),
    ("type=profile&country=CH", ["Besim New"]),
])
def test_queue_filters(client, login, editor, waiting, query, expected):
    login(editor)
    response = client.get(f"/editor/queue?{query}")
    assert response.status_code == 200
    assert _titles(response.get_data(as_text=True)) == expected


@pytest.mark.parametrize("query", ["type=poem", "tag=no-such-tag", "country=QQ", "language=de", "page=abc",
                                   "page=0", "tag=" + "x" * 200])
def test_bad_filters_are_a_400_with_a_message(client, login, editor, waiting, query):
    login(editor)
    response = client.get(f"/editor/queue?{query}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Arta Old" not in page
    if not query.startswith("page"):
        assert "These filters cannot be used" in page


def test_queue_is_paginated_and_keeps_filters(app, client, login, editor, make_profile, member):
    app.config["QUEUE_PER_PAGE"] = 2
    for minutes in (30, 20, 10):
        make_profile(submitted_by=member, age_minutes=minutes, country_code="SE")
    login(editor)
    first = client.get("/editor/queue?country=SE").get_data(as_text=True)
    assert "Page 1 of 2" in first and "country=SE" in first and len(_titles(first)) == 2
    assert len(_titles(client.get("/editor/queue?country=SE&page=2").get_data(as_text=True))) == 1


def test_only_editors_see_the_queue(client, login, member):
    assert client.get("/editor/queue").status_code == 302
    login(member)
    assert client.get("/editor/queue").status_code == 403
    assert client.get("/editor/").status_code == 403


def test_dashboard_counts_waiting_items(client, login, editor, waiting):
    login(editor)
    page = client.get("/editor/").get_data(as_text=True)
    assert re.search(r"<strong>2</strong> profiles waiting for review", page)
    assert re.search(r"<strong>1</strong> story waiting for review", page)
    assert re.search(r"<strong>1</strong> edit of published content", page)
    assert re.search(r"<strong>0</strong> open reports", page)
