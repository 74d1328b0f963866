"""Read-side helpers: who may ask whom, a member's requests, the helpers list and the impact figures."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from statistics import median

from sqlalchemy import func, or_, select

from kd.accounts.models import Role, User
from kd.connections.models import (
    AskingSuspension,
    HelpKind,
    HelpOffer,
    IntroductionRequest,
    MemberBlock,
    Outcome,
    RequestState,
)
from kd.content.states import ModerationState
from kd.db import session
from kd.profiles.models import Profile

ANSWERED = (RequestState.INTRODUCED, RequestState.DECLINED, RequestState.REPORTED)


def offer_of(profile: Profile) -> HelpOffer | None:
    return session.get(HelpOffer, profile.id) if profile.id is not None else None


def is_owner(profile: Profile, user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and profile.owner_id is not None \
        and profile.owner_id == user.id


def askable(profile: Profile) -> bool:
    """An owned, published profile whose owner offers help and has not paused requests."""
    offer = offer_of(profile)
    return (profile.owner_id is not None and profile.state is ModerationState.APPROVED and offer is not None
            and offer.offers_help and not offer.paused)


def open_requests_of(asker) -> int:
    return session.scalar(select(func.count()).select_from(IntroductionRequest).where(
        IntroductionRequest.asker_id == asker.id, IntroductionRequest.state == RequestState.OPEN)) or 0


def has_open_request(asker, profile: Profile) -> bool:
    return session.scalar(select(IntroductionRequest.id).where(
        IntroductionRequest.asker_id == asker.id, IntroductionRequest.profile_id == profile.id,
        IntroductionRequest.state == RequestState.OPEN)) is not None


def is_blocked(owner_id: int, asker_id: int) -> bool:
    return session.scalar(select(MemberBlock.id).where(MemberBlock.owner_id == owner_id,
                                                       MemberBlock.blocked_id == asker_id)) is not None


def is_suspended(user) -> bool:
    return session.get(AskingSuspension, user.id) is not None


def received_by(owner) -> list[IntroductionRequest]:
    """Requests to the owner's profiles: open ones first, then the rest, newest first."""
    query = select(IntroductionRequest).where(IntroductionRequest.owner_id == owner.id)
    found = list(session.scalars(query.order_by(IntroductionRequest.created_at.desc(), IntroductionRequest.id.desc())))
    return sorted(found, key=lambda request: not request.is_open)


def sent_by(asker) -> list[IntroductionRequest]:
    query = select(IntroductionRequest).where(IntroductionRequest.asker_id == asker.id)
    return list(session.scalars(query.order_by(IntroductionRequest.created_at.desc(), IntroductionRequest.id.desc())))


def received_request(request_id: int, owner) -> IntroductionRequest | None:
    """The request, if it was sent to this owner; anyone else's is not found."""
    found = session.get(IntroductionRequest, request_id)
    return found if found is not None and found.owner_id == owner.id else None


def sent_request(request_id: int, asker) -> IntroductionRequest | None:
    found = session.get(IntroductionRequest, request_id)
    return found if found is not None and found.asker_id == asker.id else None


HANDLED_SHOWN = 50


def reported_requests(handled: bool = False) -> list[IntroductionRequest]:
    """Requests their owners reported as abuse: those no editor has dealt with yet, or the latest dealt with."""
    waiting = IntroductionRequest.report_handled_at.is_(None)
    query = select(IntroductionRequest).where(IntroductionRequest.state == RequestState.REPORTED,
                                              ~waiting if handled else waiting)
    query = query.order_by(IntroductionRequest.answered_at.desc(), IntroductionRequest.id.desc())
    return list(session.scalars(query.limit(HANDLED_SHOWN) if handled else query))


def waiting_report_count() -> int:
    return session.scalar(select(func.count()).select_from(IntroductionRequest).where(
        IntroductionRequest.state == RequestState.REPORTED, IntroductionRequest.report_handled_at.is_(None))) or 0


