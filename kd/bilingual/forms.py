"""The translation form (built per kind and per photo), the editors' decision, the list's filters."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Optional

from kd.bilingual.fields import FIELD_LABELS, PHOTO_FIELDS, TEXT_FIELDS, photo_key
from kd.bilingual.queries import NeedsFilters
from kd.core.fields import FIELDS, field_choices
from kd.core.forms import max_length, select_choices, strip_nul
from kd.core.i18n import LANGUAGE_NAMES

LIMITS = {"title": 200, "summary": 500, "body": 20000, "headline": 200, "bio": 10000}
LONG = {"body", "bio", "summary"}
CHOOSE_LISTED = _l("Choose one of the listed values.")


class TranslationForm(FlaskForm):
    """Fields are added per kind and per photo by translation_form()."""


def _text_field(name: str):
    field_class = TextAreaField if name in LONG else StringField
    return field_class(FIELD_LABELS[name], validators=[Optional(), max_length(LIMITS[name])], filters=[strip_nul])


def translation_form(kind: str, photos, formdata=None, data: dict | None = None) -> TranslationForm:
    form_class = type("KindTranslationForm", (TranslationForm,), {})
    for name in TEXT_FIELDS[kind]:
        setattr(form_class, name, _text_field(name))
    for number, photo in enumerate(photos, start=1):
        for name in PHOTO_FIELDS:
            label = _l("Photo %(number)d: %(what)s", number=number, what=FIELD_LABELS[name])
            setattr(form_class, photo_key(photo.id, name),
                    StringField(label, validators=[Optional(), max_length(300)], filters=[strip_nul]))
    return form_class(formdata=formdata, data=data or {})


def form_texts(form: TranslationForm) -> dict[str, str]:
    return {field.name: field.data or "" for field in form if field.name != "csrf_token"}


class TranslationDecisionForm(FlaskForm):
    decision = StringField(validators=[AnyOf(["approve", "request_changes", "reject", "unpublish"],
                                             message=CHOOSE_LISTED)])
    message = TextAreaField(_l("Message to the translator"), validators=[max_length(2000)], filters=[strip_nul],
                            description=_l("Required when you ask for changes, reject or unpublish."))


class VolunteerForm(FlaskForm):
    note = TextAreaField(_l("Which languages do you read and write well?"),
                         validators=[Optional(), max_length(1000)], filters=[strip_nul])


KIND_CHOICES = (("", _l("Stories and profiles")), ("story", _l("Stories")), ("profile", _l("Profiles")))


class NeedsFilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(_l("Kind"), choices=select_choices(KIND_CHOICES), validate_choice=False, default="",
                       validators=[AnyOf([value for value, _label in KIND_CHOICES], message=CHOOSE_LISTED)])
    language = SelectField(_l("Translate into"), validate_choice=False, default="",
                           choices=select_choices([("", _l("Any language")), *LANGUAGE_NAMES.items()]),
                           validators=[AnyOf(["", *LANGUAGE_NAMES], message=CHOOSE_LISTED)])
    field = SelectField(_l("Field"), validate_choice=False, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.field.choices = select_choices([("", _l("All fields")), *field_choices()])
        self.field.validators = [AnyOf(["", *FIELDS], message=CHOOSE_LISTED)]

    def filters(self) -> NeedsFilters:
        return NeedsFilters(kind=self.kind.data or "", language=self.language.data or "", field=self.field.data or "")
