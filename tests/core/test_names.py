"""One normaliser and validator for every name-like field: what people see is what was typed, no hidden tricks."""
import pytest
from sqlalchemy import select

from kd import db
from kd.accounts.models import User
from kd.core.text import name_problem, normalise_name
from tests.conftest import PASSWORD


@pytest.mark.parametrize("typed, stored", [
    ("  Ëndrit \t  Çeku ", "Ëndrit Çeku"),
    ("Gjakove\u0308", "Gjakovë"),  # e + combining diaeresis -> ë (NFC)
    ("Gjakovë", "Gjakovë"),
])
def test_names_are_nfc_trimmed_and_single_spaced(typed, stored):
    assert normalise_name(typed) == stored
    assert name_problem(normalise_name(typed)) is None


@pytest.mark.parametrize("name, problem", [
    ("Evil\u202eelgoog", "bidi"), ("A\u2066b\u2069", "bidi"), ("Left\u200eRight", "bidi"), ("x\u061cy", "bidi"),
    ("Zero\u200bwidth", "invisible"), ("Joi\u200dner", "invisible"), ("Word\u2060joiner", "invisible"),
    ("Bom\ufeff", "invisible"), ("Soft\u00adhyphen", "invisible"), ("Tag\U000e0041", "invisible"),
    ("Za\u0301\u0302\u0303\u0304lgo", "marks"), ("Zq\u0301\u0302\u0303lgo", "marks"),
])
def test_direction_overrides_invisible_characters_and_piles_of_marks_are_named(name, problem):
    assert name_problem(normalise_name(name)) == problem


def test_two_marks_on_a_letter_are_allowed():
    assert name_problem("Na\u0301\u0302me") is None


def _register(app, name):
    from tests.conftest import CSRF_PATTERN
    client = app.test_client()
    token = CSRF_PATTERN.search(client.get("/account/register").get_data(as_text=True)).group(1)
    return client.post("/account/register", data={"csrf_token": token, "display_name": name, "email": "a@example.org",
                                                  "password": PASSWORD, "confirm": PASSWORD, "locale": "en"})


def test_registration_refuses_a_right_to_left_override_with_a_readable_error(app):
    response = _register(app, "Drita \u202eKrasniqi")
    assert response.status_code == 400
    assert "writing direction" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(User)).all() == []


def test_registration_stores_the_normalised_name(app):
    assert _register(app, "  Ëndrit   Çeku ").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(User.display_name)).one() == "Ëndrit Çeku"


@pytest.mark.parametrize("form_path, field", [
    ("kd.accounts.forms:RegisterForm", "display_name"), ("kd.accounts.forms:SettingsForm", "display_name"),
    ("kd.profiles.forms:ProfileForm", "name"), ("kd.profiles.forms:ProfileForm", "tags"),
    ("kd.stories.forms:StoryForm", "title"), ("kd.actions.forms:ActionForm", "title_en"),
    ("kd.actions.forms:ActionForm", "target_name"), ("kd.collections.forms:CollectionForm", "title_sq"),
])
def test_every_name_like_field_uses_the_shared_check(app, form_path, field):
    import importlib

    from kd.core.forms import PlainName
    module, name = form_path.split(":")
    with app.test_request_context():
        form = getattr(importlib.import_module(module), name)(meta={"csrf": False})
        bound = getattr(form, field)
        assert any(isinstance(v, PlainName) for v in bound.validators)
        assert normalise_name in bound.filters
