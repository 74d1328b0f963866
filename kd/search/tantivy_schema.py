"""The tantivy schema and analysers: folding for English and Albanian, English stemming on running text.

Facet fields come from FACETS (raw values, fast fields for the counts); what a hit shows is one stored JSON
field, so only the searched text and the facet values are indexed.
"""
from __future__ import annotations

import hashlib
import json
from functools import cache

import tantivy
from tantivy import Filter, TextAnalyzerBuilder, Tokenizer

from kd.search.backend import FACETS, MULTI_VALUED, IndexDocument
from kd.search.documents import timestamp
from kd.search.weights import SEARCHED_FIELDS, STEMMED_FIELDS

FOLDING, STEMMING = "kd_fold", "kd_stem"
LONGEST_WORD = 60  # longer "words" (pasted links, base64) are not indexed
ANALYSIS_VERSION = 2  # raise it when the analysers change: the index is then rebuilt


def analyzer(stem: bool) -> tantivy.TextAnalyzer:
    """Words are runs of letters and digits (char::is_alphanumeric, as str.isalnum splits queries in
    kd.search.pg_query); a regex tokenizer took half of tantivy's indexing time."""
    builder = (TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(LONGEST_WORD))
               .filter(Filter.lowercase()).filter(Filter.ascii_fold()))
    return (builder.filter(Filter.stemmer("english")) if stem else builder).build()


@cache
def analyzers() -> dict[str, tantivy.TextAnalyzer]:
    return {FOLDING: analyzer(stem=False), STEMMING: analyzer(stem=True)}


def tokenizer_of(field: str) -> str:
    return STEMMING if field in STEMMED_FIELDS else FOLDING


@cache
def make_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("kind", fast=True, tokenizer_name="raw")
    builder.add_integer_field("published", indexed=True, fast=True)
    builder.add_bytes_field("shown", stored=True)
    for field in SEARCHED_FIELDS:
        builder.add_text_field(field, tokenizer_name=tokenizer_of(field))
    for facet in FACETS:
        builder.add_text_field(facet_field(facet), fast=True, tokenizer_name="raw")
    return builder.build()


def schema_version() -> str:
    """Changes with the fields (a new facet, say), so an index built before is rebuilt."""
    fields = ("key", "kind", "published", "shown", *SEARCHED_FIELDS, *map(facet_field, FACETS), ANALYSIS_VERSION)
    return hashlib.sha256(" ".join(map(str, fields)).encode()).hexdigest()[:12]


def facet_field(facet: str) -> str:
    return f"facet_{facet}"


def open_index(path: str) -> tantivy.Index:
    """The index in path (created empty if there is none), with KD's analysers registered: tantivy keeps
    their names in the schema, not the analysers themselves."""
    index = tantivy.Index(make_schema(), path=path)
    for name, text_analyzer in analyzers().items():
        index.register_tokenizer(name, text_analyzer)
    index.config_reader(reload_policy="manual")
    return index


def to_tantivy(doc: IndexDocument) -> tantivy.Document:
    published = timestamp(doc.published_at)
    fields = {"key": doc.key, "kind": doc.kind, "published": int(published),
              "shown": json.dumps(shown(doc, published)).encode(), "name": doc.name, "title": doc.title,
              "tags": ", ".join(doc.tag_names), "summary": doc.summary, "body": doc.body}
    for field, attribute in _FACET_ATTRIBUTES:  # a rebuild converts 300k documents: no lookups per facet
        value = getattr(doc, attribute)
        fields[field] = [item for item in (value if isinstance(value, tuple | list) else (value,)) if item]
    return tantivy.Document(**fields)


def shown(doc: IndexDocument, published: float) -> dict:
    """What a hit shows (and did-you-mean reads: name and title)."""
    story = doc.kind == "story"
    return {"kind": doc.kind, "id": doc.id, "slug": doc.slug, "title": doc.title if story else doc.name,
            "subtitle": (doc.summary if story else doc.title)[:240], "country": doc.country, "field": doc.field,
            "language": doc.language, "published": published, "updated": timestamp(doc.updated_at),
            "spelling": f"{doc.name} {doc.title}"}


_FACET_ATTRIBUTES = tuple((facet_field(facet), MULTI_VALUED.get(facet, facet)) for facet in FACETS)
