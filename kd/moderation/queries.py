"""Read-side helpers for editors: the queue, counts, claims held, duplicates."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, func, literal, select, union_all
from sqlalchemy.orm import raiseload

from kd.accounts.models import User
from kd.bilingual import queries as translations
from kd.bilingual.services import subject_of as translated_subject
from kd.content.claims import as_aware, claim_is_fresh
from kd.content.models import Revision, RevisionState
from kd.content.revisions import revision_subject
from kd.content.states import ModerationState
from kd.core.text import is_whole_number
from kd.db import session
from kd.media.models import Photo
from kd.profiles.models import Profile, profile_tags
from kd.profiles.queries import likely_duplicates
from kd.stories.models import Story, story_tags
from kd.tags.models import Tag

# The kinds the editors' queue holds (actions have a queue of their own).
SUBJECT_MODELS: dict[str, type] = {"profile": Profile, "story": Story}
TAG_LINKS = {"profile": profile_tags.c.profile_id, "story": story_tags.c.story_id}
TAG_TABLE_TAG = {"profile": profile_tags.c.tag_id, "story": story_tags.c.tag_id}


@dataclass(frozen=True)
class QueueFilters:
    kind: str = ""
    tag: str = ""
    country: str = ""
    language: str = ""

    def as_args(self) -> dict[str, str]:
        return {key: value for key, value in vars(self).items() if value}


@dataclass(frozen=True)
class QueueItem:
    kind: str  # "profile", "story", "revision" or "translation"
    record: object
    subject: Profile | Story
    waiting_since: datetime | None
    submitter: User | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.record.id}"

    @property
    def is_resubmission(self) -> bool:
        """Sent again after an editor's decision (changes asked for, or unpublished)."""
        return self.kind != "revision" and self.record.reviewed_at is not None

    @property
    def consent_pending(self) -> bool:
        """A nomination whose subject has not agreed yet: it cannot be approved until consent is recorded."""
        blocker = getattr(self.subject, "publication_blocker", None)
        return self.kind == "profile" and blocker is not None and blocker() == "consent_missing"


def waiting_counts() -> dict[str, int]:
    """How many submissions and revisions of each kind wait for an editor."""
    counts = {
        name: session.scalar(select(func.count()).select_from(model)
                             .where(model.state == ModerationState.SUBMITTED)) or 0
        for name, model in (("profiles", Profile), ("stories", Story))
    }
    counts["revisions"] = session.scalar(select(func.count()).select_from(Revision)
                                         .where(Revision.state == RevisionState.PENDING)) or 0
    counts["photos"] = session.scalar(select(func.count()).select_from(Photo)
                                      .where(Photo.pending_review.is_(True))) or 0
    counts["translations"] = translations.waiting_count()
    return counts


def claimed_by(editor, minutes: int) -> list:
    """Items this editor holds a fresh claim on."""
    items = []
    for model in (Profile, Story):
        items += [item for item in session.scalars(select(model).where(model.claimed_by_id == editor.id))
                  if claim_is_fresh(item, minutes)]
    return items


def queue_page(filters: QueueFilters, number: int, per_page: int) -> tuple[list[QueueItem], int]:
    """Waiting items of every kind, oldest first."""
    waiting = _waiting_rows(filters).subquery()
    total = session.scalar(select(func.count()).select_from(waiting)) or 0
    rows = list(session.execute(select(waiting).order_by(waiting.c.since, waiting.c.kind, waiting.c.id)
                                .limit(per_page).offset((number - 1) * per_page)))
    loaded = _load_into_session(rows)  # held: the session's identity map keeps only what is referenced
    items = [_queue_item(row.kind, row.id, row.since) for row in rows]
    del loaded
    return items, total


def _load_into_session(rows) -> list:
    """The page's revisions, subjects and submitters in one query per table (and one per relationship the
    models load eagerly), so that building the items runs none: a page costs the same at 10 or 10,000
    waiting."""
    wanted = {kind: [row.id for row in rows if row.kind == kind]
              for kind in ("revision", "translation", *SUBJECT_MODELS)}
    revisions = _loaded(Revision, wanted.pop("revision"))
    translated = _loaded(translations.Translation, wanted.pop("translation"))
    for record in (*revisions, *translated):
        wanted.setdefault(record.subject_type, []).append(record.subject_id)
    subjects = [subject for kind, ids in wanted.items() if kind in SUBJECT_MODELS
                for subject in _loaded(SUBJECT_MODELS[kind], ids, raiseload("*"))]  # a row shows no linked rows
    records = (*revisions, *translated, *subjects)
    users = _loaded(User, {record.submitted_by_id for record in records if record.submitted_by_id})
    return [*records, *users]


