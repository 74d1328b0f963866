"""One pass over a query's matches gives a results page all it needs: the type counts, the facet counts
and the best-first (or newest-first) order, each match scored once.

Whoosh's own way takes two passes, a top-N search for the page and docs_for_query for the counts. Its
top-N search is also not exact: as the N-th score rises it replaces matchers by ones that skip documents
whose score bound (BM25F with field boosts) looks too low, and on a small test corpus it dropped the second
best match. A top-N with that switched off (TopCollector(usequality=False, replace=0)) costs as much as
scoring every match, so scoring every match once, here, gives the exact order and the counts together.
The backend keeps a Ranking per query and index generation, so the next page, another type tab with the
same counts or a repeat of a popular query costs no pass at all.
"""
from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain

from whoosh.collectors import UnlimitedCollector

from kd.search.backend import MULTI_VALUED

KEPT = 200  # positions kept per query: ten pages of twenty; a page further on ranks again, keeping more
FACET_COLUMNS = {"country": "country", "field": "field", "municipality": "municipality", "tag": "tag_column",
                 "help": "help_column"}
MULTI_VALUED_COLUMNS = {FACET_COLUMNS[facet] for facet in MULTI_VALUED}  # a tuple of values per document
Column = Callable[[str], list]


@dataclass(frozen=True)
class Ranking:
    kind_counts: dict[str, int]
    facets: dict[str, list[tuple[str, int]]]
    order: tuple[int, ...]  # document numbers of the shown type, best (or newest) first
    complete: bool  # order holds every match of the shown type

    def covers(self, positions: int) -> bool:
        return self.complete or len(self.order) >= positions


def rank(searcher, query, kind: str, newest: bool, column: Column, positions: int) -> Ranking:
    """Score every match of query; count types over all of them and facets over those of `kind`."""
    collector = UnlimitedCollector()
    searcher.search_with_collector(query, collector)
    kinds = column("kind")
    scored = collector.items  # (score, document number), in document order
    kind_counts = dict(Counter(kinds[docnum] for _score, docnum in scored))
    shown = [item for item in scored if kinds[item[1]] == kind] if kind else scored
    keep = max(KEPT, positions)
    if newest:
        published = column("published")
        order = heapq.nlargest(keep, (docnum for _score, docnum in shown), key=lambda docnum: published[docnum] or 0)
    else:  # nlargest is stable: equal scores keep document order, as Whoosh's own top-N does
        order = [docnum for _score, docnum in heapq.nlargest(keep, shown, key=lambda item: item[0])]
    facets = facet_counts([docnum for _score, docnum in shown], column)
    return Ranking(kind_counts, facets, tuple(order), len(order) == len(shown))


def facet_counts(docnums: list[int], column: Column) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value (a multi-valued column holds a tuple of values per document)."""
    facets = {}
    for facet, column_name in FACET_COLUMNS.items():
        values = map(column(column_name).__getitem__, docnums)
        counts = Counter(chain.from_iterable(values) if facet in MULTI_VALUED else values)
        counts.pop("", None)
        facets[facet] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return facets
