"""Everything that changes translations, the translator capability and translators' claims.

Translations move through the same named moves as any submission (kd.content.workflow): the translator
submits, an editor approves, asks for changes or rejects. Nothing here commits.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from kd.audit.services import record
from kd.bilingual.fields import (
    PHOTO_FIELDS,
    TEXT_FIELDS,
    changed_fields,
    other_languages,
    source_texts,
)
from kd.bilingual.models import GrantState, Translation, TranslationClaim, TranslatorGrant
from kd.content import changes
from kd.content.claims import as_aware
from kd.content.kinds import kind_of, model_of
from kd.content.states import ModerationState as S
from kd.content.workflow import decide, is_owner, transition
from kd.core.auth import require_confirmed, require_editor
from kd.core.errors import DomainError, PermissionDenied
from kd.db import session, utcnow

OPEN_STATES = (S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED)


class TranslationError(DomainError):
    """A translation that cannot be made or saved as asked."""


class TranslationClaimed(DomainError):
    status_code = 409


# --- who translates ----------------------------------------------------------------------------

def grant_of(user) -> TranslatorGrant | None:
    return session.get(TranslatorGrant, user.id) if getattr(user, "id", None) else None


def is_translator(user) -> bool:
    grant = grant_of(user)
    return grant is not None and grant.state is GrantState.GRANTED


def can_translate(user, subject) -> bool:
    """The author of the item, an editor, or a confirmed member an editor made a translator."""
    if not getattr(user, "is_authenticated", False) or not user.email_confirmed or not user.is_active:
        return False
    return user.is_editor or (subject is not None and is_owner(subject, user)) or is_translator(user)


def require_can_translate(user, subject) -> None:
    require_confirmed(user)
    if not can_translate(user, subject):
        raise PermissionDenied(_("Only the author, editors and translators can translate this."))


def request_translator(user, note: str) -> TranslatorGrant:
    """A member volunteers; an editor decides."""
    require_confirmed(user)
    grant = grant_of(user)
    if grant is not None:
        return grant
    grant = TranslatorGrant(user_id=user.id, state=GrantState.REQUESTED, note=note.strip())
    session.add(grant)
    record(user, "translators.requested", user, note=note.strip())
    return grant


def grant_translator(user, actor) -> TranslatorGrant:
    require_editor(actor)
    grant = grant_of(user) or TranslatorGrant(user_id=user.id)
    grant.state, grant.decided_by_id, grant.decided_at = GrantState.GRANTED, actor.id, utcnow()
    session.add(grant)
    record(actor, "translators.granted", user)
    return grant


def revoke_translator(user, actor) -> None:
    """Also declines a request."""
    require_editor(actor)
    grant = grant_of(user)
    if grant is not None:
        session.delete(grant)
        record(actor, "translators.revoked", user, was=grant.state.value)


# --- writing and submitting --------------------------------------------------------------------

def subject_of(translation: Translation):
    model = model_of(translation.subject_type)
    return session.get(model, translation.subject_id) if model else None


def open_translation(subject, user, language: str) -> Translation | None:
    """The member's own translation of this item into this language that is not decided yet."""
    return session.scalars(select(Translation).where(
        Translation.subject_type == kind_of(subject), Translation.subject_id == subject.id,
        Translation.language == language, Translation.submitted_by_id == user.id,
        Translation.state.in_(OPEN_STATES)).order_by(Translation.id.desc())).first()


def save_translation(subject, user, language: str, texts: dict[str, str], submit: bool) -> Translation:
    """Keep the member's translation (texts: the fields of TEXT_FIELDS and photo keys) made from the
    original as it reads now; submit sends it to the editors' queue."""
    _check_translatable(subject, user, language)
    translation = open_translation(subject, user, language) or _new_translation(subject, user, language)
    kind = kind_of(subject)
    for name in TEXT_FIELDS[kind]:
        setattr(translation, name, (texts.get(name) or "").strip())
    source = source_texts(subject)
    translation.photo_texts = _photo_texts(texts, source)
    translation.source, translation.source_updated_at = source, subject.updated_at
    _require_main_text(translation, kind)
    session.flush()
    record(user, "translations.saved", translation, original=f"{kind}:{subject.id}", language=language)
    if submit and translation.state is not S.SUBMITTED:
        transition(translation, "submit", user)
        release_claim(subject, language, user)
    return translation


def _check_translatable(subject, user, language: str) -> None:
    require_can_translate(user, subject)
    if not subject.is_public:
        raise TranslationError(_("Only published items can be translated."))
    if language not in other_languages(subject.language):
        raise TranslationError(_("Choose the other site language to translate into."))


