"""Approved profiles and stories as IndexDocuments, loaded in batches without N+1 queries."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC

from sqlalchemy import func, select
from sqlalchemy.orm import Session, raiseload, selectinload

from kd.core.markdown import plain_text
from kd.core.moderated import ModerationState
from kd.profiles.models import Profile
from kd.search.backend import IndexDocument
from kd.stories.models import Story

MODELS = {"profiles": Profile, "stories": Story}
BATCH = 1000


def profile_document(profile: Profile) -> IndexDocument:
    return IndexDocument(
        kind=profile.kind.value, id=profile.id, slug=profile.slug, name=profile.name, title=profile.headline,
        summary="", body=" ".join(filter(None, (profile.bio, profile.city))),
        country=profile.country_code or "", field=profile.field or "", municipality=profile.municipality or "",
        tag_slugs=tuple(tag.slug for tag in profile.tags), tag_names=tuple(tag.name for tag in profile.tags),
        published_at=profile.published_at, updated_at=profile.updated_at, language=profile.language)


def story_document(story: Story) -> IndexDocument:
    return IndexDocument(
        kind="story", id=story.id, slug=story.slug, name=", ".join(p.name for p in story.profiles if p.is_public),
        title=story.title, summary=story.summary, body=" ".join(filter(None, (story.body, story.city))),
        country=story.country_code or "", field=story.field or "", municipality=story.municipality or "",
        tag_slugs=tuple(tag.slug for tag in story.tags), tag_names=tuple(tag.name for tag in story.tags),
        published_at=story.published_at, updated_at=story.updated_at, language=story.language)


def _loader_options(table: str) -> list:
    if table == "stories":
        return [raiseload(Story.sources), selectinload(Story.profiles).raiseload(Profile.tags),
                selectinload(Story.tags)]
    return [selectinload(Profile.tags)]


def to_document(row) -> IndexDocument:
    return story_document(row) if isinstance(row, Story) else profile_document(row)


def approved_rows(session: Session, table: str, ids: Iterable[int]) -> list:
    """The rows among ids that are approved (the others must leave the index)."""
    model = MODELS[table]
    statement = (select(model).where(model.id.in_(list(ids)), model.state == ModerationState.APPROVED)
                 .options(*_loader_options(table)).execution_options(populate_existing=True))
    return list(session.scalars(statement))


def stories_linked_to(session: Session, profile_ids: Iterable[int]) -> list[int]:
    """Approved stories naming these profiles: their documents carry the names of the public ones only,
    so they change whenever one of those profiles becomes (or stops being) public."""
    from kd.stories.models import story_profiles
    return list(session.scalars(select(story_profiles.c.story_id).distinct()
                                .where(story_profiles.c.profile_id.in_(list(profile_ids)))))


def lock_batch(session: Session, table: str, after_id: int) -> list[int]:
    """The next BATCH ids of a table, whatever their state, locked against changes until the transaction ends."""
    model = MODELS[table]
    return list(session.scalars(select(model.id).where(model.id > after_id).order_by(model.id).limit(BATCH)
                                .with_for_update(read=True)))


def all_approved(session: Session, table: str) -> Iterator[IndexDocument]:
    """Every approved row of a table, keyset-paginated so memory stays flat."""
    model, last_id = MODELS[table], 0
    while True:
        rows = list(session.scalars(select(model).where(model.state == ModerationState.APPROVED, model.id > last_id)
                                    .order_by(model.id).limit(BATCH).options(*_loader_options(table))))
        if not rows:
            return
        yield from (to_document(row) for row in rows)
        last_id = rows[-1].id
        session.expunge_all()


def count_approved(session: Session) -> int:
    return sum(session.scalar(select(func.count()).select_from(model)
                              .where(model.state == ModerationState.APPROVED)) for model in MODELS.values())


def approved_versions(session: Session) -> dict[str, float]:
    """key -> updated_at timestamp of every approved row (for reindex --check)."""
    versions = {}
    for table, model in MODELS.items():
        for row_id, updated_at in session.execute(select(model.id, model.updated_at)
                                                  .where(model.state == ModerationState.APPROVED)):
            versions[f"{table}:{row_id}"] = timestamp(updated_at)
    return versions


def timestamp(moment) -> float:
    """Seconds since the epoch; naive datetimes (SQLite) are UTC."""
    if moment is None:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return round(moment.timestamp(), 3)


def text_for(session: Session, keys: list[str]) -> dict[str, str]:
    """Full text per key, as readers see it (Markdown rendered to plain text), to cut highlighted snippets
    from (only for the hits on the page shown)."""
    wanted: dict[str, list[int]] = {}
    for key in keys:
        table, _, row_id = key.partition(":")
        wanted.setdefault(table, []).append(int(row_id))
    texts = {}
    if wanted.get("stories"):
        for row_id, summary, body in session.execute(select(Story.id, Story.summary, Story.body)
                                                     .where(Story.id.in_(wanted["stories"]))):
            texts[f"stories:{row_id}"] = f"{summary}\n{plain_text(body)}"
    if wanted.get("profiles"):
        for row_id, headline, bio in session.execute(select(Profile.id, Profile.headline, Profile.bio)
                                                     .where(Profile.id.in_(wanted["profiles"]))):
            texts[f"profiles:{row_id}"] = f"{headline}\n{plain_text(bio)}"
    return texts
