from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kd.accounts import services
from kd.accounts.models import Role, User
from kd.accounts.queries import search_users
from kd.admin.forms import ROLE_LABELS, RoleForm
from kd.admin.history import about, user_history_line
from kd.audit.queries import activity_of
from kd.bilingual.queries import translator_states
from kd.core.auth import acting_user, admin_required
from kd.core.errors import DomainError
from kd.core.forms import ButtonForm
from kd.core.pagination import Page, page_number
from kd.db import session, transaction
from kd.jobs import queries as jobs

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@admin_required
def users():
    query = request.args.get("q", "")[:200]
    number = page_number()
    per_page = current_app.config["USERS_PER_PAGE"]
    found, total = search_users(query, number, per_page)
    return render_template("admin/users.html", users=found, page=Page(number, per_page, total), query=query,
                           role_labels=ROLE_LABELS, translators=translator_states([user.id for user in found]))


@bp.get("/users/<int:user_id>")
@admin_required
def user_detail(user_id: int):
    user = session.get(User, user_id) or abort(404)
    return _detail_page(user, RoleForm(role=user.role.value), ButtonForm())


@bp.post("/users/<int:user_id>/role")
@admin_required
def change_role(user_id: int):
    user = session.get(User, user_id) or abort(404)
    form = RoleForm()
    if not form.validate_on_submit():
        return _detail_page(user, form, ButtonForm(), status=400)
    try:
        with transaction():
            services.change_role(acting_user(), user, Role(form.role.data))
    except DomainError as error:
        flash(error.message, "error")
        return _detail_page(user, form, ButtonForm(), status=error.status_code)
    flash(_("%(name)s is now: %(role)s.", name=user.display_name, role=ROLE_LABELS[user.role]), "success")
    return redirect(url_for(".user_detail", user_id=user.id))


@bp.post("/users/<int:user_id>/disable")
@admin_required
def disable(user_id: int):
    return _set_disabled(user_id, True)


@bp.post("/users/<int:user_id>/enable")
@admin_required
def enable(user_id: int):
    return _set_disabled(user_id, False)


def _set_disabled(user_id: int, disabled: bool):
    user = session.get(User, user_id) or abort(404)
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        with transaction():
            services.set_disabled(acting_user(), user, disabled)
    except DomainError as error:
        flash(error.message, "error")
        return _detail_page(user, RoleForm(role=user.role.value), form, status=error.status_code)
    flash(_("The account is disabled.") if disabled else _("The account is enabled again."), "success")
    return redirect(url_for(".user_detail", user_id=user.id))


def _detail_page(user: User, role_form: RoleForm, confirm_form: ButtonForm, status: int = 200):
    return render_template("admin/user.html", user=user, role_form=role_form, confirm_form=confirm_form,
                           history=activity_of(user.id), history_line=user_history_line, about=about,
                           role_labels=ROLE_LABELS), status


@bp.get("/jobs")
@admin_required
def failed_jobs():
    try:
        found, status = jobs.failed_jobs(), 200
    except jobs.QueueUnavailable as error:
        flash(str(error), "error")
        found, status = [], 503
    return render_template("admin/jobs.html", jobs=found, confirm_form=ButtonForm(), queue_unavailable=status == 503,
                           queue_enabled=bool(current_app.config.get("REDIS_URL"))), status


@bp.post("/jobs/<job_id>/<any(requeue, discard):action>")
@admin_required
def job_action(job_id: str, action: str):
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        (jobs.requeue if action == "requeue" else jobs.discard)(job_id)
    except (jobs.QueueUnavailable, jobs.UnknownJob) as error:
        flash(str(error), "error")
        return redirect(url_for(".failed_jobs"))
    flash(_("The job is queued again.") if action == "requeue" else _("The job is discarded."), "success")
    return redirect(url_for(".failed_jobs"))
