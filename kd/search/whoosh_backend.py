"""The Whoosh search backend.

On disk: generations of the index (kd.search.generations), so a failed or killed rebuild leaves the old
index serving.
Writes take Whoosh's file lock with a timeout (several gunicorn workers share the index); readers keep
one searcher per process and refresh it when the index generation or the live directory changes.
"""
from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from markupsafe import Markup
from whoosh import highlight, index
from whoosh.analysis import STOP_WORDS
from whoosh.index import LockError
from whoosh.qparser import AndGroup, FieldsPlugin, MultifieldParser
from whoosh.query import And, Every, NullQuery, Or, Prefix, Term
from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher

from kd.core.text import fold
from kd.search.backend import MAX_QUERY_LENGTH, Hit, IndexBusy, IndexDocument, Results, SearchQuery, StoredVersion
from kd.search.documents import timestamp
from kd.search.generations import Generations, OnDisk
from kd.search.passages import passages_with
from kd.search.synonyms import single_word_groups
from kd.search.weights import FIELD_BOOSTS, SEARCHED_FIELDS, SPELLING_FIELDS
from kd.search.whoosh_ranking import MULTI_VALUED_COLUMNS, Ranking, rank
from kd.search.whoosh_schema import SCHEMA_VERSION, make_schema

log = logging.getLogger(__name__)

RANKING_CACHE_SIZE = 256
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
TextLoader = Callable[[list[str]], dict[str, str]]