def suspensions() -> list[tuple[AskingSuspension, User]]:
    return list(session.execute(select(AskingSuspension, User).join(User, User.id == AskingSuspension.user_id)
                                .order_by(AskingSuspension.created_at.desc())))


def editors() -> list[User]:
    query = select(User).where(User.role.in_((Role.EDITOR, Role.ADMIN)), User.disabled.is_(False))
    return list(session.scalars(query.order_by(User.id)))


def overdue(before: datetime) -> list[IntroductionRequest]:
    return list(session.scalars(select(IntroductionRequest).where(
        IntroductionRequest.state == RequestState.OPEN, IntroductionRequest.created_at < before)
        .order_by(IntroductionRequest.id)))


def due_for_follow_up(before: datetime) -> list[IntroductionRequest]:
    return list(session.scalars(select(IntroductionRequest).where(
        IntroductionRequest.state == RequestState.INTRODUCED, IntroductionRequest.answered_at < before,
        IntroductionRequest.follow_up_sent_at.is_(None)).order_by(IntroductionRequest.id)))


def helpers(kind: str = "", country: str = "", field: str = "") -> list[tuple[Profile, HelpOffer]]:
    """Published, owned profiles that offer help (of a kind, in a country, in a field), by name."""
    query = (select(Profile, HelpOffer).join(HelpOffer, HelpOffer.profile_id == Profile.id)
             .where(Profile.state == ModerationState.APPROVED, Profile.owner_id.is_not(None)))
    if country:
        query = query.where(Profile.country_code == country)
    if field:
        query = query.where(Profile.field == field)
    rows = session.execute(query.order_by(Profile.name_folded, Profile.id))
    return [(profile, offer) for profile, offer in rows
            if offer.offers_help and (not kind or HelpKind(kind) in offer.help_kinds)]


def live_offers():
    """(profile id, kinds) of the offers of owned profiles that take requests now: what search and the API
    filter by."""
    return (select(HelpOffer.profile_id, HelpOffer.kinds).join(Profile, Profile.id == HelpOffer.profile_id)
            .where(Profile.owner_id.is_not(None), HelpOffer.paused.is_(False)))


def offering(kind: str) -> list[int]:
    """Ids of the profiles whose live offer includes this kind of help."""
    return [profile_id for profile_id, kinds in session.execute(live_offers()) if kind in (kinds or [])]


def requests_touching(user) -> list[IntroductionRequest]:
    """Every request the member sent or received (their data export)."""
    return list(session.scalars(select(IntroductionRequest).where(
        or_(IntroductionRequest.asker_id == user.id, IntroductionRequest.owner_id == user.id))
        .order_by(IntroductionRequest.id)))


def impact_by_month() -> tuple[list[dict], float | None]:
    """Per month of asking: requests, answered, introductions, helped; and the median days to an answer."""
    rows = session.execute(select(IntroductionRequest.created_at, IntroductionRequest.answered_at,
                                  IntroductionRequest.state, IntroductionRequest.asker_outcome,
                                  IntroductionRequest.owner_outcome)
                           .where(IntroductionRequest.state != RequestState.WITHDRAWN)).all()
    months: dict[str, dict] = defaultdict(lambda: {"requests": 0, "answered": 0, "introductions": 0, "helped": 0})
    waits = []
    for created, answered, state, asker_outcome, owner_outcome in rows:
        month = months[created.strftime("%Y-%m")]
        month["requests"] += 1
        if state in ANSWERED:
            month["answered"] += 1
            waits.append((answered - created).total_seconds() / 86400)
        month["introductions"] += state is RequestState.INTRODUCED
        month["helped"] += Outcome.YES in (asker_outcome, owner_outcome)
    table = [{"month": date.fromisoformat(f"{key}-01"), **counts}
             for key, counts in sorted(months.items(), reverse=True)]
    return table, (round(median(waits), 1) if waits else None)
