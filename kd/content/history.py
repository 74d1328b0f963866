"""Audit entries in words, in the reader's language: one sentence per action, for every history list that
editors and admins read (an item's review page, a user's page in the admin).

A sentence names who acted; when the entry carries a message (why changes were asked for, say), the
sentence introduces it and the page quotes it. The moves of moderated content have sentences here; a page
about other records passes its own (full action name -> sentences). Actions without a sentence fall back
to a plain one that still says what changed.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kd.content.kinds import SUBJECT_KINDS, model_of
from kd.content.states import ModerationState
from kd.content.workflow import state_label
from kd.core.i18n import current_locale
from kd.db import session

Sentences = dict[str, tuple]
# The tables of moderated content, whose actions are named "<table>.<move or event>".
CONTENT_TABLES = ("profiles", "stories", "actions")
# action (after "stories.", "profiles." or "actions.") -> (sentence, the same introducing a message)
SENTENCES: Sentences = {
    "created": (_l("%(actor)s created it."), None),
    "edited": (_l("%(actor)s edited it."), None),
    "submit": (_l("%(actor)s sent it for review."), None),
    "approve": (_l("%(actor)s approved and published it."), _l("%(actor)s approved and published it, noting:")),
    "request_changes": (_l("%(actor)s asked for changes."), _l("%(actor)s asked for changes:")),
    "reject": (_l("%(actor)s rejected it."), _l("%(actor)s rejected it:")),
    "unpublish": (_l("%(actor)s unpublished it."), _l("%(actor)s unpublished it:")),
    "withdraw": (_l("%(actor)s withdrew it."), _l("%(actor)s withdrew it:")),
    "claimed": (_l("%(actor)s claimed it."), None),
    "released": (_l("%(actor)s stopped reviewing it."), None),
    "revision_proposed": (_l("%(actor)s proposed an edit."), None),
    "revision_approved": (_l("%(actor)s approved an edit."), _l("%(actor)s approved an edit, noting:")),
    "revision_rejected": (_l("%(actor)s turned down an edit."), _l("%(actor)s turned down an edit:")),
    "verified": (_l("%(actor)s checked the evidence and marked it verified."), None),
    "verification_cleared": (_l("%(actor)s removed the verified mark."), None),
    "merged": (_l("%(actor)s merged it into another profile."), None),
    "merged_in": (_l("%(actor)s merged a duplicate profile into it."), None),
    "consent_confirmed": (_l("%(actor)s agreed to be shown."), None),
    "consent_declined": (_l("%(actor)s declined to be shown."), None),
    "consent_recorded": (_l("%(actor)s recorded how consent was obtained."), None),
    "proposed": (_l("%(actor)s proposed it."), None),
    "updated": (_l("%(actor)s edited it."), None),
    "status_changed": (_l("%(actor)s changed its outcome."), None),
    "took_part": (_l("%(actor)s took part."), None),
    "imported": (_l("%(actor)s imported it."), None),
    "handed_to_editors": (_l("%(actor)s deleted their account and left it to the editors."), None),
    "removed_with_account": (_l("%(actor)s deleted their account, and it went with it."), None),
}


@dataclass(frozen=True)
class HistoryLine:
    sentence: str
    message: str  # quoted after the sentence when there is one


def describe(entry, more: Sentences | None = None) -> HistoryLine:
    """more: sentences for other actions, by their full name ("user.disabled")."""
    actor = entry.actor.display_name if entry.actor else _("Someone")
    details = entry.details or {}
    message = str(details.get("message") or details.get("note") or "").strip()
    plain, introducing = _sentences_for(entry.action, more or {})
    if plain is None:
        return HistoryLine(_fallback(entry.action, actor, details), message)
    if message and introducing is None:
        return HistoryLine(str(plain) % {"actor": actor}, message)
    return HistoryLine(str(introducing if message else plain) % {"actor": actor}, message)


def _sentences_for(action: str, more: Sentences) -> tuple:
    if action in more:
        return more[action]
    table, _dot, name = action.partition(".")
    return SENTENCES.get(name, (None, None)) if table in CONTENT_TABLES else (None, None)


def subject_title(entry) -> str:
    """The name or title of the profile, story or action an entry is about; "" for other records."""
    model = next((model for model in map(model_of, SUBJECT_KINDS)
                  if model is not None and model.__tablename__ == entry.subject_type), None)
    found = session.get(model, entry.subject_id) if model is not None and entry.subject_id else None
    if found is None:
        return ""
    return getattr(found, "name", None) or getattr(found, "title", None) or found.text("title", current_locale())


def _fallback(action: str, actor: str, details: dict) -> str:
    old, new = _state(details.get("from")), _state(details.get("to"))
    if old and new:
        return _("%(actor)s: %(action)s, from “%(old)s” to “%(new)s”.", actor=actor, action=action, old=old, new=new)
    return _("%(actor)s: %(action)s.", actor=actor, action=action)


def _state(value) -> str:
    try:
        return state_label(ModerationState(value))
    except ValueError:
        return str(value or "")
