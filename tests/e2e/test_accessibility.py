"""axe-core finds no WCAG 2.1 A/AA violation on any page kind, for any viewer, in either language."""
from __future__ import annotations

import pytest

from tests.e2e.helpers import visit
from tests.e2e.pages import visits
from tests.e2e.tools import axe_violations

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("page_visit", visits(), ids=lambda v: v.id)
def test_no_axe_violations(shared_page, live_site, page_visit):
    page = shared_page(page_visit.viewer, page_visit.language)
    visit(page, live_site, page_visit)
    assert page.locator("html").get_attribute("lang") == page_visit.language
    assert axe_violations(page) == []
