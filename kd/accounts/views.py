from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user

from kd.accounts import notifications, services
from kd.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
    SettingsForm,
)
from kd.core.auth import acting_user, login_required
from kd.core.errors import DomainError
from kd.core.i18n import current_locale, safe_next
from kd.core.tokens import TokenExpired, TokenInvalid
from kd.db import transaction
from kd.extensions import limiter

bp = Blueprint("accounts", __name__, url_prefix="/account")


def _limit(config_key: str):
    return limiter.limit(lambda: current_app.config[config_key], methods=["POST"])


def _client_and_email_key() -> str:
    """Throttles one client's guesses at one account; the owner, elsewhere, can still log in."""
    return f"login:{get_remote_address()}:{services.normalise_email(request.form.get('email', ''))}"


@bp.route("/register", methods=["GET", "POST"])
@_limit("REGISTER_RATE_LIMIT")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("site.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        with transaction():
            user, created = services.register(form.email.data, form.display_name.data, form.password.data,
                                              form.locale.data)
        notifications.send_registration_mail(user, created)
        flash(_("Thank you. We sent a message to %(email)s: follow its link to confirm your address, then log "
                "in.", email=services.normalise_email(form.email.data)), "success")
        return redirect(url_for(".login"))
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.get("/confirm/<token>")
def confirm(token: str):
    try:
        with transaction():
            services.confirm_email(token)
    except TokenExpired:
        flash(_("This confirmation link has expired. Log in and ask for a new one."), "error")
        return redirect(url_for(".login"))
    except TokenInvalid:
        flash(_("This confirmation link is not valid."), "error")
        return redirect(url_for("site.home"))
    flash(_("Thank you, your email address is confirmed."), "success")
    return redirect(url_for(".welcome"))


@bp.get("/welcome")
def welcome():
    """Where a confirmed address leads: the first things a member can do."""
    return render_template("accounts/welcome.html")


@bp.post("/confirm/resend")
@login_required
@_limit("RESET_RATE_LIMIT")
def resend_confirmation():
    if current_user.email_confirmed:
        flash(_("Your email address is already confirmed."), "info")
    else:
        notifications.send_confirmation(current_user)
        flash(_("We sent a new confirmation link to %(email)s.", email=current_user.email), "success")
    return redirect(safe_next(request.form.get("next"), url_for("site.home")))


@bp.route("/login", methods=["GET", "POST"])
@_limit("LOGIN_RATE_LIMIT")
@limiter.limit(lambda: current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"], methods=["POST"],
               key_func=_client_and_email_key)
def login():
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            with transaction():
                user = services.authenticate(form.email.data, form.password.data)
        except DomainError as error:
            form.password.errors.append(error.message)
        else:
            login_user(user, remember=form.remember.data)
            with force_locale(user.locale or current_locale()):  # the pages from now on speak it too
                flash(_("Welcome back, %(name)s.", name=user.display_name), "success")
            return redirect(safe_next(form.next.data, url_for("site.home")))
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        with transaction():
            services.end_sessions(acting_user())
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("site.home"))


@bp.route("/forgot", methods=["GET", "POST"])
@_limit("RESET_RATE_LIMIT")
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.find_by_email(form.email.data)
        if user is not None and not user.disabled:
            notifications.send_password_reset(user)
        flash(_("If an account uses %(email)s, a link to choose a new password is on its way.",
                email=form.email.data), "info")
        return redirect(url_for(".login"))
    return render_template("accounts/forgot.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@_limit("RESET_RATE_LIMIT")
def reset_password(token: str):
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            with transaction():
                services.reset_password(token, form.password.data)
        except TokenExpired:
            flash(_("This link has expired. Ask for a new one."), "error")
            return redirect(url_for(".forgot_password"))
        except TokenInvalid:
            flash(_("This link is not valid or has been used already. Ask for a new one."), "error")
            return redirect(url_for(".forgot_password"))
        logout_user()
        flash(_("Your password is changed. You can log in with it now."), "success")
        return redirect(url_for(".login"))
    return render_template("accounts/reset.html", form=form), 400 if form.errors else 200


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = SettingsForm(obj=current_user if request.method == "GET" else None)
    if request.method == "GET":
        form.locale.data = current_user.locale or ""
    if form.validate_on_submit():
        with transaction():
            services.update_settings(acting_user(), form.display_name.data, form.locale.data)
        flash(_("Your settings are saved."), "success")
        return redirect(url_for(".settings"))
    return _settings_page(settings_form=form)


@bp.post("/password")
@login_required
def change_password():
    form = ChangePasswordForm(prefix="pw")
    if form.validate_on_submit():
        try:
            with transaction():
                user = services.change_password(acting_user(), form.current_password.data, form.password.data)
        except DomainError as error:
            form.current_password.errors.append(error.message)
        else:
            login_user(user)
            flash(_("Your password is changed. Other devices have been logged out."), "success")
            return redirect(url_for(".settings"))
    return _settings_page(password_form=form)


@bp.post("/email")
@login_required
def change_email():
    form = ChangeEmailForm(prefix="em")
    if form.validate_on_submit():
        try:
            token = services.request_email_change(acting_user(), form.current_password.data, form.new_email.data)
        except DomainError as error:
            form.new_email.errors.append(error.message)
        else:
            notifications.send_email_change(current_user, form.new_email.data, token)
            flash(_("We sent a link to %(email)s. Your address changes once you open it.",
                    email=form.new_email.data), "info")
            return redirect(url_for(".settings"))
    return _settings_page(email_form=form)


@bp.get("/email/confirm/<token>")
def confirm_email_change(token: str):
    logged_in_id = current_user.id if current_user.is_authenticated else None  # before the old token stops working
    try:
        with transaction():
            user = services.confirm_email_change(token)
    except TokenExpired:
        flash(_("This link has expired. Ask for the change again."), "error")
    except TokenInvalid:
        flash(_("This link is not valid."), "error")
    except DomainError as error:
        flash(error.message, "error")
    else:
        if logged_in_id == user.id:
            login_user(user)  # this browser stays logged in; every other session has ended
        flash(_("Your email address is changed."), "success")
    return redirect(url_for(".settings") if logged_in_id is not None else url_for(".login"))


def _settings_page(settings_form=None, password_form=None, email_form=None):
    if settings_form is None:
        settings_form = SettingsForm(formdata=None, obj=current_user)
        settings_form.locale.data = current_user.locale or ""
    if password_form is None:
        password_form = ChangePasswordForm(prefix="pw", formdata=None)
    if email_form is None:
        email_form = ChangeEmailForm(prefix="em", formdata=None)
    forms = dict(settings_form=settings_form, password_form=password_form, email_form=email_form)
    has_errors = any(f.errors for f in forms.values())
    return render_template("accounts/settings.html", **forms), 400 if has_errors else 200
