"""User text -> a PostgreSQL tsquery. Forgiving like the Whoosh parser: words, "phrases", OR, -word or
NOT word, word* for a prefix; anything else is ignored, so no input is tsquery syntax or an error.

Every word becomes a quoted operand of to_tsquery() (letters and digits only), expanded into its place-name
spellings; a word of three letters or more also matches the start of a name through the '~' markers the
backend adds to each document ('cel' finds 'Çeliku').
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, reduce

from sqlalchemy import case, cast, func, literal_column
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.sql.elements import ColumnElement

from kd.core.text import fold
from kd.search.backend import MAX_QUERY_LENGTH
from kd.search.models import TEXT_SEARCH_CONFIG
from kd.search.synonyms import single_word_groups

WORD = re.compile(r"[^\W_]+")
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
MAX_TERMS = 16
NAME_PREFIX_MIN = 3
NAME_MARKER = "~"
CONFIG = literal_column(f"'{TEXT_SEARCH_CONFIG}'::regconfig")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


def parse(text: str) -> list[list[Term]]:
    """AND of OR-groups of terms; negated terms never join an OR group."""
    groups: list[list[Term]] = []
    join = negate = False
    for match in TOKEN.finditer(text[:MAX_QUERY_LENGTH]):
        if match.group(3) in ("OR", "AND", "NOT"):
            join, negate = match.group(3) == "OR", match.group(3) == "NOT"
            continue
        term = _term(match, negate)
        if term is not None and not any(term in group for group in groups):
            if join and groups and not term.negated and not groups[-1][0].negated:
                groups[-1].append(term)
            else:
                groups.append([term])
        join = negate = False
    return groups[:MAX_TERMS]


def _term(match: re.Match, negate: bool) -> Term | None:
    sign, quoted, bare = match.groups()
    if bare is None:
        words, prefix, negate = WORD.findall(quoted), False, negate or bool(sign)
    else:
        words, prefix = WORD.findall(bare), bare.endswith("*")
        negate = negate or (bare.startswith("-") and len(bare) > 1)
    return Term(tuple(words), prefix and len(words) == 1, negate) if words else None


def tsquery(groups: list[list[Term]]) -> ColumnElement | None:
    """The tsquery expression, or None if nothing positive is asked (a lone NOT would match everything)."""
    if not any(not term.negated for group in groups for term in group):
        return None
    return reduce(func.tsquery_and, (reduce(func.tsquery_or, map(_term_query, group)) for group in groups))


def _term_query(term: Term) -> ColumnElement:
    if len(term.words) > 1:
        query = func.phraseto_tsquery(CONFIG, " ".join(term.words))
    else:
        query = _word_query(term.words[0], term.prefix, name_prefix=not term.negated)
    return func.tsquery_not(query) if term.negated else query


def _word_query(word: str, prefix: bool, name_prefix: bool) -> ColumnElement:
    folded = fold(word)
    suffix = ":*" if prefix else ""
    spellings = synonym_groups().get(folded, (folded,))
    query = func.to_tsquery(CONFIG, " | ".join(quote(spelling) + suffix for spelling in spellings))
    if name_prefix and len(folded) >= NAME_PREFIX_MIN:
        with_names = func.tsquery_or(query, cast(quote(NAME_MARKER + folded) + ":*", TSQUERY))
        # A stop word ("from", "had") analyses to an empty query, which every document satisfies in an AND;
        # OR-ing the name prefix to it would make that prefix required instead.
        query = case((func.numnode(query) == 0, query), else_=with_names)
    return query


def quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def name_markers(name: str) -> str:
    """The tsvector literal of a document's name markers: '~celiku':1A '~arberesha':1A."""
    return " ".join(sorted({quote(NAME_MARKER + fold(word)) + ":1A" for word in WORD.findall(name)}))


@cache
def synonym_groups() -> dict[str, tuple[str, ...]]:
    """folded spelling -> every folded spelling of that place."""
    return {spelling: group for group in single_word_groups() for spelling in group}