class WhooshBackend(OnDisk):
    writes_in_transaction = False

    def __init__(self, root: str, text_loader: TextLoader, lock_timeout: float = 2.0,
                 refresh_interval: float = 0.2, rebuild_procs: int = 1, rebuild_memory_mb: int = 256,
                 source: str = ""):
        self.text_loader = text_loader
        self.lock_timeout = lock_timeout
        self.refresh_interval = refresh_interval
        self.rebuild_procs, self.rebuild_memory_mb = rebuild_procs, rebuild_memory_mb
        self.schema = make_schema()
        self.generations = Generations(root, source, str(SCHEMA_VERSION),
                                       lambda directory: index.create_in(str(directory), self.schema))
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._live_dir: Path | None = None
        self._checked_at = 0.0
        self._segment_readers: dict[str, SegmentReader] = {}
        self._segment_columns: dict[tuple[str, str], list] = {}
        self._columns: dict[str, list] = {}
        self._rankings: OrderedDict[tuple, Ranking] = OrderedDict()
        self._synonyms = _synonym_map(self.schema)

    def _open_index(self) -> index.Index:
        return index.open_dir(str(self.live_directory()), schema=self.schema)

    # --- writing -------------------------------------------------------------------------------

    def write(self, documents: Iterable[IndexDocument], deleted_keys: Iterable[str]) -> None:
        documents, deleted_keys = list(documents), set(deleted_keys)
        if not documents and not deleted_keys:
            return
        writer = self._writer(self._open_index())
        try:
            self._apply_batch(writer, documents, deleted_keys)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._checked_at = 0.0

    def _writer(self, ix: index.Index):
        try:
            return ix.writer(timeout=self.lock_timeout, delay=0.02)
        except LockError as error:
            raise IndexBusy(f"index locked for more than {self.lock_timeout}s") from error

    def _apply_batch(self, writer, documents: list[IndexDocument], deleted_keys: set[str]) -> None:
        """Delete old copies by document number through this process's refreshed searcher: deleting by
        term would open fresh readers over every segment (~300 ms on a big index)."""
        keys = deleted_keys | {doc.key for doc in documents}
        with self._lock:
            self._checked_at = 0.0
            searcher = self._current_searcher()
            if searcher.reader().generation() != writer.generation - 1:
                for key in keys:  # our view is not the writer's: let Whoosh find the copies
                    writer.delete_by_term("key", key)
            else:  # under the write lock, so no other process can add a copy meanwhile
                for docnum in filter(lambda n: n is not None, (searcher.document_number(key=k) for k in keys)):
                    writer.delete_document(docnum)
        for document in documents:
            writer.add_document(**self._fields(document))

    @staticmethod
    def _fields(doc: IndexDocument) -> dict:
        return {
            "key": doc.key, "kind": doc.kind, "db_id": doc.id, "slug": doc.slug,
            "display_title": doc.name if doc.kind != "story" else doc.title,
            "subtitle": (doc.title if doc.kind != "story" else doc.summary)[:240],
            "language": doc.language, "updated": timestamp(doc.updated_at),
            "name": doc.name, "title": doc.title, "summary": doc.summary, "body": doc.body,
            "tags": ", ".join(doc.tag_names), "tag": ",".join(doc.tag_slugs),
            "tag_column": ",".join(doc.tag_slugs).encode(), "help": ",".join(doc.help_kinds),
            "help_column": ",".join(doc.help_kinds).encode(), "country": doc.country, "field": doc.field,
            "municipality": doc.municipality, "published": int(timestamp(doc.published_at)),
        }

    # --- rebuilding ----------------------------------------------------------------------------

    def rebuild(self, documents: Iterator[IndexDocument]) -> None:
        with self.generations.rebuilding() as directory:
            self._fill(directory, documents)
        self._checked_at = 0.0

    def _fill(self, directory: Path, documents: Iterator[IndexDocument]) -> None:
        ix = index.create_in(str(directory), self.schema)
        options = {"procs": self.rebuild_procs, "multisegment": True} if self.rebuild_procs > 1 else {}
        writer = ix.writer(limitmb=self.rebuild_memory_mb, **options)
        try:
            for document in documents:
                writer.add_document(**self._fields(document))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise

    # --- reading -------------------------------------------------------------------------------

    def stored_versions(self) -> Iterator[StoredVersion]:
        with self._lock:
            searcher = self._current_searcher()
            for fields in searcher.all_stored_fields():
                yield StoredVersion(fields["key"], fields["updated"])

    def document_count(self) -> int:
        with self._lock:
            return self._current_searcher().doc_count()

    def search(self, query: SearchQuery) -> Results:
        with self._lock:
            searcher = self._current_searcher()
            base = _with_filters(self.parse(query.text), query.filters)
            ranking = self._ranking(searcher, base, query)
            counts = ranking.kind_counts
            total = counts.get(query.kind, 0) if query.kind else sum(counts.values())
            hits = self._page_hits(searcher, base, ranking, query)
            suggestion = self._suggestion(searcher, query.text) if not total and query.text.strip() else None
            if suggestion and not self._finds(searcher, suggestion, query):
                suggestion = None
            return Results(hits=hits, total=total, kind_counts=counts, facets=ranking.facets, suggestion=suggestion)

    def _finds(self, searcher: Searcher, text: str, query: SearchQuery) -> bool:
        """A suggestion is offered only if it has live hits: deleted documents keep their words until a merge."""
        counts = self._ranking(searcher, _with_filters(self.parse(text), query.filters), query).kind_counts
        return bool(counts.get(query.kind, 0) if query.kind else sum(counts.values()))

    def _current_searcher(self) -> Searcher:
        now = time.monotonic()
        if self._searcher is None or now - self._checked_at > self.refresh_interval:
            self._checked_at = now
            live = self.live_directory()
            if live != self._live_dir or self._searcher is None:
                self._open_searcher(live)
            elif not self._searcher.up_to_date():
                self._searcher = self._fresh_searcher(self._searcher._ix)
        return self._searcher

    def _open_searcher(self, live: Path) -> None:
        for reader in self._segment_readers.values():
            reader.close()
        self._segment_readers.clear()
        self._segment_columns.clear()
        self._searcher = self._fresh_searcher(index.open_dir(str(live), schema=self.schema))
        self._live_dir = live

    def _fresh_searcher(self, ix: index.Index) -> Searcher:
        """A searcher on the latest generation that reopens only new or changed segments.

        (Searcher.refresh() in whoosh-reloaded 2.7.5 keeps merged-away segments and the old deletions
        of reused ones, so it shows duplicates; hence this.)"""
        toc = ix._read_toc()
        readers = [self._segment_reader(ix, segment, toc.generation) for segment in toc.segments]
        live_ids = {segment.segment_id() for segment in toc.segments}
        for segment_id in set(self._segment_readers) - live_ids:
            self._segment_readers.pop(segment_id).close()
        for key in [key for key in self._segment_columns if key[0] not in live_ids]:
            del self._segment_columns[key]
        self._forget_derived()
        if not readers:
            return Searcher(EmptyReader(self.schema), fromindex=ix)
        return Searcher(MultiReader(readers, generation=toc.generation), fromindex=ix, closereader=False)

    def _segment_reader(self, ix: index.Index, segment, generation: int) -> SegmentReader:
        cached = self._segment_readers.get(segment.segment_id())
        if cached is None or cached.segment().deleted_count() != segment.deleted_count():
            if cached is not None:
                cached.close()
            cached = SegmentReader(ix.storage, self.schema, segment, generation=generation)
            self._segment_readers[segment.segment_id()] = cached
        return cached

    def _forget_derived(self) -> None:
        self._columns.clear()
        self._rankings.clear()

    # --- queries -------------------------------------------------------------------------------

    def parse(self, text: str):
        """A forgiving parse: long input is cut, syntax errors fall back to plain words."""
        text = _without_stop_words(" ".join(text.split())[:MAX_QUERY_LENGTH].lstrip("*?"))
        if not text:
            return Every()
        parser = MultifieldParser(SEARCHED_FIELDS, self.schema, fieldboosts=FIELD_BOOSTS, group=AndGroup)
        parser.remove_plugin_class(FieldsPlugin)
        try:
            parsed = parser.parse(text)
        except Exception:  # noqa: BLE001 — whoosh raises assorted errors on odd syntax
            parsed = parser.parse(" ".join(_plain_words(text)).lower())  # lower case: no AND/OR/NOT operators
        return self._expand(parsed) if parsed is not None else NullQuery

    def _expand(self, query):
        """Place-name synonyms become OR groups; a name word also matches as a prefix ('cel' → 'Çeliku')."""
        if isinstance(query, Term):
            group = self._synonyms.get(query.fieldname, {}).get(query.text)
            if group:
                return Or([Term(query.fieldname, text, boost=query.boost) for text in group])
            if query.fieldname == "name" and len(query.text) >= 3:
                return Or([query, Prefix("name", query.text, boost=query.boost * 0.5)])
            return query
        return query if query.is_leaf() else query.apply(self._expand)

    def _ranking(self, searcher: Searcher, base, query: SearchQuery) -> Ranking:
        """Counts, facets and order of base's matches, kept per index generation (see whoosh_ranking)."""
        newest = query.sort == "newest" or query.text == ""
        key, positions = (repr(base), query.kind, newest), query.page * query.per_page
        ranking = self._rankings.get(key)
        if ranking is None or not ranking.covers(positions):
            ranking = rank(searcher, base, query.kind, newest, lambda name: self._column(searcher, name), positions)
            self._rankings[key] = ranking
            while len(self._rankings) > RANKING_CACHE_SIZE:
                self._rankings.popitem(last=False)
        self._rankings.move_to_end(key)
        return ranking

    def _column(self, searcher: Searcher, name: str) -> list:
        """One field's value for every document number, built per segment and kept while it lives."""
        if name not in self._columns:
            values: list = []
            for leaf, _offset in searcher.reader().leaf_readers():
                values.extend(self._segment_column(leaf, name))
            self._columns[name] = values
        return self._columns[name]

    def _segment_column(self, leaf, name: str) -> list:
        if leaf.segment() is None:  # an empty index
            return []
        key = (leaf.segment().segment_id(), name)
        if key not in self._segment_columns:
            reader = leaf.column_reader(name, translate=False)
            values = [_text(value) for value in reader]
            if name in MULTI_VALUED_COLUMNS:  # split once per segment, not once per query and match
                values = [tuple(slug for slug in value.split(",") if slug) for value in values]
            self._segment_columns[key] = values
        return self._segment_columns[key]

    def _page_hits(self, searcher: Searcher, base, ranking: Ranking, query: SearchQuery) -> list[Hit]:
        start = (query.page - 1) * query.per_page
        stored = [searcher.stored_fields(docnum) for docnum in ranking.order[start:start + query.per_page]]
        if not (stored and query.highlight and query.text.strip()):
            return [self._hit(fields, "") for fields in stored]
        texts = self.text_loader([fields["key"] for fields in stored])
        words = _plain_words(fold(query.text[:MAX_QUERY_LENGTH]))
        terms = _terms_in(searcher, base, "body")
        analyzer = self.schema["body"].analyzer
        return [self._hit(fields, _snippet(passages_with(texts.get(fields["key"], ""), words), terms, analyzer))
                for fields in stored]

    def _hit(self, hit: dict, snippet: str) -> Hit:
        published = hit.get("published") or 0
        return Hit(key=hit["key"], kind=hit["kind"], id=hit["db_id"], slug=hit["slug"], title=hit["display_title"],
                   subtitle=hit["subtitle"], country=hit.get("country", ""), field=hit.get("field", ""),
                   published_at=datetime.fromtimestamp(published, UTC) if published else None,
                   language=hit["language"], snippet=snippet)

    def _suggestion(self, searcher: Searcher, text: str) -> str | None:
        words, changed = _plain_words(text[:MAX_QUERY_LENGTH]), False
        for position, word in enumerate(words):
            folded = _fold_word(self.schema, word)
            if len(folded) < 4 or word in OPERATORS or any(
                    searcher.reader().frequency(field, folded) for field in SPELLING_FIELDS):
                continue
            for field in SPELLING_FIELDS:
                found = searcher.corrector(field).suggest(folded, limit=1, maxdist=1 if len(folded) < 6 else 2,
                                                         prefix=1)
                if found:
                    words[position], changed = found[0], True
                    break
        return " ".join(words) if changed else None


