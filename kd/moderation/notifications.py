"""Mail the submitter about an editor's decision; called after the transaction has committed."""
from __future__ import annotations

from flask import url_for
from werkzeug.routing import BuildError

from kd.accounts.models import User
from kd.content.kinds import kind_of
from kd.db import session
from kd.mail import send_templated

MOVE_DECISIONS = {"approve": "approved", "request_changes": "changes_requested", "reject": "rejected",
                  "unpublish": "unpublished"}
PUBLIC_DECISIONS = {"approved", "revision_approved"}
# "My submissions" belongs to the members' side; the first endpoint that exists wins.
MINE_ENDPOINTS = ("stories.my_submissions", "submissions.mine")


def send_decision(subject, decision: str, message: str, recipient_id: int | None) -> bool:
    """decision: approved, changes_requested, rejected, unpublished, revision_approved, revision_rejected.
    False when nobody can be told (the account is gone or disabled)."""
    recipient = session.get(User, recipient_id) if recipient_id else None
    if recipient is None or recipient.disabled:
        return False
    send_templated(recipient.email, "moderation_decision", recipient.locale or "en", user=recipient,
                   decision=decision, message=message.strip(), title=title_of(subject),
                   link=_link(subject, decision))
    return True


def send_move(subject, move: str, message: str) -> bool:
    return send_decision(subject, MOVE_DECISIONS[move], message, subject.submitted_by_id)


def title_of(subject) -> str:
    return getattr(subject, "name", None) or getattr(subject, "title", "")


def _link(subject, decision: str) -> str:
    if decision in PUBLIC_DECISIONS:
        found = _public_url(subject)
        if found:
            return found
    return _first_url(MINE_ENDPOINTS) or url_for("site.home", _external=True)


def _public_url(subject) -> str | None:
    if kind_of(subject) == "profile":
        return _first_url(("profiles.show",), kind=subject.kind.value, slug=subject.slug)
    return _first_url(("stories.show",), slug=subject.slug)


def _first_url(endpoints, **values) -> str | None:
    for endpoint in endpoints:
        try:
            return url_for(endpoint, _external=True, **values)
        except BuildError:
            continue
    return None
