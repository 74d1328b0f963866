"""Following, unfollowing, the digest frequency and the one-click unsubscribe. The caller owns the transaction."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from kd.accounts.models import User
from kd.audit.services import record
from kd.core.errors import DomainError, PermissionDenied
from kd.core.tokens import TokenInvalid, make_token, read_token
from kd.db import session
from kd.follows import queries
from kd.follows.models import Follow, FollowKind, FollowPreference, Frequency

UNSUBSCRIBE_PURPOSE = "follows-unsubscribe"


class UnknownTarget(DomainError):
    """Nothing public by that name: a 404, as the page itself would answer."""

    status_code = 404


def follow(user: User, kind: FollowKind, key: str) -> Follow:
    """Follow the public target; following it again changes nothing."""
    if not user.email_confirmed:
        raise PermissionDenied(_("Please confirm your email address before you follow anything."))
    target = queries.public_target(kind, key)
    if target is None:
        raise UnknownTarget(_("There is nothing to follow at this address."))
    existing = queries.find_follow(user.id, target)
    if existing is not None:
        return existing
    added = Follow(user_id=user.id, kind=kind, **target.columns)
    session.add(added)
    record(user, "follow.added", added, kind=kind, target=key)
    return added


def unfollow(user: User, follow_id: int) -> Follow:
    found = session.get(Follow, follow_id)
    if found is None or found.user_id != user.id:
        raise UnknownTarget(_("You do not follow this."))
    record(user, "follow.removed", found, kind=found.kind)
    session.delete(found)
    return found


def set_frequency(user: User, frequency: Frequency) -> FollowPreference:
    preference = session.get(FollowPreference, user.id)
    if preference is None:
        preference = FollowPreference(user_id=user.id)
        session.add(preference)
    preference.frequency = frequency
    record(user, "follow.frequency_set", user, frequency=frequency)
    return preference


def unsubscribe_token(user: User) -> str:
    return make_token(UNSUBSCRIBE_PURPOSE, {"uid": user.id, "email": user.email})


def unsubscribe(token: str) -> None:
    """No more digests for the member the signed link names; idempotent, and an account gone is simply done."""
    payload = read_token(UNSUBSCRIBE_PURPOSE, token, current_app.config["UNSUBSCRIBE_TOKEN_MAX_AGE"])
    if not isinstance(payload, dict) or not isinstance(payload.get("uid"), int):
        raise TokenInvalid()
    user = session.get(User, payload["uid"])
    if user is None or user.email != payload.get("email"):
        return
    set_frequency(user, Frequency.NEVER)
