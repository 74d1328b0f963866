"""Offering help, asking for an introduction, the owner's Requests page, the editors' desk and /impact."""
from __future__ import annotations

from contextlib import contextmanager

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from kd.accounts.models import User
from kd.connections import notifications, queries, services
from kd.connections.forms import (
    HELP_LABELS,
    AskForm,
    DeclineForm,
    HelpOfferForm,
    ReportForm,
    SuspendForm,
    language_name,
)
from kd.connections.models import HelpKind, IntroductionRequest, RequestState
from kd.core.auth import acting_user, confirmed_required, editor_required, login_required
from kd.core.errors import DomainError
from kd.core.fields import FIELDS
from kd.core.forms import ButtonForm
from kd.core.i18n import current_locale
from kd.core.places import countries, is_country
from kd.core.tokens import TokenExpired, TokenInvalid
from kd.db import session, transaction
from kd.extensions import limiter
from kd.profiles.models import Profile

bp = Blueprint("connections", __name__)


def _member_key() -> str:
    return f"member:{current_user.id}" if current_user.is_authenticated else f"address:{get_remote_address()}"


ask_limit = limiter.shared_limit(lambda: current_app.config["INTRODUCTION_RATE_LIMIT"], scope="introductions",
                                 key_func=_member_key, methods=["POST"])


@bp.app_template_global()
def help_offer_of(profile: Profile):
    offer = queries.offer_of(profile)
    return offer if offer is not None and offer.offers_help else None


@bp.app_template_global()
def takes_introductions(profile: Profile) -> bool:
    return queries.askable(profile)


@bp.app_template_global()
def owns_profile(profile: Profile) -> bool:
    return queries.is_owner(profile, current_user)


@bp.app_context_processor
def labels() -> dict:
    return {"help_labels": HELP_LABELS, "language_name": language_name}


# Offering help -----------------------------------------------------------------------------------------

@bp.route("/my/profiles/<int:profile_id>/help", methods=["GET", "POST"])
@confirmed_required
def offer(profile_id: int):
    profile = session.get(Profile, profile_id) or abort(404)
    if not queries.is_owner(profile, current_user):
        abort(403)
    current = queries.offer_of(profile)
    form = HelpOfferForm(obj=current if request.method == "GET" else None)
    if not form.validate_on_submit():
        return render_template("connections/offer.html", form=form, profile=profile), 400 if form.errors else 200
    with transaction():
        services.set_help_offer(profile, acting_user(), form.kinds.data or [], form.languages.data or [],
                                form.note.data or "", form.paused.data)
    flash(_("Saved. Your profile now shows what you can help with."), "success")
    return redirect(url_for(".offer", profile_id=profile.id))


# Asking ------------------------------------------------------------------------------------------------

@bp.route("/introductions/ask/<int:profile_id>", methods=["GET", "POST"])
@ask_limit
@confirmed_required
def ask(profile_id: int):
    profile = session.get(Profile, profile_id) or abort(404)
    if not profile.is_public:
        abort(404)
    if queries.is_owner(profile, current_user):
        abort(403)
    form = AskForm()
    if not form.validate_on_submit():
        return _ask_page(form, profile, 400 if form.errors else 200)
    try:
        with transaction():
            introduction = services.ask_for_introduction(profile, acting_user(), services.Ask(
                form.about_asker.data, form.request.data, form.reason.data, form.consent.data))
    except DomainError as error:
        flash(error.message, "error")
        return _ask_page(form, profile, error.status_code)
    notifications.tell_owner(introduction)
    flash(_("Your request is sent. You will get an email when it is answered."), "success")
    return redirect(url_for(".requests"))


def _ask_page(form, profile: Profile, status: int):
    return render_template("connections/ask.html", form=form, profile=profile,
                           open_to_asking=services.may_ask(profile, acting_user())), status


# The Requests page --------------------------------------------------------------------------------------

@bp.get("/my/requests")
@login_required
def requests():
    return render_template("connections/requests.html", received=queries.received_by(current_user),
                           sent=queries.sent_by(current_user), button=ButtonForm(formdata=None))


def _received(request_id: int):
    return queries.received_request(request_id, current_user) or abort(404)


@bp.get("/my/requests/<int:request_id>")
@login_required
def received(request_id: int):
    return _answer_page(_received(request_id), DeclineForm(formdata=None), ReportForm(formdata=None))


def _answer_page(introduction, decline_form, report_form, status: int = 200):
    return render_template("connections/received.html", introduction=introduction, decline_form=decline_form,
                           report_form=report_form, button=ButtonForm(formdata=None)), status


