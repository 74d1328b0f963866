from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kd.accounts.models import User
from kd.audit.queries import history_of
from kd.connections.queries import waiting_report_count
from kd.content import claims
from kd.content.history import describe
from kd.content.kinds import kind_of
from kd.content.models import Revision
from kd.content.revisions import pending_revision, revision_subject, revisions_of
from kd.content.workflow import BLOCKER_MESSAGES, allowed_moves, state_label
from kd.core.auth import acting_user, editor_required
from kd.core.errors import DomainError
from kd.core.forms import ButtonForm
from kd.core.i18n import current_locale, safe_next
from kd.core.pagination import Page, page_number
from kd.db import session, transaction
from kd.media.forms import PERMISSION_LABELS
from kd.media.models import Photo
from kd.media.queries import pending_photos
from kd.moderation import notifications, queries, services
from kd.moderation.diff import changes_since_seen, field_changes
from kd.moderation.forms import (
    ConsentForm,
    DecisionForm,
    MergeForm,
    PhotoDecisionForm,
    QueueFilterForm,
    RevisionDecisionForm,
)
from kd.profiles import services as profile_services
from kd.reports.queries import open_counts

bp = Blueprint("moderation", __name__, url_prefix="/editor")
bp.add_app_template_global(describe, "history_line")
KIND = "<any(profile, story):kind>"
DECISION_DONE = {"approve": _l("You approved it, and it is published now."),
                 "request_changes": _l("You asked for changes."), "reject": _l("You rejected it."),
                 "unpublish": _l("You unpublished it: visitors no longer see it.")}
PREVIEWS = {"profile": "profiles/_profile.html", "story": "stories/_story.html"}


@bp.get("/")
@editor_required
def dashboard():
    return render_template("moderation/dashboard.html", counts=queries.waiting_counts(), reports=open_counts(),
                           reported_introductions=waiting_report_count(),
                           claimed=queries.claimed_by(acting_user(), claims.claim_minutes()),
                           kind_of=kind_of)


@bp.get("/queue")
@editor_required
def queue():
    form = QueueFilterForm(request.args, locale=current_locale())
    number, per_page = page_number(), current_app.config["QUEUE_PER_PAGE"]
    if not form.validate():
        return _queue_page(form, [], Page(1, per_page, 0), status=400)
    items, total = queries.queue_page(form.filters(), number, per_page)
    return _queue_page(form, items, Page(number, per_page, total))


def _queue_page(form, items, page, status=200):
    filters = form.filters() if not form.errors else queries.QueueFilters()
    return render_template("moderation/queue.html", form=form, items=items, page=page, filters=filters,
                           action_form=ButtonForm(), claim_fresh=_claim_fresh), status


def _claim_fresh(subject) -> bool:
    return claims.claim_is_fresh(subject, claims.claim_minutes())


@bp.post("/bulk-approve")
@editor_required
def bulk_confirm():
    items = _selected_items()
    if not items:
        flash(_("Select at least one item to approve."), "error")
        return redirect(url_for(".queue"))
    return render_template("moderation/bulk_confirm.html", items=items, action_form=ButtonForm())


@bp.post("/bulk-approve/confirm")
@editor_required
def bulk_approve():
    items = _selected_items()
    if not items:
        abort(400)
    with transaction():
        result = services.approve_many(items, acting_user())
    for item in result.approved:
        _notify_approved(item)
    return render_template("moderation/bulk_result.html", result=result)


def _selected_items() -> list[queries.QueueItem]:
    if not ButtonForm().validate_on_submit():
        abort(400)
    keys = list(dict.fromkeys(request.form.getlist("item")))[:200]
    items = [queries.item_for_key(key) for key in keys]
    if None in items:
        raise DomainError(_("Some of the selected items no longer exist. Go back to the queue and try again."))
    return items


def _notify_approved(item: queries.QueueItem) -> None:
    if item.kind == "translation":
        return  # translators see their translations' states on /my/translations (no mail yet)
    if item.kind == "revision":
        notifications.send_decision(item.subject, "revision_approved", "", item.record.submitted_by_id)
    else:
        notifications.send_move(item.subject, "approve", "")


def _subject_or_404(kind: str, subject_id: int):
    return session.get(queries.SUBJECT_MODELS[kind], subject_id) or abort(404)


