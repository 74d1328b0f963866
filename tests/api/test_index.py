"""The API's front door: an index of resources at /api/v1, and JSON (not HTML) for unknown addresses."""
from __future__ import annotations

import pytest

from kd.content.states import ModerationState


@pytest.mark.parametrize("path", ["/api/v1", "/api/v1/"])
def test_index_names_every_resource_and_the_openapi_address(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    assert set(body["resources"]) == {"profiles", "stories", "tags", "collections", "actions"}
    assert body["resources"]["stories"].endswith("/api/v1/stories")
    assert body["openapi"].endswith("/api/v1/openapi.json")


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/api/v1/stories/a/b", "/api/v1/v2/profiles"])
def test_unknown_api_paths_answer_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.is_json
    assert response.get_json()["error"]["code"] == "not_found"


def test_stories_and_profiles_accept_q_for_text_search_of_approved_content(client, make_story, make_profile):
    make_profile(name="Dardan Surgeon")
    make_profile(name="Other Person")
    make_profile(name="Pending Surgeon", state=ModerationState.SUBMITTED)
    make_story(title="A surgeon in Berlin", summary="Surgery")
    make_story(title="A musician in Vienna", summary="Music")
    make_story(title="A pending surgeon", summary="Surgery", state=ModerationState.SUBMITTED)
    stories = client.get("/api/v1/stories?q=surgeon").get_json()
    assert [story["title"] for story in stories["data"]] == ["A surgeon in Berlin"]
    assert stories["meta"]["total"] == 1
    profiles = client.get("/api/v1/profiles?q=surgeon").get_json()
    assert [profile["name"] for profile in profiles["data"]] == ["Dardan Surgeon"]
    assert client.get("/api/v1/profiles?q=surgeon&kind=organisation").get_json()["data"] == []


def test_q_is_described_in_openapi_and_refused_where_unsupported(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in ("/stories", "/profiles"):
        assert "q" in {parameter["name"] for parameter in spec["paths"][path]["get"]["parameters"]}
    assert "/" in spec["paths"]
    assert client.get("/api/v1/actions?q=x").status_code == 400
