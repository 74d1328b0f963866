"""Fields or sectors in which diaspora members achieve things (a fixed, translated list)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

FIELDS: dict[str, object] = {
    "arts": _l("Arts and culture"),
    "business": _l("Business and entrepreneurship"),
    "community": _l("Community and civil society"),
    "education": _l("Education"),
    "engineering": _l("Engineering"),
    "film": _l("Film and television"),
    "law": _l("Law and justice"),
    "literature": _l("Literature"),
    "media": _l("Media and journalism"),
    "medicine": _l("Medicine and health"),
    "music": _l("Music"),
    "public-service": _l("Politics and public service"),
    "science": _l("Science and research"),
    "sport": _l("Sport"),
    "technology": _l("Technology"),
}


def field_label(code: str | None) -> str:
    label = FIELDS.get(code or "")
    return str(label) if label is not None else ""


def field_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(label)) for code, label in FIELDS.items()), key=lambda pair: pair[1].casefold())
