from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, Form, RadioField, StringField
from wtforms.validators import AnyOf, ValidationError

from kd.core.forms import max_length, required, select_choices
from kd.media.models import PhotoPermission
from kd.media.services import PhotoDetails

PERMISSION_LABELS = {
    PhotoPermission.OWN: _l("I took this photo, or I own its rights."),
    PhotoPermission.PERMISSION: _l("The photographer or rights holder allowed me to publish it here."),
    PhotoPermission.LICENCE: _l("It is published under a licence that allows this, such as CC BY."),
}
ACCEPTED_TYPES = "image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif,.heic,.heif"


class PhotoDetailsForm(FlaskForm):
    alt_text = StringField(_l("Description for people who cannot see it (alt text)"),
                           validators=[required(), max_length(300)],
                           description=_l("Say what the photo shows, e.g. “Drita Krasniqi receiving the award "
                                          "on stage in Zurich”."))
    caption = StringField(_l("Caption (optional)"), validators=[max_length(300)])
    credit = StringField(_l("Photo credit"), validators=[max_length(160)],
                         description=_l("Who took the photo. Needed when it is not your own."))
    permission = RadioField(_l("Why may KD publish this photo?"),
                            choices=select_choices((kind.value, label) for kind, label in PERMISSION_LABELS.items()),
                            validators=[required(), AnyOf([kind.value for kind in PhotoPermission],
                                                          message=_l("Choose one of the options."))],
                            validate_choice=False)
    licence = StringField(_l("Licence"), validators=[max_length(120)],
                          description=_l("For example CC BY 4.0. Only when you chose a licence above."))

    def validate_licence(self, field) -> None:
        if self.permission.data == PhotoPermission.LICENCE.value and not (field.data or "").strip():
            raise ValidationError(_l("Name the licence, for example CC BY 4.0."))

    def validate_credit(self, field) -> None:
        needs_credit = self.permission.data in (PhotoPermission.PERMISSION.value, PhotoPermission.LICENCE.value)
        if needs_credit and not (field.data or "").strip():
            raise ValidationError(_l("Name the photographer or rights holder."))


class UploadForm(PhotoDetailsForm):
    photo = FileField(_l("Photo"), validators=[FileRequired(message=_l("Choose a photo to upload."))],
                      render_kw={"accept": ACCEPTED_TYPES, "data-preview": "photo-preview"})
    replace = BooleanField(_l("Replace the current portrait"))


class AttachedPhotoForm(Form):
    """A photo chosen on the profile or story form itself (a FormField there): optional, and once a file is
    chosen it needs its description and the member's word that it may be published."""

    photo = FileField(_l("Photo"), render_kw={"accept": ACCEPTED_TYPES})
    alt_text = StringField(_l("Description for people who cannot see it (alt text)"),
                           validators=[max_length(300)],
                           description=_l("Say what the photo shows, e.g. “Drita Krasniqi receiving the award "
                                          "on stage in Zurich”."))
    credit = StringField(_l("Photo credit"), validators=[max_length(160)],
                         description=_l("Who took the photo. Needed when it is not your own."))
    permission = BooleanField(_l("I took this photo, or its photographer allowed me to publish it on KD."))

    @property
    def chosen(self) -> bool:
        return bool(getattr(self.photo.data, "filename", ""))

    def validate_alt_text(self, field) -> None:
        if self.chosen and not (field.data or "").strip():
            raise ValidationError(_l("Describe the photo for people who cannot see it (alt text)."))

    def validate_permission(self, field) -> None:
        if self.chosen and not field.data:
            raise ValidationError(_l("Tick this box to confirm that KD may publish the photo."))

    def details(self) -> PhotoDetails:
        """Credited to someone else: published with their permission; else the member's own photo."""
        credit = (self.credit.data or "").strip()
        permission = PhotoPermission.PERMISSION if credit else PhotoPermission.OWN
        return PhotoDetails(alt_text=self.alt_text.data or "", credit=credit, permission=permission)
