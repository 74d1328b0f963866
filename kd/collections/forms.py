from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField, TextAreaField

from kd.collections.models import NOTE_LENGTH, TITLE_LENGTH
from kd.collections.services import EDITABLE_FIELDS
from kd.core.forms import PlainName, max_length, required
from kd.core.text import normalise_name

NO_COVER = "none"


class CollectionForm(FlaskForm):
    title_en = StringField(_l("Title in English"), validators=[max_length(TITLE_LENGTH), PlainName()],
                           filters=[normalise_name],
                           description=_l("For example: Kosovars in medicine"))
    title_sq = StringField(_l("Title in Albanian"), validators=[max_length(TITLE_LENGTH), PlainName()],
                           filters=[normalise_name],
                           description=_l("For example: Kosovarët në mjekësi"))
    introduction_en = TextAreaField(_l("Introduction in English"), validators=[max_length(5000)],
                                    description=_l("Markdown: **bold**, *italic*, [link](https://…), lists."))
    introduction_sq = TextAreaField(_l("Introduction in Albanian"), validators=[max_length(5000)])
    featured = BooleanField(_l("Feature on the home page"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not ((self.title_en.data or "").strip() or (self.title_sq.data or "").strip()):
            self.title_en.errors.append(_("Write the title in English or in Albanian."))
            valid = False
        return valid

    def collection_fields(self) -> dict:
        return {name: self[name].data for name in EDITABLE_FIELDS}


class AddItemForm(FlaskForm):
    reference = StringField(_l("Address of a profile or story"), validators=[required(), max_length(500)],
                            description=_l("Paste its address, such as https://…/stories/…, or its last part."))
    note = StringField(_l("Editor's note (optional)"), validators=[max_length(NOTE_LENGTH)],
                       description=_l("One line shown beside the item."))


class CoverForm(FlaskForm):
    photo = RadioField(_l("Cover photo"), choices=[], validate_choice=True)

    def offer(self, photos) -> None:
        self.photo.choices = [(NO_COVER, _("The first photo of the collection"))] + [
            (str(photo.id), photo.alt_text) for photo in photos]

    def photo_id(self) -> int | None:
        return None if self.photo.data in (None, NO_COVER) else int(self.photo.data)

