from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kd.core.auth import acting_user, editor_required
from kd.core.errors import DomainError
from kd.core.pagination import Page, page_number
from kd.db import session, transaction
from kd.extensions import limiter
from kd.reports import queries, services
from kd.reports.forms import CATEGORY_LABELS, CloseForm, CorrectionForm, ReportForm
from kd.reports.models import Report, ReportCategory, ReportKind, ReportState

bp = Blueprint("reports", __name__)
KIND = "<any(profile, story):kind>"
send_limit = limiter.shared_limit(lambda: current_app.config["REPORT_RATE_LIMIT"], scope="reports",
                                  methods=["POST"])


@bp.route(f"/report/{KIND}/<slug>", methods=["GET", "POST"])
@send_limit
def report(kind: str, slug: str):
    return _send(ReportKind.REPORT, ReportForm(), kind, slug)


@bp.route(f"/correct/{KIND}/<slug>", methods=["GET", "POST"])
@send_limit
def correct(kind: str, slug: str):
    return _send(ReportKind.CORRECTION, CorrectionForm(), kind, slug)


def _send(report_kind: ReportKind, form, kind: str, slug: str):
    subject = queries.published_subject(kind, slug) or abort(404)
    if form.is_submitted() and form.is_spam:
        abort(400)
    if form.validate_on_submit():
        category = ReportCategory(form.category.data) if report_kind is ReportKind.REPORT else None
        with transaction():
            services.send_report(report_kind, subject, acting_user() if current_user.is_authenticated else None,
                                 form.message.data, category, form.name.data or "", form.email.data or "")
        flash(_("Thank you. The editors will look at your message."), "success")
        return redirect(url_for(".thanks"))
    return render_template("reports/send.html", form=form, report_kind=report_kind.value, kind=kind,
                           subject=subject), 400 if form.errors else 200


@bp.get("/report/thanks")
def thanks():
    return render_template("reports/thanks.html")


@bp.get("/editor/reports")
@editor_required
def index():
    state = request.args.get("state", "open")
    if state not in {member.value for member in ReportState}:
        abort(400)
    return _index_page(ReportState(state))


def _index_page(state: ReportState, status: int = 200):
    number, per_page = page_number(), current_app.config["QUEUE_PER_PAGE"]
    found, total = queries.reports_page(state, number, per_page)
    return render_template("reports/index.html", reports=found, page=Page(number, per_page, total),
                           state=state.value, subject_of=queries.subject_of,
                           category_labels=CATEGORY_LABELS), status


@bp.post("/editor/reports/<int:report_id>/close")
@editor_required
def close(report_id: int):
    found = session.get(Report, report_id) or abort(404)
    form = CloseForm()
    if not form.validate_on_submit():
        return _close_refused(form.note.errors[0] if form.note.errors else _("Please try again."), 400)
    try:
        with transaction():
            services.close_report(found, acting_user(), form.note.data or "")
    except DomainError as error:
        return _close_refused(error.message, error.status_code)
    flash(_("The report is closed."), "success")
    return redirect(url_for(".index"))


def _close_refused(message: str, status: int):
    flash(message, "error")
    return _index_page(ReportState.OPEN, status)
