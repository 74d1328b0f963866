from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Email, Optional

from kd.core.forms import SpamTrapMixin, max_length, required, select_choices, strip_nul
from kd.reports.models import ReportCategory

CATEGORY_LABELS = {
    ReportCategory.ABUSE: _l("Abuse or hateful content"),
    ReportCategory.PRIVACY: _l("It reveals private information"),
    ReportCategory.COPYRIGHT: _l("It uses my work without permission"),
    ReportCategory.OTHER: _l("Something else"),
}


class CorrectionForm(SpamTrapMixin, FlaskForm):
    message = TextAreaField(_l("Your message"), validators=[required(), max_length(2000)], filters=[strip_nul])
    name = StringField(_l("Your name (optional)"), validators=[Optional(), max_length(120)], filters=[strip_nul])
    email = EmailField(_l("Your email address (optional)"), validators=[
        Optional(), Email(message=_l("Enter a valid email address, such as name@example.com.")), max_length(254)],
        description=_l("Only if you would like an answer."))


class ReportForm(CorrectionForm):
    category = SelectField(_l("Reason"), validators=[required(), AnyOf(
        [category.value for category in CATEGORY_LABELS], message=_l("Choose one of the listed reasons."))],
        choices=select_choices([("", _l("Choose a reason")),
                                *((category.value, label) for category, label in CATEGORY_LABELS.items())]),
        validate_choice=False)


class CloseForm(FlaskForm):
    note = TextAreaField(_l("Note (what was done)"), validators=[max_length(2000)], filters=[strip_nul])