def _loaded(model, ids, *options) -> list:
    return list(session.scalars(select(model).where(model.id.in_(list(ids))).options(*options))) if ids else []


def _waiting_rows(filters: QueueFilters):
    parts = []
    for kind, model in SUBJECT_MODELS.items():
        if filters.kind in ("", kind):
            parts.append(_filtered(_submitted(kind, model), kind, model, filters))
        if filters.kind in ("", "revision"):
            parts.append(_filtered(_pending_revisions(kind, model), kind, model, filters))
    if filters.kind in ("", "translation") and not (filters.tag or filters.country):
        parts.append(translations.waiting_translations(filters.language))
    return union_all(*parts) if len(parts) > 1 else parts[0]


def _submitted(kind: str, model):
    since = func.coalesce(model.submitted_at, model.created_at)
    return select(literal(kind, String).label("kind"), model.id.label("id"), since.label("since")) \
        .where(model.state == ModerationState.SUBMITTED)


def _pending_revisions(kind: str, model):
    return select(literal("revision", String).label("kind"), Revision.id.label("id"),
                  Revision.created_at.label("since")) \
        .join(model, model.id == Revision.subject_id) \
        .where(Revision.subject_type == kind, Revision.state == RevisionState.PENDING)


def _filtered(query, kind: str, model, filters: QueueFilters):
    if filters.country:
        query = query.where(model.country_code == filters.country)
    if filters.language:
        query = query.where(model.language == filters.language)
    if filters.tag:
        tagged = select(TAG_LINKS[kind]).join(Tag, Tag.id == TAG_TABLE_TAG[kind]).where(Tag.slug == filters.tag)
        query = query.where(model.id.in_(tagged))
    return query


def _queue_item(kind: str, record_id: int, since: datetime | None) -> QueueItem:
    if kind == "revision":
        revision = session.get(Revision, record_id)
        return QueueItem(kind, revision, revision_subject(revision), as_aware(since), _submitter(revision))
    if kind == "translation":
        return _translation_item(record_id)
    subject = session.get(SUBJECT_MODELS[kind], record_id)
    return QueueItem(kind, subject, subject, as_aware(since), _submitter(subject))


def _submitter(record) -> User | None:
    return session.get(User, record.submitted_by_id) if record.submitted_by_id else None


def _translation_item(record_id: int) -> QueueItem | None:
    translation = session.get(translations.Translation, record_id)
    subject = translated_subject(translation) if translation else None
    if subject is None:
        return None
    return QueueItem("translation", translation, subject, as_aware(translation.submitted_at), _submitter(translation))


def tag_exists(slug: str) -> bool:
    return session.scalar(select(Tag.id).where(Tag.slug == slug)) is not None


def duplicates_of(profile: Profile) -> list[Profile]:
    return list(likely_duplicates(profile.name, profile.id))


def item_for_key(key: str) -> QueueItem | None:
    """'profile-3', 'story-5' or 'revision-7' (as the queue's checkboxes send them)."""
    kind, _, raw_id = key.partition("-")
    if not is_whole_number(raw_id) or len(raw_id) > 12:
        return None
    if kind == "revision":
        revision = session.get(Revision, int(raw_id))
        subject = revision_subject(revision) if revision else None
        return QueueItem(kind, revision, subject, as_aware(revision.created_at), _submitter(revision)) \
            if subject else None
    if kind == "translation":
        return _translation_item(int(raw_id))
    model = SUBJECT_MODELS.get(kind)
    subject = session.get(model, int(raw_id)) if model else None
    return QueueItem(kind, subject, subject, as_aware(subject.submitted_at), _submitter(subject)) if subject else None


def find_profile(reference: str) -> Profile | None:
    """A profile by its number or its slug, as an editor types it."""
    reference = reference.replace("\x00", "").strip().strip("/").rsplit("/", 1)[-1]
    if is_whole_number(reference) and len(reference) < 12:
        return session.get(Profile, int(reference))
    return session.scalars(select(Profile).where(Profile.slug == reference)).first()
