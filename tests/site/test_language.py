from kd import db
from kd.accounts.models import User


def _albanian_home_title() -> str:
    from flask_babel import force_locale, gettext
    with force_locale("sq"):
        return gettext("Latest stories")


def test_accept_language_chooses_albanian(app, client):
    page = client.get("/", headers={"Accept-Language": "sq-AL,sq;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="sq">' in page
    with app.test_request_context():
        expected = _albanian_home_title()
    assert expected != "Latest stories"
    assert expected in page


def test_language_switch_sets_cookie_over_browser_language(client, post):
    response = post("/language", {"language": "sq", "next": "/account/login"})
    assert response.headers["Location"] == "/account/login"
    assert client.get_cookie("kd_lang", domain="kd.test").value == "sq"
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="sq">' in page


def test_user_setting_wins_over_cookie_and_switch_updates_it(app, client, post, login, make_user):
    user = make_user(locale="sq")
    login(user)
    client.set_cookie("kd_lang", "en", domain="kd.test")
    assert '<html lang="sq">' in client.get("/").get_data(as_text=True)
    post("/language", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, user.id).locale == "en"


def test_unknown_language_and_foreign_next_are_refused(post):
    assert post("/language", {"language": "xx", "next": "/"}).status_code == 400
    assert post("/language", {"language": "en", "next": "https://evil.example"}).headers["Location"] == "/"


def test_lang_parameter_selects_a_language_version(client):
    page = client.get("/?lang=sq", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="sq">' in page
    assert '<html lang="en">' in client.get("/?lang=xx").get_data(as_text=True)
