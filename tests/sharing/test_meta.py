import io

import pytest
from PIL import Image
from sqlalchemy import select

from kd import db
from kd.content.states import ModerationState
from kd.db import transaction
from kd.stories.models import Story
from kd.stories.services import apply_revision_data
from tests.sharing.page_meta import assert_complete, read_preview


def fetch(client, url: str):
    """GET and read the whole body (closing the file a card response streams from)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def preview_of(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return read_preview(response.get_data(as_text=True))


def test_story_page_previews_as_an_article_with_its_card(client, make_content, attach_photo):
    make_content(title="Doktoresha në Zürich")
    attach_photo(Story, "story-1")
    preview = preview_of(client, "/stories/story-1")
    assert_complete(preview, "/stories/story-1")
    assert preview.first("og:title") == "Doktoresha në Zürich"
    assert preview.first("og:type") == "article"
    assert preview.first("og:image:alt") == "Drita at the award ceremony"
    article = preview.json_ld[0]
    assert article["@type"] == "Article" and article["headline"] == "Doktoresha në Zürich"
    assert article["about"] == [{"@type": "Person", "name": "Person 1", "url": "http://kd.test/people/person-1"}]
    assert article["datePublished"] and article["keywords"] == ["Mjekësi"]
    card = fetch(client, preview.first("og:image").removeprefix("http://kd.test"))
    assert card.status_code == 200 and card.mimetype == "image/png"
    with Image.open(io.BytesIO(card.get_data())) as image:
        assert image.size == (1200, 630)
        red, green, blue = image.convert("RGB").getpixel((100, 100))
    assert red > 170 and green < 70 and blue < 70  # the story's (red) photo is on the card


def test_profile_page_previews_as_a_person_with_places(client, make_content):
    make_content(name="Drita Krasniqi", country="CH")
    preview = preview_of(client, "/people/person-1")
    assert_complete(preview, "/people/person-1")
    person = preview.json_ld[0]
    assert person["@type"] == "Person" and person["name"] == "Drita Krasniqi"
    assert person["address"]["addressCountry"] == "CH"
    assert person["homeLocation"]["name"] == "Gjakova, Kosovo"
    assert preview.first("og:title") == "Drita Krasniqi"


def test_organisations_are_schema_organizations(client, make_content):
    from kd.profiles.models import ProfileKind
    make_content(kind=ProfileKind.ORGANISATION, name="Shoqata Dardania")
    preview = preview_of(client, "/organisations/person-1")
    assert preview.json_ld[0]["@type"] == "Organization"


@pytest.mark.parametrize("url, schema_type", [
    ("/", "WebSite"), ("/collections", "CollectionPage"), ("/tags", "CollectionPage"),
    ("/tags/mjekesi", "CollectionPage"), ("/diaspora/de", "CollectionPage"), ("/from/gjakova", "CollectionPage"),
    ("/search?q=doctor", "CollectionPage"), ("/actions", "WebPage"), ("/about", "WebPage"),
])
def test_every_public_page_has_a_complete_preview(client, make_content, url, schema_type):
    make_content()
    preview = preview_of(client, url)
    assert_complete(preview, url)
    assert preview.json_ld[0]["@type"] == schema_type
    assert preview.first("og:image").startswith("http://kd.test/cards/site.png")


def test_canonical_drops_the_language_switch_and_hreflang_adds_it(client, make_content):
    make_content()
    preview = preview_of(client, "/stories/story-1?lang=sq")
    assert preview.link("canonical") == ["http://kd.test/stories/story-1"]
    # an English story nobody translated: only its own language, and og:locale is the content's
    assert preview.hreflangs == {"en": "http://kd.test/stories/story-1?lang=en", "x-default": "http://kd.test/stories/story-1"}
    assert preview.first("og:locale") == "en_GB"
    search = preview_of(client, "/search?q=doctor&lang=en&page=1")
    assert search.link("canonical") == ["http://kd.test/search?page=1&q=doctor"]
    assert search.hreflangs["en"] == "http://kd.test/search?page=1&q=doctor&lang=en"


def test_site_card_is_a_1200_by_630_png(client):
    response = fetch(client, "/cards/site.png?lang=sq")
    with Image.open(io.BytesIO(response.get_data())) as image:
        assert image.format == "PNG" and image.size == (1200, 630)


def test_the_card_changes_when_the_story_changes(app, client, make_content):
    make_content(title="Before")
    first = preview_of(client, "/stories/story-1").first("og:image")
    old = fetch(client, first.removeprefix("http://kd.test"))
    with app.app_context(), transaction():  # as an editor's approved revision applies it
        apply_revision_data(db.session.scalars(select(Story)).one(), {"title": "After the edit"})
    second = preview_of(client, "/stories/story-1").first("og:image")
    assert first != second  # a new address, so sites that cached the old preview fetch the new card
    new = fetch(client, second.removeprefix("http://kd.test"))
    assert old.status_code == new.status_code == 200
    assert old.get_data() != new.get_data()


def test_unapproved_content_never_reaches_previews_cards_or_embeds(client, make_content, make_user, login):
    from kd.accounts.models import Role
    make_content(state=ModerationState.SUBMITTED, title="Secret pending story", name="Hidden Person")
    editor = make_user(role=Role.EDITOR)
    login(editor)
    page = client.get("/stories/story-1")
    assert page.status_code == 200 and "Secret pending story" in page.get_data(as_text=True)  # editors preview it
    preview = read_preview(page.get_data(as_text=True))
    assert "Secret pending story" not in preview.text() and "Hidden Person" not in preview.text()
    assert preview.first("robots") == "noindex"
    for url in ("/cards/stories/story-1.png", "/cards/profiles/person-1.png", "/embed/stories/story-1",
                "/oembed?url=http://kd.test/stories/story-1"):
        assert client.get(url).status_code == 404, url


def test_share_links_need_no_third_party_script(client, make_content):
    make_content(title="Doktoresha në Zürich")
    html = client.get("/stories/story-1").get_data(as_text=True)
    encoded = "http%3A%2F%2Fkd.test%2Fstories%2Fstory-1"
    for start in ("https://x.com/intent/post?text=", "https://www.facebook.com/sharer/sharer.php?u=" + encoded,
                  "https://www.linkedin.com/sharing/share-offsite/?url=" + encoded, "https://wa.me/?text=",
                  "https://t.me/share/url?url=" + encoded, "mailto:?subject=Doktoresha%20n%C3%AB"):
        assert start in html, start
    assert html.count(encoded) == 6
    assert 'value="http://kd.test/stories/story-1"' in html  # copy-link field works without JavaScript
    scripts = [line for line in html.splitlines() if "<script" in line and "ld+json" not in line]
    assert all('src="/static/' in line for line in scripts), scripts
