import re
from pathlib import Path

from babel.messages.extract import extract_from_file

from kd.pages.defaults import privacy_text

DEFAULTS = Path(__file__).resolve().parents[2] / "kd" / "pages" / "defaults.py"
LINK = re.compile(r"\]\((http://kd\.test/[^)]*)\)")


def test_the_privacy_page_explains_storage_publication_photos_cookies_and_rights(client):
    page = client.get("/privacy").get_data(as_text=True)
    for heading in ("What we keep", "What is public", "Photos", "Cookies", "Your data and your account",
                    "What stays after a deletion", "Contact"):
        assert f"<h2>{heading}</h2>" in page, heading
    assert "GPS position" in page and "until a volunteer editor has checked and approved it" in page
    for cookie in ("session", "remember_token", "kd_lang"):
        assert f"<strong>{cookie}</strong>" in page
    assert "CSRF" in page
    for path in ("/account/settings", "/account/delete", "/contact"):
        assert f'href="http://kd.test{path}"' in page, path


def test_the_privacy_page_opens_in_albanian(app):
    albanian = app.test_client()
    albanian.set_cookie("kd_lang", "sq", domain="kd.test")
    page = albanian.get("/privacy")
    assert page.status_code == 200 and '<html lang="sq">' in page.get_data(as_text=True)
    assert 'href="http://kd.test/account/delete"' in page.get_data(as_text=True)


def test_every_piece_of_the_privacy_text_is_a_message_for_translators(app):
    msgids = {message for _line, message, _comments, _context in extract_from_file("python", str(DEFAULTS))}
    with app.test_request_context():
        text = privacy_text()
    pieces = [line.removeprefix("### ").removeprefix("- ") for line in text.splitlines() if line]
    assert len(pieces) > 20
    for piece in pieces:
        assert LINK.sub("](%(url)s)", piece) in msgids, piece
