"""The story form: what was achieved, when, by whom, and the evidence for it."""
from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import DateField, FieldList, Form, FormField, SelectMultipleField, StringField, TextAreaField, URLField
from wtforms.validators import Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from kd.core.forms import PlainName, max_length, required, select_choices
from kd.core.text import normalise_name, normalise_space
from kd.core.urls import web_address
from kd.media.forms import AttachedPhotoForm
from kd.media.services import NewPhoto, read_upload
from kd.profiles.forms import SubmissionForm, shared_form_data, split_lines
from kd.profiles.models import Profile
from kd.profiles.queries import published_profile_at
from kd.stories.services import PLACE_DEFAULTS

MAX_SOURCES = 5
PHOTO_FIELDS = 3  # new photos per save; the story's own limit is kd.media's


class DayField(DateField):
    """A date input whose parse error speaks the member's language."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Enter a date such as 2024-05-31.")) from error


def not_in_future(form, field) -> None:
    if field.data and field.data > date.today():
        raise ValidationError(_l("The date cannot be in the future."))


class SourceForm(Form):
    url = URLField(_l("Web address"), validators=[Optional(), web_address()])
    title = StringField(_l("Title of the page"), validators=[max_length(200)])

    def validate_title(self, field) -> None:
        if (field.data or "").strip() and not (self.url.data or "").strip():
            raise ValidationError(_l("Add the web address of this source."))


class StoryForm(SubmissionForm):
    title = StringField(_l("Title"), validators=[required(), max_length(200), PlainName()], filters=[normalise_name])
    summary = TextAreaField(_l("Summary"), validators=[max_length(500)],
                            description=_l("One or two sentences, shown on cards and in search results."))
    body = TextAreaField(_l("The story"), validators=[max_length(50000)],
                         description=_l("Markdown: *italic*, **bold**, [a link](https://example.org), - lists."))
    achieved_on = DayField(_l("Date of the achievement"), validators=[Optional(), not_in_future])
    profile_ids = SelectMultipleField(_l("Who achieved it"), coerce=int, widget=ListWidget(prefix_label=False),
                                      option_widget=CheckboxInput(),
                                      description=_l("Tick everyone this story is about: your own profiles, and "
                                                     "published ones you find by name."))
    profile_search = StringField(_l("Find a published profile"), validators=[max_length(160)],
                                 description=_l("Type part of a name, then choose Find."))
    other_profiles = TextAreaField(_l("Other published profiles"), validators=[max_length(2000)],
                                   description=_l("Not in the list? Paste the address of their page, such as "
                                                  "https://…/people/drita-krasniqi, one per line."))
    sources = FieldList(FormField(SourceForm), min_entries=MAX_SOURCES, max_entries=MAX_SOURCES)
    photos = FieldList(FormField(AttachedPhotoForm), min_entries=PHOTO_FIELDS, max_entries=PHOTO_FIELDS)

    def offer_profiles(self, profiles: list[Profile], found: list[Profile] = ()) -> None:
        """Checkboxes for the listed profiles, then for the search's matches not listed already."""
        listed = list({profile.id: profile for profile in [*profiles, *found]}.values())
        self.profile_ids.choices = select_choices((profile.id, _label(profile)) for profile in listed)

    def default_place_from(self, profiles: list[Profile]) -> None:
        """Field, country and municipality left empty take the first chosen profile's (the member can change them)."""
        for name in PLACE_DEFAULTS:
            field = getattr(self, name)
            if not field.data:
                field.data = next((getattr(p, name) for p in profiles if getattr(p, name)), field.data)

    def validate_other_profiles(self, field) -> None:
        unknown = [line for line in split_lines(field.data) if published_profile_at(line) is None]
        if unknown:
            raise ValidationError(_l("No published profile has the address %(address)s.", address=unknown[0]))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.chosen_profile_ids():
            self.profile_ids.errors = [*self.profile_ids.errors, _l("Choose at least one profile.")]
            valid = False
        return valid

    def chosen_profile_ids(self) -> list[int]:
        named = [published_profile_at(line) for line in split_lines(self.other_profiles.data)]
        return list(dict.fromkeys([*(self.profile_ids.data or []), *(p.id for p in named if p is not None)]))

    def new_photos(self) -> list[NewPhoto]:
        """The chosen photo files, read (refused with UploadRefused, naming the field, when too large)."""
        return [read_upload(entry.form.photo.data.stream, entry.form.photo.data.filename, entry.form.details(),
                            slot=index) for index, entry in enumerate(self.photos) if entry.form.chosen]

    def data_for_row(self) -> dict:
        """The edited values as JSON-ready data: what a Revision stores and apply_revision_data() writes."""
        return {
            "title": normalise_space(self.title.data or ""),
            "summary": (self.summary.data or "").strip(),
            "body": (self.body.data or "").strip(),
            "achieved_on": self.achieved_on.data.isoformat() if self.achieved_on.data else None,
            "profile_ids": self.chosen_profile_ids(),
            "sources": [{"url": (entry.url.data or "").strip(), "title": normalise_space(entry.title.data or "")}
                        for entry in self.sources if (entry.url.data or "").strip()],
            **self.shared_data(),
        }


def _label(profile: Profile) -> str:
    return f"{profile.name} · {profile.headline}" if profile.headline else profile.name


def story_form_data(row_data: dict) -> dict:
    data = shared_form_data({key: value for key, value in row_data.items() if key not in ("sources", "achieved_on")})
    data["achieved_on"] = date.fromisoformat(row_data["achieved_on"]) if row_data.get("achieved_on") else None
    data["profile_ids"] = row_data.get("profile_ids", [])
    data["sources"] = row_data.get("sources", [])
    return data
