"""Shared form pieces: translated validators and the language choice."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import HiddenField, StringField
from wtforms.fields.choices import Choice, SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError
from wtforms.widgets import Select, html_params

from kd.core.i18n import LANGUAGE_NAMES
from kd.core.text import MAX_COMBINING_RUN, name_problem


def strip_nul(value):
    """PostgreSQL refuses NUL characters in text; a pasted one must not turn into an error page."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def required():
    return DataRequired(message=_l("This field is required."))


def email_address():
    return [required(), Email(message=_l("Enter a valid email address, such as name@example.com.")),
            Length(max=254, message=_l("An email address can have at most %(max)d characters.", max=254))]


def new_password():
    return [required(), Length(min=10, max=128, message=_l("A password needs 10 to 128 characters."))]


def same_as(field: str):
    return EqualTo(field, message=_l("The two passwords do not match."))


def max_length(limit: int):
    return Length(max=limit, message=_l("At most %(max)d characters.", max=limit))


def select_choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class FixedChoices(list):
    """A long choice list that is the same in every form of a language (countries, municipalities, fields):
    its owner builds it once per process and language, and FixedSelect renders its options once."""

    def __init__(self, pairs) -> None:
        super().__init__(SelectChoice(value, str(label)) for value, label in pairs)
        self._options = [Select.render_option(Choice(c.value, c.label, False, None)) for c in self]
        self._position = {c.value: number for number, c in enumerate(self)}
        self._all = "".join(self._options)

    def options_html(self, chosen) -> str:
        """The options, the one whose value is chosen marked selected."""
        number = self._position.get(chosen) if isinstance(chosen, str) else None
        if number is None:
            return self._all
        selected = Select.render_option(Choice(self[number].value, self[number].label, True, None))
        return "".join([*self._options[:number], selected, *self._options[number + 1:]])


class FixedSelect(Select):
    """A select that renders FixedChoices from their cached options, as Select would (other choices too)."""

    def __call__(self, field, **kwargs):
        if not isinstance(field.choices, FixedChoices) or field.coerce is not str:
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        kwargs.update({flag: getattr(field.flags, flag) for flag in dir(field.flags)
                       if flag in self.validation_attrs and flag not in kwargs})
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{field.choices.options_html(field.data)}"
                      "</select>")


def language_choices(with_default: bool = False) -> list[SelectChoice]:
    pairs = list(LANGUAGE_NAMES.items())
    if with_default:
        pairs.insert(0, ("", _l("The language of my browser")))
    return select_choices(pairs)


class SpamTrapMixin:
    """A honeypot: a field people never see (hidden by CSS, skipped by keyboard) and bots fill in. Render it
    with the spam_trap macro (templates/_macros/forms.html); the view decides what a caught bot gets."""

    website = StringField(_l("Leave this empty"), validators=[Optional(), Length(max=500)])

    @property
    def is_spam(self) -> bool:
        return bool((self.website.data or "").strip())


class ButtonForm(FlaskForm):
    """A button that posts with nothing but the CSRF token (publish, close, release, download…)."""


class LanguageForm(FlaskForm):
    """The language switch: one button per language, posted with a CSRF token."""

    language = HiddenField()
    next = HiddenField()


_NAME_PROBLEMS = {
    "bidi": _l("Remove the hidden characters that change the writing direction."),
    "invisible": _l("Remove the invisible characters (such as zero-width spaces)."),
    "marks": _l("Too many accents on one letter: at most %(max)d in a row.", max=MAX_COMBINING_RUN),
}


class PlainName:
    """Refuses names with direction overrides, invisible characters or piles of combining marks."""

    def __call__(self, form, field) -> None:
        problem = name_problem(field.data or "")
        if problem:
            raise ValidationError(_NAME_PROBLEMS[problem])

