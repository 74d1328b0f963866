"""The owner's "can help with" form, the asker's request, and the owner's answers."""
from __future__ import annotations

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from kd.connections.models import NOTE_MAX, SPOKEN_LANGUAGES, HelpKind
from kd.core.forms import max_length, required, select_choices, strip_nul

HELP_LABELS = {
    HelpKind.MENTORING: _l("Mentoring"),
    HelpKind.SPEAKING: _l("Speaking at events"),
    HelpKind.HIRING: _l("Hiring or internships"),
    HelpKind.INVESTING: _l("Investing"),
    HelpKind.HOSTING: _l("Hosting visitors or delegations"),
    HelpKind.VOLUNTEERING: _l("Volunteering"),
    HelpKind.ADVISING: _l("Advising institutions"),
}
ABOUT_MAX, REQUEST_MAX, REASON_MAX, DECLINE_MAX = 500, 1500, 1000, 300


class CheckboxesField(SelectMultipleField):
    """One checkbox per choice; values outside the choices are refused with a message, not an error page."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form) -> None:
        known = {choice.value for choice in self.choices}
        if any(value not in known for value in self.data or []):
            raise ValidationError(_l("Choose from the listed options."))


def language_name(code: str) -> str:
    """The language's name in the reader's language (CLDR), e.g. "gjermanisht" for de in Albanian."""
    locale = get_locale() or Locale("en")
    return locale.languages.get(code, code)


def _between(minimum: int, maximum: int):
    return Length(min=minimum, max=maximum, message=_l("Write %(min)d to %(max)d characters.", min=minimum,
                                                          max=maximum))


class HelpOfferForm(FlaskForm):
    kinds = CheckboxesField(_l("I can help with"), choices=select_choices(
        (kind.value, label) for kind, label in HELP_LABELS.items()))
    languages = CheckboxesField(_l("Languages I speak"), choices=select_choices(
        (code, code) for code in SPOKEN_LANGUAGES))
    note = TextAreaField(_l("A short note (optional)"), validators=[max_length(NOTE_MAX)], filters=[strip_nul],
                         description=_l("For example: happy to mentor young architects from Kosovo."))
    paused = BooleanField(_l("Pause requests for introductions for now"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.languages.choices = select_choices((code, language_name(code)) for code in SPOKEN_LANGUAGES)


class AskForm(FlaskForm):
    about_asker = TextAreaField(_l("Who you are"), validators=[required(), _between(20, ABOUT_MAX)],
                                filters=[strip_nul], description=_l("Your work, your studies, where you live."))
    request = TextAreaField(_l("What you ask for"), validators=[required(), _between(20, REQUEST_MAX)],
                            filters=[strip_nul])
    reason = TextAreaField(_l("Why this person or organisation"), validators=[required(), _between(10, REASON_MAX)],
                           filters=[strip_nul])
    consent = BooleanField(_l("I agree that my name and this message are shared with the owner of this profile."),
                           validators=[InputRequired(message=_l("Please agree before you send the request."))])


class DeclineForm(FlaskForm):
    reason = TextAreaField(_l("A short reason (optional)"), validators=[max_length(DECLINE_MAX)], filters=[strip_nul])
    share = BooleanField(_l("Tell the member this reason"))
    block = BooleanField(_l("Block this member from asking me again"))


class ReportForm(FlaskForm):
    note = TextAreaField(_l("What is wrong with this request? (for the editors)"), validators=[max_length(DECLINE_MAX)],
                         filters=[strip_nul])


class SuspendForm(FlaskForm):
    note = TextAreaField(_l("Note (why)"), validators=[max_length(300)], filters=[strip_nul])
