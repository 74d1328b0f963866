import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from kd.content.states import ModerationState


@pytest.fixture
def spec(client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    return document


def _check(spec: dict, path: str, response) -> None:
    """The response matches the OpenAPI description of path for its status code."""
    answer = spec["paths"][path]["get"]["responses"][str(response.status_code)]
    schema = {**answer["content"]["application/json"]["schema"], "components": spec["components"]}
    Draft202012Validator(schema).validate(response.get_json())


def test_lists_only_approved_content_and_match_the_description(client, spec, make_content):
    make_content(name="Approved Person", title="Approved Story")
    for state in (ModerationState.SUBMITTED, ModerationState.REJECTED, ModerationState.UNPUBLISHED,
                  ModerationState.DRAFT, ModerationState.WITHDRAWN):
        make_content(state=state, name=f"Hidden {state.value}", title=f"Hidden {state.value}")
    profiles = client.get("/api/v1/profiles")
    stories = client.get("/api/v1/stories")
    _check(spec, "/profiles", profiles)
    _check(spec, "/stories", stories)
    assert [p["name"] for p in profiles.get_json()["data"]] == ["Approved Person"]
    assert [s["title"] for s in stories.get_json()["data"]] == ["Approved Story"]
    assert "Hidden" not in profiles.get_data(as_text=True) + stories.get_data(as_text=True)


def test_items_and_unapproved_items(client, spec, make_content):
    profile_slug, story_slug = make_content()
    hidden_profile, hidden_story = make_content(state=ModerationState.SUBMITTED)
    story = client.get(f"/api/v1/stories/{story_slug}")
    _check(spec, "/stories/{slug}", story)
    assert "<script>" not in story.get_json()["body_html"]
    assert story.get_json()["profiles"] == [profile_slug]
    _check(spec, "/profiles/{slug}", client.get(f"/api/v1/profiles/{profile_slug}"))
    for url in (f"/api/v1/stories/{hidden_story}", f"/api/v1/profiles/{hidden_profile}"):
        missing = client.get(url)
        assert missing.status_code == 404
        _check(spec, "/stories/{slug}", missing)


def test_filters_and_pagination(client, spec, make_content):
    make_content(country="DE", field="medicine", tags=("Mjekësi",))
    make_content(country="CH", field="sport", tags=("Sport",))
    make_content(country="CH", field="music", tags=("Muzikë",))
    assert client.get("/api/v1/profiles?country=ch").get_json()["meta"]["total"] == 2
    assert client.get("/api/v1/stories?tag=mjekesi").get_json()["meta"]["total"] == 1
    assert client.get("/api/v1/stories?field=sport&country=CH").get_json()["meta"]["total"] == 1
    assert client.get("/api/v1/stories?municipality=gjakova").get_json()["meta"]["total"] == 3
    assert client.get("/api/v1/stories?updated_since=2999-01-01").get_json()["meta"]["total"] == 0
    first = client.get("/api/v1/profiles?per_page=2").get_json()
    assert first["meta"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}
    assert "page=2" in first["links"]["next"] and first["links"]["prev"] is None
    assert len(client.get(first["links"]["next"]).get_json()["data"]) == 1
    tags = client.get("/api/v1/tags")
    _check(spec, "/tags", tags)
    assert {tag["slug"]: tag["stories"] for tag in tags.get_json()["data"]} == {"mjekesi": 1, "sport": 1, "muzike": 1}


@pytest.mark.parametrize("query", ["page=0", "page=abc", "per_page=1000", "country=QQ", "field=astrology",
                                   "municipality=belgrade", "updated_since=yesterday", "kind=robot", "page=%C2%B2",
                                   "per_page=%C2%B2", "tag=%00"])
def test_bad_parameters_get_a_json_400(client, spec, query):
    response = client.get(f"/api/v1/profiles?{query}")
    assert response.status_code == 400
    _check(spec, "/profiles", response)
    assert response.get_json()["error"]["message"]


def test_etag_304_and_cors(client, make_content):
    make_content()
    first = client.get("/api/v1/stories")
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/v1/stories", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    make_content()
    assert client.get("/api/v1/stories", headers={"If-None-Match": first.headers["ETag"]}).status_code == 200
    preflight = client.options("/api/v1/stories", headers={"Origin": "https://association.example",
                                                           "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200 and preflight.headers["Access-Control-Allow-Origin"] == "*"
