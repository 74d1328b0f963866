"""A user's history for admins, in words: what was done to the account and what the user did, with the
sentences of kd.content.history and the account's own."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kd.accounts.models import Role
from kd.admin.forms import ROLE_LABELS
from kd.content.history import HistoryLine, describe, subject_title

USER_SENTENCES = {
    "user.registered": (_l("%(actor)s registered."), None),
    "user.admin_created": (_l("The account was created as an admin account."), None),
    "user.email_confirmed": (_l("%(actor)s confirmed their email address."), None),
    "user.password_reset": (_l("%(actor)s set a new password with a reset link."), None),
    "user.email_changed": (_l("%(actor)s changed their email address."), None),
    "user.password_changed": (_l("%(actor)s changed their password."), None),
    "user.settings_changed": (_l("%(actor)s changed their settings."), None),
    "user.disabled": (_l("%(actor)s disabled the account."), None),
    "user.enabled": (_l("%(actor)s enabled the account again."), None),
    "user.deleted": (_l("The account was deleted."), None),
    "photo.added": (_l("%(actor)s added a photo."), None),
    "photo.updated": (_l("%(actor)s changed a photo's description."), None),
    "photo.moved": (_l("%(actor)s changed the order of the photos."), None),
    "photo.deleted": (_l("%(actor)s deleted a photo."), None),
    "photo.approved": (_l("%(actor)s approved a photo."), None),
    "photo.rejected": (_l("%(actor)s removed a photo."), _l("%(actor)s removed a photo:")),
}
KIND_WORDS = {"profiles": _l("Profile"), "stories": _l("Story"), "actions": _l("Action")}


def user_history_line(entry) -> HistoryLine:
    if entry.action == "user.role_changed":
        return HistoryLine(_("%(actor)s changed the role from %(old)s to %(new)s.",
                             actor=entry.actor.display_name if entry.actor else _("Someone"),
                             old=_role(entry.details.get("old")), new=_role(entry.details.get("new"))), "")
    return describe(entry, USER_SENTENCES)


def about(entry) -> str:
    """What an entry by the user was about ("Story: A title"), or "" when it is about the account itself."""
    title = subject_title(entry) if entry.subject_type in KIND_WORDS else ""
    return _("%(kind)s: %(title)s", kind=KIND_WORDS[entry.subject_type], title=title) if title else ""


def _role(value) -> str:
    try:
        return str(ROLE_LABELS[Role(value)])
    except ValueError:
        return str(value or "")
