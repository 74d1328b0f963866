from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, EmailField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import Email, InputRequired, Optional, Regexp

from kd.actions.models import ActionStatus, InstitutionKind
from kd.actions.services import EDITABLE_FIELDS
from kd.core.forms import PlainName, max_length, required, select_choices
from kd.core.text import normalise_name
from kd.core.urls import web_address

KIND_LABELS = {
    InstitutionKind.COMPANY: _l("Company"),
    InstitutionKind.STANDARDS_BODY: _l("Standards body"),
    InstitutionKind.GOVERNMENT: _l("Government"),
    InstitutionKind.INTERNATIONAL_ORGANISATION: _l("International organisation"),
}
STATUS_LABELS = {ActionStatus.OPEN: _l("Open"), ActionStatus.WON: _l("Won"), ActionStatus.CLOSED: _l("Closed")}
BILINGUAL_REQUIRED = {
    "title": _l("Write the title in English or in Albanian."),
    "problem": _l("Describe the problem in English or in Albanian."),
    "request": _l("Write the request in English or in Albanian."),
}


class LocalDateField(DateField):
    """A date field whose error message is translated; empty input is left to the required check."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("Enter a date such as 2026-03-31.")) from error


class ActionForm(FlaskForm):
    title_en = StringField(_l("Title in English"), validators=[max_length(200), PlainName()], filters=[normalise_name])
    title_sq = StringField(_l("Title in Albanian"), validators=[max_length(200), PlainName()], filters=[normalise_name])
    target_name = StringField(_l("Institution"), validators=[required(), max_length(160), PlainName()],
                              filters=[normalise_name],
                              description=_l("The company, standards body, government or organisation to write to."))
    target_kind = SelectField(_l("Kind of institution"), validators=[required()], choices=select_choices(
        (kind.value, label) for kind, label in KIND_LABELS.items()))
    target_website = URLField(_l("The institution's website"), validators=[Optional(), max_length(500), web_address()])
    problem_en = TextAreaField(_l("The problem, in English"), validators=[max_length(5000)])
    problem_sq = TextAreaField(_l("The problem, in Albanian"), validators=[max_length(5000)])
    request_en = TextAreaField(_l("The request to send, in English"), validators=[max_length(5000)])
    request_sq = TextAreaField(_l("The request to send, in Albanian"), validators=[max_length(5000)])
    email_to = EmailField(_l("Email address to write to"), validators=[Optional(), max_length(254), Email(
        message=_l("Enter a valid email address, such as name@example.com."))])
    web_form_url = URLField(_l("Address of the web form"), validators=[Optional(), max_length(500), web_address()])
    social_account = StringField(_l("Social media account"), validators=[max_length(120)],
                                 description=_l("For example @Google"))
    social_post_en = TextAreaField(_l("Suggested post, in English"), validators=[max_length(500)])
    social_post_sq = TextAreaField(_l("Suggested post, in Albanian"), validators=[max_length(500)])
    hashtag = StringField(_l("Hashtag"), validators=[Optional(), max_length(80), Regexp(
        r"^#?\w+$", message=_l("A hashtag is one word of letters and digits, such as #KosovoDeservesVisaFree."))])
    starts_on = LocalDateField(_l("Start date"), default=date.today, validators=[
        InputRequired(message=_l("This field is required."))])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name, message in BILINGUAL_REQUIRED.items():
            if not ((self[f"{name}_en"].data or "").strip() or (self[f"{name}_sq"].data or "").strip()):
                self[f"{name}_en"].errors.append(str(message))
                valid = False
        if not (self.email_to.data or self.web_form_url.data or (self.social_account.data or "").strip()):
            self.email_to.errors.append(_("Give at least one way to send the request: an email address, "
                                          "a web form or a social media account."))
            valid = False
        return valid

    def action_fields(self) -> dict:
        fields = {name: self[name].data for name in EDITABLE_FIELDS}
        fields["target_kind"] = InstitutionKind(self.target_kind.data)
        return fields


class StatusForm(FlaskForm):
    status = SelectField(_l("Status"), validators=[required()], choices=select_choices(
        (status.value, label) for status, label in STATUS_LABELS.items()))
    won_on = LocalDateField(_l("Won on"), validators=[Optional()],
                            description=_l("Needed when the status is won."))
    evidence_url = URLField(_l("Evidence"), validators=[Optional(), max_length(500), web_address()],
                            description=_l("A link that shows the change, such as the updated country list."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.status.data == ActionStatus.WON.value and self.won_on.data is None:
            self.won_on.errors.append(_("Give the date the action was won."))
            valid = False
        return valid


class TakePartForm(FlaskForm):
    show_name = BooleanField(_l("Show my name on this page"))


class ReviewForm(FlaskForm):
    message = TextAreaField(_l("Message to the member"), validators=[max_length(2000)],
                            description=_l("Needed when you ask for changes, reject or unpublish."))
