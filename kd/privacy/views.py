from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from kd.accounts.queries import is_last_active_admin
from kd.content.kinds import kind_of
from kd.content.workflow import state_label
from kd.core.auth import acting_user, login_required
from kd.core.forms import ButtonForm
from kd.db import transaction, utcnow
from kd.extensions import limiter
from kd.privacy import export, notifications, queries, services
from kd.privacy.forms import DeleteAccountForm

bp = Blueprint("privacy", __name__, url_prefix="/account")


def _account_key() -> str:
    return f"account:{current_user.get_id()}"


@bp.post("/data")
@login_required
@limiter.limit(lambda: current_app.config["DATA_EXPORT_RATE_LIMIT"], key_func=_account_key)
def download_data():
    if not ButtonForm().validate_on_submit():
        abort(400)
    return send_file(export.write_archive(acting_user()), mimetype="application/zip", as_attachment=True,
                     download_name=export.archive_name(utcnow().date()), etag=False, max_age=0)


@bp.route("/delete", methods=["GET", "POST"])
@login_required
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"], key_func=_account_key)
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            with transaction():
                deleted = services.delete_account(acting_user(), form.password.data, form.hand_over.data)
        except services.WrongPassword as error:
            form.password.errors.append(error.message)
        else:
            return _deleted(deleted)
    return _delete_page(form)


def _delete_page(form: DeleteAccountForm):
    user = acting_user()
    return render_template("privacy/delete.html", form=form, plan=queries.deletion_plan(user),
                           last_admin=is_last_active_admin(user), subject_kind=kind_of,
                           subject_key=queries.subject_key, state_label=state_label), 400 if form.errors else 200


def _deleted(deleted: services.DeletedAccount):
    logout_user()
    notifications.send_account_deleted(deleted)
    flash(_("Your account is deleted. We sent a confirmation to your old address."), "success")
    return redirect(url_for("site.home"))
