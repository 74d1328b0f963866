"""The Whoosh schema and analysers: folding for English and Albanian, stemming on running text."""
from __future__ import annotations

from whoosh import columns, fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

from kd.search.weights import FIELD_BOOSTS

# accent_map folds letters that decompose (ë, ç, š); these do not.
FOLDING = {**accent_map, **{ord(k): v for k, v in {"đ": "d", "Đ": "d", "ß": "ss", "ø": "o", "ł": "l",
                                                    "æ": "ae", "œ": "oe", "þ": "th"}.items()}}

SCHEMA_VERSION = 2  # 2: the help facet; an index built with another version is rebuilt (kd reindex --if-needed)


def folding_analyzer():
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(FOLDING)


def stemming_analyzer():
    return folding_analyzer() | StemFilter(lang="en", cachesize=50000)


def make_schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(stored=True, unique=True),
        kind=fields.ID(stored=True, sortable=True),
        db_id=fields.STORED,
        slug=fields.STORED,
        display_title=fields.STORED,
        subtitle=fields.STORED,
        language=fields.STORED,
        updated=fields.STORED,
        name=fields.TEXT(analyzer=folding_analyzer(), field_boost=FIELD_BOOSTS["name"]),
        title=fields.TEXT(analyzer=folding_analyzer(), field_boost=FIELD_BOOSTS["title"]),
        summary=fields.TEXT(analyzer=stemming_analyzer(), field_boost=FIELD_BOOSTS["summary"]),
        body=fields.TEXT(analyzer=stemming_analyzer(), field_boost=FIELD_BOOSTS["body"]),
        tags=fields.TEXT(analyzer=folding_analyzer(), field_boost=FIELD_BOOSTS["tags"]),
        country=fields.ID(stored=True, sortable=True),
        field=fields.ID(stored=True, sortable=True),
        municipality=fields.ID(sortable=True),
        tag=fields.KEYWORD(commas=True),
        tag_column=fields.COLUMN(columns.VarBytesColumn()),
        help=fields.KEYWORD(commas=True),
        help_column=fields.COLUMN(columns.VarBytesColumn()),
        published=fields.NUMERIC(numtype=int, bits=64, stored=True, sortable=True),
    )
