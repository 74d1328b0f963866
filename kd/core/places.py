"""Countries (CLDR through Babel, Kosovo included as XK) and Kosovo's 38 municipalities."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from flask_babel import gettext as _

from kd.core.text import sort_key_for

# CLDR territory codes that are not countries or territories people live in.
_NOT_COUNTRIES = {"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}


@lru_cache(maxsize=8)
def countries(locale: str = "en") -> tuple[tuple[str, str], ...]:
    """(code, name) pairs sorted for the locale; Kosovo (XK) is always present."""
    territories = Locale.parse(locale).territories
    pairs = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    key = sort_key_for(locale)
    return tuple(sorted(pairs, key=lambda pair: key(pair[1])))


@lru_cache(maxsize=8)
def _country_names(locale: str) -> dict[str, str]:
    return dict(countries(locale))


def country_name(code: str | None, locale: str = "en") -> str:
    return _country_names(locale).get((code or "").upper(), "")


KOSOVO = "XK"


def people_in(code: str, name: str) -> str:
    """The heading of a country's page and feed: the diaspora abroad, or the people at home in Kosovo."""
    if code.upper() == KOSOVO:
        return _("Living in Kosovo")
    return _("Kosovars in %(country)s", country=name)


def is_country(code: str | None) -> bool:
    return (code or "").upper() in _country_names("en")


@dataclass(frozen=True)
class Municipality:
    code: str
    name_en: str
    name_sq: str

    def name(self, locale: str = "en") -> str:
        return self.name_sq if locale == "sq" else self.name_en


MUNICIPALITIES: tuple[Municipality, ...] = tuple(
    Municipality(code, en, sq)
    for code, en, sq in (
        ("decan", "Deçan", "Deçan"),
        ("dragash", "Dragash", "Dragash"),
        ("drenas", "Drenas (Glogovac)", "Drenas"),
        ("ferizaj", "Ferizaj", "Ferizaj"),
        ("fushe-kosove", "Fushë Kosova", "Fushë Kosovë"),
        ("gjakova", "Gjakova", "Gjakovë"),
        ("gjilan", "Gjilan", "Gjilan"),
        ("gracanica", "Gračanica", "Graçanicë"),
        ("hani-i-elezit", "Hani i Elezit", "Hani i Elezit"),
        ("istog", "Istog", "Istog"),
        ("junik", "Junik", "Junik"),
        ("kacanik", "Kaçanik", "Kaçanik"),
        ("kamenica", "Kamenica", "Kamenicë"),
        ("klina", "Klina", "Klinë"),
        ("klokot", "Klokot", "Kllokot"),
        ("leposavic", "Leposavić", "Leposaviq"),
        ("lipjan", "Lipjan", "Lipjan"),
        ("malisheva", "Malisheva", "Malishevë"),
        ("mamusha", "Mamusha", "Mamushë"),
        ("mitrovica-south", "Mitrovica South", "Mitrovicë e Jugut"),
        ("mitrovica-north", "Mitrovica North", "Mitrovicë e Veriut"),
        ("novo-brdo", "Novo Brdo", "Novobërdë"),
        ("obiliq", "Obiliq", "Obiliq"),
        ("partesh", "Partesh", "Partesh"),
        ("peja", "Peja", "Pejë"),
        ("podujeva", "Podujeva", "Podujevë"),
        ("prishtina", "Prishtina", "Prishtinë"),
        ("prizren", "Prizren", "Prizren"),
        ("rahovec", "Rahovec", "Rahovec"),
        ("ranilug", "Ranilug", "Ranillug"),
        ("shterpce", "Štrpce", "Shtërpcë"),
        ("shtime", "Shtime", "Shtime"),
        ("skenderaj", "Skenderaj", "Skenderaj"),
        ("suhareka", "Suhareka", "Suharekë"),
        ("vitia", "Vitia", "Viti"),
        ("vushtrri", "Vushtrri", "Vushtrri"),
        ("zubin-potok", "Zubin Potok", "Zubin Potok"),
        ("zvecan", "Zvečan", "Zveçan"),
    )
)
_MUNICIPALITY_BY_CODE = {m.code: m for m in MUNICIPALITIES}


def municipality(code: str | None) -> Municipality | None:
    return _MUNICIPALITY_BY_CODE.get(code or "")


def municipality_choices(locale: str = "en") -> list[tuple[str, str]]:
    key = sort_key_for(locale)
    return sorted(((m.code, m.name(locale)) for m in MUNICIPALITIES), key=lambda pair: key(pair[1]))
