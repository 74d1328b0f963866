"""Page weight (issue 17): every public page kind is at most 100 KB of HTML plus the CSS and JavaScript it
links, uncompressed. Images (photos, the map's SVG file) are not counted: browsers load them later and
keep them. A size, not a timing, so it is a plain test."""
from __future__ import annotations

import re

import pytest

from tests.e2e.pages import PAGES, VISITOR
from tests.site.conftest import demo_copy
from tests.site.test_albanian_everywhere import DemoSite

MAX_BYTES = 100 * 1024
LINKED = re.compile(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<script[^>]+src="([^"]+)"')
PUBLIC = [kind for kind in PAGES if VISITOR in kind.viewers]


@pytest.fixture
def app_overrides(seeded_database, tmp_path) -> dict:
    return demo_copy(seeded_database, tmp_path)


def weight(client, url: str) -> tuple[int, dict[str, int]]:
    html = client.get(url).get_data()
    parts = {url: len(html)}
    for stylesheet, script in LINKED.findall(html.decode()):
        address = (stylesheet or script).replace("&amp;", "&")
        response = client.get(address)
        parts[address] = len(response.get_data())
        response.close()
    return sum(parts.values()), parts


@pytest.mark.parametrize("language", ["en", "sq"])
def test_every_public_page_kind_weighs_at_most_100_kb(app, client, language):
    client.set_cookie("kd_lang", language, domain="kd.test")
    with app.app_context():
        site = DemoSite(app, {})
        urls = {kind.name: kind.url(site) for kind in PUBLIC}
    heavy = {}
    for name, url in urls.items():
        total, parts = weight(client, url)
        if total > MAX_BYTES:
            heavy[name] = parts
    assert not heavy
