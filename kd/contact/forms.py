from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import Length

from kd.core.forms import SpamTrapMixin, email_address, max_length, required


class ContactForm(SpamTrapMixin, FlaskForm):
    name = StringField(_l("Your name"), validators=[required(), max_length(120)])
    email = EmailField(_l("Your email address"), validators=email_address(),
                       description=_l("We answer to this address."))
    subject = StringField(_l("Subject"), validators=[required(), max_length(200)])
    message = TextAreaField(_l("Message"), validators=[required(), Length(
        min=10, max=5000, message=_l("A message needs 10 to 5000 characters."))])

