from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from kd.core.auth import admin_required
from kd.core.i18n import current_locale
from kd.core.pagination import Page, page_number
from kd.core.tokens import TokenExpired, TokenInvalid
from kd.db import transaction
from kd.extensions import csrf, limiter
from kd.newsletter import notifications, queries, services
from kd.newsletter.forms import SubscribeForm, UnsubscribeForm

bp = Blueprint("newsletter", __name__, url_prefix="/newsletter")

PER_PAGE = 50


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["NEWSLETTER_RATE_LIMIT"], methods=["POST"])
def subscribe():
    form = SubscribeForm(locale=current_locale())
    if not form.validate_on_submit():
        return render_template("newsletter/subscribe.html", form=form), 400 if form.errors else 200
    with transaction():
        subscriber = services.subscribe(form.email.data, form.locale.data)
    if subscriber is not None:
        notifications.send_confirmation(subscriber)
    # The same answer whether or not the address was already subscribed.
    flash(_("Almost done: we sent a confirmation link to %(email)s. Open it to start receiving the newsletter.",
            email=form.email.data), "success")
    return redirect(url_for(".subscribe"))


@bp.get("/confirm/<token>")
def confirm_page(token: str):
    """A button, not the confirmation itself: mail scanners open links, people press buttons."""
    return render_template("newsletter/confirm.html", token=token, form=UnsubscribeForm(formdata=None))


@bp.post("/confirm/<token>")
def confirm(token: str):
    try:
        with transaction():
            services.confirm(token)
    except TokenExpired:
        flash(_("This confirmation link has expired. Please subscribe again."), "error")
        return redirect(url_for(".subscribe"))
    except TokenInvalid:
        flash(_("This confirmation link is not valid."), "error")
        return redirect(url_for(".subscribe"))
    flash(_("Thank you, your subscription is confirmed."), "success")
    return redirect(url_for("site.home"))


@bp.get("/unsubscribe/<token>")
def unsubscribe(token: str):
    return render_template("newsletter/unsubscribe.html", token=token, form=UnsubscribeForm(formdata=None))


# Mail programs post "List-Unsubscribe=One-Click" without a session (RFC 8058): the signed token is the proof.
@bp.post("/unsubscribe/<token>")
@csrf.exempt
def unsubscribe_now(token: str):
    try:
        with transaction():
            services.unsubscribe(token)
    except TokenExpired:
        message = _("This unsubscribe link has expired. Please use the link in a more recent newsletter, or "
                    "write to us through the contact page.")
        return render_template("newsletter/done.html", message=message), 400
    except TokenInvalid:
        return render_template("newsletter/done.html", message=_("This unsubscribe link is not valid.")), 400
    message = _("You are unsubscribed. We will not send you the newsletter again.")
    return render_template("newsletter/done.html", message=message, done=True)


@bp.get("/subscribers")
@admin_required
def subscribers():
    number = page_number()
    found, total = queries.subscribers(number, PER_PAGE)
    return render_template("newsletter/subscribers.html", subscribers=found, page=Page(number, PER_PAGE, total))