QUOTED = re.compile(r'("[^"]*")')


def _without_stop_words(text: str) -> str:
    """English stop words outside quotes ("the", "and") are dropped, as PostgreSQL's english configuration
    does: the index keeps them, so a query word "the" would otherwise have to appear in every result."""
    parts = [part if part.startswith('"') else " ".join(
        word for word in part.split() if word in OPERATORS or word.lower() not in STOP_WORDS)
        for part in QUOTED.split(text)]
    kept = " ".join(part for part in parts if part.strip())
    return kept if _plain_words(kept) else text


def _with_filters(query, filters: dict[str, str]):
    terms = [Term(facet, value) for facet, value in filters.items() if value]
    return And([query, *terms]) if terms else query


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def _plain_words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _fold_word(schema, word: str) -> str:
    tokens = [token.text for token in schema["name"].analyzer(word)]
    return tokens[0] if tokens else ""


def _synonym_map(schema) -> dict[str, dict[str, list[str]]]:
    """field -> analysed word -> every analysed spelling of that place."""
    mapping: dict[str, dict[str, list[str]]] = {}
    for field in SEARCHED_FIELDS:
        analyzer = schema[field].analyzer
        for group in single_word_groups():
            forms = sorted({token.text for name in group for token in analyzer(name)})
            for form in forms:
                mapping.setdefault(field, {})[form] = forms
    return mapping


def _terms_in(searcher: Searcher, query, field: str) -> frozenset[str]:
    """The query's words as indexed in field (analysed, prefixes expanded): what the highlighter marks."""
    from_bytes = searcher.schema[field].from_bytes
    # fieldname= is needed, not only a filter: without it whoosh 2.7 skips every leaf after the first field
    terms = query.existing_terms(searcher.reader(), phrases=True, expand=True, fieldname=field)
    return frozenset(from_bytes(text) for name, text in terms if name == field)


def _snippet(text: str, terms: frozenset[str], analyzer) -> str:
    if not text or not terms:
        return ""
    fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
    formatter = highlight.HtmlFormatter(tagname="mark", between=" … ")
    return Markup(highlight.highlight(text, terms, analyzer, fragmenter, formatter, top=2) or "")
