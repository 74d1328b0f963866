"""Every page of this feature renders for an admin, in both languages, without duplicate ids."""
import re
from collections import Counter

import pytest

from kd.accounts.models import Role

ID_PATTERN = re.compile(r'\sid="([^"]+)"')


@pytest.mark.parametrize("language", ["en", "sq"])
def test_pages_render_with_unique_ids(app, make_user, login, post, client, language):
    login(make_user(role=Role.ADMIN))
    assert post("/actions/new", {
        "title_en": "Ask Maps Inc", "target_name": "Maps Inc", "target_kind": "company", "problem_en": "Missing.",
        "request_en": "Please add Kosovo.", "request_sq": "Ju lutem.", "email_to": "a@maps.example.com",
        "starts_on": "2026-03-01"}).status_code == 302
    post("/contact", {"name": "A", "email": "a@example.org", "subject": "Hi", "message": "A long enough message."})
    client.set_cookie("kd_lang", language, domain="kd.test")
    for url in ("/actions", "/actions/wins", "/actions/ask-maps-inc", "/actions/new", "/actions/ask-maps-inc/edit",
                "/editor/actions", "/newsletter/", "/newsletter/subscribers", "/contact", "/editor/messages",
                "/about", "/privacy", "/partners", "/admin/partners", "/admin/partners/new", "/admin/pages/about"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        duplicates = [name for name, count in Counter(ID_PATTERN.findall(page)).items() if count > 1]
        assert duplicates == [], (url, duplicates)
        assert 'style="' not in page and "<script>" not in page, url
