"""Albanian-aware text helpers: folding, slugs and sorting."""
from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Albanian alphabet order; digraphs count as one letter.
ALBANIAN_ALPHABET = (
    "a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh".split()
)
_ALBANIAN_RANK = {letter: index for index, letter in enumerate(ALBANIAN_ALPHABET)}
_SPECIAL_FOLDS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "œ": "oe"})


# The combining marks of Latin letters (ë = e + U+0308): removed by one regex instead of a Python loop
# over every character; text that still holds other characters after that takes the loop.
_LATIN_MARKS = re.compile("[{}]+".format("".join(chr(code) for code in range(0x300, 0x370)
                                                 if unicodedata.combining(chr(code)))))


def fold(text: str) -> str:
    """Lower-case and strip diacritics: 'Prishtinë' -> 'prishtine', 'Çelik' -> 'celik'."""
    lowered = text.casefold().translate(_SPECIAL_FOLDS)
    if lowered.isascii():
        return lowered
    bare = _LATIN_MARKS.sub("", unicodedata.normalize("NFKD", lowered))
    if not bare.isascii():
        bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return bare.casefold().translate(_SPECIAL_FOLDS)  # NFKD can uncover capitals: 'ℌ' -> 'H' -> 'h'


def slugify(text: str, max_length: int = 80) -> str:
    """An ASCII slug (gunicorn refuses raw UTF-8 in paths): 'Gjakovë & Pejë' -> 'gjakove-peje'."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-")


def albanian_sort_key(text: str) -> tuple:
    """Sort key following the Albanian alphabet: c < ç < d < dh < e < ë."""
    lowered = unicodedata.normalize("NFC", text.casefold())
    key, i = [], 0
    while i < len(lowered):
        pair = lowered[i:i + 2]
        if pair in _ALBANIAN_RANK:
            key.append((_ALBANIAN_RANK[pair], ""))
            i += 2
            continue
        char = lowered[i]
        rank = _ALBANIAN_RANK.get(char)
        key.append((rank, "") if rank is not None else (len(_ALBANIAN_RANK), fold(char) or char))
        i += 1
    return tuple(key)


def sort_key_for(locale: str):
    """The sort key for names shown in a given interface language."""
    return albanian_sort_key if locale == "sq" else fold


def is_whole_number(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts '²', which int() refuses."""
    return text.isascii() and text.isdigit()


MAX_DATABASE_ID = 2**63 - 1  # the largest BIGINT; SQLite refuses a bigger number outright (OverflowError)


def is_database_id(text: str) -> bool:
    """A whole number a database id column can hold: what a form or a session may name a row by."""
    return is_whole_number(text) and 1 <= int(text) <= MAX_DATABASE_ID


def normalise_space(text: str) -> str:
    return " ".join(text.split())


# Names ----------------------------------------------------------------------------------------

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad")
_WHITESPACE_RUN = re.compile(r"\s+")
MAX_COMBINING_RUN = 2


def normalise_name(text: str | None) -> str | None:
    """NFC, no surrounding whitespace, one space for each run inside: ' Ëndrit \t Çeku ' -> 'Ëndrit Çeku'."""
    if text is None:
        return None
    return _WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", text)).strip()


def name_problem(text: str) -> str | None:
    """Why a (normalised) name cannot be shown as typed: "bidi", "invisible", "marks"; None when it is fine."""
    run = 0
    for char in text:
        if char in _BIDI_CONTROLS:
            return "bidi"
        if char in _INVISIBLE or unicodedata.category(char) == "Cf":
            return "invisible"
        run = run + 1 if unicodedata.combining(char) else 0
        if run > MAX_COMBINING_RUN:
            return "marks"
    return None
