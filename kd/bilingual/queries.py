"""Read-side helpers: which version of an item a visitor sees, the editors' queue rows, and the
"Needs translation" list."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import g, has_request_context, request
from sqlalchemy import String, and_, exists, func, literal, or_, select, union_all

from kd.accounts.models import User
from kd.bilingual.fields import TEXT_FIELDS, other_languages
from kd.bilingual.models import GrantState, Translation, TranslationClaim, TranslatorGrant
from kd.content.claims import as_aware
from kd.content.kinds import kind_of, model_of
from kd.content.states import ModerationState as S
from kd.core.i18n import current_locale
from kd.db import session

ORIGINAL = "original"  # ?lang=original: the item as it was written, whatever the visitor's language
NEEDS_KINDS = ("story", "profile")


@dataclass
class Version:
    """What a visitor reads of a story or profile: a translation into their language when one is approved,
    else the original. Templates read the texts through it and its language for lang attributes."""

    subject: object
    translation: Translation | None = None
    languages: list[str] = field(default_factory=list)  # the original's, then each approved translation's

    @property
    def language(self) -> str:
        return self.translation.language if self.translation else self.subject.language

    @property
    def original_language(self) -> str:
        return self.subject.language

    def text(self, name: str) -> str:
        value = getattr(self.translation, name, "") if self.translation else ""
        return value or getattr(self.subject, name) or ""

    def text_language(self, name: str) -> str:
        """A field left untranslated keeps the original's language."""
        translated = self.translation is not None and getattr(self.translation, name, "")
        return self.translation.language if translated else self.subject.language

    def photo_text(self, photo, name: str) -> str:
        photos = self.translation.photo_texts if self.translation else {}
        return (photos or {}).get(str(photo.id), {}).get(name) or getattr(photo, name) or ""

    def photo_language(self, photo, name: str) -> str:
        photos = self.translation.photo_texts if self.translation else {}
        found = (photos or {}).get(str(photo.id), {}).get(name)
        return self.translation.language if found else self.subject.language

    @property
    def translator_name(self) -> str:
        user_id = self.translation.submitted_by_id if self.translation else None
        user = session.get(User, user_id) if user_id else None
        return user.display_name if user else ""

    @property
    def is_stale(self) -> bool:
        return self.translation is not None and self.translation.is_stale

    def has(self, language: str) -> bool:
        return language in self.languages


def approved_translations(subject) -> dict[str, Translation]:
    """language -> the approved translation visitors see, for a public item."""
    if subject is None or getattr(subject, "id", None) is None or not subject.is_public:
        return {}
    rows = session.scalars(select(Translation).where(
        Translation.subject_type == kind_of(subject), Translation.subject_id == subject.id,
        Translation.state == S.APPROVED).order_by(Translation.published_at))
    return {row.language: row for row in rows}


def version_for(subject, locale: str, original: bool = False) -> Version:
    translations = approved_translations(subject)
    languages = [subject.language, *(code for code in translations if code != subject.language)]
    chosen = None if original or locale == subject.language else translations.get(locale)
    return Version(subject, chosen, languages)


def shown_version(subject, preview: bool = False) -> Version:
    """The version for this request: the visitor's language, or the original with ?lang=original
    (and always the original in an editor's preview). Read once per item per request."""
    if preview:
        return version_for(subject, subject.language, original=True)
    if not has_request_context():  # a worker drawing share cards in each language (force_locale)
        return version_for(subject, current_locale())
    known = g.setdefault("kd_bilingual_versions", {})
    key = (kind_of(subject), subject.id)
    if key not in known:
        known[key] = version_for(subject, current_locale(), request.args.get("lang") == ORIGINAL)
    return known[key]


def translations_by_language(subject) -> dict[str, dict]:
    """language -> the approved translation's texts and whether it may be out of date (the API, feeds)."""
    fields = TEXT_FIELDS[kind_of(subject)]
    return {language: {**{name: getattr(row, name) for name in fields}, "out_of_date": row.is_stale}
            for language, row in approved_translations(subject).items()}


def searchable_texts(db_session, kind: str, subject_ids: list[int]) -> dict[int, list[str]]:
    """subject id -> the approved translations' texts, for the items' search documents (kd/stories, kd/profiles
    documents): a query in either language finds the item through its original or its translation."""
    rows = db_session.execute(
        select(Translation.subject_id, Translation.title, Translation.summary, Translation.body,
               Translation.headline, Translation.bio, Translation.photo_texts)
        .where(Translation.subject_type == kind, Translation.subject_id.in_(subject_ids),
               Translation.state == S.APPROVED)
        .order_by(Translation.subject_id, Translation.language, Translation.id))
    texts: dict[int, list[str]] = {}
    for subject_id, *fields, photo_texts in rows:
        fields += [value for photo in (photo_texts or {}).values() for value in photo.values()]
        texts.setdefault(subject_id, []).extend(text for text in fields if text)
    return texts


def localized_hits(hits) -> dict[str, tuple[str, str, str]]:
    """hit key -> (title, subtitle, language) for the hits an approved translation into the reader's language
    exists for; one query for the page of results."""
    locale = current_locale()
    wanted = [(("story" if hit.kind == "story" else "profile"), hit.id) for hit in hits if hit.language != locale]
    if not wanted:
        return {}
    rows = session.scalars(select(Translation).where(
        Translation.language == locale, Translation.state == S.APPROVED,
        or_(*(and_(Translation.subject_type == kind, Translation.subject_id == row_id) for kind, row_id in wanted))))
    found = {(row.subject_type, row.subject_id): row for row in rows}
    shown = {}
    for hit in hits:
        row = found.get(("story" if hit.kind == "story" else "profile", hit.id))
        if row is not None and hit.kind == "story":
            shown[hit.key] = (row.title or hit.title, row.summary or hit.subtitle, locale)
        elif row is not None:
            shown[hit.key] = (hit.title, row.headline or hit.subtitle, locale)
    return shown


