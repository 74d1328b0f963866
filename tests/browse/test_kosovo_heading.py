"""The country page of Kosovo is about people living there, not "Kosovars in Kosovo" (issue 17)."""
import pytest


@pytest.mark.parametrize("lang, heading", [("en", "Living in Kosovo"), ("sq", "Që jetojnë në Kosovë")])
def test_kosovo_page_heading(client, lang, heading):
    page = client.get(f"/diaspora/xk?lang={lang}").get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in page and "Kosovars in Kosovo" not in page and "Kosovarët në Kosovë" not in page
    assert f"<title>{heading}" in page


def test_kosovo_feed_title(client):
    feed = client.get("/feeds/countries/xk.atom").get_data(as_text=True)
    assert "<title>Living in Kosovo</title>" in feed
