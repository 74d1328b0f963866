"""Translating (members, translators, editors), the editors' side-by-side review, the Needs-translation
list, and the translator capability."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from kd.accounts.models import User
from kd.bilingual import fields, queries, services
from kd.bilingual.fields import FIELD_LABELS, TEXT_FIELDS, changed_fields, source_texts, text_diff
from kd.bilingual.forms import (
    NeedsFilterForm,
    TranslationDecisionForm,
    VolunteerForm,
    form_texts,
    translation_form,
)
from kd.bilingual.models import GrantState, TranslatorGrant
from kd.content import claims
from kd.content.kinds import kind_of, model_of
from kd.content.workflow import allowed_moves, state_label
from kd.core.auth import acting_user, confirmed_required, editor_required, login_required
from kd.core.errors import DomainError
from kd.core.forms import ButtonForm
from kd.core.i18n import safe_next
from kd.core.pagination import Page, page_number
from kd.db import session, transaction
from kd.media.queries import photos_of

bp = Blueprint("bilingual", __name__)
bp.add_app_template_global(queries.shown_version, "content_version")
bp.add_app_template_global(services.can_translate, "can_translate")
bp.add_app_template_global(queries.target_languages, "translation_targets")
bp.add_app_template_global(fields.language_label, "language_label")
bp.add_app_template_global(queries.localized_hits, "localized_hits")
bp.add_app_template_global(fields.translated_from, "translated_from")
bp.add_app_template_global(fields.written_in, "written_in")
KIND = "<any(profile, story):kind>"
LANG = "<any(en, sq):language>"
DECIDED = {"approve": _l("You approved the translation: visitors in that language read it now."),
           "request_changes": _l("You asked the translator for changes."), "reject": _l("You rejected it."),
           "unpublish": _l("You unpublished the translation.")}


def _subject_or_404(kind: str, subject_id: int):
    return session.get(model_of(kind), subject_id) or abort(404)


def _public_subject_or_404(kind: str, subject_id: int):
    subject = _subject_or_404(kind, subject_id)
    return subject if subject.is_public else abort(404)


def _translatable_or_403(kind: str, subject_id: int, language: str):
    subject = _public_subject_or_404(kind, subject_id)
    if not services.can_translate(acting_user(), subject):
        abort(403)
    if language == subject.language:
        abort(404)
    return subject


def _require_action_form() -> None:
    if not ButtonForm().validate_on_submit():
        abort(400)


# --- translating -------------------------------------------------------------------------------

@bp.route(f"/translate/{KIND}/<int:subject_id>/{LANG}", methods=["GET", "POST"])
@confirmed_required
def translate(kind: str, subject_id: int, language: str):
    subject = _translatable_or_403(kind, subject_id, language)
    existing = services.open_translation(subject, acting_user(), language)
    photos = photos_of(subject)
    if request.method == "GET":
        return _translate_page(subject, language, translation_form(kind, photos, data=_start_texts(existing)))
    form = translation_form(kind, photos, formdata=request.form)
    if not form.validate_on_submit():
        return _translate_page(subject, language, form, 400)
    submit = request.form.get("action") == "submit"
    try:
        with transaction():
            translation = services.save_translation(subject, acting_user(), language, form_texts(form), submit)
    except DomainError as error:
        flash(error.message, "error")
        return _translate_page(subject, language, form, error.status_code)
    flash(_("Sent: an editor will review your translation.") if submit else _("Your translation is saved."),
          "success")
    if submit:
        return redirect(url_for(".mine"))
    return redirect(url_for(".translate", kind=kind, subject_id=subject.id, language=translation.language))


def _start_texts(translation) -> dict:
    if translation is None:
        return {}
    texts = {name: getattr(translation, name) for name in ("title", "summary", "body", "headline", "bio")}
    for photo_id, values in (translation.photo_texts or {}).items():
        texts |= {f"photo-{photo_id}-{name}": value for name, value in values.items()}
    return texts


def _translate_page(subject, language: str, form, status: int = 200):
    kind = kind_of(subject)
    current = queries.approved_translations(subject).get(language)
    return render_template(
        "bilingual/translate.html", subject=subject, kind=kind, language=language, form=form,
        photos=photos_of(subject), source=source_texts(subject), labels=FIELD_LABELS,
        text_fields=TEXT_FIELDS[kind], current=current, stale_diff=_stale_diff(current, subject),
        open_translation=services.open_translation(subject, acting_user(), language),
        claim=services.claim_of(subject, language), claim_fresh=services.claim_is_fresh, state_label=state_label,
        action_form=ButtonForm()), status


def _stale_diff(translation, subject) -> list[tuple[str, list]]:
    """What changed in the original since the translation was made: (label, line diff) per field."""
    if translation is None or not translation.is_stale:
        return []
    now = source_texts(subject)
    return [(str(FIELD_LABELS.get(key.rpartition("-")[2], key)), text_diff(translation.source.get(key, ""), now[key]))
            for key in changed_fields(translation.source, now)]


@bp.post(f"/translate/{KIND}/<int:subject_id>/{LANG}/claim")
@confirmed_required
def claim(kind: str, subject_id: int, language: str):
    subject = _translatable_or_403(kind, subject_id, language)
    _require_action_form()
    with transaction():
        services.claim_translation(subject, language, acting_user())
    hours = services.claim_hours()
    flash(_("It is yours for %(hours)d hours: others see that you are translating it.", hours=hours), "success")
    return redirect(safe_next(request.form.get("next"),
                              url_for(".translate", kind=kind, subject_id=subject.id, language=language)))


@bp.post(f"/translate/{KIND}/<int:subject_id>/{LANG}/release")
@confirmed_required
def release(kind: str, subject_id: int, language: str):
    subject = _translatable_or_403(kind, subject_id, language)
    _require_action_form()
    with transaction():
        services.release_claim(subject, language, acting_user())
    flash(_("You released it: another translator can take it."), "info")
    return redirect(url_for(".needed"))


@bp.get("/my/translations")
@login_required
def mine():
    user = acting_user()
    return render_template("bilingual/mine.html", translations=queries.translations_by(user),
                           subject_of=services.subject_of, grant=services.grant_of(user), form=VolunteerForm(),
                           state_label=state_label, action_form=ButtonForm())


@bp.post("/my/translations/volunteer")
@confirmed_required
def volunteer():
    form = VolunteerForm()
    if not form.validate_on_submit():
        abort(400)
    with transaction():
        services.request_translator(acting_user(), form.note.data or "")
    flash(_("Thank you: an editor will look at your offer to translate."), "success")
    return redirect(url_for(".mine"))


@bp.post("/my/translations/<int:translation_id>/withdraw")
@login_required
def withdraw(translation_id: int):
    translation = session.get(queries.Translation, translation_id) or abort(404)
    _require_action_form()
    with transaction():
        services.withdraw_translation(translation, acting_user())
    flash(_("You withdrew the translation."), "info")
    return redirect(url_for(".mine"))


# --- the Needs-translation list ----------------------------------------------------------------

@bp.get("/translations/needed")
@login_required
def needed():
    form = NeedsFilterForm(request.args)
    number, per_page = page_number(), current_app.config["TRANSLATIONS_PER_PAGE"]
    if not form.validate():
        return _needed_page(form, [], Page(1, per_page, 0), 400)
    items, total = queries.needs_translation(form.filters(), current_app.config["LANGUAGES"], number, per_page)
    return _needed_page(form, items, Page(number, per_page, total))


def _needed_page(form, items, page, status: int = 200):
    filters = form.filters() if not form.errors else queries.NeedsFilters()
    return render_template("bilingual/needed.html", form=form, items=items, page=page, filters=filters,
                           claim_fresh=services.claim_is_fresh, action_form=ButtonForm(),
                           stale_diff=lambda item: _stale_diff(item.stale, item.subject)), status


# --- editors -------------------------------------------------------------------------------------

def _translation_or_404(translation_id: int):
    translation = session.get(queries.Translation, translation_id) or abort(404)
    subject = services.subject_of(translation) or abort(404)
    return translation, subject


@bp.get("/editor/translations/<int:translation_id>")
@editor_required
def review(translation_id: int):
    translation, subject = _translation_or_404(translation_id)
    return _review_page(translation, subject, TranslationDecisionForm(formdata=None))


def _review_page(translation, subject, form, status: int = 200):
    kind = kind_of(subject)
    return render_template(
        "bilingual/review.html", translation=translation, subject=subject, kind=kind, form=form,
        rows=_side_by_side(translation, subject), moves=allowed_moves(translation, acting_user()),
        state_label=state_label, translator=session.get(User, translation.submitted_by_id or 0),
        claim_fresh=claims.claim_is_fresh(translation, claims.claim_minutes()),
        claim_holder=session.get(User, translation.claimed_by_id or 0), action_form=ButtonForm(),
        original_changed=changed_fields(translation.source or {}, source_texts(subject)),
        others=queries.translations_of(subject)), status


def _side_by_side(translation, subject) -> list[tuple[str, str, str]]:
    """(label, the original's text, the translation's text) for each field and photo text."""
    rows = [(str(FIELD_LABELS[name]), getattr(subject, name) or "", getattr(translation, name) or "")
            for name in TEXT_FIELDS[kind_of(subject)]]
    for number, photo in enumerate(photos_of(subject), start=1):
        texts = (translation.photo_texts or {}).get(str(photo.id), {})
        for name in ("alt_text", "caption"):
            label = _("Photo %(number)d: %(what)s", number=number, what=FIELD_LABELS[name])
            rows.append((label, getattr(photo, name) or "", texts.get(name, "")))
    return rows


@bp.post("/editor/translations/<int:translation_id>/claim")
@editor_required
def start_review(translation_id: int):
    translation, _subject = _translation_or_404(translation_id)
    _require_action_form()
    with transaction():
        claims.start_review(translation, acting_user())
    flash(_("You are reviewing this now; other editors cannot decide it meanwhile."), "success")
    return redirect(url_for(".review", translation_id=translation.id))


@bp.post("/editor/translations/<int:translation_id>/release")
@editor_required
def release_review(translation_id: int):
    translation, _subject = _translation_or_404(translation_id)
    _require_action_form()
    with transaction():
        claims.release(translation, acting_user())
    flash(_("You released the item; another editor can review it now."), "info")
    return redirect(url_for("moderation.queue"))


@bp.post("/editor/translations/<int:translation_id>/decide")
@editor_required
def decide(translation_id: int):
    translation, subject = _translation_or_404(translation_id)
    form = TranslationDecisionForm()
    if not form.validate_on_submit():
        return _review_page(translation, subject, form, 400)
    try:
        with transaction():
            services.decide_translation(translation, form.decision.data, acting_user(), form.message.data or "")
    except DomainError as error:
        flash(error.message, "error")
        return _review_page(translation, subject, form, error.status_code)
    flash(str(DECIDED[form.decision.data]), "success")
    return redirect(url_for("moderation.queue"))


@bp.get("/editor/translators")
@editor_required
def translators():
    grants = list(session.scalars(select(TranslatorGrant).order_by(TranslatorGrant.state.desc(),
                                                                   TranslatorGrant.requested_at)))
    users = {user.id: user for user in session.scalars(select(User).where(
        User.id.in_([grant.user_id for grant in grants])))} if grants else {}
    return render_template("bilingual/translators.html", grants=grants, users=users, requested=GrantState.REQUESTED,
                           action_form=ButtonForm())


@bp.post("/editor/translators/<int:user_id>/<any(grant, revoke):decision>")
@editor_required
def decide_translator(user_id: int, decision: str):
    user = session.get(User, user_id) or abort(404)
    _require_action_form()
    with transaction():
        if decision == "grant":
            services.grant_translator(user, acting_user())
        else:
            services.revoke_translator(user, acting_user())
    flash(_("%(name)s can translate now.", name=user.display_name) if decision == "grant"
          else _("%(name)s is no longer a translator.", name=user.display_name), "success")
    return redirect(safe_next(request.form.get("next"), url_for(".translators")))
