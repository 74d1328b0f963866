"""The HTML the server sends for every page kind passes the Nu HTML checker with no errors."""
from __future__ import annotations

import shutil

import pytest

from tests.e2e.helpers import visit
from tests.e2e.pages import visits
from tests.e2e.tools import ARTIFACTS, vnu_errors

pytestmark = pytest.mark.e2e


def test_every_page_kind_is_valid_html(shared_page, live_site, worker_id):
    folder = ARTIFACTS / "html" / worker_id
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    files = []
    for page_visit in visits():
        response = visit(shared_page(page_visit.viewer, page_visit.language), live_site, page_visit)
        files.append(folder / f"{page_visit.id}.html")
        files[-1].write_text(response.text())
    errors = vnu_errors(files)
    assert not errors, "\n".join(f"{e['file']}:{e['line']}: {e['message']}  [{e['extract'].strip()}]" for e in errors)
