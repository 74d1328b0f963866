"""What our actors have published, who follows them, their keys and the deliveries due."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from kd.content.states import ModerationState
from kd.db import session
from kd.federation.actors import LocalActor
from kd.federation.models import ActorKey, Delivery, IgnoredActivity, Publication, RemoteActor, RemoteFollower
from kd.follows.queries import story_condition
from kd.stories.models import Story

PAGE_SIZE = 20


def _stories_of(actor: LocalActor):
    query = select(Story).where(Story.state == ModerationState.APPROVED)
    return query.where(story_condition(actor.target)) if actor.target is not None else query


def story_count(actor: LocalActor) -> int:
    return session.scalar(select(func.count()).select_from(_stories_of(actor).subquery())) or 0


def stories_page(actor: LocalActor, page: int) -> list[Story]:
    """Newest first, PAGE_SIZE a page, page 1 the newest."""
    query = _stories_of(actor).order_by(Story.published_at.desc(), Story.id.desc())
    return list(session.scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))


def public_story(actor: LocalActor, story_id: int) -> Story | None:
    return session.scalars(_stories_of(actor).where(Story.id == story_id)).first()


def key_of(username: str) -> ActorKey | None:
    return session.get(ActorKey, username)


def remote_by_key(key_id: str) -> RemoteActor | None:
    return session.scalars(select(RemoteActor).where(RemoteActor.key_id == key_id)).first()


def remote_by_url(actor_url: str) -> RemoteActor | None:
    return session.scalars(select(RemoteActor).where(RemoteActor.actor_url == actor_url)).first()


def follower(username: str, remote_actor_id: int) -> RemoteFollower | None:
    return session.scalars(select(RemoteFollower).where(RemoteFollower.username == username,
                                                        RemoteFollower.remote_actor_id == remote_actor_id)).first()


def has_followers() -> bool:
    return session.scalar(select(RemoteFollower.id).limit(1)) is not None


def follower_count(username: str) -> int:
    return session.scalar(select(func.count(RemoteFollower.id)).where(RemoteFollower.username == username)) or 0


def followers_page(username: str, page: int) -> list[str]:
    query = (select(RemoteActor.actor_url).join(RemoteFollower, RemoteFollower.remote_actor_id == RemoteActor.id)
             .where(RemoteFollower.username == username).order_by(RemoteFollower.id))
    return list(session.scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))


def follower_inboxes(username: str) -> list[str]:
    """Where the actor's followers read: each server's shared inbox once, else each follower's inbox."""
    query = (select(func.coalesce(RemoteActor.shared_inbox, RemoteActor.inbox))
             .join(RemoteFollower, RemoteFollower.remote_actor_id == RemoteActor.id)
             .where(RemoteFollower.username == username))
    return sorted(set(session.scalars(query)))


def publications_of(story_id: int) -> list[Publication]:
    return list(session.scalars(select(Publication).where(Publication.story_id == story_id)))


def due_deliveries(now: datetime, limit: int = 200) -> list[int]:
    query = (select(Delivery.id).where(Delivery.delivered_at.is_(None), Delivery.failed_at.is_(None),
                                       Delivery.next_attempt_at <= now)
             .order_by(Delivery.next_attempt_at, Delivery.id).limit(limit))
    return list(session.scalars(query))


def next_pending_attempt() -> datetime | None:
    return session.scalar(select(func.min(Delivery.next_attempt_at)).where(Delivery.delivered_at.is_(None),
                                                                           Delivery.failed_at.is_(None)))


def follows_by(remote_actor_id: int) -> list[RemoteFollower]:
    return list(session.scalars(select(RemoteFollower).where(RemoteFollower.remote_actor_id == remote_actor_id)))


def ignored_counter(username: str, kind: str) -> IgnoredActivity | None:
    return session.scalars(select(IgnoredActivity).where(IgnoredActivity.username == username,
                                                         IgnoredActivity.activity_type == kind)).first()
