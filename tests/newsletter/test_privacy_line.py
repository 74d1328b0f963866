"""The subscription page names the privacy page once, as part of its sentence (issue 17)."""
import pytest


@pytest.mark.parametrize("lang, sentence, link", [
    ("en", "We use your address only to send the newsletter; {link} says more.", "the privacy page"),
    ("sq", "Adresën tuaj e përdorim vetëm për t'ju dërguar buletinin; më shumë tregon {link}.",
     "faqja e privatësisë")])
def test_privacy_link_is_part_of_one_sentence(client, lang, sentence, link):
    page = client.get(f"/newsletter/?lang={lang}").get_data(as_text=True)
    anchor = f'<a href="/privacy">{link}</a>'
    assert sentence.format(link=anchor) in page
    assert "See the privacy page." not in page
