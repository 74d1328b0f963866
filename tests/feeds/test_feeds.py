import xml.etree.ElementTree as ET

import feedparser

from kd.content.states import ModerationState

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_site_feed_lists_approved_stories_only(client, make_content):
    make_content(title="Doktoresha në Zürich")
    make_content(state=ModerationState.SUBMITTED, title="Secret pending story")
    response = client.get("/feeds/stories.atom")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Doktoresha në Zürich"]
    assert "<script>" not in feed.entries[0].content[0].value
    assert feed.entries[0].link.endswith("/stories/story-1")


def test_tag_and_country_feeds(client, make_content):
    make_content(country="CH", tags=("Sport",), title="Swiss sport")
    make_content(country="DE", tags=("Muzikë",), title="German music")
    by_tag = feedparser.parse(client.get("/feeds/tags/muzike.atom").get_data())
    by_country = feedparser.parse(client.get("/feeds/countries/ch.atom").get_data())
    assert [e.title for e in by_tag.entries] == ["German music"]
    assert [e.title for e in by_country.entries] == ["Swiss sport"]
    assert "Switzerland" in by_country.feed.title
    assert client.get("/feeds/tags/no-such-tag.atom").status_code == 404
    assert client.get("/feeds/countries/qq.atom").status_code == 404


def test_sitemap_is_xml_with_language_alternates_and_no_unapproved_pages(client, make_content):
    make_content()
    make_content(state=ModerationState.REJECTED)
    root = ET.fromstring(client.get("/sitemap.xml").get_data())
    locations = [url.find(f"{SITEMAP}loc").text for url in root.findall(f"{SITEMAP}url")]
    assert any(loc.endswith("/people/person-1") for loc in locations)
    assert any(loc.endswith("/stories/story-1") for loc in locations)
    assert not any(loc.endswith("-2") for loc in locations)
    story = next(url for url in root.findall(f"{SITEMAP}url") if url.find(f"{SITEMAP}loc").text.endswith("story-1"))
    assert {link.get("hreflang") for link in story.findall(f"{XHTML}link")} == {"en", "sq", "x-default"}


def test_robots_points_to_the_sitemap(client):
    body = client.get("/robots.txt").get_data(as_text=True)
    assert "Sitemap: http://kd.test/sitemap.xml" in body and "Disallow: /admin/" in body


def test_field_municipality_and_profile_feeds_are_linked_from_their_pages(client, make_profile, make_story):
    approved = ModerationState.APPROVED
    person = make_profile(state=approved, field="arts", municipality="gjakova")
    profile_slug = person.slug
    make_story(state=approved, title="Gjakova arts", field="arts", municipality="gjakova", profiles=[person])
    make_story(state=approved, title="Gjakova school", field="education", municipality="gjakova")
    make_story(state=approved, title="Prishtina arts", field="arts", municipality="prishtina")
    titles = {path: [entry.title for entry in feedparser.parse(client.get(path).get_data()).entries]
              for path in ("/feeds/fields/arts.atom", "/feeds/from/gjakova.atom",
                           f"/feeds/profiles/{profile_slug}.atom")}
    assert sorted(titles["/feeds/fields/arts.atom"]) == ["Gjakova arts", "Prishtina arts"]
    assert sorted(titles["/feeds/from/gjakova.atom"]) == ["Gjakova arts", "Gjakova school"]
    assert titles[f"/feeds/profiles/{profile_slug}.atom"] == ["Gjakova arts"]
    for page, feed in (("/fields/arts", "/feeds/fields/arts.atom"), ("/from/gjakova", "/feeds/from/gjakova.atom"),
                       (f"/people/{profile_slug}", f"/feeds/profiles/{profile_slug}.atom")):
        assert f'type="application/atom+xml" href="{feed}"' in client.get(page).get_data(as_text=True)


def test_feeds_of_unknown_or_unpublished_things_are_404(client, make_content):
    hidden_slug, _story = make_content(state=ModerationState.SUBMITTED)
    for path in ("/feeds/fields/astrology.atom", "/feeds/from/atlantis.atom", "/feeds/profiles/nobody.atom",
                 f"/feeds/profiles/{hidden_slug}.atom"):
        assert client.get(path).status_code == 404, path
