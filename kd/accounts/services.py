"""Every change to an account: audited, never committing (the caller owns the transaction)."""
from __future__ import annotations

import functools
import secrets

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from kd.accounts.models import Role, User, new_login_token
from kd.accounts.queries import is_last_active_admin
from kd.audit.services import record
from kd.core.errors import DomainError, PermissionDenied
from kd.core.passwords import hash_password, needs_rehash, verify_password
from kd.core.tokens import TokenInvalid, make_token, read_token
from kd.db import session, utcnow


class AccountError(DomainError):
    """A refusal about an account, with a message for the user."""


class LoginFailed(AccountError):
    """Wrong email or password; the caller records the failure in its own transaction."""


@functools.cache
def _unknown_account_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    return session.scalars(select(User).where(User.email == normalise_email(email))).first()


def register(email: str, display_name: str, password: str, locale: str | None) -> tuple[User, bool]:
    """(the account, whether it is new). An address in use costs the same hashing and changes nothing: only the
    mail its owner then gets (notifications.send_registration_mail) tells the two apart."""
    password_hash = hash_password(password)
    existing = find_by_email(email)
    if existing is not None:
        return existing, False
    user = User(email=normalise_email(email), display_name=display_name.strip(),
                password_hash=password_hash, locale=locale, role=Role.MEMBER)
    session.add(user)
    record(user, "user.registered", user)
    return user, True


def create_admin(email: str, password: str, display_name: str | None = None) -> User:
    """An admin with a confirmed address (CLI); refuses an address already in use."""
    if find_by_email(email):
        raise AccountError(_("An account with this email address already exists."))
    user = User(email=normalise_email(email), display_name=display_name or email.split("@")[0],
                password_hash=hash_password(password), role=Role.ADMIN, email_confirmed=True,
                email_confirmed_at=utcnow())
    session.add(user)
    record(None, "user.admin_created", user)
    return user


def authenticate(email: str, password: str) -> User:
    """Known and unknown addresses cost one Argon2 verification each, so timing tells nothing. There is no
    account lock (anyone could lock the owner out): the views throttle each client instead."""
    user = find_by_email(email)
    if not verify_password(user.password_hash if user else _unknown_account_hash(), password) or user is None:
        raise LoginFailed(_("The email address or password is not right."))
    if user.disabled:
        raise AccountError(_("This account has been disabled. Please contact the editors."))
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at, user.failed_logins, user.locked_until = utcnow(), 0, None
    return user


# Tokens ---------------------------------------------------------------------------------------

def confirmation_token(user: User) -> str:
    return make_token("confirm", {"uid": user.id, "email": user.email})


def confirm_email(token: str) -> User:
    payload = read_token("confirm", token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = session.get(User, payload.get("uid"))
    if user is None or user.email != payload.get("email"):
        raise TokenInvalid()
    if not user.email_confirmed:
        user.email_confirmed, user.email_confirmed_at = True, utcnow()
        record(user, "user.email_confirmed", user)
    return user


def reset_token(user: User) -> str:
    """Bound to the current password hash, so the link works once."""
    return make_token("reset", {"uid": user.id, "fp": user.password_hash[-16:]})


def reset_password(token: str, new_password: str) -> User:
    payload = read_token("reset", token, current_app.config["RESET_TOKEN_MAX_AGE"])
    user = session.get(User, payload.get("uid"))
    if user is None or user.password_hash[-16:] != payload.get("fp"):
        raise TokenInvalid()
    _set_password(user, new_password)
    record(user, "user.password_reset", user)
    return user


def email_change_token(user: User, new_email: str) -> str:
    return make_token("email-change", {"uid": user.id, "old": user.email, "new": normalise_email(new_email)})


def request_email_change(user: User, password: str, new_email: str) -> str:
    if not verify_password(user.password_hash, password):
        raise AccountError(_("Your current password is not right."))
    if normalise_email(new_email) == user.email:
        raise AccountError(_("This is already your email address."))
    if find_by_email(new_email):
        raise AccountError(_("Another account uses this email address."))
    return email_change_token(user, new_email)


def confirm_email_change(token: str) -> User:
    payload = read_token("email-change", token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = session.get(User, payload.get("uid"))
    if user is None or user.email != payload.get("old"):
        raise TokenInvalid()
    if find_by_email(payload["new"]):
        raise AccountError(_("Another account uses this email address."))
    user.email, user.email_confirmed, user.email_confirmed_at = payload["new"], True, utcnow()
    end_sessions(user)
    record(user, "user.email_changed", user, old=payload["old"], new=payload["new"])
    return user


def end_sessions(user: User) -> None:
    """Every session and remember-me cookie issued so far stops opening the account (they carry login_token)."""
    user.login_token = new_login_token()


# Settings ---------------------------------------------------------------------------------------

def change_password(user: User, current_password: str, new_password: str) -> User:
    if not verify_password(user.password_hash, current_password):
        raise AccountError(_("Your current password is not right."))
    _set_password(user, new_password)
    record(user, "user.password_changed", user)
    return user


def update_settings(user: User, display_name: str, locale: str | None) -> User:
    changes = {}
    if display_name.strip() != user.display_name:
        changes["display_name"] = display_name.strip()
    if (locale or None) != user.locale:
        changes["locale"] = locale or None
    for field, value in changes.items():
        setattr(user, field, value)
    if changes:
        record(user, "user.settings_changed", user, **changes)
    return user


def set_locale(user: User, locale: str) -> None:
    user.locale = locale


def _set_password(user: User, new_password: str) -> None:
    user.password_hash = hash_password(new_password)
    end_sessions(user)
    user.failed_logins, user.locked_until = 0, None


# Administration ---------------------------------------------------------------------------------

def guard_last_admin(user: User) -> None:
    if is_last_active_admin(user):
        raise AccountError(_("This is the last active admin. Make another admin first."))


def change_role(admin: User, user: User, role: Role) -> User:
    if not admin.is_admin:
        raise PermissionDenied(_("Only admins can change roles."))
    if role is user.role:
        return user
    if role is not Role.ADMIN:
        guard_last_admin(user)
    record(admin, "user.role_changed", user, old=user.role, new=role)
    user.role = role
    return user


def set_disabled(admin: User, user: User, disabled: bool) -> User:
    if not admin.is_admin:
        raise PermissionDenied(_("Only admins can disable accounts."))
    if disabled == user.disabled:
        return user
    if disabled:
        guard_last_admin(user)
        user.login_token = new_login_token()
    user.disabled = disabled
    record(admin, "user.disabled" if disabled else "user.enabled", user)
    return user

