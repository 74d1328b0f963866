from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectMultipleField

from kd.core.forms import max_length, required


class DeleteAccountForm(FlaskForm):
    """hand_over holds the keys ("profile:12") of the ticked items; the service ignores any other key."""

    hand_over = SelectMultipleField(_l("Hand to the editors"), choices=[], validate_choice=False)
    password = PasswordField(_l("Your password"), validators=[required(), max_length(128)],
                             description=_l("To confirm that it is you."))
