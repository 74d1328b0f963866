"""Every change to an action: checked, audited, never committing (the caller owns the transaction)."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kd.actions.models import Action, ActionStatus, Participation
from kd.audit.services import record
from kd.content import changes
from kd.content.states import ModerationState
from kd.content.workflow import decide, transition
from kd.core.auth import require_editor
from kd.core.errors import DomainError
from kd.core.text import slugify
from kd.db import session, unique_slug, utcnow

EDITABLE_FIELDS = (
    "title_en", "title_sq", "target_name", "target_website", "target_kind", "problem_en", "problem_sq",
    "request_en", "request_sq", "email_to", "web_form_url", "social_account", "social_post_en",
    "social_post_sq", "hashtag", "starts_on",
)
# Paths under /actions/ that an action's slug must not shadow.
RESERVED_SLUGS = {"new", "wins", "mine"}


class ActionError(DomainError):
    """A refusal about an action, with a message for the user."""


class AlreadyTookPart(ActionError):
    status_code = 409


class ActionNotOpen(ActionError):
    status_code = 409


def create_action(editor, fields: dict) -> Action:
    """An editor's action goes straight to the public site; the audit log says who published it."""
    require_editor(editor)
    action = _new_action(editor, fields)
    session.flush()
    return transition(action, "publish", editor)


def propose_action(member, fields: dict) -> Action:
    """A member's proposal waits for an editor, like a story."""
    action = _new_action(member, fields)
    session.flush()
    record(member, "actions.proposed", action)
    return transition(action, "submit", member)


def review_action(action: Action, move: str, editor, message: str = "") -> Action:
    """An editor's decision on a member's proposal, refused while another editor holds it."""
    return decide(action, move, editor, message)


def update_action(editor, action: Action, fields: dict) -> Action:
    require_editor(editor)
    changed = [name for name in EDITABLE_FIELDS if _normalised(name, fields[name]) != getattr(action, name)]
    _assign(action, fields)
    if changed:
        record(editor, "actions.updated", action, fields=changed)
        changes.announce(action)
    return action


def set_status(editor, action: Action, status: ActionStatus, won_on: date | None = None,
               evidence_url: str = "") -> Action:
    require_editor(editor)
    if status is ActionStatus.WON and won_on is None:
        raise ActionError(_("Give the date the action was won."))
    if status is ActionStatus.WON and action.status is not ActionStatus.WON:
        action.won_recorded_at = utcnow()
    previous = action.status
    action.status = status
    action.won_on = won_on if status is ActionStatus.WON else None
    action.evidence_url = evidence_url.strip() if status is ActionStatus.WON else ""
    record(editor, "actions.status_changed", action, old=previous, new=status, won_on=str(won_on or ""))
    changes.announce(action)
    return action


def take_part(action: Action, member, show_name: bool) -> Participation:
    """Once per member: a second click, even a simultaneous one, is refused by the unique constraint."""
    _guard_open(action)
    if has_taken_part(action, member):
        raise AlreadyTookPart(_("You already took part in this action. Thank you!"))
    participation = Participation(action_id=action.id, user_id=member.id, show_name=show_name)
    session.add(participation)
    try:
        session.flush()
    except IntegrityError as error:
        raise AlreadyTookPart(_("You already took part in this action. Thank you!")) from error
    record(member, "actions.took_part", action, show_name=show_name)
    changes.changed(action)  # its page shows how many took part
    return participation


def has_taken_part(action: Action, member) -> bool:
    query = select(Participation.id).where(Participation.action_id == action.id,
                                           Participation.user_id == member.id)
    return session.scalar(query) is not None


def _guard_open(action: Action) -> None:
    if not action.is_public:
        raise ActionNotOpen(_("This action is not published."))
    if action.status is not ActionStatus.OPEN:
        raise ActionNotOpen(_("This action is no longer open: thank you, but no more requests are needed."))


def _new_action(author, fields: dict) -> Action:
    action = Action(submitted_by_id=author.id, state=ModerationState.DRAFT,
                    language="sq" if not fields.get("title_en") else "en")
    _assign(action, fields)
    action.slug = _free_slug(action.title_en or action.title_sq)
    session.add(action)
    return action


def _free_slug(title: str) -> str:
    base = slugify(title) or "action"
    return unique_slug(Action, f"{base}-action" if base in RESERVED_SLUGS else base)


def _assign(action: Action, fields: dict) -> None:
    for name in EDITABLE_FIELDS:
        setattr(action, name, _normalised(name, fields[name]))
    action.hashtag_slug = slugify(action.hashtag)


def _normalised(name: str, value):
    if name == "hashtag":
        return "".join((value or "").split()).lstrip("#")
    return value.strip() if isinstance(value, str) else value
