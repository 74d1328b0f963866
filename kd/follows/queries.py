"""What a member follows, which targets exist and are public, and what a digest holds."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for
from sqlalchemy import and_, func, or_, select

from kd.accounts.models import User
from kd.collections.models import Collection, CollectionItem
from kd.collections.queries import published_by_slug
from kd.content.states import ModerationState
from kd.core.fields import FIELDS, field_label
from kd.core.places import country_name, is_country, municipality
from kd.core.url_guards import SLUG
from kd.db import session
from kd.follows.models import (
    CODE_KINDS,
    DEFAULT_FREQUENCY,
    Follow,
    FollowDigestDelivery,
    FollowDigestRun,
    FollowKind,
    FollowPreference,
    Frequency,
)
from kd.profiles.models import Profile
from kd.profiles.queries import profile_by_slug
from kd.stories.models import Story
from kd.tags.models import Tag

APPROVED = ModerationState.APPROVED
# A digest lists at most this many stories and as many profiles per reason; the reason's page has the rest.
ITEMS_PER_REASON = 20


@dataclass(frozen=True)
class Target:
    """What a follow points at: a code (country, municipality, field) or a row (tag, profile, collection)."""

    kind: FollowKind
    code: str | None = None
    row: Tag | Profile | Collection | None = None

    @property
    def columns(self) -> dict:
        if self.kind in CODE_KINDS:
            return {"code": self.code}
        return {f"{self.kind.value}_id": self.row.id}

    def label(self, locale: str) -> str:
        """The target's name in the locale ("Gjakovë", "Medicine and health", "Drita Krasniqi")."""
        kind = self.kind
        if kind is FollowKind.COUNTRY:
            return country_name(self.code, locale)
        if kind is FollowKind.MUNICIPALITY:
            return municipality(self.code).name(locale)
        if kind is FollowKind.FIELD:
            return field_label(self.code)
        if kind is FollowKind.COLLECTION:
            return self.row.text("title", locale)
        return self.row.name

    def url(self, external: bool = False) -> str:
        endpoint, values = self._endpoint()
        return url_for(endpoint, **values, _external=external)

    def _endpoint(self) -> tuple[str, dict]:
        return {
            FollowKind.TAG: lambda: ("browse.tag", {"slug": getattr(self.row, "slug", "")}),
            FollowKind.COUNTRY: lambda: ("browse.country", {"code": (self.code or "").lower()}),
            FollowKind.MUNICIPALITY: lambda: ("browse.place", {"code": self.code}),
            FollowKind.FIELD: lambda: ("browse.field", {"code": self.code}),
            FollowKind.PROFILE: lambda: ("profiles.show", {"kind": getattr(getattr(self.row, "kind", None), "value",
                                                                                 "person"),
                                                           "slug": getattr(self.row, "slug", "")}),
            FollowKind.COLLECTION: lambda: ("collections.show", {"slug": getattr(self.row, "slug", "")}),
        }[self.kind]()

    @property
    def is_public(self) -> bool:
        if self.kind in CODE_KINDS:
            return True
        if self.kind is FollowKind.TAG:
            return self.row is not None and public_tag(self.row.slug) is not None
        return self.row is not None and self.row.is_public


def public_target(kind: FollowKind, key: str) -> Target | None:
    """The public target a page names by kind and key (a slug or a code); None for anything else."""
    if not SLUG.match(key or ""):
        return None
    if kind is FollowKind.COUNTRY:
        return Target(kind, code=key.upper()) if is_country(key) else None
    if kind is FollowKind.MUNICIPALITY:
        return Target(kind, code=key) if municipality(key) else None
    if kind is FollowKind.FIELD:
        return Target(kind, code=key) if key in FIELDS else None
    row = {FollowKind.TAG: public_tag, FollowKind.PROFILE: profile_by_slug,
           FollowKind.COLLECTION: published_by_slug}[kind](key)
    return Target(kind, row=row) if row is not None and (kind is FollowKind.TAG or row.is_public) else None


def public_tag(slug: str) -> Tag | None:
    """A tag that names public content; one found only on drafts does not exist for visitors."""
    return session.scalars(select(Tag).where(Tag.slug == slug, or_(
        select(Story.id).where(Story.tags.any(Tag.slug == slug), Story.state == APPROVED).exists(),
        select(Profile.id).where(Profile.tags.any(Tag.slug == slug), Profile.state == APPROVED).exists()))).first()


def target_of(follow: Follow) -> Target:
    if follow.kind in CODE_KINDS:
        return Target(follow.kind, code=follow.code)
    model = {FollowKind.TAG: Tag, FollowKind.PROFILE: Profile, FollowKind.COLLECTION: Collection}[follow.kind]
    return Target(follow.kind, row=session.get(model, getattr(follow, f"{follow.kind.value}_id")))


def find_follow(user_id: int, target: Target) -> Follow | None:
    conditions = [getattr(Follow, name) == value for name, value in target.columns.items()]
    return session.scalars(select(Follow).where(Follow.user_id == user_id, Follow.kind == target.kind,
                                                *conditions)).first()


