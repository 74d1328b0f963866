"""A revision against the live version, or a resubmission against the version an editor last saw, field by
field, as word-level <del>/<ins> markup."""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from kd.content.kinds import kind_of
from kd.db import session
from kd.profiles.models import Profile

WORDS_AND_SPACES = re.compile(r"\s+|\S+")
PROFILE_LIST_KEYS = {"profile_ids", "profiles"}
FIELD_LABELS = {
    "name": _l("Name"), "kind": _l("Kind"), "headline": _l("Headline"), "bio": _l("About"),
    "title": _l("Title"), "summary": _l("Summary"), "body": _l("Story"), "achieved_on": _l("Date"),
    "field": _l("Field"), "country_code": _l("Country"), "city": _l("City"), "municipality": _l("Municipality"),
    "links": _l("Links"), "tags": _l("Tags"), "sources": _l("Sources"), "language": _l("Language"),
    "profile_ids": _l("Linked profiles"), "profiles": _l("Linked profiles"),
}

# The fields a submission is judged on, in the order the review page lists them.
SEEN_FIELDS = {
    "profile": ("name", "kind", "headline", "bio", "field", "country_code", "city", "municipality", "links",
                "tags", "language"),
    "story": ("title", "summary", "body", "achieved_on", "field", "country_code", "city", "municipality",
              "profiles", "tags", "sources", "language"),
}


@dataclass(frozen=True)
class FieldChange:
    key: str
    old: str
    new: str

    @property
    def label(self) -> str:
        return str(FIELD_LABELS.get(self.key, self.key))

    @property
    def markup(self) -> Markup:
        return word_diff(self.old, self.new)


def field_changes(subject, data: dict) -> list[FieldChange]:
    """Only the fields whose text differs from the live record."""
    changes = [FieldChange(key, _live_text(subject, key), _proposed_text(key, value))
               for key, value in data.items()]
    return [change for change in changes if change.old != change.new]


def seen_version(subject) -> dict[str, str]:
    """The submitted fields as text, as the editor deciding the item sees them now."""
    return {key: _live_text(subject, key) for key in SEEN_FIELDS[kind_of(subject)]}


def changes_since_seen(subject) -> list[FieldChange] | None:
    """What the author changed since an editor last decided the item; None when no editor has seen it."""
    seen = subject.seen_version
    if not seen:
        return None
    changes = [FieldChange(key, seen.get(key, ""), text) for key, text in seen_version(subject).items()]
    return [change for change in changes if change.old != change.new]


def word_diff(old: str, new: str) -> Markup:
    before, after = WORDS_AND_SPACES.findall(old), WORDS_AND_SPACES.findall(new)
    parts = []
    for operation, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(Markup("<del>%s</del>") % "".join(before[i1:i2]))
        if j2 > j1:
            parts.append(Markup("<ins>%s</ins>") % "".join(after[j1:j2]))
    return Markup("").join(parts)


def _live_text(subject, key: str) -> str:
    if key == "tags":
        return as_text([tag.name for tag in subject.tags])
    if key == "sources":
        return as_text([{"url": source.url, "title": source.title} for source in subject.sources])
    if key in PROFILE_LIST_KEYS:
        return as_text([profile.name for profile in subject.profiles])
    return as_text(getattr(subject, key, None))


def _proposed_text(key: str, value) -> str:
    if key in PROFILE_LIST_KEYS and isinstance(value, list):
        found = (session.get(Profile, item) if isinstance(item, int) else None for item in value)
        return as_text([profile.name if profile else str(item) for profile, item in zip(found, value, strict=True)])
    return as_text(value)


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(as_text(item) for item in value)
    if isinstance(value, dict):
        return " — ".join(as_text(item) for item in value.values() if item not in (None, ""))
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
