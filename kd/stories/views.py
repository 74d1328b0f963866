"""Members write stories and follow their submissions; visitors read published stories."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kd.content.feedback import latest_editor_message
from kd.content.redirects import redirect_target
from kd.content.states import ModerationState
from kd.content.workflow import state_labels
from kd.core.auth import acting_user, confirmed_required, login_required
from kd.core.errors import DomainError
from kd.core.text import is_database_id
from kd.db import session, transaction
from kd.media.images import human_size
from kd.media.queries import photos_of
from kd.media.services import PHOTO_LIMITS, UploadRefused
from kd.profiles.limits import submission_limit
from kd.profiles.queries import EDITABLE, can_view, claimable_by, find_published, linkable_profiles
from kd.stories import queries, services
from kd.stories.forms import PHOTO_FIELDS, StoryForm, story_form_data
from kd.stories.models import Story

bp = Blueprint("stories", __name__)
MAX_SEARCH_LENGTH = 160
FORM_OVERHEAD_BYTES = 512 * 1024  # the story's text next to its photos


@bp.url_value_preprocessor
def _limit_upload_size(endpoint: str | None, _values) -> None:
    """Before CSRF parses the form: room for every photo field at the upload limit, and no more."""
    if endpoint in ("stories.new", "stories.edit"):
        request.max_content_length = current_app.config["MAX_UPLOAD_BYTES"] * PHOTO_FIELDS + FORM_OVERHEAD_BYTES


@bp.app_template_global()
def story_url(story: Story, **kwargs) -> str:
    return url_for("stories.show", slug=story.slug, **kwargs)


def _wants_submit() -> bool:
    return request.form.get("action") == "submit"


def _wants_search() -> bool:
    return request.method == "POST" and request.form.get("action") == "find"


def _story_form(data: dict | None = None, story: Story | None = None) -> StoryForm:
    form = StoryForm(data=data)
    chosen = [int(value) for value in request.form.getlist("profile_ids") if is_database_id(value)]
    already = [profile.id for profile in story.profiles] if story else []
    found = find_published(form.profile_search.data) if _wants_search() else []
    listed = linkable_profiles(current_user, chosen, [*already, *(data or {}).get("profile_ids", [])])
    form.offer_profiles(listed, found)
    form.found = found
    if request.method == "POST" and form.is_spam:
        abort(400)
    return form


def _search_page(form: StoryForm, story: Story | None = None):
    """'Find' re-renders the form, everything typed kept, with the matches as checkboxes; nothing is saved."""
    if not form.profile_search.validate(form):
        return _form_page(form, story)
    chosen = [profile for profile in linkable_profiles(current_user, form.profile_ids.data or []) if
              profile.id in (form.profile_ids.data or [])]
    form.default_place_from(chosen)
    return _form_page(form, story)


def _form_page(form, story=None):
    photos = photos_of(story)
    free = max(0, min(PHOTO_FIELDS, PHOTO_LIMITS["story"] - len(photos)))
    return render_template("stories/form.html", form=form, story=story, editor_message=latest_editor_message(story),
                           photos=photos, free_photo_fields=free, photo_limit=PHOTO_LIMITS["story"],
                           upload_limit=human_size(current_app.config["MAX_UPLOAD_BYTES"])), 400 if form.errors else 200


def _photo_refused(form, error: UploadRefused, story=None):
    """The pipeline refused a photo: said next to its field; nothing was saved, all typed text is kept."""
    field = form.photos[error.slot].form.photo
    field.errors = [*field.errors, error.message]
    return _form_page(form, story)[0], error.status_code


def _refused(form, error: DomainError, story=None):
    """A refusal from the service: said above the form, with everything the member typed kept."""
    flash(error.message, "error")
    return _form_page(form, story)[0], error.status_code


@bp.route("/my/stories/new", methods=["GET", "POST"])
@submission_limit
@confirmed_required
def new():
    form = _story_form()
    if _wants_search():
        return _search_page(form)
    if not form.validate_on_submit():
        return _form_page(form)
    try:
        photos = form.new_photos()
        with transaction():
            story = services.create_story(acting_user(), form.data_for_row(), _wants_submit(), photos)
    except UploadRefused as error:
        return _photo_refused(form, error)
    except DomainError as error:
        return _refused(form, error)
    return _saved(story, revision=False)


@bp.route("/my/stories/<int:story_id>/edit", methods=["GET", "POST"])
@submission_limit
@confirmed_required
def edit(story_id: int):
    story = _editable_story(story_id)
    form = _story_form(story_form_data(queries.editable_data(story)) if request.method == "GET" else None, story)
    if _wants_search():
        return _search_page(form, story)
    if not form.validate_on_submit():
        return _form_page(form, story)
    try:
        photos = form.new_photos()
        with transaction():
            revision = services.update_story(story, acting_user(), form.data_for_row(), _wants_submit(), photos)
    except UploadRefused as error:
        return _photo_refused(form, error, story)
    except DomainError as error:
        return _refused(form, error, story)
    return _saved(story, revision)


def _editable_story(story_id: int) -> Story:
    story = session.get(Story, story_id) or abort(404)
    services.require_can_edit(story, acting_user())
    if story.state is ModerationState.REJECTED:
        raise services.StoryError(_("An editor rejected this story: it cannot be changed or submitted again. "
                                    "If you think this is a mistake, write to the editors."))
    if story.state not in EDITABLE:
        raise services.StoryError(_("This story is waiting for a decision and cannot be changed now."))
    return story


def _saved(story: Story, revision: bool):
    if revision:
        flash(_("Your changes wait for an editor's review. The published version stays online until then."),
              "success")
        return redirect(url_for(".my_submissions"))
    if story.state is ModerationState.SUBMITTED:
        flash(_("Thank you! Your story is waiting for an editor's review."), "success")
        return redirect(story_url(story))
    flash(_("Your draft is saved. Submit it for review when it is ready."), "success")
    return redirect(url_for(".edit", story_id=story.id))


@bp.post("/my/stories/<int:story_id>/submit")
@submission_limit
@confirmed_required
def submit(story_id: int):
    story = session.get(Story, story_id) or abort(404)
    with transaction():
        services.submit_story(story, acting_user())
    flash(_("Thank you! Your story is waiting for an editor's review."), "success")
    return redirect(story_url(story))


@bp.post("/my/stories/<int:story_id>/withdraw")
@login_required
def withdraw(story_id: int):
    story = session.get(Story, story_id) or abort(404)
    with transaction():
        services.withdraw_story(story, acting_user())
    flash(_("The story is withdrawn. It is no longer shown to anyone else."), "success")
    return redirect(url_for(".my_submissions"))


@bp.get("/my/stories/find-profiles")
@confirmed_required
def find_profiles():
    """The story form's type-ahead: published profiles by name, with the places the form takes as defaults."""
    text = request.args.get("q", "")
    if len(text) > MAX_SEARCH_LENGTH:
        return jsonify(error=_("Type at most %(max)d characters.", max=MAX_SEARCH_LENGTH)), 400
    return jsonify(profiles=[{
        "id": profile.id, "name": profile.name, "headline": profile.headline, "field": profile.field or "",
        "country_code": profile.country_code or "", "municipality": profile.municipality or ""}
        for profile in find_published(text, limit=10)])


@bp.get("/my/submissions")
@login_required
def my_submissions():
    member = acting_user()  # not the proxy: each row asks it who may do what
    return render_template("submissions/index.html", submissions=queries.submissions_of(member),
                           claimable=claimable_by(member), state_labels=state_labels())


@bp.get("/stories/<slug>")
def show(slug: str):
    story = queries.story_by_slug(slug) or _redirected(slug)
    if story is None or not can_view(story, current_user):
        abort(404)
    if story.slug != slug:
        return redirect(story_url(story), 301)
    related = queries.related_stories(story) if story.is_public else []
    return render_template("stories/show.html", story=story, subject=story, related=related,
                           profiles=queries.visible_profiles_of(story, current_user))


# kd.actions links stories through "stories.detail"; both names build the same address.
bp.add_url_rule("/stories/<slug>", endpoint="detail", view_func=show)


def _redirected(slug: str) -> Story | None:
    target = redirect_target("story", slug)
    return session.get(Story, target) if target is not None else None
