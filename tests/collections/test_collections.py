import feedparser
import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.audit.models import AuditEntry
from kd.collections.models import Collection
from kd.content.states import ModerationState
from kd.db import transaction
from kd.media.models import Photo
from kd.stories.models import Story
from tests.sharing.page_meta import read_preview


@pytest.fixture
def editor(make_user, login):
    user = make_user(role=Role.EDITOR)
    login(user)
    return user


@pytest.fixture
def build(post, editor):
    """build(title, *references) -> the new collection's id, items added in that order."""
    def make(title="Kosovars in medicine", *references, publish=False):
        response = post("/editor/collections/new", {"title_en": title, "title_sq": "",
                                                     "introduction_en": "Doctors **abroad**."})
        assert response.status_code == 302, response.get_data(as_text=True)
        collection_id = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
        for reference in references:
            added = post(f"/editor/collections/{collection_id}/items", {"reference": reference, "note": ""})
            assert added.status_code == 302, added.get_data(as_text=True)
        if publish:
            assert post(f"/editor/collections/{collection_id}/publish").status_code == 302
        return collection_id
    return make


def item_titles(html: str) -> list[str]:
    part = html.split('<ol class="collection-items', 1)[1].split("</ol>", 1)[0]
    return [chunk.split("</a>", 1)[0].rsplit(">", 1)[-1] for chunk in part.split("<h2>")[1:]]


def test_editor_builds_orders_and_publishes_a_collection(app, client, post, build, make_content):
    make_content(name="Drita Krasniqi", title="First story")
    make_content(title="Second story")
    collection_id = build("Kosovars in medicine", "http://kd.test/stories/story-2", "story-1", "/people/person-1")
    assert client.get("/collections/kosovars-in-medicine").status_code == 404  # a draft
    assert post(f"/editor/collections/{collection_id}/publish").status_code == 302
    page = client.get("/collections/kosovars-in-medicine").get_data(as_text=True)
    assert item_titles(page) == ["Second story", "First story", "Drita Krasniqi"]
    with app.app_context():
        first_item = db.session.get(Collection, collection_id).items[0].id
    post(f"/editor/collections/{collection_id}/items/{first_item}/down")
    page = client.get("/collections/kosovars-in-medicine").get_data(as_text=True)
    assert item_titles(page) == ["First story", "Second story", "Drita Krasniqi"]
    assert "Doctors <strong>abroad</strong>." in page
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("collections.%"))).all()
    assert {"collections.created", "collections.item_added", "collections.published",
            "collections.reordered"} <= set(actions)


def test_only_approved_items_are_shown_and_unpublishing_hides_them(app, client, build, make_content):
    make_content(title="Visible story")
    make_content(title="Later withdrawn")
    build("Diaspora in Switzerland", "story-1", "story-2", publish=True)
    with app.app_context(), transaction():
        db.session.scalars(select(Story).where(Story.slug == "story-2")).one().state = ModerationState.UNPUBLISHED
    page = client.get("/collections/diaspora-in-switzerland").get_data(as_text=True)
    assert item_titles(page) == ["Visible story"] and "Later withdrawn" not in page
    api = client.get("/api/v1/collections/diaspora-in-switzerland").get_json()
    assert [item["slug"] for item in api["items"]] == ["story-1"]


