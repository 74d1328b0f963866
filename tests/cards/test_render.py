import io

from PIL import Image

from kd.cards.render import HEIGHT, WIDTH, font, render_card, wrap
from kd.cards.services import CardSpec, card_path
from kd.media.storage import get_storage


def test_card_is_1200_by_630_png():
    with Image.open(io.BytesIO(render_card("Drita Krasniqi", "Kardiologe në Zürich", "Person", brand="KD"))) as image:
        assert image.format == "PNG" and image.size == (WIDTH, HEIGHT) == (1200, 630)


def test_albanian_letters_have_glyphs_in_the_bundled_font():
    typeface = font(40)
    for letter in "ëËçÇ":
        assert typeface.getmask(letter).getbbox() is not None
    assert typeface.getlength("ë") != typeface.getlength("□")


def test_long_titles_wrap_and_end_with_an_ellipsis():
    lines = wrap("Një histori shumë e gjatë " * 20, font(54, bold=True), 600, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font(54, bold=True).getlength(line) <= 600 for line in lines)


def test_cards_change_with_content_and_are_cached(app):
    with app.app_context():
        first = card_path(CardSpec("Title", "Headline", "Story", None, "KD"))
        again = card_path(CardSpec("Title", "Headline", "Story", None, "KD"))
        changed = card_path(CardSpec("Title (edited)", "Headline", "Story", None, "KD"))
    assert first == again and first != changed
    assert first.read_bytes() != changed.read_bytes()
    with Image.open(changed) as image:
        assert image.size == (1200, 630)


def test_photo_is_used_when_given(app):
    photo = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(photo, "JPEG")
    with app.app_context():
        get_storage().store("public/photo-800.jpg", photo.getvalue())
        path = card_path(CardSpec("Title", "Headline", "Person", "public/photo-800.jpg", "KD"))
    with Image.open(path) as card:
        red, green, blue = card.convert("RGB").getpixel((100, 100))
    assert red > 190 and green < 45 and blue < 45
