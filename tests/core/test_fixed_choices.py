"""FixedSelect renders a FixedChoices list from its cached options exactly as WTForms' Select renders it."""
from __future__ import annotations

import pytest
from wtforms import Form, SelectField
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import Select

from kd.core.forms import FixedChoices, FixedSelect

PAIRS = [("", "Choose a country"), ("DE", "Germany"), ("XK", "Kosovo"), ("CH", "Switzerland & <Liechtenstein>")]


class PlaceForm(Form):
    country = SelectField("Country", validators=[Optional()], widget=FixedSelect())
    required_country = SelectField("Country", validators=[InputRequired()], widget=FixedSelect())


def _both(data, field_name="country", **attributes):
    form = PlaceForm(data={field_name: data})
    field = getattr(form, field_name)
    field.choices = FixedChoices(PAIRS)
    return str(field(**attributes)), str(Select()(field, **attributes))


@pytest.mark.parametrize("data", [None, "", "DE", "CH", "FR"])
def test_the_cached_options_are_the_ones_wtforms_renders(data):
    fast, plain = _both(data)
    assert fast == plain
    assert fast.count("selected") == (data in ("", "DE", "CH"))


def test_flags_and_attributes_are_kept():
    fast, plain = _both("XK", "required_country", autocomplete="country", **{"aria-invalid": "true"})
    assert fast == plain and " required" in fast


def test_other_choices_fall_back_to_select():
    form = PlaceForm(data={"country": "b"})
    form.country.choices = [("a", "A"), ("b", "B")]
    assert str(form.country()) == str(Select()(form.country))
