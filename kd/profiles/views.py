"""Members create and edit profiles; the nominated person answers and claims; visitors read them."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kd.content.feedback import latest_editor_message
from kd.content.redirects import redirect_target
from kd.content.revisions import pending_revision
from kd.content.states import ModerationState
from kd.core.auth import acting_user, confirmed_required, login_required
from kd.core.errors import DomainError
from kd.core.markdown import render_markdown
from kd.core.tokens import TokenExpired, TokenInvalid
from kd.db import session, transaction
from kd.media.images import human_size
from kd.media.queries import photos_of
from kd.media.services import UploadRefused
from kd.profiles import notifications, queries, services
from kd.profiles.forms import ABOUT_OTHER, ProfileForm, profile_form_data
from kd.profiles.limits import submission_limit
from kd.profiles.models import Profile, ProfileKind
from kd.profiles.queries import EDITABLE

bp = Blueprint("profiles", __name__)
bp.add_app_template_filter(render_markdown, "markdown")


class ConsentLinkError(DomainError):
    """A consent link that was tampered with or is too old."""


@bp.app_template_global()
def profile_url(profile: Profile, **kwargs) -> str:
    return url_for("profiles.show", kind=profile.kind.value, slug=profile.slug, **kwargs)


def _wants_submit() -> bool:
    return request.form.get("action") == "submit"


def _refuse_spam(form) -> None:
    if request.method == "POST" and form.is_spam:
        abort(400)


def _form_page(form, profile=None):
    status = 400 if form.errors else 200
    return render_template("profiles/form.html", form=form, profile=profile, duplicates=_duplicates(profile),
                           editor_message=latest_editor_message(profile), portraits=photos_of(profile),
                           upload_limit=human_size(current_app.config["MAX_UPLOAD_BYTES"])), status


def _refused(form, error: DomainError, profile=None):
    """A refusal from the service: said above the form, with everything the member typed kept."""
    flash(error.message, "error")
    return _form_page(form, profile)[0], error.status_code


def _photo_refused(form, error: UploadRefused, profile=None):
    """The pipeline refused the portrait: said next to its field; nothing was saved, all typed text is kept."""
    form.portrait.form.photo.errors = [*form.portrait.form.photo.errors, error.message]
    return _form_page(form, profile)[0], error.status_code


def _duplicates(profile: Profile | None) -> list[Profile]:
    """Shown to the submitter (published ones only) and editors once a profile is submitted."""
    if profile is None or profile.state in (ModerationState.DRAFT, ModerationState.APPROVED):
        return []
    if not current_user.is_authenticated or not (current_user.is_editor or queries.can_edit(profile, current_user)):
        return []
    return queries.likely_duplicates(profile.name, profile.id, public_only=not current_user.is_editor)


@bp.route("/my/profiles/new", methods=["GET", "POST"])
@submission_limit
@confirmed_required
def new():
    form = ProfileForm(data=_nomination_start())
    _refuse_spam(form)
    if not form.validate_on_submit():
        return _form_page(form)
    try:
        portrait = form.new_portrait()
        with transaction():
            profile = services.create_profile(acting_user(), form.data_for_row(), form.nomination(), _wants_submit(),
                                              portrait)
    except UploadRefused as error:
        return _photo_refused(form, error)
    except DomainError as error:
        return _refused(form, error)
    return _saved(profile, revision=False)


def _nomination_start() -> dict | None:
    """/my/profiles/new?about=other opens the form for nominating someone else."""
    return {"about": ABOUT_OTHER} if request.args.get("about") == ABOUT_OTHER else None


@bp.route("/my/profiles/<int:profile_id>/edit", methods=["GET", "POST"])
@submission_limit
@confirmed_required
def edit(profile_id: int):
    profile = _editable_profile(profile_id)
    data = profile_form_data(profile, queries.editable_data(profile)) if request.method == "GET" else None
    form = ProfileForm(data=data)
    nomination_editable = queries.nomination_editable(profile, current_user)
    if not nomination_editable:
        form.drop_nomination_fields()
    _refuse_spam(form)
    if not form.validate_on_submit():
        return _form_page(form, profile)
    nomination = form.nomination() if nomination_editable else None
    try:
        portrait = form.new_portrait()
        with transaction():
            revision = services.update_profile(profile, acting_user(), form.data_for_row(), nomination,
                                               _wants_submit(), portrait)
    except UploadRefused as error:
        return _photo_refused(form, error, profile)
    except DomainError as error:
        return _refused(form, error, profile)
    return _saved(profile, revision)


def _editable_profile(profile_id: int) -> Profile:
    profile = session.get(Profile, profile_id) or abort(404)
    if not queries.can_edit(profile, current_user):
        abort(403)
    if profile.state is ModerationState.REJECTED:
        raise services.ProfileError(_("An editor rejected this profile: it cannot be changed or submitted again. "
                                      "If you think this is a mistake, write to the editors."))
    if profile.state not in EDITABLE:
        raise services.ProfileError(_("This profile is waiting for a decision and cannot be changed now."))
    return profile


def _saved(profile: Profile, revision: bool):
    if revision:
        flash(_("Your changes wait for an editor's review. The published version stays online until then."),
              "success")
        return redirect(url_for("stories.my_submissions"))
    if profile.state is ModerationState.SUBMITTED:
        return _submitted(profile)
    flash(_("Your draft is saved. Submit it for review when it is ready."), "success")
    return redirect(url_for(".edit", profile_id=profile.id))


def _submitted(profile: Profile):
    if services.needs_consent_mail(profile):
        notifications.send_consent_request(profile, current_user)
        flash(_("We asked %(email)s to agree to this profile.", email=profile.subject_email), "info")
    flash(_("Thank you! Your profile is waiting for an editor's review."), "success")
    return redirect(profile_url(profile))


@bp.post("/my/profiles/<int:profile_id>/submit")
@submission_limit
@confirmed_required
def submit(profile_id: int):
    profile = session.get(Profile, profile_id) or abort(404)
    with transaction():
        services.submit_profile(profile, acting_user())
    return _submitted(profile)


@bp.post("/my/profiles/<int:profile_id>/withdraw")
@login_required
def withdraw(profile_id: int):
    profile = session.get(Profile, profile_id) or abort(404)
    with transaction():
        services.withdraw_profile(profile, acting_user())
    flash(_("The profile is withdrawn. It is no longer shown to anyone else."), "success")
    return redirect(url_for("stories.my_submissions"))


@bp.post("/my/profiles/<int:profile_id>/claim")
@login_required
def claim(profile_id: int):
    profile = session.get(Profile, profile_id) or abort(404)
    with transaction():
        services.claim_profile(profile, acting_user())
    flash(_("This profile is now yours. You can correct it or withdraw it."), "success")
    return redirect(url_for("stories.my_submissions"))


# The nominated person's answer ------------------------------------------------------------------

def _consent_profile(token: str) -> Profile:
    try:
        return services.profile_for_consent(token)
    except TokenExpired as error:
        raise ConsentLinkError(_("This link has expired. Please write to the editors if you want to answer.")) \
            from error
    except TokenInvalid as error:
        raise ConsentLinkError(_("This link is not valid.")) from error


@bp.route("/consent/<token>", methods=["GET", "POST"])
def consent(token: str):
    profile = _consent_profile(token)
    if request.method == "GET":
        return render_template("profiles/consent.html", profile=profile, token=token,
                               nominator=queries.nominator_of(profile), photos=photos_of(profile))
    answer = request.form.get("answer")
    if answer == "claim":
        return _claim_through_link(profile, token)
    if answer not in ("agree", "decline"):
        abort(400)
    with transaction():
        services.answer_consent(profile, answer == "agree", acting_user() if current_user.is_authenticated else None)
    flash(_("Thank you, your answer is saved.") if answer == "agree" else
          _("Understood: this profile will not be published."), "success")
    return redirect(url_for("site.home"))


def _claim_through_link(profile: Profile, token: str):
    if not current_user.is_authenticated:
        flash(_("Log in or create an account first, then open the link again."), "info")
        return redirect(url_for("accounts.login", next=url_for(".consent", token=token)))
    with transaction():
        services.claim_profile(profile, acting_user())
    flash(_("This profile is now yours. You can correct it or withdraw it."), "success")
    return redirect(url_for("stories.my_submissions"))


# Public pages ----------------------------------------------------------------------------------

@bp.get("/people/<slug>", defaults={"kind": ProfileKind.PERSON.value})
@bp.get("/groups/<slug>", defaults={"kind": ProfileKind.GROUP.value})
@bp.get("/organisations/<slug>", defaults={"kind": ProfileKind.ORGANISATION.value})
def show(slug: str, kind: str):
    profile = queries.profile_by_slug(slug) or _redirected(slug)
    if profile is None or not queries.can_view(profile, current_user):
        abort(404)
    if profile.kind.value != kind or profile.slug != slug:
        return redirect(profile_url(profile), 301)
    return render_template("profiles/show.html", profile=profile, subject=profile,
                           stories=queries.published_stories_of(profile), duplicates=_duplicates(profile),
                           can_claim=queries.can_claim(profile, current_user),
                           pending_revision=_own_pending_revision(profile))


def _redirected(slug: str) -> Profile | None:
    target = redirect_target("profile", slug)
    return session.get(Profile, target) if target is not None else None


def _own_pending_revision(profile: Profile):
    if current_user.is_authenticated and queries.can_edit(profile, current_user):
        return pending_revision(profile)
    return None

