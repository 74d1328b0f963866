"""The imagery-led showcase as a visitor meets it: the home page leads with a featured story's photo, people
have portraits or initials, every card photo is responsive (srcset, width and height set) and loads, and a
phone gets the same pictures at its own width."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def _card_images(page) -> list[dict]:
    return page.evaluate("""[...document.querySelectorAll('.feature-media img, .card img, .portrait img')].map(
        img => ({src: img.currentSrc, srcset: img.getAttribute('srcset'), width: img.getAttribute('width'),
                 height: img.getAttribute('height'), loaded: img.complete && img.naturalWidth > 0,
                 shown: img.getBoundingClientRect().width}))""")


def _scroll_through(page) -> None:
    height = page.evaluate("document.body.scrollHeight")
    for top in range(0, height, 500):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_page_leads_with_photos_and_portraits(visitor_page, live_site, width):
    page = visitor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    feature = page.locator("article.feature")
    assert feature.locator(".feature-media img").count() == 1
    assert feature.get_by_role("link").first.get_attribute("href").startswith("/stories/")
    people = page.locator("li.person-card")
    assert people.count() >= 4
    for index in range(people.count()):
        card = people.nth(index)
        assert card.locator(".portrait img").count() + card.locator(".portrait.monogram").count() == 1
    _scroll_through(page)  # the photos below the fold load lazily
    images = _card_images(page)
    assert len(images) >= 5
    for image in images:
        assert image["srcset"] and image["width"] and image["height"], image
        assert image["loaded"], image
        assert 0 < image["shown"] <= width, image


def test_cards_without_a_photo_keep_a_calm_placeholder_and_no_broken_image(visitor_page, live_site):
    page = visitor_page
    page.goto("/stories")
    cards = page.locator("li.story-card")
    assert cards.count() >= 3
    for index in range(cards.count()):
        media = cards.nth(index).locator(".card-media")
        assert media.locator("img").count() == 1 or "no-photo" in media.get_attribute("class")
    _scroll_through(page)
    assert all(image["loaded"] for image in _card_images(page) if image["shown"])
