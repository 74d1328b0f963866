"""The tantivy search backend: an embedded index like Whoosh's, scored, counted and highlighted in compiled
code (the official Python bindings of the Rust library), for large corpora.

On disk: generations of the index (kd.search.generations), so a failed or killed rebuild leaves the old index
serving. tantivy allows one IndexWriter per directory (a lock file): each batch takes a writer for as long as
it takes to commit, waiting up to lock_timeout while another process holds it, then raises IndexBusy (the
service queues the batch, as with Whoosh). Readers keep one index per process and reload it when meta.json
(rewritten by every commit, atomically) or the live directory changes, so a commit anywhere is seen at the
next search.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import tantivy
from markupsafe import Markup, escape
from tantivy import Occur, Order, Query

from kd.core.text import fold
from kd.search import pg_query
from kd.search.backend import (
    FACETS,
    KINDS,
    MAX_QUERY_LENGTH,
    Hit,
    IndexBusy,
    IndexDocument,
    Results,
    SearchQuery,
    StoredVersion,
)
from kd.search.generations import Generations, OnDisk
from kd.search.passages import passages_with
from kd.search.tantivy_schema import (
    FOLDING,
    analyzers,
    facet_field,
    make_schema,
    open_index,
    schema_version,
    to_tantivy,
    tokenizer_of,
)
from kd.search.weights import FIELD_BOOSTS, SPELLING_FIELDS

log = logging.getLogger(__name__)
TextLoader = Callable[[list[str]], dict[str, str]]
OPERATORS = {"AND", "OR", "NOT"}
WRITER_HEAP = 20_000_000  # bytes: a batch of changes is small (tantivy's least is 15 MB per thread)
NAME_PREFIX_MIN, NAME_PREFIX_BOOST = 3, 0.5
FACET_SIZE = 10_000  # every value of a facet is counted exactly while it has fewer distinct values
SNIPPET_CHARS = 220
KEPT_PER_COMMIT = 512  # counts and pages of the latest queries
TEXTS_KEPT = 4096
SUGGESTION_CANDIDATES = 50
STOP_WORDS = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw()).filter(tantivy.Filter.lowercase())
              .filter(tantivy.Filter.stopword("english")).build())


@dataclass(frozen=True)
class Compiled:
    query: Query  # what is searched
    positive: Query  # its words without the negated ones: what snippets mark


class TantivyBackend(OnDisk):
    writes_in_transaction = False

    def __init__(self, root: str, text_loader: TextLoader, lock_timeout: float = 2.0, rebuild_threads: int = 1,
                 rebuild_memory_mb: int = 256, source: str = ""):
        self.generations = Generations(root, source, schema_version(), lambda directory: open_index(str(directory)))
        self.text_loader = text_loader
        self.lock_timeout = lock_timeout
        self.rebuild_threads, self.rebuild_memory_mb = max(1, rebuild_threads), max(32, rebuild_memory_mb)
        self.schema = make_schema()
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._opened: tuple = ()
        self._counted: OrderedDict = OrderedDict()  # counts and pages of queries, on the commit opened
        self._plain_texts: OrderedDict = OrderedDict()  # (key, updated) -> text for snippets

    # --- writing -------------------------------------------------------------------------------

    def write(self, documents: Iterable[IndexDocument], deleted_keys: Iterable[str]) -> None:
        documents = list(documents)
        keys = set(deleted_keys) | {document.key for document in documents}
        written = None
        while keys and (directory := self.live_directory()) != written:  # a rebuild swapped: write the new one too
            self._write_to(directory, documents, keys)
            written = directory

    def _write_to(self, directory: Path, documents: list[IndexDocument], keys: set[str]) -> None:
        _commit(self._writer(open_index(str(directory))), documents, keys)

    def _writer(self, index: tantivy.Index) -> tantivy.IndexWriter:
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                return index.writer(heap_size=WRITER_HEAP, num_threads=1)
            except ValueError as error:
                if "LockBusy" not in str(error):
                    raise
                if time.monotonic() > deadline:
                    raise IndexBusy(f"index locked for more than {self.lock_timeout}s") from error
                time.sleep(0.01)

    def rebuild(self, documents: Iterator[IndexDocument]) -> None:
        with self.generations.rebuilding() as directory:
            writer = open_index(str(directory)).writer(
                heap_size=self.rebuild_memory_mb * 1_000_000 * self.rebuild_threads, num_threads=self.rebuild_threads)
            _commit(writer, documents, set())

    # --- reading -------------------------------------------------------------------------------

    def _searcher(self) -> tantivy.Searcher | None:
        """This process's searcher on the latest commit of the live directory; None while the index has
        another schema than this code's (built before a facet was added, say): it counts as empty, so
        /healthz and `flask kd reindex --if-needed` say it must be rebuilt."""
        return self._view()[0]

    def _view(self) -> tuple[tantivy.Searcher | None, OrderedDict]:
        """The searcher and the counts already made on its commit."""
        with self._lock:
            directory = self.live_directory()
            opened = (os.getpid(), directory, _commit_stamp(directory))
            try:
                if self._index is None or opened[:2] != self._opened[:2]:
                    self._index = None
                    self._index = open_index(str(directory))
                elif opened != self._opened:
                    self._index.reload()
            except ValueError as error:
                if "schema does not match" not in str(error):
                    raise
                if opened != self._opened:
                    log.error("the tantivy index in %s has another schema: run `flask kd reindex`", directory)
                self._opened = opened
                return None, OrderedDict()
            if opened != self._opened:
                self._opened, self._counted = opened, OrderedDict()
            return self._index.searcher(), self._counted

    def stored_versions(self) -> Iterator[StoredVersion]:
        searcher = self._searcher()
        if searcher is None or not searcher.num_docs:
            return
        for _score, address in searcher.search(Query.all_query(), limit=searcher.num_docs, count=False).hits:
            document = searcher.doc(address)
            yield StoredVersion(document.get_first("key"), _shown(document)["updated"])

    def document_count(self) -> int:
        searcher = self._searcher()
        return searcher.num_docs if searcher is not None else 0

    def search(self, query: SearchQuery) -> Results:
        searcher, counted = self._view()
        compiled = self.compile(query.text)
        if compiled is None or searcher is None:
            return Results(hits=[], total=0, kind_counts={}, facets={})
        base = _with_filters(self.schema, compiled.query, query.filters)
        asked = (query.text, tuple(sorted(query.filters.items())), query.kind)
        kind_counts, facets = self._once(counted, asked, lambda: self._counts(searcher, base, query.kind))
        total = kind_counts.get(query.kind, 0) if query.kind else sum(kind_counts.values())
        hits = self._page(searcher, counted, asked, base, compiled, query) if total else []
        suggestion = self._suggestion(searcher, query.text) if not total and query.text.strip() else None
        if suggestion and not self._finds(searcher, suggestion, query):
            suggestion = None
        return Results(hits=hits, total=total, kind_counts=kind_counts, facets=facets, suggestion=suggestion)

    def _once(self, counted: OrderedDict, key: tuple, make: Callable):
        """Counts and pages visit every match, the dearest part of a search: they are kept per commit, so
        the next page, another tab's facets or a popular query cost none."""
        with self._lock:
            found = counted.get(key)
        if found is None:
            found = make()
            with self._lock:
                counted[key] = found
                while len(counted) > KEPT_PER_COMMIT:
                    counted.popitem(last=False)
        return found

    def _counts(self, searcher: tantivy.Searcher, base: Query, kind: str) -> tuple[dict[str, int], dict]:
        """Type counts over every match, facet counts over the matches of the type shown."""
        by_facet = {facet: {"terms": {"field": facet_field(facet), "size": FACET_SIZE}} for facet in FACETS}
        by_kind = {"kind": {"terms": {"field": "kind", "size": len(KINDS)}}}
        counted = searcher.aggregate(base, by_kind if kind else {**by_kind, **by_facet})
        kind_counts = _buckets(counted["kind"])
        if kind:
            shown = _and(base, _kind(self.schema, kind))
            counted = searcher.aggregate(shown, by_facet) if kind_counts.get(kind) else {}
        return kind_counts, {facet: _ordered(_buckets(counted.get(facet, {}))) for facet in FACETS}

    def _page(self, searcher: tantivy.Searcher, counted: OrderedDict, asked: tuple, base: Query,
              compiled: Compiled, query: SearchQuery) -> list[Hit]:
        newest = query.sort == "newest" or not query.text.strip()
        shown = self._once(counted, (*asked, newest, query.page, query.per_page),
                           lambda: self._ranked(searcher, base, query, newest))
        marked = query.highlight and query.text.strip()
        snippets = self._snippets(searcher, compiled, shown, query.text) if marked else {}
        return [_hit(key, fields, snippets.get(key, "")) for key, fields in shown.items()]

    def _ranked(self, searcher: tantivy.Searcher, base: Query, query: SearchQuery, newest: bool) -> dict[str, dict]:
        """key -> stored fields of the page's hits, best (or newest) first."""
        wanted = _and(base, _kind(self.schema, query.kind)) if query.kind else base
        order = {"order_by_field": "published", "order": Order.Desc} if newest else {}
        found = searcher.search(wanted, limit=query.per_page, offset=(query.page - 1) * query.per_page,
                                count=False, **order)
        documents = map(searcher.doc, (address for _score, address in found.hits))
        return {document.get_first("key"): _shown(document) for document in documents}

    def _snippets(self, searcher: tantivy.Searcher, compiled: Compiled, shown: dict[str, dict],
                  text: str) -> dict[str, str]:
        keys = list(shown)
        texts = self._texts(shown)
        words = pg_query.WORD.findall(fold(text[:MAX_QUERY_LENGTH]))
        generator = tantivy.SnippetGenerator.create(searcher, compiled.positive, self.schema, "body")
        generator.set_max_num_chars(SNIPPET_CHARS)
        return {key: _marked(generator.snippet_from_doc(tantivy.Document(body=passages_with(texts[key], words))))
                for key in keys if texts.get(key)}

    def _texts(self, shown: dict[str, dict]) -> dict[str, str]:
        """The text snippets are cut from (Markdown rendered to plain text, the dear part of a results page),
        kept per item version: an edit changes its updated time."""
        versions = {key: (key, fields["updated"]) for key, fields in shown.items()}
        with self._lock:
            texts = {key: self._plain_texts[version] for key, version in versions.items()
                     if version in self._plain_texts}
        missing = [key for key in versions if key not in texts]
        loaded = self.text_loader(missing) if missing else {}
        with self._lock:
            for key, text in loaded.items():
                self._plain_texts[versions[key]] = text
            while len(self._plain_texts) > TEXTS_KEPT:
                self._plain_texts.popitem(last=False)
        return {**texts, **loaded}

    # --- queries -------------------------------------------------------------------------------

    def compile(self, text: str) -> Compiled | None:
        """User text (as kd.search.pg_query parses it) as a tantivy query: every positive group must match,
        no negated one may; None when nothing positive is asked. No text asks for everything."""
        if not text.strip():
            return Compiled(Query.all_query(), Query.all_query())
        groups = _without_stop_words(pg_query.parse(text))
        wanted = [_any([self._term(term) for term in group]) for group in groups if not group[0].negated]
        unwanted = [self._term(group[0]) for group in groups if group[0].negated]
        wanted = [query for query in wanted if query is not None]
        if not wanted:
            return None
        positive = Query.boolean_query([(Occur.Must, query) for query in wanted])
        if not any(query is not None for query in unwanted):
            return Compiled(positive, positive)
        clauses = [(Occur.Must, query) for query in wanted] + [(Occur.MustNot, q) for q in unwanted if q is not None]
        return Compiled(Query.boolean_query(clauses), positive)

    def _term(self, term: pg_query.Term) -> Query | None:
        """One word, prefix or phrase in any searched field, each field with its boost."""
        clauses = [self._in_field(field, term) for field in FIELD_BOOSTS]
        folded = fold(term.words[0])
        if len(term.words) == 1 and not term.prefix and not term.negated and len(folded) >= NAME_PREFIX_MIN:
            clauses.append(Query.boost_query(self._prefix("name", folded), FIELD_BOOSTS["name"] * NAME_PREFIX_BOOST))
        return _any(clauses)

    def _in_field(self, field: str, term: pg_query.Term) -> Query | None:
        if term.prefix:
            query = self._prefix(field, fold(term.words[0]))
        elif len(term.words) > 1:
            query = self._words(field, " ".join(term.words))
        else:  # a place name in all its spellings
            spellings = pg_query.synonym_groups().get(fold(term.words[0]), (term.words[0],))
            query = _any([self._words(field, spelling) for spelling in spellings])
        return Query.boost_query(query, FIELD_BOOSTS[field]) if query is not None else None

    def _words(self, field: str, text: str) -> Query | None:
        tokens = analyzers()[tokenizer_of(field)].analyze(text)
        if len(tokens) > 1:
            return Query.phrase_query(self.schema, field, tokens)
        return Query.term_query(self.schema, field, tokens[0]) if tokens else None

    def _prefix(self, field: str, folded: str) -> Query:
        tokens = analyzers()[FOLDING].analyze(folded)
        return Query.regex_query(self.schema, field, re.escape(tokens[0] if tokens else folded) + ".*")

    # --- did you mean --------------------------------------------------------------------------

    def _suggestion(self, searcher: tantivy.Searcher, text: str) -> str | None:
        words, changed = pg_query.WORD.findall(text[:MAX_QUERY_LENGTH]), False
        for position, word in enumerate(words):
            tokens = analyzers()[FOLDING].analyze(word)
            if len(tokens) != 1 or len(tokens[0]) < 4 or word in OPERATORS or any(
                    searcher.doc_freq(field, tokens[0]) for field in SPELLING_FIELDS):
                continue
            found = self._closest(searcher, tokens[0])
            if found:
                words[position], changed = found, True
        return " ".join(words) if changed else None

    def _closest(self, searcher: tantivy.Searcher, word: str) -> str | None:
        """The closest name or title word with the same first letter, among live documents only (the
        term dictionary keeps the words of deleted documents until a merge)."""
        most = 1 if len(word) < 6 else 2
        fuzzy = _any([Query.fuzzy_term_query(self.schema, field, word, distance=most) for field in SPELLING_FIELDS])
        found = searcher.search(fuzzy, limit=SUGGESTION_CANDIDATES, count=False).hits
        candidates = {candidate for _score, address in found
                      for candidate in analyzers()[FOLDING].analyze(_shown(searcher.doc(address))["spelling"])
                      if candidate[:1] == word[:1] and candidate != word}
        ranked = sorted((distance, candidate) for candidate in candidates
                        if (distance := edit_distance(word, candidate)) <= most)
        return ranked[0][1] if ranked else None

    def _finds(self, searcher: tantivy.Searcher, text: str, query: SearchQuery) -> bool:
        compiled = self.compile(text)
        if compiled is None:
            return False
        shown = _with_filters(self.schema, compiled.query, query.filters)
        if query.kind:
            shown = _and(shown, _kind(self.schema, query.kind))
        return bool(searcher.search(shown, limit=1, count=False).hits)


