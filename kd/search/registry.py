"""What the search sink indexes, as the features register it: one DocumentSource per table, and the
labels of facet values (tag names). The sink itself knows no feature."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from kd.search.backend import IndexDocument


@dataclass(frozen=True)
class DocumentSource:
    """model: a moderated model (state, id, updated_at); documents(session, ids) builds the documents of the
    rows among ids, in id order, from plain column reads (a rebuild reads 300k rows: no ORM objects);
    full_text(session, ids) -> {id: text} gives the text snippets are cut from; shows[table](session, ids) ->
    ids of this table's rows whose documents show those rows of another table (a story's document carries the
    names of its profiles)."""

    model: type
    documents: Callable[[Session, list[int]], list[IndexDocument]]
    full_text: Callable[[Session, list[int]], dict[int, str]]
    shows: dict[str, Callable[[Session, Iterable[int]], list[int]]] = field(default_factory=dict)

    @property
    def table(self) -> str:
        return self.model.__tablename__


SOURCES: dict[str, DocumentSource] = {}
FACET_LABELS: dict[str, Callable[[list[str]], dict[str, str]]] = {}
FacetValues = Callable[[Session, list[int]], dict[int, tuple[str, ...]]]
FACET_VALUES: dict[tuple[str, str], FacetValues] = {}


def register_documents(source: DocumentSource) -> None:
    SOURCES[source.table] = source


def register_facet_labels(facet: str, labels: Callable[[list[str]], dict[str, str]]) -> None:
    """labels(values) -> {value: label} for the values shown, e.g. tag slugs -> tag names."""
    FACET_LABELS[facet] = labels


def register_facet_values(table: str, facet: str, values: FacetValues) -> None:
    """values(session, ids) -> {id: facet values} for a facet another feature owns (what a profile's owner
    can help with), added to the documents of that table as they are built."""
    FACET_VALUES[(table, facet)] = values
