from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import Length

from kd.core.forms import PlainName, email_address, language_choices, max_length, new_password, required, same_as
from kd.core.text import normalise_name


class RegisterForm(FlaskForm):
    display_name = StringField(_l("Your name"), validators=[required(), Length(
        min=2, max=120, message=_l("A name needs 2 to 120 characters.")), PlainName()], filters=[normalise_name])
    email = EmailField(_l("Email address"), validators=email_address())
    password = PasswordField(_l("Password"), validators=new_password(),
                             description=_l("At least 10 characters."))
    confirm = PasswordField(_l("Repeat the password"), validators=[required(), same_as("password")])
    locale = SelectField(_l("Language for emails"), choices=language_choices(), default="en")


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=email_address())
    password = PasswordField(_l("Password"), validators=[required(), max_length(128)])
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=email_address())


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=new_password(),
                             description=_l("At least 10 characters."))
    confirm = PasswordField(_l("Repeat the new password"), validators=[required(), same_as("password")])


class SettingsForm(FlaskForm):
    display_name = StringField(_l("Your name"), validators=[required(), Length(
        min=2, max=120, message=_l("A name needs 2 to 120 characters.")), PlainName()], filters=[normalise_name])
    locale = SelectField(_l("Preferred language"), choices=language_choices(with_default=True))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[required(), max_length(128)])
    password = PasswordField(_l("New password"), validators=new_password(),
                             description=_l("At least 10 characters."))
    confirm = PasswordField(_l("Repeat the new password"), validators=[required(), same_as("password")])


class ChangeEmailForm(FlaskForm):
    new_email = EmailField(_l("New email address"), validators=email_address())
    current_password = PasswordField(_l("Current password"), validators=[required(), max_length(128)])