def _commit(writer: tantivy.IndexWriter, documents: Iterable[IndexDocument], deleted_keys: set[str]) -> None:
    """Delete, add and commit, or roll back; then let the writer go, which releases the directory's lock."""
    try:
        for key in deleted_keys:
            writer.delete_documents_by_term("key", key)
        for document in documents:
            writer.add_document(to_tantivy(document))
        writer.commit()
    except BaseException:
        writer.rollback()
        raise
    finally:
        writer.wait_merging_threads()


def _commit_stamp(directory: Path) -> bytes:
    """meta.json itself (a few kB): its inode and times can repeat between two quick commits."""
    try:
        return (directory / "meta.json").read_bytes()
    except OSError:
        return b""


def _without_stop_words(groups: list[list[pg_query.Term]]) -> list[list[pg_query.Term]]:
    """English stop words outside quotes ("the", "and") are dropped, as the other backends do; the index
    keeps them for phrases. A query of stop words only keeps them all."""
    kept = [[term for term in group if not _stop_word(term)] for group in groups]
    kept = [group for group in kept if group]
    return kept if any(not group[0].negated for group in kept) else groups


def _stop_word(term: pg_query.Term) -> bool:
    return len(term.words) == 1 and not term.prefix and not STOP_WORDS.analyze(term.words[0])


