"""Read-side helpers for the action pages."""
from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape
from sqlalchemy import case, func, select

from kd.actions.models import Action, ActionStatus, Participation
from kd.content.states import ModerationState
from kd.core.text import fold
from kd.db import session
from kd.stories.models import Story
from kd.tags.models import Tag

PUBLIC = Action.state == ModerationState.APPROVED


def public_action(slug: str) -> Action | None:
    return session.scalars(select(Action).where(Action.slug == slug, PUBLIC)).first()


def action_by_slug(slug: str) -> Action | None:
    return session.scalars(select(Action).where(Action.slug == slug)).first()


def public_actions(number: int, per_page: int) -> tuple[list[Action], int]:
    """Open actions first, then won and closed ones; the newest first within each."""
    open_first = case((Action.status == ActionStatus.OPEN, 0), else_=1)
    query = select(Action).where(PUBLIC).order_by(open_first, Action.starts_on.desc(), Action.id.desc())
    total = session.scalar(select(func.count()).select_from(Action).where(PUBLIC)) or 0
    return list(session.scalars(query.limit(per_page).offset((number - 1) * per_page))), total


def wins() -> list[Action]:
    query = select(Action).where(PUBLIC, Action.status == ActionStatus.WON)
    return list(session.scalars(query.order_by(Action.won_on.desc(), Action.id.desc())))


def waiting_proposals() -> list[Action]:
    query = select(Action).where(Action.state == ModerationState.SUBMITTED)
    return list(session.scalars(query.order_by(Action.submitted_at, Action.id)))


def all_actions() -> list[Action]:
    return list(session.scalars(select(Action).order_by(Action.created_at.desc(), Action.id.desc())))


def participant_count(action: Action) -> int:
    query = select(func.count()).select_from(Participation).where(Participation.action_id == action.id)
    return session.scalar(query) or 0


def participant_counts(actions: list[Action]) -> dict[int, int]:
    """How many took part in each of these actions (absent: nobody yet)."""
    if not actions:
        return {}
    query = (select(Participation.action_id, func.count()).where(Participation.action_id.in_([a.id for a in actions]))
             .group_by(Participation.action_id))
    return {action_id: count for action_id, count in session.execute(query)}


def shown_participants(action: Action, limit: int = 12) -> list[Participation]:
    query = (select(Participation).where(Participation.action_id == action.id, Participation.show_name.is_(True))
             .order_by(Participation.created_at.desc(), Participation.id.desc()).limit(limit))
    return list(session.scalars(query))


def participation_of(action: Action, user) -> Participation | None:
    if not getattr(user, "is_authenticated", False):
        return None
    query = select(Participation).where(Participation.action_id == action.id, Participation.user_id == user.id)
    return session.scalars(query).first()


def hashtag_actions(tag_slug: str) -> list[Action]:
    query = select(Action).where(PUBLIC, Action.hashtag_slug == tag_slug)
    return list(session.scalars(query.order_by(Action.starts_on.desc())))


def hashtag_stories(tag_slug: str, limit: int = 50) -> list[Story]:
    query = (select(Story).join(Story.tags).where(Tag.slug == tag_slug, Story.state == ModerationState.APPROVED)
             .order_by(Story.published_at.desc(), Story.id.desc()).limit(limit))
    return list(session.scalars(query))


def mailto_link(action: Action, locale: str) -> str:
    """A mailto: link with subject and body filled in; spaces as %20, as mail programs expect."""
    fields = {"subject": action.text("title", locale), "body": action.text("request", locale)}
    return f"mailto:{quote(action.email_to, safe='@')}?{urlencode(fields, quote_via=quote)}"


def breakable_address(address: str) -> Markup:
    """An email address that a narrow screen may wrap before its @ and dots rather than mid-word."""
    return Markup("<wbr>").join(escape(part) for part in re.split(r"(?=[@.])", address))


SEARCHED_FIELDS = ("title_en", "title_sq", "target_name", "problem_en", "problem_sq", "hashtag")


def matching_actions(text: str, limit: int = 5) -> list[Action]:
    """Published actions whose title, institution, problem or hashtag contain every word of text, folded
    (ë = e, ç = c). Actions are few (tens, not thousands), so they are matched here, not in the index."""
    words = fold(text).replace("#", " ").split()
    if not words:
        return []
    found = []
    for action in session.scalars(select(Action).where(PUBLIC).order_by(Action.starts_on.desc(), Action.id.desc())):
        haystack = fold(" ".join(getattr(action, name) or "" for name in SEARCHED_FIELDS))
        if all(word in haystack for word in words):
            found.append(action)
    return found[:limit]
