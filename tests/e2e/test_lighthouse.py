"""Lighthouse scores on the main pages (`make lighthouse` runs only these: some 10-30 s a page)."""
from __future__ import annotations

import pytest

from tests.e2e.pages import PAGES
from tests.e2e.tools import ARTIFACTS, failed_audits, lighthouse_report

pytestmark = [pytest.mark.e2e, pytest.mark.lighthouse]
MINIMUM = {"performance": 0.9, "accessibility": 0.95, "best-practices": 0.95, "seo": 0.95}
LIGHTHOUSE_PAGES = [kind for kind in PAGES if kind.name in ("home", "login", "story", "profile", "search", "tag")]
# robots.txt keeps /account/ out of search engines on purpose, which Lighthouse's SEO score counts
# against the page ("is-crawlable"): there every other SEO audit must pass.
KEPT_OUT_OF_SEARCH = {"login"}


@pytest.mark.parametrize("kind", LIGHTHOUSE_PAGES, ids=lambda kind: kind.name)
def test_lighthouse_scores(live_site, kind):
    folder = ARTIFACTS / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    report = lighthouse_report(live_site.url + kind.url(live_site), folder / f"{kind.name}.json")
    scores = {name: category["score"] for name, category in report["categories"].items()}
    if kind.name in KEPT_OUT_OF_SEARCH:
        assert failed_audits(report, "seo") == ["is-crawlable"]
        del scores["seo"]
    assert {category: score for category, score in scores.items() if score < MINIMUM[category]} == {}, scores
