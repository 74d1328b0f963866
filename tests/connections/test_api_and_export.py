"""The offer in the public API; offers and introductions in the member's data export."""
from __future__ import annotations

import io
import json
import zipfile

from kd import db
from kd.connections.models import HelpOffer
from tests.connections.conftest import ASK


def test_the_api_shows_what_a_profile_offers(client, helper_profile, make_profile):
    data = client.get(f"/api/v1/profiles/{helper_profile.slug}").get_json()
    assert data["can_help_with"] == {"kinds": ["mentoring"], "languages": ["sq", "de"],
                                     "note": "Happy to mentor young doctors.", "paused": False}
    listed = client.get("/api/v1/profiles").get_json()["data"]
    assert [row["can_help_with"]["kinds"] for row in listed if row["slug"] == helper_profile.slug] == [["mentoring"]]


def test_the_api_filters_profiles_by_what_their_owner_offers(app, client, helper_profile, make_profile):
    make_profile(name="Besa Gashi")
    found = client.get("/api/v1/profiles?can_help_with=mentoring").get_json()
    assert [row["slug"] for row in found["data"]] == [helper_profile.slug] and found["meta"]["total"] == 1
    assert client.get("/api/v1/profiles?can_help_with=investing").get_json()["meta"]["total"] == 0
    refused = client.get("/api/v1/profiles?can_help_with=world-domination")
    assert refused.status_code == 400
    assert "'can_help_with' must be one of: mentoring" in refused.get_json()["error"]["message"]
    assert client.get("/api/v1/stories?can_help_with=mentoring").status_code == 400
    with app.app_context():
        db.session.get(HelpOffer, helper_profile.id).paused = True
        db.session.commit()
    assert client.get("/api/v1/profiles?can_help_with=mentoring").get_json()["meta"]["total"] == 0


def _export(post) -> dict:
    with post("/account/data") as response:
        body = response.get_data()
    assert response.status_code == 200, response.status_code
    return json.loads(zipfile.ZipFile(io.BytesIO(body)).read("data.json"))


def test_the_export_holds_the_offer_and_both_sides_of_a_request(client, post, login, ask_as, asker, owner,
                                                                helper_profile, requests_of):
    ask_as(asker, helper_profile)
    mine = _export(post)["introductions"]
    assert [(row["role"], row["request"]) for row in mine] == [("asker", ASK["request"])]
    post("/account/logout")
    login(owner)
    post(f"/my/requests/{requests_of()[0].id}/decline", {"reason": "Busy"})
    data = _export(post)
    assert data["help_offers"][0]["kinds"] == ["mentoring"]
    [received] = data["introductions"]
    assert received["role"] == "owner" and received["decline_reason"] == "Busy" and "request" not in received
