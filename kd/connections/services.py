"""Every change to help offers and introductions: offering, asking, answering, expiring, blocking,
suspending and the follow-up. Audited; never commits (the caller owns the transaction); mails go out
after the commit (kd.connections.notifications)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _

from kd.audit.services import record
from kd.connections import queries
from kd.connections.models import (
    SPOKEN_LANGUAGES,
    AskingSuspension,
    HelpKind,
    HelpOffer,
    IntroductionRequest,
    MemberBlock,
    Outcome,
    RequestState,
)
from kd.content import changes
from kd.core.auth import require_confirmed, require_editor
from kd.core.errors import DomainError, PermissionDenied
from kd.core.tokens import TokenInvalid, make_token, read_token
from kd.db import session, utcnow
from kd.profiles.models import Profile

OUTCOME_PURPOSE = "introduction-outcome"


class ConnectionsError(DomainError):
    """A refusal about help offers or introductions, with a message for the member."""


@dataclass(frozen=True)
class Ask:
    about_asker: str
    request: str
    reason: str
    consent: bool


# Offering help ----------------------------------------------------------------------------------------

def set_help_offer(profile: Profile, user, kinds: list[str], languages: list[str], note: str,
                   paused: bool = False) -> HelpOffer:
    """The owner says what they can help with (no kinds: they offer nothing). Editors cannot set it."""
    require_confirmed(user)
    if not queries.is_owner(profile, user):
        raise PermissionDenied(_("Only the owner of this profile can say what they can help with."))
    offer = queries.offer_of(profile) or HelpOffer(profile_id=profile.id)
    offer.kinds = [kind.value for kind in HelpKind if kind.value in kinds]
    offer.languages = [code for code in SPOKEN_LANGUAGES if code in languages]
    offer.note, offer.paused = note.strip(), paused
    session.add(offer)
    record(user, "connections.offer_set", profile, kinds=offer.kinds, languages=offer.languages, paused=paused)
    if profile.is_public:
        changes.changed(profile)  # the profile page shows the offer
    return offer


# Asking ------------------------------------------------------------------------------------------------

def ask_for_introduction(profile: Profile, asker, ask: Ask) -> IntroductionRequest:
    require_confirmed(asker)
    _refuse_asking(profile, asker)
    if not ask.consent:
        raise ConnectionsError(_("Please agree that your name and message are shared with the profile's owner."))
    introduction = IntroductionRequest(profile_id=profile.id, owner_id=profile.owner_id, asker_id=asker.id,
                                       about_asker=ask.about_asker.strip(), request=ask.request.strip(),
                                       reason=ask.reason.strip(), state=RequestState.OPEN)
    session.add(introduction)
    session.flush()
    record(asker, "connections.asked", introduction, profile_id=profile.id)
    return introduction


def _refuse_asking(profile: Profile, asker) -> None:
    """Why this member may not ask this profile now, as a refusal; nothing about the owner is said."""
    if queries.is_owner(profile, asker):
        raise PermissionDenied(_("This is your own profile."))
    if not queries.askable(profile):
        raise ConnectionsError(_("This profile does not take requests for introductions now."))
    if queries.is_suspended(asker):
        raise PermissionDenied(_("The editors have stopped your account from asking for introductions."))
    if queries.is_blocked(profile.owner_id, asker.id):
        raise ConnectionsError(_("This profile does not take requests for introductions now."))
    if queries.has_open_request(asker, profile):
        raise ConnectionsError(_("You have already asked this profile. Please wait for the answer."))
    limit = current_app.config["INTRODUCTION_OPEN_LIMIT"]
    if queries.open_requests_of(asker) >= limit:
        raise ConnectionsError(_("You can have at most %(num)d unanswered requests at a time. Please wait for "
                                 "an answer before you ask again.", num=limit))


def may_ask(profile: Profile, asker) -> bool:
    try:
        _refuse_asking(profile, asker)
    except DomainError:
        return False
    return True


def withdraw_request(introduction: IntroductionRequest, asker) -> IntroductionRequest:
    if introduction.asker_id != asker.id:
        raise PermissionDenied(_("Only the member who asked can withdraw this request."))
    _require_open(introduction)
    _close(introduction, RequestState.WITHDRAWN)
    record(asker, "connections.withdrawn", introduction)
    return introduction


# Answering --------------------------------------------------------------------------------------------

def accept_request(introduction: IntroductionRequest, owner) -> IntroductionRequest:
    """Both now get each other's address (by mail, after the commit)."""
    _require_owner_of_open(introduction, owner)
    _close(introduction, RequestState.INTRODUCED)
    record(owner, "connections.accepted", introduction)
    return introduction


def decline_request(introduction: IntroductionRequest, owner, reason: str = "", share: bool = False,
                    block: bool = False) -> IntroductionRequest:
    _require_owner_of_open(introduction, owner)
    _close(introduction, RequestState.DECLINED)
    introduction.decline_reason = reason.strip()
    introduction.share_reason = share and bool(introduction.decline_reason)
    record(owner, "connections.declined", introduction, shared=introduction.share_reason)
    if block:
        block_member(owner, introduction.asker_id)
    return introduction


