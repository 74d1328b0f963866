"""How a published profile reads to the search sink (registered by the app factory)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kd.bilingual.queries import searchable_texts
from kd.core.markdown import plain_text
from kd.profiles.models import Profile, profile_tags
from kd.search.backend import IndexDocument
from kd.search.registry import DocumentSource
from kd.tags.queries import tags_by_owner

COLUMNS = (Profile.id, Profile.kind, Profile.slug, Profile.name, Profile.headline, Profile.bio, Profile.city,
           Profile.country_code, Profile.field, Profile.municipality, Profile.published_at, Profile.updated_at,
           Profile.language)


def profile_documents(session: Session, ids: list[int]) -> list[IndexDocument]:
    """The documents of the profiles among ids, by id: plain column reads, one query per association."""
    texts = searchable_texts(session, "profile", ids)
    tags = tags_by_owner(session, profile_tags.c.profile_id, profile_tags.c.tag_id, ids)
    rows = session.execute(select(*COLUMNS).where(Profile.id.in_(ids)).order_by(Profile.id))
    return [profile_document(row, tags.get(row.id, ()), texts.get(row.id, ())) for row in rows]


def profile_document(profile, tags: list[tuple[str, str]], translated: list[str]) -> IndexDocument:
    return IndexDocument(
        kind=profile.kind.value, id=profile.id, slug=profile.slug, name=profile.name, title=profile.headline,
        summary="", body=" ".join(filter(None, (profile.bio, profile.city, *translated))),
        country=profile.country_code or "", field=profile.field or "", municipality=profile.municipality or "",
        tag_slugs=tuple(slug for slug, _name in tags), tag_names=tuple(name for _slug, name in tags),
        published_at=profile.published_at, updated_at=profile.updated_at, language=profile.language)


def full_text(session: Session, ids: list[int]) -> dict[int, str]:
    return {row_id: f"{headline}\n{plain_text(bio)}" for row_id, headline, bio
            in session.execute(select(Profile.id, Profile.headline, Profile.bio).where(Profile.id.in_(ids)))}


PROFILE_DOCUMENTS = DocumentSource(Profile, profile_documents, full_text)
