"""Mails about an account, sent after the transaction that prompted them has committed."""
from __future__ import annotations

from flask import url_for

from kd.accounts import services
from kd.accounts.models import User
from kd.mail import send_templated


def _locale(user: User) -> str:
    return user.locale or "en"


def send_confirmation(user: User) -> None:
    link = url_for("accounts.confirm", token=services.confirmation_token(user), _external=True)
    send_templated(user.email, "confirm_email", _locale(user), user=user, link=link)


def send_registration_mail(user: User, created: bool) -> None:
    """A new account gets its confirmation link; the owner of an address already in use gets a note instead."""
    if created:
        send_confirmation(user)
    else:
        send_templated(user.email, "registration_attempt", _locale(user), user=user,
                       login_link=url_for("accounts.login", _external=True),
                       reset_link=url_for("accounts.forgot_password", _external=True))


def send_password_reset(user: User) -> None:
    link = url_for("accounts.reset_password", token=services.reset_token(user), _external=True)
    send_templated(user.email, "reset_password", _locale(user), user=user, link=link)


def send_email_change(user: User, new_email: str, token: str) -> None:
    link = url_for("accounts.confirm_email_change", token=token, _external=True)
    send_templated(new_email, "change_email", _locale(user), user=user, link=link)
