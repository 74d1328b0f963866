"""How a published profile reads to the search sink (registered by the app factory)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from kd.bilingual.queries import searchable_texts
from kd.core.markdown import plain_text
from kd.profiles.models import Profile
from kd.search.backend import IndexDocument
from kd.search.registry import DocumentSource


def profile_document(profile: Profile) -> IndexDocument:
    return IndexDocument(
        kind=profile.kind.value, id=profile.id, slug=profile.slug, name=profile.name, title=profile.headline,
        summary="",
        body=" ".join(filter(None, (profile.bio, profile.city,
                                    *searchable_texts(object_session(profile), "profile", profile.id)))),
        country=profile.country_code or "", field=profile.field or "", municipality=profile.municipality or "",
        tag_slugs=tuple(tag.slug for tag in profile.tags), tag_names=tuple(tag.name for tag in profile.tags),
        published_at=profile.published_at, updated_at=profile.updated_at, language=profile.language)


def full_text(session: Session, ids: list[int]) -> dict[int, str]:
    return {row_id: f"{headline}\n{plain_text(bio)}" for row_id, headline, bio
            in session.execute(select(Profile.id, Profile.headline, Profile.bio).where(Profile.id.in_(ids)))}


PROFILE_DOCUMENTS = DocumentSource(Profile, profile_document, full_text,
                                   loader_options=lambda: [selectinload(Profile.tags)])
