from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField

from kd.core.forms import email_address, language_choices


class SubscribeForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=email_address())
    locale = SelectField(_l("Language of the newsletter"), choices=language_choices(), default="en")


class UnsubscribeForm(FlaskForm):
    """One button; the signed link is the proof, so it also works as RFC 8058 one-click (see views)."""