def translator_states(user_ids: list[int]) -> dict[int, GrantState]:
    """For the admin's user list: who asked to translate and who may (one query)."""
    if not user_ids:
        return {}
    return dict(session.execute(select(TranslatorGrant.user_id, TranslatorGrant.state)
                                .where(TranslatorGrant.user_id.in_(user_ids))).all())


# --- the editors' queue ------------------------------------------------------------------------

def waiting_translations(language: str = ""):
    """Rows (kind, id, since) of submitted translations, for the editors' queue union."""
    query = select(literal("translation", String).label("kind"), Translation.id.label("id"),
                   func.coalesce(Translation.submitted_at, Translation.created_at).label("since")) \
        .where(Translation.state == S.SUBMITTED)
    return query.where(Translation.language == language) if language else query


def waiting_count() -> int:
    return session.scalar(select(func.count()).select_from(Translation)
                          .where(Translation.state == S.SUBMITTED)) or 0


def translations_of(subject) -> list[Translation]:
    """Every translation of an item, newest first (the editors' review page lists them)."""
    return list(session.scalars(select(Translation).where(
        Translation.subject_type == kind_of(subject), Translation.subject_id == subject.id)
        .order_by(Translation.id.desc())))


def translations_by(user) -> list[Translation]:
    return list(session.scalars(select(Translation).where(Translation.submitted_by_id == user.id)
                                .order_by(Translation.updated_at.desc(), Translation.id.desc()).limit(100)))


# --- "Needs translation" -------------------------------------------------------------------------

@dataclass(frozen=True)
class NeedsFilters:
    kind: str = ""
    language: str = ""  # the language to translate into
    field: str = ""

    def as_args(self) -> dict[str, str]:
        return {key: value for key, value in vars(self).items() if value}


@dataclass
class NeedsItem:
    kind: str
    subject: object
    language: str  # to translate into
    published_at: datetime | None
    stale: Translation | None = None
    claim: TranslationClaim | None = None
    claimer: User | None = None


def _needs_rows(kind: str, target: str, filters: NeedsFilters):
    model = model_of(kind)
    current = exists().where(Translation.subject_type == kind, Translation.subject_id == model.id,
                             Translation.language == target, Translation.state == S.APPROVED,
                             Translation.stale_since.is_(None))
    query = select(literal(kind, String).label("kind"), model.id.label("id"), literal(target, String).label("target"),
                   model.published_at.label("published_at")) \
        .where(model.state == S.APPROVED, model.language != target, ~current)
    return query.where(model.field == filters.field) if filters.field else query


def needs_translation(filters: NeedsFilters, languages: tuple[str, ...], number: int,
                      per_page: int) -> tuple[list[NeedsItem], int]:
    """Published items without a current translation into a language, newest first: one count, one page
    of ids, then one query per kind for the items, one for stale translations and one for claims."""
    targets = [filters.language] if filters.language else list(languages)
    kinds = [filters.kind] if filters.kind else list(NEEDS_KINDS)
    parts = [_needs_rows(kind, target, filters) for kind in kinds for target in targets]
    rows = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    total = session.scalar(select(func.count()).select_from(rows)) or 0
    page = list(session.execute(select(rows).order_by(rows.c.published_at.desc(), rows.c.id.desc())
                                .limit(per_page).offset((number - 1) * per_page)))
    return _needs_items(page), total


def _needs_items(page) -> list[NeedsItem]:
    subjects = {}
    for kind in {row.kind for row in page}:
        ids = [row.id for row in page if row.kind == kind]
        model = model_of(kind)
        subjects |= {(kind, item.id): item for item in session.scalars(select(model).where(model.id.in_(ids)))}
    items = [NeedsItem(row.kind, subjects[(row.kind, row.id)], row.target, as_aware(row.published_at))
             for row in page]
    _attach_stale_and_claims(items)
    return items


def _subject_match(model, items: list[NeedsItem]):
    return or_(*(and_(model.subject_type == item.kind, model.subject_id == item.subject.id,
                      model.language == item.language) for item in items))


def _attach_stale_and_claims(items: list[NeedsItem]) -> None:
    if not items:
        return
    by_key = {(item.kind, item.subject.id, item.language): item for item in items}
    for stale in session.scalars(select(Translation).where(
            _subject_match(Translation, items), Translation.state == S.APPROVED,
            Translation.stale_since.is_not(None))):
        by_key[(stale.subject_type, stale.subject_id, stale.language)].stale = stale
    claims = list(session.scalars(select(TranslationClaim).where(_subject_match(TranslationClaim, items))))
    users = {user.id: user for user in session.scalars(
        select(User).where(User.id.in_([claim.user_id for claim in claims])))} if claims else {}
    for claim in claims:
        item = by_key[(claim.subject_type, claim.subject_id, claim.language)]
        item.claim, item.claimer = claim, users.get(claim.user_id)


def target_languages(subject) -> list[str]:
    return other_languages(subject.language)