@bp.get(f"/review/{KIND}/<int:subject_id>")
@editor_required
def review(kind: str, subject_id: int):
    """Reading changes nothing: the editor claims the item with the page's "Start reviewing" button."""
    subject = _subject_or_404(kind, subject_id)
    return _review_page(kind, subject, DecisionForm(formdata=None))


def _waiting(subject) -> bool:
    return subject.state.value == "submitted" or pending_revision(subject) is not None


@bp.post(f"/review/{KIND}/<int:subject_id>/claim")
@editor_required
def start_review(kind: str, subject_id: int):
    subject = _subject_or_404(kind, subject_id)
    _require_action_form()
    with transaction():
        claims.start_review(subject, acting_user())
    flash(_("You are reviewing this now; other editors cannot decide it meanwhile."), "success")
    return redirect(safe_next(request.form.get("next"), url_for(".review", kind=kind, subject_id=subject.id)))


def _review_page(kind: str, subject, form, status: int = 200, consent_form=None):
    editor = acting_user()
    return render_template(
        "moderation/review.html", kind=kind, subject=subject, form=form, status=status,
        consent_form=consent_form or ConsentForm(formdata=None), action_form=ButtonForm(),
        moves=allowed_moves(subject, editor), state_label=state_label, preview_templates=PREVIEWS[kind],
        claim_fresh=_claim_fresh(subject), claim_holder=_user(subject.claimed_by_id), claimable=_waiting(subject),
        submitter=_user(subject.submitted_by_id), history=history_of(subject.__tablename__, subject.id),
        duplicates=queries.duplicates_of(subject) if kind == "profile" else [],
        revisions=revisions_of(subject), blocker=_blocker(subject), seen_by=_user(subject.reviewed_by_id),
        changes_since=changes_since_seen(subject) if subject.state.value == "submitted" else None,
    ), status


def _blocker(subject) -> str | None:
    """Why the item may not be published yet (a nomination without consent, say)."""
    blocker = getattr(subject, "publication_blocker", None)
    reason = blocker() if blocker is not None else None
    return str(BLOCKER_MESSAGES.get(reason, reason)) if reason else None


def _user(user_id: int | None) -> User | None:
    return session.get(User, user_id) if user_id else None


