import io

from PIL import Image
from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.pages.models import Partner

PARTNER = {"name": "Digital Kosovo", "url": "https://digitalkosovo.example", "description_en": "Volunteers.",
           "description_sq": "Vullnetarë.", "remove_logo": ""}


def _png(size=(900, 300), mode="RGBA") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (36, 74, 165, 255) if mode == "RGBA" else (36, 74, 165)).save(buffer, "PNG")
    return buffer.getvalue()


def _names(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Partner.name).order_by(Partner.position)))


def test_about_and_privacy_show_default_texts_in_both_languages(app, client):
    assert "KD is a showcase of the Kosovo diaspora" in client.get("/about").get_data(as_text=True)
    assert "What we keep" in client.get("/privacy").get_data(as_text=True)
    albanian = app.test_client()
    albanian.set_cookie("kd_lang", "sq", domain="kd.test")
    assert "KD është vitrina e diasporës" in albanian.get("/about").get_data(as_text=True)


def test_only_admins_edit_the_about_page(make_user, login, post, client):
    form = {"body_en": "We are **KD**.", "body_sq": "Ne jemi **KD**."}
    assert client.get("/admin/pages/about").status_code == 302
    login(make_user(role=Role.EDITOR))
    assert post("/admin/pages/about", form).status_code == 403
    client.post("/account/logout", data={})
    login(make_user(role=Role.ADMIN))
    assert "KD is a showcase" in client.get("/admin/pages/about").get_data(as_text=True)  # starts from the default
    assert post("/admin/pages/about", form).status_code == 302
    assert "We are <strong>KD</strong>." in client.get("/about").get_data(as_text=True)


def test_page_markdown_is_sanitised_and_empty_text_refused(make_user, login, post, client):
    login(make_user(role=Role.ADMIN))
    empty = post("/admin/pages/privacy", {"body_en": "", "body_sq": "Tekst"})
    assert empty.status_code == 400 and 'id="body_en-error"' in empty.get_data(as_text=True)
    post("/admin/pages/privacy", {"body_en": "<script>alert(1)</script> [x](javascript:alert(1))", "body_sq": "T"})
    page = client.get("/privacy").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert client.get("/admin/pages/other").status_code == 404


def test_admin_adds_partners_with_a_logo_and_orders_them(app, make_user, login, post, client):
    login(make_user(role=Role.ADMIN))
    first = post("/admin/partners/new", dict(PARTNER, logo=(io.BytesIO(_png()), "logo.png")),
                 content_type="multipart/form-data")
    assert first.status_code == 302
    post("/admin/partners/new", dict(PARTNER, name="Second Partner"), content_type="multipart/form-data")
    assert _names(app) == ["Digital Kosovo", "Second Partner"]
    with app.app_context():
        partner = db.session.scalars(select(Partner).where(Partner.name == "Digital Kosovo")).one()
        partner_id, logo_hash, width = partner.id, partner.logo_hash, partner.logo_width
    assert width == 480  # fitted into the logo box
    logo = app.test_client().get(f"/partners/{partner_id}/logo-{logo_hash}.webp")
    assert logo.status_code == 200 and logo.mimetype == "image/webp"
    assert Image.open(io.BytesIO(logo.data)).format == "WEBP"
    assert post(f"/admin/partners/{partner_id}/move", {"direction": "down"}).status_code == 302
    assert _names(app) == ["Second Partner", "Digital Kosovo"]
    page = app.test_client().get("/partners").get_data(as_text=True)
    assert page.index("Second Partner") < page.index("Digital Kosovo") and 'alt="Logo of Digital Kosovo"' in page


def test_a_file_that_is_not_an_image_is_refused_next_to_the_field(app, make_user, login, post):
    login(make_user(role=Role.ADMIN))
    response = post("/admin/partners/new", dict(PARTNER, logo=(io.BytesIO(b"%PDF-1.4 not an image"), "logo.png")),
                    content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="logo-error"' in page and 'value="Digital Kosovo"' in page
    assert _names(app) == []


def test_only_admins_manage_partners(app, make_user, login, post, client):
    login(make_user(role=Role.EDITOR))
    assert client.get("/admin/partners").status_code == 403
    assert post("/admin/partners/new", PARTNER, content_type="multipart/form-data").status_code == 403
    assert _names(app) == []


def test_admin_removes_a_partner_and_its_logo_url_stops_working(app, make_user, login, post):
    login(make_user(role=Role.ADMIN))
    post("/admin/partners/new", dict(PARTNER, logo=(io.BytesIO(_png(mode="RGB")), "logo.png")),
         content_type="multipart/form-data")
    with app.app_context():
        partner = db.session.scalars(select(Partner)).one()
        url = f"/partners/{partner.id}/logo-{partner.logo_hash}.webp"
    assert post(f"/admin/partners/{partner.id}/delete").status_code == 302
    assert _names(app) == [] and app.test_client().get(url).status_code == 404
