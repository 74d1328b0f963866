from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from kd.accounts.services import set_locale
from kd.collections.queries import cover_of
from kd.collections.queries import featured as featured_collections
from kd.core.auth import acting_user
from kd.core.forms import LanguageForm
from kd.core.i18n import safe_next, supported
from kd.db import transaction
from kd.profiles.models import ProfileKind
from kd.site.queries import featured_story, latest_of_kinds, latest_stories

bp = Blueprint("site", __name__)

ONE_YEAR = 365 * 24 * 3600


@bp.get("/")
def home():
    lead = featured_story()
    stories = [story for story in latest_stories(7) if story != lead][:6]
    return render_template("site/home.html", lead=lead, stories=stories,
                           people=latest_of_kinds((ProfileKind.PERSON,), 8),
                           organisations=latest_of_kinds((ProfileKind.GROUP, ProfileKind.ORGANISATION), 6),
                           collections=featured_collections(), cover_of=cover_of)


@bp.post("/language")
def switch_language():
    """Kept in a cookie, and in the member's settings when logged in (hence a POST with CSRF)."""
    form = LanguageForm()
    if not form.validate_on_submit() or not supported(form.language.data):
        abort(400)
    if current_user.is_authenticated:
        with transaction():
            set_locale(acting_user(), form.language.data)
    return _remember_language(form.language.data, form.next.data)


@bp.get("/language/<code>")
def choose_language(code: str):
    """The visitors' switch: a plain link, so anonymous pages need no session and stay cacheable."""
    if not supported(code):
        abort(404)
    return _remember_language(code, request.args.get("next"))


def _remember_language(code: str, next_path: str | None):
    response = redirect(safe_next(next_path, url_for(".home")))
    response.set_cookie(current_app.config["LANGUAGE_COOKIE"], code, max_age=ONE_YEAR,
                        samesite="Lax", httponly=True, secure=request.is_secure)
    return response