def report_request(introduction: IntroductionRequest, owner, note: str = "") -> IntroductionRequest:
    """The owner reports the request as abuse: it goes to the editors, and the asker is blocked."""
    _require_owner_of_open(introduction, owner)
    _close(introduction, RequestState.REPORTED)
    introduction.decline_reason = note.strip()
    record(owner, "connections.reported", introduction)
    block_member(owner, introduction.asker_id)
    return introduction


def mark_report_handled(introduction: IntroductionRequest, editor) -> IntroductionRequest:
    """An editor has dealt with an owner's abuse report (suspended the asker, or found nothing to do)."""
    require_editor(editor)
    if introduction.state is not RequestState.REPORTED:
        raise ConnectionsError(_("This request was not reported."))
    if introduction.report_handled_at is not None:
        raise ConnectionsError(_("An editor has dealt with this report already."))
    introduction.report_handled_at, introduction.report_handled_by_id = utcnow(), editor.id
    record(editor, "connections.report_handled", introduction)
    return introduction


def block_member(owner, blocked_id: int) -> None:
    if not queries.is_blocked(owner.id, blocked_id):
        session.add(MemberBlock(owner_id=owner.id, blocked_id=blocked_id))
        record(owner, "connections.blocked", owner, blocked_id=blocked_id)


def _require_owner_of_open(introduction: IntroductionRequest, owner) -> None:
    if introduction.owner_id != owner.id:
        raise PermissionDenied(_("Only the owner of the profile can answer this request."))
    _require_open(introduction)


def _require_open(introduction: IntroductionRequest) -> None:
    if not introduction.is_open:
        raise ConnectionsError(_("This request has been answered already."))


def _close(introduction: IntroductionRequest, state: RequestState) -> None:
    introduction.state, introduction.answered_at = state, utcnow()


def expire_overdue() -> list[IntroductionRequest]:
    """Requests left unanswered for INTRODUCTION_EXPIRY_DAYS expire; the caller tells the askers."""
    before = utcnow() - timedelta(days=current_app.config["INTRODUCTION_EXPIRY_DAYS"])
    expired = queries.overdue(before)
    for introduction in expired:
        _close(introduction, RequestState.EXPIRED)
        record(None, "connections.expired", introduction)
    return expired


# Editors ------------------------------------------------------------------------------------------------

def suspend_asking(editor, member_id: int, note: str = "") -> AskingSuspension:
    require_editor(editor)
    suspension = session.get(AskingSuspension, member_id)
    if suspension is None:
        suspension = AskingSuspension(user_id=member_id, suspended_by_id=editor.id, note=note.strip())
        session.add(suspension)
        record(editor, "connections.suspended", suspension, user_id=member_id, note=note.strip())
    return suspension


def lift_suspension(editor, member_id: int) -> None:
    require_editor(editor)
    suspension = session.get(AskingSuspension, member_id)
    if suspension is not None:
        session.delete(suspension)
        record(editor, "connections.suspension_lifted", suspension, user_id=member_id)


# The follow-up ------------------------------------------------------------------------------------------

def due_follow_ups() -> list[IntroductionRequest]:
    """Introductions made INTRODUCTION_FOLLOW_UP_DAYS ago that were not asked about yet, marked as asked."""
    before = utcnow() - timedelta(days=current_app.config["INTRODUCTION_FOLLOW_UP_DAYS"])
    due = queries.due_for_follow_up(before)
    for introduction in due:
        introduction.follow_up_sent_at = utcnow()
        record(None, "connections.follow_up_sent", introduction)
    return due


def outcome_token(introduction: IntroductionRequest, user_id: int) -> str:
    return make_token(OUTCOME_PURPOSE, {"r": introduction.id, "u": user_id})


def outcome_link_target(token: str) -> tuple[IntroductionRequest, int]:
    """The introduction a follow-up link is about and whose link it is; TokenInvalid/TokenExpired otherwise."""
    payload = read_token(OUTCOME_PURPOSE, token, current_app.config["OUTCOME_TOKEN_MAX_AGE"])
    introduction = session.get(IntroductionRequest, payload.get("r")) if isinstance(payload, dict) else None
    if introduction is None or introduction.state is not RequestState.INTRODUCED \
            or payload.get("u") not in (introduction.asker_id, introduction.owner_id):
        raise TokenInvalid()
    return introduction, payload["u"]


def record_outcome(token: str, answer: str) -> IntroductionRequest:
    """One click from the follow-up mail: yes, no or not yet, for the asker's or the owner's side."""
    introduction, user_id = outcome_link_target(token)
    outcome, side = Outcome(answer), "asker" if user_id == introduction.asker_id else "owner"
    setattr(introduction, f"{side}_outcome", outcome)
    record(None, "connections.outcome", introduction, side=side, outcome=outcome)
    return introduction
