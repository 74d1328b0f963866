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


def send_password_reset(user: User) -> None:
    link = url_for("accounts.reset_password", token=services.reset_token(user), _external=True)
    send_templated(user.email, "reset_password", _locale(user), user=user, link=link)


def send_email_change(user: User, new_email: str, token: str) -> None:
    link = url_for("accounts.confirm_email_change", token=token, _external=True)
    send_templated(new_email, "change_email", _locale(user), user=user, link=link)
