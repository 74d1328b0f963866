"""Approved content for the API, filtered and paginated."""
from __future__ import annotations

from sqlalchemy import func, select

from kd.actions.models import Action
from kd.api.params import ListParams
from kd.collections.models import Collection
from kd.connections.queries import offering
from kd.content.states import ModerationState
from kd.db import session
from kd.profiles.models import Profile
from kd.search.backend import PROFILE_KINDS, SearchQuery
from kd.search.service import search
from kd.stories.models import Story
from kd.tags.models import Tag


def _public(model):
    if model is Collection:
        return select(Collection).where(Collection.published_at.is_not(None))
    return select(model).where(model.state == ModerationState.APPROVED)


def _filtered(model, params: ListParams):
    statement = _public(model)
    for column, value in (("country_code", params.country), ("field", params.field),
                          ("municipality", params.municipality)):
        if value:
            statement = statement.where(getattr(model, column) == value)
    if params.tag:
        statement = statement.where(model.tags.any(Tag.slug == params.tag))
    if params.updated_since:
        statement = statement.where(model.updated_at >= params.updated_since)
    if params.kind and model is Profile:
        statement = statement.where(Profile.kind == params.kind)
    if params.status and model is Action:
        statement = statement.where(Action.status == params.status)
    if params.can_help_with and model is Profile:
        statement = statement.where(Profile.id.in_(offering(params.can_help_with)))
    if params.q:
        statement = statement.where(model.id.in_(matching_ids(model, params)))
    return statement


MAX_MATCHES = 1000


def matching_ids(model, params: ListParams) -> list[int]:
    """Ids of the approved stories or profiles the search index finds for q (at most MAX_MATCHES per kind);
    the list itself keeps the API's own order, newest first."""
    kinds = ("story",) if model is Story else ((params.kind,) if params.kind else PROFILE_KINDS)
    ids: list[int] = []
    for kind in kinds:
        query = SearchQuery(text=params.q, kind=kind, page=1, per_page=MAX_MATCHES, highlight=False)
        ids.extend(hit.id for hit in search(query).hits)
    return ids


def page_of(model, params: ListParams) -> tuple[list, int]:
    statement = _filtered(model, params)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(statement.order_by(model.published_at.desc(), model.id.desc())
                           .limit(params.per_page).offset((params.page - 1) * params.per_page)).all()
    return list(rows), total


def approved_by_slug(model, slug: str):
    return session.scalars(_public(model).where(model.slug == slug)).first()


def tags_with_counts() -> list[tuple[Tag, int]]:
    from kd.stories.models import story_tags

    statement = (select(Tag, func.count(Story.id)).join(story_tags, story_tags.c.tag_id == Tag.id)
                 .join(Story, Story.id == story_tags.c.story_id)
                 .where(Story.state == ModerationState.APPROVED)
                 .group_by(Tag.id).order_by(func.count(Story.id).desc(), Tag.slug))
    return [(tag, count) for tag, count in session.execute(statement)]
