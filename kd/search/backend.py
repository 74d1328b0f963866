"""What views and services know about search: plain data in, plain data out, no engine types.

Three backends implement SearchBackend: Whoosh and tantivy (embedded index files, written after the commit)
and PostgreSQL full-text (rows written inside the content's transaction).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

PROFILE_KINDS = ("person", "group", "organisation")
KINDS = (*PROFILE_KINDS, "story")
FACETS = ("country", "field", "tag", "municipality", "help")
MULTI_VALUED = {"tag": "tag_slugs", "help": "help_kinds"}  # facet -> IndexDocument attribute holding a tuple
SORTS = ("relevance", "newest")
MAX_QUERY_LENGTH = 200  # longer input is cut: query cost grows with every term


@dataclass(frozen=True)
class IndexDocument:
    """One approved profile or story, flattened for indexing."""

    kind: str
    id: int
    slug: str
    name: str
    title: str
    summary: str
    body: str
    country: str
    field: str
    municipality: str
    tag_slugs: tuple[str, ...]
    tag_names: tuple[str, ...]
    published_at: datetime | None
    updated_at: datetime
    language: str = "en"
    help_kinds: tuple[str, ...] = ()  # what the profile's owner can help with (kd.connections adds it)

    @property
    def key(self) -> str:
        return document_key(self.table, self.id)

    @property
    def table(self) -> str:
        return "stories" if self.kind == "story" else "profiles"


def document_key(table: str, row_id: int) -> str:
    return f"{table}:{row_id}"


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kind: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    highlight: bool = True


@dataclass(frozen=True)
class Hit:
    key: str
    kind: str
    id: int
    slug: str
    title: str
    subtitle: str
    country: str
    field: str
    published_at: datetime | None
    language: str
    snippet: str = ""  # safe HTML: escaped text with <mark> around matches


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int
    kind_counts: dict[str, int]
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None = None


@dataclass(frozen=True)
class StoredVersion:
    key: str
    updated_at: float


class SearchBackend(Protocol):
    """Whoosh also has rebuild(documents), applied after the commit; PostgreSQL (writes_in_transaction) has
    write_in(connection, documents, deleted_keys) and replace_range(connection, table, after_id, last_id,
    documents), written by the content's own transaction."""

    writes_in_transaction: bool

    def write(self, documents: Iterable[IndexDocument], deleted_keys: Iterable[str]) -> None:
        """Apply one batch in one commit; raises IndexBusy if the index stays locked."""

    def search(self, query: SearchQuery) -> Results: ...

    def stored_versions(self) -> Iterator[StoredVersion]: ...

    def is_rebuilding(self) -> bool: ...

    def document_count(self) -> int: ...

    def built_for_another_source(self) -> bool:
        """The index was built from another database (its content cannot answer for this one)."""

    def status(self) -> str:
        """"ok", or what is wrong, for /healthz."""


class IndexBusy(Exception):
    """The index could not be written in time (locked by another process, or failing)."""
