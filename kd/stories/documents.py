"""How a published story reads to the search sink (registered by the app factory)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, raiseload, selectinload

from kd.bilingual.queries import searchable_texts
from kd.core.markdown import plain_text
from kd.profiles.models import Profile
from kd.search.backend import IndexDocument
from kd.search.registry import DocumentSource
from kd.stories.models import Story, story_profiles


def story_document(story: Story) -> IndexDocument:
    return IndexDocument(
        kind="story", id=story.id, slug=story.slug, name=", ".join(p.name for p in story.profiles if p.is_public),
        title=story.title, summary=story.summary,
        body=" ".join(filter(None, (story.body, story.city,
                                    *searchable_texts(object_session(story), "story", story.id)))),
        country=story.country_code or "", field=story.field or "", municipality=story.municipality or "",
        tag_slugs=tuple(tag.slug for tag in story.tags), tag_names=tuple(tag.name for tag in story.tags),
        published_at=story.published_at, updated_at=story.updated_at, language=story.language)


def full_text(session: Session, ids: list[int]) -> dict[int, str]:
    return {row_id: f"{summary}\n{plain_text(body)}" for row_id, summary, body
            in session.execute(select(Story.id, Story.summary, Story.body).where(Story.id.in_(ids)))}


def stories_naming(session: Session, profile_ids: Iterable[int]) -> list[int]:
    """A story's document carries the names of its public profiles: it changes with them."""
    return list(session.scalars(select(story_profiles.c.story_id).distinct()
                                .where(story_profiles.c.profile_id.in_(list(profile_ids)))))


def _loader_options() -> list:
    return [raiseload(Story.sources), selectinload(Story.profiles).raiseload(Profile.tags), selectinload(Story.tags)]


STORY_DOCUMENTS = DocumentSource(Story, story_document, full_text, loader_options=_loader_options,
                                 shows={"profiles": stories_naming})
