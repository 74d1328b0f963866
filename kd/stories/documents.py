"""How a published story reads to the search sink (registered by the app factory)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from kd.bilingual.queries import searchable_texts
from kd.content.states import ModerationState
from kd.core.markdown import plain_text
from kd.profiles.models import Profile
from kd.search.backend import IndexDocument
from kd.search.registry import DocumentSource
from kd.stories.models import Story, story_profiles, story_tags
from kd.tags.queries import tags_by_owner

COLUMNS = (Story.id, Story.slug, Story.title, Story.summary, Story.body, Story.city, Story.country_code, Story.field,
           Story.municipality, Story.published_at, Story.updated_at, Story.language)


def story_documents(session: Session, ids: list[int]) -> list[IndexDocument]:
    """The documents of the stories among ids, by id: plain column reads, one query per association."""
    names, texts = public_profile_names(session, ids), searchable_texts(session, "story", ids)
    tags = tags_by_owner(session, story_tags.c.story_id, story_tags.c.tag_id, ids)
    rows = session.execute(select(*COLUMNS).where(Story.id.in_(ids)).order_by(Story.id))
    return [story_document(row, names.get(row.id, ()), tags.get(row.id, ()), texts.get(row.id, ())) for row in rows]


def story_document(story, names: Iterable[str], tags: list[tuple[str, str]], translated: list[str]) -> IndexDocument:
    return IndexDocument(
        kind="story", id=story.id, slug=story.slug, name=", ".join(names), title=story.title, summary=story.summary,
        body=" ".join(filter(None, (story.body, story.city, *translated))),
        country=story.country_code or "", field=story.field or "", municipality=story.municipality or "",
        tag_slugs=tuple(slug for slug, _name in tags), tag_names=tuple(name for _slug, name in tags),
        published_at=story.published_at, updated_at=story.updated_at, language=story.language)


def public_profile_names(session: Session, ids: list[int]) -> dict[int, list[str]]:
    """story id -> the names of its public profiles, in the story's order. The state is tested here, not in
    SQL: SQLite would then scan every approved profile instead of the batch's links."""
    rows = session.execute(select(story_profiles.c.story_id, Profile.name, Profile.state)
                           .join(Profile, Profile.id == story_profiles.c.profile_id)
                           .where(story_profiles.c.story_id.in_(ids))
                           .order_by(story_profiles.c.story_id, story_profiles.c.position, Profile.id))
    names: dict[int, list[str]] = {}
    for story_id, name, state in rows:
        if state is ModerationState.APPROVED:
            names.setdefault(story_id, []).append(name)
    return names


def full_text(session: Session, ids: list[int]) -> dict[int, str]:
    return {row_id: f"{summary}\n{plain_text(body)}" for row_id, summary, body
            in session.execute(select(Story.id, Story.summary, Story.body).where(Story.id.in_(ids)))}


def stories_naming(session: Session, profile_ids: Iterable[int]) -> list[int]:
    """A story's document carries the names of its public profiles: it changes with them."""
    return list(session.scalars(select(story_profiles.c.story_id).distinct()
                                .where(story_profiles.c.profile_id.in_(list(profile_ids)))))


STORY_DOCUMENTS = DocumentSource(Story, story_documents, full_text, shows={"profiles": stories_naming})