def _new_translation(subject, user, language: str) -> Translation:
    translation = Translation(subject_type=kind_of(subject), subject_id=subject.id, language=language,
                              source_language=subject.language, submitted_by_id=user.id, state=S.DRAFT)
    session.add(translation)
    return translation


def _photo_texts(texts: dict[str, str], source: dict[str, str]) -> dict:
    """Only the photos the original has; {photo id: {"alt_text": ..., "caption": ...}} of what was filled in."""
    found: dict[str, dict[str, str]] = {}
    for key in source:
        if not key.startswith("photo-"):
            continue
        _prefix, photo_id, name = key.split("-", 2)
        value = (texts.get(key) or "").strip()[:300]
        if value and name in PHOTO_FIELDS:
            found.setdefault(photo_id, {})[name] = value
    return found


def _require_main_text(translation: Translation, kind: str) -> None:
    if kind == "story" and not translation.title:
        raise TranslationError(_("Please translate the title."))
    if kind == "profile" and not (translation.headline or translation.bio):
        raise TranslationError(_("Please translate the headline or the text about them."))


def withdraw_translation(translation: Translation, user) -> Translation:
    transition(translation, "withdraw", user)
    _announce_subject(translation)
    return translation


# --- editors' decisions ------------------------------------------------------------------------

def decide_translation(translation: Translation, move: str, editor, message: str = "") -> Translation:
    """approve, request_changes, reject or unpublish, as for any submission. An approved translation
    replaces the one visitors saw in that language; it is stale at once if the original changed meanwhile."""
    subject = subject_of(translation)
    if subject is None:
        raise TranslationError(_("The record this translation belongs to no longer exists."))
    decide(translation, move, editor, message)
    translation.seen_version = {name: getattr(translation, name) for name in TEXT_FIELDS[kind_of(subject)]}
    if move == "approve":
        _retire_others(translation, editor)
        translation.stale_since = utcnow() if changed_fields(translation.source, source_texts(subject)) else None
    _announce_subject(translation, subject)
    return translation


def _retire_others(translation: Translation, editor) -> None:
    others = session.scalars(select(Translation).where(
        Translation.subject_type == translation.subject_type, Translation.subject_id == translation.subject_id,
        Translation.language == translation.language, Translation.state == S.APPROVED,
        Translation.id != translation.id))
    for older in others:
        decide(older, "merge_away", editor, _("Replaced by a newer translation."), replaced_by=translation.id)


def _announce_subject(translation: Translation, subject=None) -> None:
    """The original's page, search document and share card show its translations."""
    subject = subject or subject_of(translation)
    if subject is not None and subject.is_public:
        changes.changed(subject)


# --- the original changed ----------------------------------------------------------------------

def mark_stale(subject) -> list[Translation]:
    """After an approved edit of the original: its approved translations made from other texts are marked
    "may be out of date" (and go back on the Needs-translation list)."""
    now, texts, marked = utcnow(), source_texts(subject), []
    for translation in session.scalars(select(Translation).where(
            Translation.subject_type == kind_of(subject), Translation.subject_id == subject.id,
            Translation.state == S.APPROVED, Translation.stale_since.is_(None))):
        if changed_fields(translation.source, texts):
            translation.stale_since = now
            record(None, "translations.stale", translation, fields=changed_fields(translation.source, texts))
            marked.append(translation)
    return marked


# --- claims on the Needs-translation list ------------------------------------------------------

def claim_hours() -> int:
    return current_app.config["TRANSLATION_CLAIM_HOURS"]


def claim_is_fresh(claim: TranslationClaim | None) -> bool:
    return claim is not None and as_aware(claim.claimed_at) > utcnow() - timedelta(hours=claim_hours())


def claim_of(subject, language: str) -> TranslationClaim | None:
    return session.scalars(select(TranslationClaim).where(
        TranslationClaim.subject_type == kind_of(subject), TranslationClaim.subject_id == subject.id,
        TranslationClaim.language == language)).first()


def claim_translation(subject, language: str, user) -> TranslationClaim:
    """"I am translating this": refused while another translator holds a fresh claim; renews one's own."""
    _check_translatable(subject, user, language)
    claim = claim_of(subject, language)
    if claim_is_fresh(claim) and claim.user_id != user.id:
        raise TranslationClaimed(_("Another translator is working on this translation."))
    if claim is None:
        claim = TranslationClaim(subject_type=kind_of(subject), subject_id=subject.id, language=language)
        session.add(claim)
    claim.user_id, claim.claimed_at = user.id, utcnow()
    record(user, "translations.claimed", subject, language=language)
    return claim


def release_claim(subject, language: str, user) -> None:
    claim = claim_of(subject, language)
    if claim is not None and (claim.user_id == user.id or user.is_editor):
        session.delete(claim)
        record(user, "translations.released", subject, language=language)
