"""The profile form, and the pieces it shares with the story form (place, field, tags, honeypot)."""
from __future__ import annotations

from functools import lru_cache

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, FormField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Optional, ValidationError

from kd.core.fields import field_choices
from kd.core.forms import (
    FixedChoices,
    FixedSelect,
    PlainName,
    SpamTrapMixin,
    language_choices,
    max_length,
    required,
    select_choices,
)
from kd.core.i18n import current_locale
from kd.core.places import countries, municipality_choices
from kd.core.text import normalise_name, normalise_space
from kd.core.urls import InvalidURL, parse_public_url
from kd.media.forms import AttachedPhotoForm
from kd.media.services import NewPhoto, read_upload
from kd.profiles.models import Profile, ProfileKind

MAX_LINKS = 5
MAX_TAGS = 10
KIND_LABELS = {
    ProfileKind.PERSON: _l("A person"),
    ProfileKind.GROUP: _l("A group (a band, a team, an ensemble)"),
    ProfileKind.ORGANISATION: _l("An organisation (a company, an association, a school)"),
}
ABOUT_SELF, ABOUT_OTHER = "self", "other"


def split_tags(text: str | None) -> list[str]:
    return [name for name in (normalise_space(part) for part in (text or "").split(",")) if name]


def split_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@lru_cache(maxsize=8)
def place_choices(locale: str) -> dict[str, FixedChoices]:
    """The field, country and municipality choices in the current language (locale), built once per process."""
    return {"field": FixedChoices([("", _l("Choose a field")), *field_choices()]),
            "country_code": FixedChoices([("", _l("Choose a country")), *countries(locale)]),
            "municipality": FixedChoices([("", _l("Choose a municipality")), *municipality_choices(locale)])}


class SubmissionForm(SpamTrapMixin, FlaskForm):
    """What profiles and stories share: where, which field, tags, the content's language, a honeypot."""

    field = SelectField(_l("Field"), validators=[Optional()], widget=FixedSelect())
    country_code = SelectField(_l("Country of residence"), validators=[Optional()], widget=FixedSelect())
    city = StringField(_l("City"), validators=[max_length(120)])
    municipality = SelectField(_l("Municipality of origin in Kosovo"), validators=[Optional()], widget=FixedSelect())
    tags = StringField(_l("Tags"), validators=[max_length(400), PlainName()], filters=[normalise_name],
                       description=_l("Separate tags with commas, for example: music, Berlin, youth."))
    language = SelectField(_l("Language of this text"), choices=language_choices(), default="en")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in place_choices(current_locale()).items():
            getattr(self, name).choices = choices

    def validate_tags(self, field) -> None:
        names = split_tags(field.data)
        if len(names) > MAX_TAGS:
            raise ValidationError(_l("At most %(max)d tags.", max=MAX_TAGS))
        if any(len(name) > 60 for name in names):
            raise ValidationError(_l("A tag can have at most %(max)d characters.", max=60))

    def shared_data(self) -> dict:
        return {
            "field": self.field.data or None,
            "country_code": self.country_code.data or None,
            "city": normalise_space(self.city.data or ""),
            "municipality": self.municipality.data or None,
            "tags": split_tags(self.tags.data),
            "language": self.language.data,
        }


class ProfileForm(SubmissionForm):
    kind = SelectField(_l("This profile is about"),
                       choices=select_choices((kind.value, label) for kind, label in KIND_LABELS.items()),
                       default=ProfileKind.PERSON.value)
    about = RadioField(_l("Is this profile about you?"), default=ABOUT_SELF, choices=select_choices((
        (ABOUT_SELF, _l("Yes, it is about me")), (ABOUT_OTHER, _l("No, I am nominating someone else")))))
    nominator_relation = StringField(_l("How do you know this person?"), validators=[max_length(200)],
                                     description=_l("For example: colleague, sister, I follow their work."))
    subject_email = EmailField(_l("Their email address (if you know it)"), validators=[
        Optional(), Email(message=_l("Enter a valid email address, such as name@example.com.")), max_length(254)],
        description=_l("We ask them to agree before anything is published. Without an address, an editor "
                       "has to find out."))
    name = StringField(_l("Name"), validators=[required(), max_length(160), PlainName()], filters=[normalise_name])
    headline = StringField(_l("Headline"), validators=[max_length(200)],
                           description=_l("One line, for example: Cardiologist in Zurich."))
    bio = TextAreaField(_l("About"), validators=[max_length(20000)],
                        description=_l("Markdown: *italic*, **bold**, [a link](https://example.org), - lists."))
    links = TextAreaField(_l("Links"), validators=[max_length(3000)],
                          description=_l("Up to 5 web addresses, one per line."))
    portrait = FormField(AttachedPhotoForm, label=_l("Portrait"))

    @property
    def is_nomination(self) -> bool:
        return self.kind.data == ProfileKind.PERSON.value and self.about.data == ABOUT_OTHER

    def validate_nominator_relation(self, field) -> None:
        if self.is_nomination and not normalise_space(field.data or ""):
            raise ValidationError(_l("Please say how you know the person you nominate."))

    def validate_links(self, field) -> None:
        links = split_lines(field.data)
        if len(links) > MAX_LINKS:
            raise ValidationError(_l("At most %(max)d links.", max=MAX_LINKS))
        for link in links:
            try:
                parse_public_url(link)
            except InvalidURL as error:
                raise ValidationError(_l("Each line must be a web address that starts with https:// or http://."
                                         )) from error

    def data_for_row(self) -> dict:
        """The edited values as JSON-ready data: what a Revision stores and apply_revision_data() writes."""
        return {
            "kind": self.kind.data,
            "name": normalise_space(self.name.data or ""),
            "headline": normalise_space(self.headline.data or ""),
            "bio": (self.bio.data or "").strip(),
            "links": split_lines(self.links.data),
            **self.shared_data(),
        }

    def nomination(self) -> dict:
        if not self.is_nomination:
            return {"is_nomination": False, "nominator_relation": "", "subject_email": None}
        email = (self.subject_email.data or "").strip().lower()
        return {"is_nomination": True, "nominator_relation": normalise_space(self.nominator_relation.data or ""),
                "subject_email": email or None}

    def new_portrait(self) -> NewPhoto | None:
        """The chosen portrait file, read (refused with UploadRefused when too large), or None."""
        chosen = self.portrait.form
        if not chosen.chosen:
            return None
        return read_upload(chosen.photo.data.stream, chosen.photo.data.filename, chosen.details())

    def drop_nomination_fields(self) -> None:
        """Once published or claimed, who the profile is about is no longer the member's to change."""
        for name in ("about", "nominator_relation", "subject_email"):
            delattr(self, name)


def shared_form_data(row_data: dict) -> dict:
    """Form field values from row/revision data (lists joined back into text)."""
    data = {key: value for key, value in row_data.items() if key not in ("tags", "links")}
    data["tags"] = ", ".join(row_data.get("tags", []))
    return {key: ("" if value is None else value) for key, value in data.items()}


def profile_form_data(profile: Profile, row_data: dict) -> dict:
    data = shared_form_data(row_data)
    data["links"] = "\n".join(row_data.get("links", []))
    data["about"] = ABOUT_OTHER if profile.is_nomination else ABOUT_SELF
    data["nominator_relation"] = profile.nominator_relation
    data["subject_email"] = profile.subject_email or ""
    return data