@bp.post("/my/requests/<int:request_id>/accept")
@login_required
def accept(request_id: int):
    introduction = _received(request_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    with transaction():
        services.accept_request(introduction, acting_user())
    notifications.introduce(introduction)
    flash(_("Thank you! We sent you both each other's email address."), "success")
    return redirect(url_for(".requests"))


@bp.post("/my/requests/<int:request_id>/decline")
@login_required
def decline(request_id: int):
    introduction = _received(request_id)
    form = DeclineForm()
    if not form.validate_on_submit():
        return _answer_page(introduction, form, ReportForm(formdata=None), 400)
    with transaction():
        services.decline_request(introduction, acting_user(), form.reason.data or "", form.share.data,
                                 form.block.data)
    notifications.tell_declined(introduction)
    flash(_("The request is declined. We told the member politely."), "success")
    return redirect(url_for(".requests"))


@bp.post("/my/requests/<int:request_id>/report")
@login_required
def report(request_id: int):
    introduction = _received(request_id)
    form = ReportForm()
    if not form.validate_on_submit():
        return _answer_page(introduction, DeclineForm(formdata=None), form, 400)
    with transaction():
        services.report_request(introduction, acting_user(), form.note.data or "")
    notifications.tell_editors(introduction)
    flash(_("Thank you. The editors will look at this request; the member cannot ask you again."), "success")
    return redirect(url_for(".requests"))


@bp.post("/my/requests/sent/<int:request_id>/withdraw")
@login_required
def withdraw(request_id: int):
    introduction = queries.sent_request(request_id, current_user) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    with transaction():
        services.withdraw_request(introduction, acting_user())
    flash(_("Your request is withdrawn."), "success")
    return redirect(url_for(".requests"))


# The follow-up ------------------------------------------------------------------------------------------

@bp.route("/introductions/outcome/<token>/<any(yes, no, not_yet):answer>", methods=["GET", "POST"])
def outcome(token: str, answer: str):
    """The mail's link opens a page with one button (link scanners open links, they do not press buttons)."""
    with _outcome_link():
        if request.method == "GET":
            services.outcome_link_target(token)
            return render_template("connections/outcome.html", answer=answer, form=ButtonForm(formdata=None))
        if not ButtonForm().validate_on_submit():
            abort(400)
        with transaction():
            services.record_outcome(token, answer)
    flash(_("Thank you for telling us."), "success")
    return redirect(url_for(".impact"))


@contextmanager
def _outcome_link():
    try:
        yield
    except TokenExpired as error:
        raise services.ConnectionsError(_("This link has expired. Thank you all the same.")) from error
    except TokenInvalid as error:
        raise services.ConnectionsError(_("This link is not valid.")) from error


# Public pages -------------------------------------------------------------------------------------------

@bp.get("/helpers")
def helpers():
    kind, country, field = (request.args.get(name, "").strip() for name in ("help", "country", "field"))
    country = country.upper()
    if (kind and kind not in HelpKind._value2member_map_) or (country and not is_country(country)) \
            or (field and field not in FIELDS):
        abort(400)
    return render_template("connections/helpers.html", found=queries.helpers(kind, country, field), kind=kind,
                           country=country, field=field, fields=FIELDS, countries=countries(current_locale()))


@bp.get("/impact")
def impact():
    months, median_days = queries.impact_by_month()
    return render_template("connections/impact.html", months=months, median_days=median_days)


# The editors' desk --------------------------------------------------------------------------------------

@bp.get("/editor/introductions")
@editor_required
def desk():
    return render_template("connections/desk.html", reported=queries.reported_requests(),
                           handled=queries.reported_requests(handled=True), suspensions=queries.suspensions(),
                           form=SuspendForm(formdata=None),
                           button=ButtonForm(formdata=None), states=RequestState)


@bp.post("/editor/introductions/members/<int:user_id>/suspend")
@editor_required
def suspend(user_id: int):
    _member_or_404(user_id)
    form = SuspendForm()
    if not form.validate_on_submit():
        abort(400)
    with transaction():
        services.suspend_asking(acting_user(), user_id, form.note.data or "")
    flash(_("This member can no longer ask for introductions."), "success")
    return redirect(url_for(".desk"))


@bp.post("/editor/introductions/<int:request_id>/handled")
@editor_required
def report_handled(request_id: int):
    introduction = session.get(IntroductionRequest, request_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        with transaction():
            services.mark_report_handled(introduction, acting_user())
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for(".desk"), 303)
    flash(_("Marked as dealt with."), "success")
    return redirect(url_for(".desk"))


@bp.post("/editor/introductions/members/<int:user_id>/lift")
@editor_required
def lift(user_id: int):
    _member_or_404(user_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    with transaction():
        services.lift_suspension(acting_user(), user_id)
    flash(_("This member can ask for introductions again."), "success")
    return redirect(url_for(".desk"))


def _member_or_404(user_id: int) -> None:
    if session.get(User, user_id) is None:
        abort(404)
