from __future__ import annotations

from functools import lru_cache

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Optional, ValidationError

from kd.core.forms import FixedChoices, FixedSelect, max_length, required, select_choices, strip_nul
from kd.core.i18n import LANGUAGE_NAMES
from kd.core.places import countries, is_country
from kd.core.text import slugify
from kd.moderation.queries import QueueFilters, tag_exists

KIND_CHOICES = (("", _l("All kinds")), ("profile", _l("Profiles")), ("story", _l("Stories")),
                ("revision", _l("Edits of published content")), ("translation", _l("Translations")))
NEEDS_MESSAGE = {"request_changes", "reject", "unpublish"}
CHOOSE_LISTED = _l("Choose one of the listed values.")


@lru_cache(maxsize=8)
def country_choices(locale: str) -> FixedChoices:
    """In the current language (locale), built once per process."""
    return FixedChoices([("", _l("All countries")), *countries(locale)])


class QueueFilterForm(FlaskForm):
    """Filters read from the query string, so a filtered queue has a shareable address."""

    class Meta:
        csrf = False

    type = SelectField(_l("Kind"), validators=[AnyOf([value for value, _label in KIND_CHOICES],
                                                      message=CHOOSE_LISTED)],
                       choices=select_choices(KIND_CHOICES), validate_choice=False, default="")
    tag = StringField(_l("Tag"), validators=[Optional(), max_length(80)],
                      description=_l("A tag's name, such as Shkencë."))
    country = SelectField(_l("Country"), validate_choice=False, default="", widget=FixedSelect())
    language = SelectField(_l("Language"), validators=[AnyOf(["", *LANGUAGE_NAMES], message=CHOOSE_LISTED)],
                           choices=select_choices([("", _l("All languages")), *LANGUAGE_NAMES.items()]),
                           validate_choice=False, default="")

    def __init__(self, *args, locale: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices(locale)

    def validate_country(self, field):
        if field.data and not is_country(field.data):
            raise ValidationError(CHOOSE_LISTED)

    def validate_tag(self, field):
        if field.data and not tag_exists(slugify(field.data)):
            raise ValidationError(_l("No tag has this name."))

    def filters(self) -> QueueFilters:
        return QueueFilters(kind=self.type.data or "", tag=slugify(self.tag.data or ""),
                            country=(self.country.data or "").upper(), language=self.language.data or "")


class DecisionForm(FlaskForm):
    """One form, one step: the button pressed is the decision, the message goes with it."""

    decision = StringField(validators=[AnyOf(["approve", "request_changes", "reject", "unpublish"],
                                             message=CHOOSE_LISTED)])
    message = TextAreaField(_l("Message to the submitter"), validators=[max_length(2000)], filters=[strip_nul],
                            description=_l("Required when you ask for changes, reject or unpublish."))

    def validate_message(self, field):
        if self.decision.data in NEEDS_MESSAGE and not (field.data or "").strip():
            raise ValidationError(_l("Please write a message that says why."))


class RevisionDecisionForm(FlaskForm):
    decision = StringField(validators=[AnyOf(["approve", "reject"], message=CHOOSE_LISTED)])
    message = TextAreaField(_l("Message to the submitter"), validators=[max_length(2000)], filters=[strip_nul],
                            description=_l("Required when you reject the changes."))

    def validate_message(self, field):
        if self.decision.data == "reject" and not (field.data or "").strip():
            raise ValidationError(_l("Please write a message that says why."))


class ConsentForm(FlaskForm):
    note = TextAreaField(_l("How consent was obtained"), validators=[required(), max_length(2000)],
                         filters=[strip_nul],
                         description=_l("For example: phone call with the person on 3 May; email on file."))


class MergeForm(FlaskForm):
    keep = StringField(_l("Profile to keep"), validators=[required(), max_length(120)], filters=[strip_nul],
                       description=_l("Its number or the last part of its address."))
    duplicate = StringField(_l("Duplicate to merge into it"), validators=[required(), max_length(120)],
                            filters=[strip_nul],
                            description=_l("Its stories, tags and address move to the profile kept."))



class PhotoDecisionForm(FlaskForm):
    message = TextAreaField(_l("Message to the member"), validators=[max_length(2000)], filters=[strip_nul],
                            description=_l("Required when you remove the photo."))