def _any(queries: list[Query | None]) -> Query | None:
    queries = [query for query in queries if query is not None]
    if len(queries) < 2:
        return queries[0] if queries else None
    return Query.boolean_query([(Occur.Should, query) for query in queries])


def _and(query: Query, condition: Query) -> Query:
    return Query.boolean_query([(Occur.Must, query), (Occur.Must, condition)])


def _filter(schema: tantivy.Schema, field: str, value: str) -> Query:
    return Query.const_score_query(Query.term_query(schema, field, value), 0.0)


def _kind(schema: tantivy.Schema, kind: str) -> Query:
    return _filter(schema, "kind", kind)


def _with_filters(schema: tantivy.Schema, query: Query, filters: dict[str, str]) -> Query:
    for facet, value in filters.items():
        if value and facet in FACETS:
            query = _and(query, _filter(schema, facet_field(facet), value))
    return query


def _buckets(aggregation: dict) -> dict[str, int]:
    return {bucket["key"]: bucket["doc_count"] for bucket in aggregation.get("buckets", ())}


def _ordered(counts: dict[str, int]) -> list[tuple[str, int]]:
    counts.pop("", None)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _shown(document: tantivy.Document) -> dict:
    return json.loads(bytes(document.get_first("shown")))


def _hit(key: str, shown: dict, snippet: str) -> Hit:
    published = shown.get("published") or 0
    return Hit(key=key, kind=shown["kind"], id=shown["id"], slug=shown["slug"], title=shown["title"],
               subtitle=shown["subtitle"], country=shown["country"], field=shown["field"],
               published_at=datetime.fromtimestamp(published, UTC) if published else None,
               language=shown["language"], snippet=snippet)


def _marked(snippet: tantivy.Snippet) -> str:
    """The fragment escaped, with <mark> around the matches (tantivy gives byte offsets)."""
    ranges = snippet.highlighted()
    if not ranges:
        return ""
    fragment, parts, last = snippet.fragment().encode(), [], 0
    for matched in ranges:
        parts += [escape(fragment[last:matched.start].decode()), Markup('<mark class="match">'),
                  escape(fragment[matched.start:matched.end].decode()), Markup("</mark>")]
        last = matched.end
    parts.append(escape(fragment[last:].decode()))
    return Markup("").join(parts)


def edit_distance(first: str, second: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(second) + 1))
    for row, letter in enumerate(first, 1):
        current = [row]
        for column, other in enumerate(second, 1):
            current.append(min(previous[column] + 1, current[column - 1] + 1,
                               previous[column - 1] + (letter != other)))
        previous = current
    return previous[-1]
