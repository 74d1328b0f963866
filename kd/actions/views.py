from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.routing import BuildError

from kd.actions import queries, services
from kd.actions.forms import KIND_LABELS, STATUS_LABELS, ActionForm, ReviewForm, StatusForm, TakePartForm
from kd.actions.models import Action, ActionStatus
from kd.content.workflow import allowed_moves, state_label
from kd.core.auth import acting_user, confirmed_required, editor_required
from kd.core.errors import DomainError
from kd.core.i18n import current_locale
from kd.core.pagination import Page, page_number
from kd.core.text import slugify
from kd.db import session, transaction
from kd.extensions import limiter

bp = Blueprint("actions", __name__)

PER_PAGE = 20
REVIEW_MOVES = ("approve", "request_changes", "reject", "unpublish")
REVIEW_DONE = {"approve": _l("You approved it, and it is published now."),
               "request_changes": _l("You asked for changes."), "reject": _l("You rejected it."),
               "unpublish": _l("You unpublished it: visitors no longer see it.")}


bp.add_app_template_global(queries.matching_actions, "matching_actions")


@bp.app_context_processor
def action_helpers() -> dict:
    return dict(kind_labels=KIND_LABELS, status_labels=STATUS_LABELS, story_url=story_url)


def story_url(story, external: bool = False) -> str | None:
    """The story's page, once the stories feature serves one."""
    try:
        return url_for("stories.show", slug=story.slug, _external=external)
    except BuildError:
        return None


@bp.get("/actions")
def index():
    number = page_number()
    actions, total = queries.public_actions(number, PER_PAGE)
    return render_template("actions/index.html", page=Page(number, PER_PAGE, total),
                           open_actions=[action for action in actions if action.status is ActionStatus.OPEN],
                           finished_actions=[action for action in actions if action.status is not ActionStatus.OPEN],
                           counts=queries.participant_counts(actions))


@bp.get("/actions/wins")
def wins():
    return render_template("actions/wins.html", actions=queries.wins())


@bp.get("/actions/<slug>")
def detail(slug: str):
    return _detail_page(_visible_action(slug))


@bp.post("/actions/<slug>/take-part")
@confirmed_required
def take_part(slug: str):
    action = queries.public_action(slug) or abort(404)
    form = TakePartForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        with transaction():
            services.take_part(action, acting_user(), form.show_name.data)
    except services.AlreadyTookPart as error:
        flash(error.message, "info")
    except DomainError as error:
        flash(error.message, "error")
        return _detail_page(action, status=error.status_code)
    else:
        flash(_("Thank you for taking part!"), "success")
    return redirect(url_for(".detail", slug=action.slug))


def _proposer_key() -> str:
    return f"action-proposals:{current_user.get_id()}"


@bp.route("/actions/new", methods=["GET", "POST"])
@confirmed_required
@limiter.limit(lambda: current_app.config["ACTION_PROPOSAL_RATE_LIMIT"], key_func=_proposer_key, methods=["POST"],
               exempt_when=lambda: current_user.is_authenticated and current_user.is_editor)
def new():
    """Editors publish directly; members propose, and an editor reviews the proposal."""
    form = ActionForm()
    if not form.validate_on_submit():
        return render_template("actions/form.html", form=form, action=None), 400 if form.errors else 200
    editor = acting_user().is_editor
    with transaction():
        create = services.create_action if editor else services.propose_action
        action = create(acting_user(), form.action_fields())
    flash(_("The action is published.") if editor else
          _("Thank you! Your proposal waits for an editor's review."), "success")
    return redirect(url_for(".detail", slug=action.slug))


@bp.route("/actions/<slug>/edit", methods=["GET", "POST"])
@editor_required
def edit(slug: str):
    action = queries.action_by_slug(slug) or abort(404)
    form = ActionForm(obj=action if request.method == "GET" else None)
    if request.method == "GET":
        form.target_kind.data = action.target_kind.value
    if not form.validate_on_submit():
        return render_template("actions/form.html", form=form, action=action), 400 if form.errors else 200
    with transaction():
        services.update_action(acting_user(), action, form.action_fields())
    flash(_("The action is saved."), "success")
    return redirect(url_for(".detail", slug=action.slug))


@bp.post("/actions/<slug>/status")
@editor_required
def change_status(slug: str):
    action = queries.action_by_slug(slug) or abort(404)
    form = StatusForm()
    if not form.validate_on_submit():
        return _detail_page(action, status_form=form, status=400)
    with transaction():
        services.set_status(acting_user(), action, ActionStatus(form.status.data), form.won_on.data,
                            form.evidence_url.data or "")
    flash(_("The status is now: %(status)s.", status=STATUS_LABELS[action.status]), "success")
    return redirect(url_for(".detail", slug=action.slug))


@bp.get("/editor/actions")
@editor_required
def queue():
    return render_template("actions/queue.html", proposals=queries.waiting_proposals(),
                           actions=queries.all_actions(), state_label=state_label)


@bp.post("/editor/actions/<int:action_id>/<move>")
@editor_required
def review(action_id: int, move: str):
    action = session.get(Action, action_id) or abort(404)
    if move not in REVIEW_MOVES:
        abort(404)
    form = ReviewForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        with transaction():
            services.review_action(action, move, acting_user(), form.message.data or "")
    except DomainError as error:
        flash(error.message, "error")
        return _detail_page(action, status=error.status_code)
    flash(str(REVIEW_DONE[move]), "success")
    return redirect(url_for(".queue"))


@bp.get("/hashtags/<tag>")
def hashtag(tag: str):
    tag_slug = slugify(tag)
    actions, stories = queries.hashtag_actions(tag_slug), queries.hashtag_stories(tag_slug)
    if not tag_slug or not (actions or stories):
        abort(404)
    return render_template("actions/hashtag.html", tag=tag.lstrip("#"), actions=actions, stories=stories,
                           counts=queries.participant_counts(actions))


def _visible_action(slug: str) -> Action:
    """Visitors see published actions; the proposer and editors also see one under review."""
    action = queries.action_by_slug(slug)
    if action is None:
        abort(404)
    if action.is_public or current_user.is_authenticated and (
            current_user.is_editor or action.submitted_by_id == current_user.id):
        return action
    abort(404)


def _detail_page(action: Action, status_form: StatusForm | None = None, status: int = 200):
    locale = current_locale()
    if status_form is None:
        status_form = StatusForm(formdata=None, status=action.status.value, won_on=action.won_on,
                                 evidence_url=action.evidence_url)
    context = dict(
        action=action, locale=locale, other_locale="en" if locale == "sq" else "sq",
        mailto=queries.mailto_link(action, locale) if action.email_to else None,
        email_address=queries.breakable_address(action.email_to),
        count=queries.participant_count(action), participants=queries.shown_participants(action),
        mine=queries.participation_of(action, current_user), take_part_form=TakePartForm(formdata=None),
        status_form=status_form, review_form=ReviewForm(formdata=None), state_label=state_label,
        moves=[m for m in allowed_moves(action, current_user) if m in REVIEW_MOVES]
        if current_user.is_authenticated else [])
    return render_template("actions/detail.html", **context), status
