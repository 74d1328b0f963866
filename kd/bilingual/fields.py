"""Which texts of each kind a translation carries, and the original's texts as a snapshot (its version)."""
from __future__ import annotations

import difflib

from flask import current_app
from flask_babel import lazy_gettext as _l

from kd.content.kinds import kind_of
from kd.media.queries import photos_of

TEXT_FIELDS = {"story": ("title", "summary", "body"), "profile": ("headline", "bio")}
PHOTO_FIELDS = ("alt_text", "caption")
# A language named in the reader's language ("Translated from Albanian", "Përkthyer nga anglishtja").
LANGUAGE_LABELS = {"en": _l("English"), "sq": _l("Albanian")}
TRANSLATED_FROM = {"en": _l("Translated from English by %(name)s."), "sq": _l("Translated from Albanian by %(name)s.")}
WRITTEN_IN = {"en": _l("This is in English: nobody has translated it yet."),
              "sq": _l("This is in Albanian: nobody has translated it yet.")}
FIELD_LABELS = {"title": _l("Title"), "summary": _l("Summary"), "body": _l("Story"), "headline": _l("Headline"),
                "bio": _l("About"), "alt_text": _l("Photo description"), "caption": _l("Caption")}


def language_label(code: str) -> str:
    return str(LANGUAGE_LABELS.get(code, code))


def translated_from(code: str, name: str) -> str:
    return str(TRANSLATED_FROM[code]) % {"name": name} if code in TRANSLATED_FROM else ""


def written_in(code: str) -> str:
    return str(WRITTEN_IN.get(code, ""))


def photo_key(photo_id: int, name: str) -> str:
    return f"photo-{photo_id}-{name}"


def source_texts(subject) -> dict[str, str]:
    """The original's translatable texts now: its fields, then each photo's description and caption."""
    texts = {name: getattr(subject, name) or "" for name in TEXT_FIELDS[kind_of(subject)]}
    for photo in photos_of(subject):
        for name in PHOTO_FIELDS:
            texts[photo_key(photo.id, name)] = getattr(photo, name) or ""
    return texts


def other_languages(language: str) -> list[str]:
    return [code for code in current_app.config["LANGUAGES"] if code != language]


def changed_fields(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [key for key in after if before.get(key, "") != after[key]]


def text_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Line by line: ("same" | "removed" | "added", line), as the editors' and translators' pages show it."""
    marks = {" ": "same", "-": "removed", "+": "added"}
    lines = difflib.ndiff((before or "").splitlines(), (after or "").splitlines())
    return [(marks[line[0]], line[2:]) for line in lines if line[0] in marks]
