"""What a digest contains, and who still has to receive one."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from kd.actions.models import Action, ActionStatus
from kd.collections.models import Collection
from kd.content.states import ModerationState
from kd.db import session
from kd.newsletter.models import Digest, DigestDelivery, Subscriber
from kd.stories.models import Story


@dataclass(frozen=True)
class DigestContent:
    stories: list[Story]
    won_actions: list[Action]
    collections: list[Collection] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.stories or self.won_actions or self.collections)


def digest_content(start: datetime, end: datetime) -> DigestContent:
    """Approved (stories, won actions) or published (collections) in [start, end)."""
    stories = select(Story).where(Story.state == ModerationState.APPROVED, Story.published_at >= start,
                                  Story.published_at < end).order_by(Story.published_at, Story.id)
    wins = select(Action).where(Action.state == ModerationState.APPROVED, Action.status == ActionStatus.WON,
                                Action.won_recorded_at >= start, Action.won_recorded_at < end)
    collections = select(Collection).where(Collection.published_at >= start, Collection.published_at < end)
    return DigestContent(list(session.scalars(stories)),
                         list(session.scalars(wins.order_by(Action.won_on, Action.id))),
                         list(session.scalars(collections.order_by(Collection.published_at, Collection.id))))


def unfinished_digest() -> Digest | None:
    return session.scalars(select(Digest).where(Digest.finished_at.is_(None)).order_by(Digest.id)).first()


def last_period_end() -> datetime | None:
    query = select(Digest.period_end).where(Digest.finished_at.is_not(None))
    return session.scalar(query.order_by(Digest.period_end.desc()).limit(1))


def pending_subscriber_ids(digest: Digest) -> list[int]:
    delivered = select(DigestDelivery.subscriber_id).where(DigestDelivery.digest_id == digest.id)
    query = select(Subscriber.id).where(Subscriber.confirmed_at.is_not(None), Subscriber.id.not_in(delivered))
    return list(session.scalars(query.order_by(Subscriber.id)))


def subscribers(number: int, per_page: int) -> tuple[list[Subscriber], int]:
    total = session.scalar(select(func.count()).select_from(Subscriber)) or 0
    query = select(Subscriber).order_by(Subscriber.created_at.desc(), Subscriber.id.desc())
    return list(session.scalars(query.limit(per_page).offset((number - 1) * per_page))), total