def follows_of(user_id: int) -> list[Follow]:
    return list(session.scalars(select(Follow).where(Follow.user_id == user_id)
                                .order_by(Follow.created_at, Follow.id)))


@dataclass(frozen=True)
class Followed:
    follow: Follow
    target: Target


def followed_by(user_id: int) -> list[Followed]:
    """The member's follows with their targets, oldest first (for the follows page)."""
    return [Followed(follow, target_of(follow)) for follow in follows_of(user_id)]


def frequency_of(user_id: int) -> Frequency:
    preference = session.get(FollowPreference, user_id)
    return preference.frequency if preference is not None else DEFAULT_FREQUENCY


# Digests -----------------------------------------------------------------------------------------------------

@dataclass
class DigestGroup:
    """What is new for one reason ("because you follow Gjakova")."""

    target: Target
    stories: list[Story] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)


@dataclass(frozen=True)
class MemberDigest:
    groups: list[DigestGroup]

    @property
    def item_count(self) -> int:
        return sum(len(group.stories) + len(group.profiles) for group in self.groups)


def member_digest(user_id: int, start: datetime | None, end: datetime) -> MemberDigest:
    """Stories and profiles published in [start, end) (and since each follow began) that match the member's
    public follows, each listed once, under the first follow it matches."""
    seen: set[tuple[str, int]] = set()
    groups = []
    for follow in follows_of(user_id):
        target = target_of(follow)
        if not target.is_public:
            continue
        since = max(start, follow.created_at) if start is not None else follow.created_at
        group = DigestGroup(target, _new(Story, target, since, end, seen), _new(Profile, target, since, end, seen))
        if group.stories or group.profiles:
            groups.append(group)
    return MemberDigest(groups)


def _new(model, target: Target, since: datetime, end: datetime, seen: set) -> list:
    condition = _matching(model, target)
    if condition is None:
        return []
    query = (select(model).where(model.state == APPROVED, model.published_at >= since, model.published_at < end,
                                 condition).order_by(model.published_at, model.id).limit(ITEMS_PER_REASON * 2))
    found = [row for row in session.scalars(query) if (model.__tablename__, row.id) not in seen]
    seen.update((model.__tablename__, row.id) for row in found)
    return found[:ITEMS_PER_REASON]


def story_condition(target: Target):
    """The SQL condition of the stories a target's page lists (for kd.federation's outboxes)."""
    return _matching(Story, target)


def _matching(model, target: Target):
    kind = target.kind
    if kind is FollowKind.TAG:
        return model.tags.any(Tag.id == target.row.id)
    if kind in CODE_KINDS:
        column = {FollowKind.COUNTRY: "country_code", FollowKind.MUNICIPALITY: "municipality",
                  FollowKind.FIELD: "field"}[kind]
        return getattr(model, column) == target.code
    if kind is FollowKind.PROFILE:
        return Story.profiles.any(Profile.id == target.row.id) if model is Story else None
    item_column = CollectionItem.story_id if model is Story else CollectionItem.profile_id
    return model.id.in_(select(item_column).where(CollectionItem.collection_id == target.row.id))


def published_between(start: datetime, end: datetime) -> bool:
    """Whether any story or profile was published in [start, end)."""
    return any(session.scalar(select(model.id).where(model.state == APPROVED, model.published_at >= start,
                                                     model.published_at < end).limit(1)) is not None
               for model in (Story, Profile))


def unfinished_run(frequency: Frequency) -> FollowDigestRun | None:
    query = select(FollowDigestRun).where(FollowDigestRun.frequency == frequency,
                                          FollowDigestRun.finished_at.is_(None))
    return session.scalars(query.order_by(FollowDigestRun.id)).first()


def last_run_end(frequency: Frequency) -> datetime | None:
    return session.scalar(select(func.max(FollowDigestRun.period_end)).where(FollowDigestRun.frequency == frequency))


def member_period_start(user_id: int) -> datetime | None:
    """Where the member's next digest starts: the end of their latest claimed one (None before the first)."""
    return session.scalar(select(func.max(FollowDigestDelivery.period_end))
                          .where(FollowDigestDelivery.user_id == user_id))


def _with_frequency(frequency: Frequency):
    chosen = FollowPreference.frequency == frequency
    return or_(chosen, FollowPreference.user_id.is_(None)) if frequency is DEFAULT_FREQUENCY else chosen


def receives(user: User | None, frequency: Frequency) -> bool:
    return (user is not None and user.email_confirmed and not user.disabled
            and frequency is not Frequency.NEVER and frequency_of(user.id) is frequency)


def pending_member_ids(run: FollowDigestRun) -> list[int]:
    """Confirmed, active members with this run's frequency and at least one follow, not yet claimed in it."""
    claimed = select(FollowDigestDelivery.user_id).where(FollowDigestDelivery.run_id == run.id)
    following = select(Follow.id).where(Follow.user_id == User.id).exists()
    query = (select(User.id).outerjoin(FollowPreference, FollowPreference.user_id == User.id)
             .where(and_(User.email_confirmed.is_(True), User.disabled.is_(False), following,
                         _with_frequency(run.frequency), User.id.not_in(claimed))))
    return list(session.scalars(query.order_by(User.id)))