def test_bad_input_is_refused_with_the_typed_text_kept(client, post, build, make_content):
    make_content(state=ModerationState.SUBMITTED, title="Pending story")
    response = post("/editor/collections/new", {"title_en": "", "title_sq": "", "introduction_en": "Kept intro"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Write the title in English or in Albanian." in html and "Kept intro" in html
    collection_id = build("Empty so far")
    refused = post(f"/editor/collections/{collection_id}/items", {"reference": "/stories/story-1", "note": "A note"})
    assert refused.status_code == 400
    assert "No published profile or story has that address." in refused.get_data(as_text=True)
    assert 'value="A note"' in refused.get_data(as_text=True)
    empty = post(f"/editor/collections/{collection_id}/publish")
    assert empty.status_code == 400 and "Add at least one published" in empty.get_data(as_text=True)
    assert client.get("/collections/empty-so-far").status_code == 404


def test_members_and_visitors_cannot_curate(client, post, make_user, login, build, editor):
    collection_id = build("Draft")
    post("/account/logout")
    anonymous = client.get(f"/editor/collections/{collection_id}")
    assert anonymous.status_code == 302 and "/account/login" in anonymous.headers["Location"]
    login(make_user())
    for url in (f"/editor/collections/{collection_id}", "/editor/collections", "/editor/collections/new"):
        assert client.get(url).status_code == 403
    assert post(f"/editor/collections/{collection_id}/publish").status_code == 403
    assert post(f"/editor/collections/{collection_id}/delete").status_code == 403


def test_featured_collections_appear_on_the_home_page(client, post, build, make_content, app):
    make_content()
    collection_id = build("Kosovars in sport", "story-1", publish=True)
    assert "Kosovars in sport" not in client.get("/").get_data(as_text=True)
    post(f"/editor/collections/{collection_id}", {"title_en": "Kosovars in sport", "title_sq": "Kosovarët në sport",
                                                  "introduction_en": "", "introduction_sq": "", "featured": "y"})
    assert "Kosovars in sport" in client.get("/").get_data(as_text=True)
    assert "Kosovarët në sport" in client.get("/?lang=sq").get_data(as_text=True)


def test_collection_feed_api_sitemap_and_preview(client, build, make_content):
    make_content(title="Doktoresha në Zürich")
    make_content(title="Not in it")
    build("Kosovars in medicine", "story-1", "person-2", publish=True)
    build("Unpublished draft", "story-2")
    feed = feedparser.parse(client.get("/feeds/collections/kosovars-in-medicine.atom").get_data())
    assert not feed.bozo and [entry.title for entry in feed.entries] == ["Doktoresha në Zürich"]
    assert client.get("/feeds/collections/unpublished-draft.atom").status_code == 404
    spec = client.get("/api/v1/openapi.json").get_json()
    listing = client.get("/api/v1/collections")
    schema = {**spec["paths"]["/collections"]["get"]["responses"]["200"]["content"]["application/json"]["schema"],
              "components": spec["components"]}
    Draft202012Validator(schema).validate(listing.get_json())
    assert [c["slug"] for c in listing.get_json()["data"]] == ["kosovars-in-medicine"]
    assert client.get("/api/v1/collections/unpublished-draft").status_code == 404
    assert client.get("/api/v1/collections?country=DE").status_code == 400
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert "/collections/kosovars-in-medicine</loc>" in sitemap and "unpublished-draft" not in sitemap
    preview = read_preview(client.get("/collections/kosovars-in-medicine").get_data(as_text=True))
    page = preview.json_ld[0]
    assert page["@type"] == "CollectionPage" and page["mainEntity"]["numberOfItems"] == 2
    assert [element["url"] for element in page["mainEntity"]["itemListElement"]] == [
        "http://kd.test/stories/story-1", "http://kd.test/people/person-2"]
    card = client.get(preview.first("og:image").removeprefix("http://kd.test"))
    assert card.status_code == 200 and card.mimetype == "image/png"
    card.close()
    draft_card = client.get("/cards/collections/unpublished-draft.png")
    assert draft_card.status_code == 404


def test_find_cover_photo_and_delete(app, client, post, build, make_content, runner):
    make_content(title="Doktoresha në Zürich")
    assert runner.invoke(args=["kd", "reindex"]).exit_code == 0
    collection_id = build("With a cover", "story-1")
    page = client.get(f"/editor/collections/{collection_id}?find=Doktoresha")
    assert page.status_code == 200
    assert 'name="reference" value="/stories/story-1"' in page.get_data(as_text=True)
    assert "Cover photo" not in page.get_data(as_text=True)  # no photos to choose from yet
    bad = post(f"/editor/collections/{collection_id}/cover", {"photo": "999"})
    assert bad.status_code == 400
    assert post(f"/editor/collections/{collection_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(Collection, collection_id) is None
    assert client.get(f"/editor/collections/{collection_id}").status_code == 404


def test_chosen_cover_is_shown(app, client, post, build, make_content, attach_photo):
    make_content(title="Story with photos")
    attach_photo(Story, "story-1", color="#1e8c1e", alt="Green photo")
    attach_photo(Story, "story-1", color="#1e1ec8", alt="Blue photo")
    collection_id = build("Covers", "story-1", publish=True)
    with app.app_context():
        blue = db.session.scalars(select(Photo.id).where(Photo.alt_text == "Blue photo")).one()
    assert 'alt="Green photo"' in client.get("/collections/covers").get_data(as_text=True)
    assert post(f"/editor/collections/{collection_id}/cover", {"photo": str(blue)}).status_code == 302
    html = client.get("/collections/covers").get_data(as_text=True)
    assert html.index('alt="Blue photo"') < html.index('class="collection-items')
