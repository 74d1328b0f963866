"""Actions are searchable, shared with a preview card, and in the feeds, the sitemap and the API."""
import feedparser
from jsonschema import Draft202012Validator

from kd.actions.models import ActionStatus
from tests.sharing.page_meta import assert_complete, read_preview


def test_search_lists_matching_actions_with_folded_spelling(client, make_action):
    make_action(title_en="Ask Example Cloud to list Kosovo", target_name="Example Cloud")
    make_action(title_en="Put Prishtinë on the weather map", target_name="Weather Inc")
    html = client.get("/search?q=prishtine+weather").get_data(as_text=True)
    section = html.split('id="action-results-heading"', 1)[1].split("</section>", 1)[0]
    assert "Put Prishtinë on the weather map" in section and "Example Cloud" not in section
    assert 'id="action-results-heading"' not in client.get("/search?q=nothing-like-this").get_data(as_text=True)


def test_unpublished_proposals_are_not_found(client, make_user, login, post):
    from tests.conftest import action_fields
    member = make_user()
    login(member)
    fields = action_fields(title_en="Secret proposal about maps", target_kind="company")
    fields["starts_on"] = "2026-01-10"
    assert post("/actions/new", fields).status_code == 302
    assert "Secret proposal" not in client.get("/search?q=secret+proposal").get_data(as_text=True)
    assert "Secret proposal" not in client.get("/feeds/actions.atom").get_data(as_text=True)
    assert "Secret proposal" not in client.get("/api/v1/actions").get_data(as_text=True)


def test_action_page_preview_and_card(client, make_action):
    action = make_action(title_en="Ask Example Cloud to list Kosovo")
    preview = read_preview(client.get(f"/actions/{action.slug}").get_data(as_text=True))
    assert_complete(preview, f"/actions/{action.slug}")
    assert preview.first("og:title") == "Ask Example Cloud to list Kosovo"
    assert preview.json_ld[0]["about"]["name"] == "Example Cloud"
    assert len(preview.meta["og:title"]) == 1
    card = client.get(preview.first("og:image").removeprefix("http://kd.test"))
    card.get_data()
    card.close()
    assert card.status_code == 200 and card.mimetype == "image/png"


def test_actions_feed_sitemap_and_api(client, make_action):
    won = make_action(title_en="Example Cloud lists Kosovo", status=ActionStatus.WON)
    make_action(title_en="Still open")
    feed = feedparser.parse(client.get("/feeds/actions.atom").get_data())
    assert not feed.bozo and {entry.title for entry in feed.entries} == {"Example Cloud lists Kosovo", "Still open"}
    assert f"/actions/{won.slug}</loc>" in client.get("/sitemap.xml").get_data(as_text=True)
    spec = client.get("/api/v1/openapi.json").get_json()
    listing = client.get("/api/v1/actions?status=won")
    schema = {**spec["paths"]["/actions"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
              "components": spec["components"]}
    Draft202012Validator(schema).validate(listing.get_json())
    assert [item["slug"] for item in listing.get_json()["data"]] == [won.slug]
    one = client.get(f"/api/v1/actions/{won.slug}").get_json()
    assert one["title"]["en"] == "Example Cloud lists Kosovo" and one["won_on"] == "2026-02-01"
    assert client.get("/api/v1/actions?status=lost").status_code == 400
    assert client.get("/api/v1/stories?status=won").status_code == 400
