from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kd.contact import notifications, queries, services
from kd.contact.forms import ContactForm
from kd.contact.models import ContactMessage
from kd.core.auth import acting_user, editor_required
from kd.core.forms import ButtonForm
from kd.core.i18n import current_locale
from kd.core.pagination import Page, page_number
from kd.db import session, transaction
from kd.extensions import limiter

bp = Blueprint("contact", __name__)

PER_PAGE = 30


@bp.route("/contact", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["CONTACT_RATE_LIMIT"], methods=["POST"])
def contact():
    form = ContactForm()
    if not form.validate_on_submit():
        return render_template("contact/form.html", form=form), 400 if form.errors else 200
    if not form.is_spam:  # a caught bot gets the same thanks, and nothing is stored or sent
        with transaction():
            message = services.receive(form.name.data, form.email.data, form.subject.data, form.message.data,
                                       current_locale())
        notifications.tell_editors(message)
    flash(_("Thank you, your message has been sent. The editors will answer by email."), "success")
    return redirect(url_for(".contact"))


@bp.get("/editor/messages")
@editor_required
def messages():
    show_closed = request.args.get("show") == "closed"
    number = page_number()
    found, total = queries.messages_page(show_closed, number, PER_PAGE)
    return render_template("contact/messages.html", messages=found, show_closed=show_closed,
                           page=Page(number, PER_PAGE, total), form=ButtonForm(formdata=None))


@bp.post("/editor/messages/<int:message_id>/close")
@editor_required
def close(message_id: int):
    message = session.get(ContactMessage, message_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    with transaction():
        services.close(acting_user(), message)
    flash(_("The message is closed."), "success")
    return redirect(url_for(".messages"))