@bp.post(f"/review/{KIND}/<int:subject_id>/decide")
@editor_required
def decide(kind: str, subject_id: int):
    subject = _subject_or_404(kind, subject_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        return _review_page(kind, subject, form, status=400)
    move, message = form.decision.data, form.message.data or ""
    try:
        with transaction():
            services.decide_submission(subject, move, acting_user(), message)
    except DomainError as error:
        flash(error.message, "error")
        return _review_page(kind, subject, form, status=error.status_code)
    told = notifications.send_move(subject, move, message)
    flash(_decision_said(move, told), "success")
    return redirect(url_for(".queue"))


def _decision_said(move: str, author_told: bool) -> str:
    done = str(DECISION_DONE[move])
    told = _("The author has been told.")
    return f"{done} {told}" if author_told else done


@bp.post(f"/review/{KIND}/<int:subject_id>/release")
@editor_required
def release(kind: str, subject_id: int):
    subject = _subject_or_404(kind, subject_id)
    _require_action_form()
    with transaction():
        claims.release(subject, acting_user())
    flash(_("You released the item; another editor can review it now."), "info")
    return redirect(url_for(".queue"))


def _require_action_form() -> None:
    if not ButtonForm().validate_on_submit():
        abort(400)


@bp.get("/photos")
@editor_required
def photos():
    return _photos_page(PhotoDecisionForm())


@bp.post("/photos/<int:photo_id>/<any(approve, reject):decision>")
@editor_required
def decide_photo(photo_id: int, decision: str):
    photo = session.get(Photo, photo_id)
    if photo is None or not photo.pending_review:
        abort(404)
    form = PhotoDecisionForm()
    if not form.validate_on_submit():
        return _photos_page(form, photo_id), 400
    try:
        with transaction():
            if decision == "approve":
                services.approve_photo(photo, acting_user())
            else:
                services.reject_photo(photo, acting_user(), form.message.data or "")
    except DomainError as error:
        flash(error.message, "error")
        return _photos_page(form, photo_id), error.status_code
    flash(_("The photo is now shown.") if decision == "approve" else _("The photo is removed."), "success")
    return redirect(url_for(".photos"))


def _photos_page(form: PhotoDecisionForm, failed_id: int | None = None) -> str:
    return render_template("moderation/photos.html", photos=pending_photos(), form=form, failed_id=failed_id,
                           permission_labels=PERMISSION_LABELS)


@bp.post("/review/story/<int:subject_id>/verify")
@editor_required
def verify(subject_id: int):
    return _set_verified(subject_id, True)


@bp.post("/review/story/<int:subject_id>/unverify")
@editor_required
def unverify(subject_id: int):
    return _set_verified(subject_id, False)


def _set_verified(story_id: int, verified: bool):
    story = _subject_or_404("story", story_id)
    _require_action_form()
    with transaction():
        services.set_verified(story, acting_user(), verified)
    flash(_("The evidence is marked as checked.") if verified else _("The verification is cleared."), "success")
    return redirect(url_for(".review", kind="story", subject_id=story.id))


@bp.post("/review/profile/<int:subject_id>/consent")
@editor_required
def record_consent(subject_id: int):
    profile = _subject_or_404("profile", subject_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        return _review_page("profile", profile, DecisionForm(formdata=None), 400, consent_form=form)
    try:
        with transaction():
            profile_services.record_consent_by_editor(profile, acting_user(), form.note.data)
    except DomainError as error:
        form.note.errors.append(error.message)
        return _review_page("profile", profile, DecisionForm(formdata=None), error.status_code, form)
    flash(_("Consent is recorded."), "success")
    return redirect(url_for(".review", kind="profile", subject_id=profile.id))


@bp.get("/review/revision/<int:revision_id>")
@editor_required
def review_revision(revision_id: int):
    revision, subject = _revision_or_404(revision_id)
    return _revision_page(revision, subject, RevisionDecisionForm(formdata=None))


def _revision_or_404(revision_id: int):
    revision = session.get(Revision, revision_id) or abort(404)
    subject = revision_subject(revision) or abort(404)
    return revision, subject


def _revision_page(revision, subject, form, status: int = 200):
    return render_template(
        "moderation/revision.html", revision=revision, subject=subject, kind=kind_of(subject), form=form,
        changes=field_changes(subject, revision.data or {}), revisions=revisions_of(subject),
        submitter=_user(revision.submitted_by_id), claim_fresh=_claim_fresh(subject),
        claim_holder=_user(subject.claimed_by_id), claimable=revision.state.value == "pending",
        action_form=ButtonForm(),
    ), status


@bp.post("/review/revision/<int:revision_id>/decide")
@editor_required
def decide_revision(revision_id: int):
    revision, subject = _revision_or_404(revision_id)
    form = RevisionDecisionForm()
    if not form.validate_on_submit():
        return _revision_page(revision, subject, form, status=400)
    approve, message = form.decision.data == "approve", form.message.data or ""
    try:
        with transaction():
            if approve:
                services.approve_revision(revision, acting_user(), message)
            else:
                services.reject_revision(revision, acting_user(), message)
    except DomainError as error:
        flash(error.message, "error")
        return _revision_page(revision, subject, form, status=error.status_code)
    decision = "revision_approved" if approve else "revision_rejected"
    notifications.send_decision(subject, decision, message, revision.submitted_by_id)
    flash(_("The changes are published.") if approve else _("The changes are rejected."), "success")
    return redirect(url_for(".queue"))


@bp.route("/merge", methods=["GET", "POST"])
@editor_required
def merge():
    form = MergeForm(request.form if request.method == "POST" else request.args)
    if request.method == "GET" or not form.validate_on_submit():
        return _merge_page(form, 400 if request.method == "POST" else 200)
    keep, duplicate = queries.find_profile(form.keep.data), queries.find_profile(form.duplicate.data)
    if keep is None or duplicate is None:
        for found, field in ((keep, form.keep), (duplicate, form.duplicate)):
            if found is None:
                field.errors.append(_("No profile has this number or address."))
        return _merge_page(form, 400)
    try:
        with transaction():
            services.merge_profiles(keep, duplicate, acting_user())
    except DomainError as error:
        form.duplicate.errors.append(error.message)
        return _merge_page(form, error.status_code)
    flash(_("%(duplicate)s is merged into %(keep)s.", duplicate=duplicate.name, keep=keep.name), "success")
    return redirect(url_for(".review", kind="profile", subject_id=keep.id))


def _merge_page(form: MergeForm, status: int):
    preview = [queries.find_profile(value) for value in (form.keep.data or "", form.duplicate.data or "")]
    return render_template("moderation/merge.html", form=form, keep=preview[0], duplicate=preview[1]), status
