"""Read-side helpers: a member's own content, and what deleting their account would do with each item."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_, select

from kd.content.kinds import kind_of
from kd.content.states import ModerationState
from kd.db import session
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story


def own_profiles(user) -> list[Profile]:
    """Profiles the member submitted or owns (a claimed nomination included)."""
    return list(session.scalars(select(Profile).where(
        or_(Profile.submitted_by_id == user.id, Profile.owner_id == user.id)).order_by(Profile.id)))


def own_stories(user) -> list[Story]:
    return list(session.scalars(select(Story).where(Story.submitted_by_id == user.id).order_by(Story.id)))


def is_about_member(profile: Profile, user) -> bool:
    """A person profile that is the member's own: theirs by ownership, or submitted as "about me"."""
    if profile.kind is not ProfileKind.PERSON:
        return False
    if profile.owner_id is not None:
        return profile.owner_id == user.id
    return not profile.is_nomination and profile.submitted_by_id == user.id


def subject_key(subject) -> str:
    return f"{kind_of(subject)}:{subject.id}"


@dataclass
class DeletionPlan:
    """removed: about the member or not published; handable: published and about others, the member
    chooses; kept: nominations the person they name has claimed, which stay theirs."""

    removed: list = field(default_factory=list)
    handable: list = field(default_factory=list)
    kept: list = field(default_factory=list)


def deletion_plan(user) -> DeletionPlan:
    plan = DeletionPlan()
    for profile in own_profiles(user):
        if profile.owner_id not in (None, user.id):
            plan.kept.append(profile)
        else:
            _sort(plan, profile, is_about_member(profile, user))
    for story in own_stories(user):
        _sort(plan, story, any(is_about_member(profile, user) for profile in story.profiles))
    return plan


def _sort(plan: DeletionPlan, subject, about_member: bool) -> None:
    published = subject.state is ModerationState.APPROVED
    (plan.handable if published and not about_member else plan.removed).append(subject)
