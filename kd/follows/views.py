"""Follow / Unfollow buttons, the member's follows page with the digest frequency, and one-click unsubscribe."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kd.core.auth import acting_user, login_required
from kd.core.errors import PermissionDenied
from kd.core.i18n import current_locale, safe_next
from kd.core.tokens import TokenExpired, TokenInvalid
from kd.db import transaction
from kd.extensions import csrf
from kd.follows import queries, services
from kd.follows.forms import KIND_LABELS, FollowForm, FrequencyForm, UnsubscribeForm
from kd.follows.models import FollowKind

bp = Blueprint("follows", __name__)
KINDS = "any(tag, country, municipality, field, profile, collection)"


@bp.app_template_global()
def followed(kind: str, key: str):
    """The logged-in member's follow of the page's target, or None (for templates/follows/_button.html)."""
    if not current_user.is_authenticated:
        return None
    target = queries.public_target(FollowKind(kind), key)
    return queries.find_follow(current_user.id, target) if target is not None else None


@bp.route("/follows", methods=["GET", "POST"])
@login_required
def index():
    form = FrequencyForm(frequency=queries.frequency_of(current_user.id).value)
    if form.validate_on_submit():
        with transaction():
            services.set_frequency(acting_user(), form.chosen)
        flash(_("Your digest choice is saved."), "success")
        return redirect(url_for(".index"))
    return render_template("follows/index.html", form=form, followed=queries.followed_by(current_user.id),
                           kind_labels=KIND_LABELS), 400 if form.errors else 200


@bp.post(f"/follows/<{KINDS}:kind>/<key>")
@login_required
def follow(kind: str, key: str):
    form = FollowForm()
    back = safe_next(form.next.data, url_for(".index"))
    try:
        with transaction():
            added = services.follow(acting_user(), FollowKind(kind), key)
    except PermissionDenied as error:
        flash(error.message, "error")
        return redirect(back)
    name = queries.target_of(added).label(current_locale())
    flash(_("You follow %(name)s: what is new there will be in your digest.", name=name), "success")
    return redirect(back)


@bp.post("/follows/<int:follow_id>/remove")
@login_required
def unfollow(follow_id: int):
    form = FollowForm()
    with transaction():
        removed = services.unfollow(acting_user(), follow_id)
        name = queries.target_of(removed).label(current_locale())
    flash(_("You no longer follow %(name)s.", name=name) if name else _("Follow removed."), "success")
    return redirect(safe_next(form.next.data, url_for(".index")))


@bp.get("/follows/unsubscribe/<token>")
def unsubscribe(token: str):
    """A button, not the change itself: mail scanners open links, people press buttons."""
    return render_template("follows/unsubscribe.html", token=token, form=UnsubscribeForm(formdata=None))


# Mail programs post "List-Unsubscribe=One-Click" without a session (RFC 8058): the signed token is the proof.
@bp.post("/follows/unsubscribe/<token>")
@csrf.exempt
def unsubscribe_now(token: str):
    try:
        with transaction():
            services.unsubscribe(token)
    except TokenExpired:
        return _done(_("This link has expired. Log in and choose \"Never\" on your follows page instead."), 400)
    except TokenInvalid:
        return _done(_("This unsubscribe link is not valid."), 400)
    return _done(_("Done: we will not mail you digests of your follows any more. You can choose another "
                   "frequency on your follows page at any time."), 200)


def _done(message: str, status: int):
    return render_template("follows/done.html", message=message), status
