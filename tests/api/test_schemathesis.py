"""Schemathesis over /api/v1/openapi.json, in-process: generated requests, described answers, never a 500.

Approved and unapproved profiles, stories and collections are present, so lists serialise real rows and
item look-ups meet both kinds. KD_FUZZ_EXAMPLES raises the number of requests per operation.
"""
from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from kd import db
from kd.api.openapi import openapi_document
from kd.collections.models import Collection, CollectionItem
from kd.content.states import ModerationState
from kd.db import transaction, utcnow
from kd.profiles.models import Profile
from kd.stories.models import Story

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES = int(os.environ.get("KD_FUZZ_EXAMPLES", "60"))


@pytest.fixture
def api_content(app, make_content):
    """Slugs of approved and unapproved items of every type the API serves."""
    profile, story = make_content(tags=("Mjekësi", "Sport"))
    hidden_profile, hidden_story = make_content(state=ModerationState.SUBMITTED)
    with app.app_context(), transaction():
        published = Collection(slug="published", title_en="Doctors", title_sq="Mjekë", published_at=utcnow(),
                               items=[_item(Story, story, 0, "Read this"), _item(Profile, profile, 1, ""),
                                      _item(Story, hidden_story, 2, "hidden")])
        db.session.add_all([published, Collection(slug="draft", title_en="Draft", items=[_item(Story, story, 0, "")])])
    return {"profile": profile, "story": story, "collection": "published", "hidden_profile": hidden_profile,
            "hidden_story": hidden_story, "hidden_collection": "draft"}


def _item(model, slug: str, position: int, note: str) -> CollectionItem:
    row = db.session.scalars(db.select(model).where(model.slug == slug)).one()
    key = "story" if model is Story else "profile"
    return CollectionItem(position=position, note=note, **{key: row})


@pytest.fixture
def api_schema(app, api_content):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


# One test per operation and mode, listed from the description itself (a new path is fuzzed automatically).
# (schemathesis.pytest.from_fixture would do this, but its lazy loader breaks on pytest 9's node ids.)
# Negative data (values outside the described types and ranges) only where a query parameter can take it.
PATHS = openapi_document("http://kd.test/api/v1")["paths"]
OPERATIONS = [(path, mode) for path, item in PATHS.items() for mode in GenerationMode
              if mode is GenerationMode.POSITIVE or any(p["in"] == "query" for p in item["get"].get("parameters", []))]


@pytest.mark.parametrize("path, mode", OPERATIONS, ids=[f"{path}-{mode.value}" for path, mode in OPERATIONS])
def test_generated_requests_get_described_answers(api_schema, path, mode):
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.filter_too_much])
    def answers_as_described(case):
        case.call_and_validate(checks=CHECKS)

    answers_as_described()


@pytest.mark.parametrize("path, slug_key, status", [
    ("/profiles/{slug}", "profile", 200), ("/stories/{slug}", "story", 200),
    ("/collections/{slug}", "collection", 200), ("/profiles/{slug}", "hidden_profile", 404),
    ("/stories/{slug}", "hidden_story", 404), ("/collections/{slug}", "hidden_collection", 404),
])
def test_real_items_and_hidden_items_get_described_answers(api_schema, api_content, path, slug_key, status):
    """Generated slugs almost never name a real row: these do, approved and not."""
    case = api_schema[path]["GET"].Case(path_parameters={"slug": api_content[slug_key]})
    response = case.call_and_validate(checks=CHECKS)
    assert response.status_code == status
    assert "hidden" not in response.text  # the collection leaves out its unapproved item and its note


def test_lists_serialise_the_approved_rows(api_schema, api_content):
    for path, key in (("/profiles", "profile"), ("/stories", "story"), ("/collections", "collection")):
        response = api_schema[path]["GET"].Case().call_and_validate(checks=CHECKS)
        assert [item["slug"] for item in response.json()["data"]] == [api_content[key]], path


@pytest.mark.parametrize("since, status", [
    ("9999-12-31T23:59:59-23:59", 400), ("0001-01-01T00:00:00+23:59", 400),  # past the calendar in UTC: were 500s
    ("9999-12-31T23:59:59+23:59", 200), ("0001-01-01T00:00:00-23:59", 200), ("2026-01-31", 200),
])
def test_updated_since_at_the_ends_of_the_calendar(api_schema, since, status):
    for path in ("/profiles", "/stories", "/collections"):
        case = api_schema[path]["GET"].Case(query={"updated_since": since})
        assert case.call_and_validate(checks=CHECKS).status_code == status, path
