"""The PostgreSQL full-text backend: one search_documents row per approved item, written by the same
transaction that changes the item, so the index cannot drift from the content.

A search reads the matching rows once, through the GIN index on `vector` (never a scan that would read
every vector), for the type counts, the facets and the newest matches. Ranking with ts_rank reads vectors,
so only a pool is ranked: those newest matches and the newest matches in the head (name, title, tags,
summary), where the best-ranked documents are. The counts, facets and order are cached per process until
the next write anywhere (search_generation changes in the writing transaction).
"""
from __future__ import annotations

import html
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import (
    String,
    Text,
    bindparam,
    cast,
    delete,
    func,
    literal,
    literal_column,
    select,
    text,
    true,
    tuple_,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY, TSVECTOR, insert
from sqlalchemy.engine import Connection, Engine

from kd.core.text import fold
from kd.search import pg_query
from kd.search.backend import MAX_QUERY_LENGTH, Hit, IndexDocument, Results, SearchQuery, StoredVersion
from kd.search.documents import timestamp
from kd.search.models import SearchDocument as Row
from kd.search.models import SearchGeneration as Generation

TextLoader = Callable[[list[str]], dict[str, str]]
OPERATORS = {"AND", "OR", "NOT"}
FACET_SETS = {3: "country", 5: "field", 6: "municipality"}  # GROUPING(country, field, municipality)
ALL_KINDS = 7
POOL_SIZE = 300
HEAD_SCAN = 3000
CACHE_SIZE = 256
WORK_MEM = "32MB"
HEADLINE_OPTIONS = ('StartSel=\'<mark class="match">\', StopSel=</mark>, MaxFragments=2, MaxWords=24, '
                    'MinWords=10, FragmentDelimiter=" … "')
HEADLINE_TEXT_LIMIT = 20_000
BODY_LIMIT = 200_000
SUGGESTION_CANDIDATES = 50
Tags = ARRAY(String(80))
MULTI_VALUED_COLUMNS = {"tag": Row.tags, "help": Row.help_kinds}
HIT_COLUMNS = (Row.key, Row.kind, Row.row_id, Row.slug, Row.title, Row.subtitle, Row.country, Row.field,
               Row.published_at, Row.language)


def _weighted(parameter: str, weight: str):
    return func.setweight(func.to_tsvector(pg_query.CONFIG, bindparam(parameter, type_=Text)),
                          literal_column(f"'{weight}'"))


def _head_vector():
    markers = cast(bindparam("markers", type_=Text), TSVECTOR)
    return func.tsvector_concat(func.tsvector_concat(func.tsvector_concat(
        _weighted("name", "A"), markers), _weighted("title_and_tags", "B")), _weighted("summary", "C"))


def _upsert_statement():
    columns = ("key", "kind", "row_id", "slug", "title", "subtitle", "country", "field", "municipality", "tags",
               "help_kinds", "language", "published_at", "updated_at", "spelling")
    values = {name: bindparam(name, type_=Row.__table__.c[name].type) for name in columns}
    statement = insert(Row).values(**values, head=_head_vector(),
                                   vector=func.tsvector_concat(_head_vector(), _weighted("body", "D")))
    return statement.on_conflict_do_update(
        index_elements=[Row.key], set_={name: statement.excluded[name] for name in (*columns, "head", "vector")})


UPSERT = _upsert_statement()
NEW_GENERATION = insert(Generation).values(id=1, token=cast(func.gen_random_uuid(), String)).on_conflict_do_update(
    index_elements=[Generation.id], set_={"token": cast(func.gen_random_uuid(), String)})


class PostgresBackend:
    writes_in_transaction = True

    def __init__(self, engine: Engine, text_loader: TextLoader, pool_size: int = POOL_SIZE,
                 cache_size: int = CACHE_SIZE):
        self.engine = engine
        self.text_loader = text_loader
        self.pool_size = pool_size
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple, Summary] = OrderedDict()
        self._lock = threading.Lock()

    # --- writing -------------------------------------------------------------------------------

    def write_in(self, connection: Connection, documents: Iterable[IndexDocument],
                 deleted_keys: Iterable[str]) -> None:
        """Apply the changes inside the caller's transaction."""
        documents = list(documents)
        gone = set(deleted_keys) - {document.key for document in documents}
        if gone:
            connection.execute(delete(Row).where(Row.key.in_(gone)))
        if documents:
            connection.execute(UPSERT, [_parameters(document) for document in documents])
        if gone or documents:
            connection.execute(NEW_GENERATION)

    def write(self, documents: Iterable[IndexDocument], deleted_keys: Iterable[str]) -> None:
        with self.engine.begin() as connection:
            self.write_in(connection, documents, deleted_keys)

    def replace_range(self, connection: Connection, table: str, after_id: int, last_id: int | None,
                      documents: list[IndexDocument]) -> None:
        """Make the rows of a table with after_id < row_id <= last_id exactly these documents."""
        in_range = [_of_table(table), Row.row_id > after_id, Row.key.not_in([doc.key for doc in documents])]
        if last_id is not None:
            in_range.append(Row.row_id <= last_id)
        connection.execute(delete(Row).where(*in_range))
        connection.execute(NEW_GENERATION)
        self.write_in(connection, documents, ())

    def is_rebuilding(self) -> bool:
        return False

    # --- reading -------------------------------------------------------------------------------

    def stored_versions(self) -> Iterator[StoredVersion]:
        with self.engine.connect() as connection:
            for key, updated_at in connection.execute(select(Row.key, Row.updated_at)):
                yield StoredVersion(key, timestamp(updated_at))

    def built_for_another_source(self) -> bool:
        return False  # the rows live in the database they index

    def document_count(self) -> int:
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(Row))

    def status(self) -> str:
        try:
            with self.engine.connect() as connection:
                connection.execute(select(func.to_tsvector(pg_query.CONFIG, "ok"), Row.key).limit(1))
        except Exception as error:  # noqa: BLE001 - reported, not raised
            return f"error: {type(error).__name__} (run flask kd migrate)"
        return "ok"

    def search(self, query: SearchQuery) -> Results:
        words = query.text.strip()
        with self.engine.connect() as connection:
            tsquery = _normalised(connection, query.text) if words else None
            if words and not tsquery:
                return Results(hits=[], total=0, kind_counts={}, facets={})
            summary = self._summary(connection, tsquery, query)
            first = (query.page - 1) * query.per_page
            keys = summary.ordered[first:first + query.per_page]
            hits = self._hits(connection, keys, tsquery if query.highlight else None)
            suggestion = _suggestion(connection, query.text) if words and not summary.total(query.kind) else None
            if suggestion and not self._finds(connection, suggestion, query):
                suggestion = None
        return Results(hits=hits, total=summary.total(query.kind), kind_counts=summary.kind_counts,
                       facets=summary.facets, suggestion=suggestion)

    def _finds(self, connection: Connection, text: str, query: SearchQuery) -> bool:
        """A suggestion is offered only if it has live hits of its own."""
        tsquery = _normalised(connection, text)
        return bool(tsquery) and bool(self._summary(connection, tsquery, query).total(query.kind))

    def _summary(self, connection: Connection, tsquery: str | None, query: SearchQuery) -> Summary:
        """Counts, facets and the order of the first results; cached until the next write (any process)."""
        depth = max(self.pool_size, query.page * query.per_page)
        generation = connection.scalar(select(Generation.token).where(Generation.id == 1))
        key = (generation, tsquery, tuple(sorted(query.filters.items())), query.kind, query.sort, depth)
        with self._lock:
            cached = self._cache.get(key) if generation else None
        if cached is None:
            cached = _summarise(connection, tsquery, query, depth)
            if generation:
                self._remember(key, cached)
        return cached

    def forget(self) -> None:
        """Drop the cached summaries (benchmarks measure cold searches with it)."""
        with self._lock:
            self._cache.clear()

    def _remember(self, key: tuple, summary: Summary) -> None:
        with self._lock:
            self._cache[key] = summary
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def _hits(self, connection: Connection, keys: list[str], tsquery: str | None) -> list[Hit]:
        if not keys:
            return []
        rows = {row.key: row for row in connection.execute(select(*HIT_COLUMNS).where(Row.key.in_(keys)))}
        snippets = self._snippets(connection, keys, tsquery) if tsquery else {}
        return [_hit(rows[key], snippets.get(key, "")) for key in keys if key in rows]

    def _snippets(self, connection: Connection, keys: list[str], tsquery: str) -> dict[str, str]:
        """Highlighted excerpts for the hits shown: the text is escaped first, so only our <mark> is markup."""
        texts = self.text_loader(keys)
        keys = [key for key in keys if texts.get(key)]
        if not keys:
            return {}
        escaped = [html.escape(texts[key][:HEADLINE_TEXT_LIMIT], quote=False) for key in keys]
        rows = connection.execute(text(
            "SELECT item.key, ts_headline(:config, item.body, CAST(:query AS tsquery), :options) "
            "FROM unnest(CAST(:keys AS text[]), CAST(:texts AS text[])) AS item(key, body)"),
            {"config": pg_query.TEXT_SEARCH_CONFIG, "query": tsquery, "options": HEADLINE_OPTIONS,
             "keys": keys, "texts": escaped})
        return {key: Markup(headline) for key, headline in rows if "<mark" in headline}


@dataclass(frozen=True)
class Summary:
    kind_counts: dict[str, int]
    facets: dict[str, list[tuple[str, int]]]
    ordered: list[str]

    def total(self, kind: str) -> int:
        return self.kind_counts.get(kind, 0) if kind else sum(self.kind_counts.values())


def _summarise(connection: Connection, tsquery: str | None, query: SearchQuery, depth: int) -> Summary:
    if tsquery:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")  # never read every vector
    connection.exec_driver_sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
    where = _conditions(tsquery, query.filters)
    grouped, tagged, helping, newest = connection.execute(_one_pass(where, query.kind, depth)).one()
    summary = Summary(*_facets(grouped or [], {"tag": tagged or [], "help": helping or []}, query.kind),
                      ordered=newest or [])
    if tsquery and query.sort == "relevance":
        everything = summary.total(query.kind) <= depth
        ordered = _ranked(connection, tsquery, query, summary.ordered, depth, everything)
        summary = Summary(summary.kind_counts, summary.facets, ordered)
    return summary


def _one_pass(where: list, kind: str, depth: int):
    """Type counts, facets and the newest `depth` keys, from one scan of the matching rows."""
    matches = (select(Row.key, Row.kind, Row.country, Row.field, Row.municipality, Row.tags, Row.help_kinds,
                      Row.published_at).where(*where).cte("matches").prefix_with("MATERIALIZED"))
    shown = [matches.c.kind == kind] if kind else []
    sets = func.grouping(matches.c.country, matches.c.field, matches.c.municipality)
    grouped = (select(matches.c.kind, matches.c.country, matches.c.field, matches.c.municipality,
                      sets.label("sets"), func.count().label("n"))
               .group_by(func.grouping_sets(*(tuple_(matches.c.kind, *columns) for columns in (
                   (), (matches.c.country,), (matches.c.field,), (matches.c.municipality,)))))
               .subquery("grouped"))
    tagged, helping = (_value_counts(matches.c[column], shown, name) for column, name in (
        ("tags", "tagged"), ("help_kinds", "helping")))
    order = (matches.c.published_at.desc().nulls_last(), matches.c.key.desc())
    newest = select(matches.c.key).where(*shown).order_by(*order).limit(depth).subquery("newest")
    return select(select(func.json_agg(grouped.table_valued())).scalar_subquery(),
                  select(func.json_agg(tagged.table_valued())).scalar_subquery(),
                  select(func.json_agg(helping.table_valued())).scalar_subquery(),
                  select(func.array_agg(newest.c.key)).scalar_subquery())


def _value_counts(column, shown: list, name: str):
    """(value, n) per value of a multi-valued column over the shown matches."""
    each = select(func.unnest(type_coerce(column, Tags)).label("value")).where(*shown).subquery()
    return select(each.c.value, func.count().label("n")).group_by(each.c.value).subquery(name)


def _facets(grouped: list[dict], multi_valued: dict[str, list[dict]], kind: str) -> tuple[dict[str, int], dict]:
    kind_counts, counts = {}, {facet: Counter() for facet in FACET_SETS.values()}
    for row in grouped:
        if row["sets"] == ALL_KINDS:
            kind_counts[row["kind"]] = row["n"]
        elif not kind or row["kind"] == kind:
            facet = FACET_SETS[row["sets"]]
            counts[facet][row[facet]] += row["n"]
    for facet, rows in multi_valued.items():
        counts[facet] = Counter({row["value"]: row["n"] for row in rows})
    return kind_counts, {facet: _ordered(counter) for facet, counter in counts.items()}


def _ranked(connection: Connection, tsquery: str, query: SearchQuery, newest: list[str], depth: int,
            everything: bool) -> list[str]:
    """ts_rank over the newest matches and the newest matches in the head (name, title, tags, summary),
    not over every match: on a common word that is a few hundred vectors read instead of many thousands.
    (When the newest matches are all the matches, they are the only candidates.)"""
    candidates = set(newest) if everything else set(newest) | set(connection.scalars(_strong(tsquery, query, depth)))
    rank = func.ts_rank(Row.vector, _ts(tsquery))
    return list(connection.scalars(select(Row.key).where(Row.key.in_(candidates))
                                   .order_by(rank.desc(), *NEWEST).limit(depth)))


def _strong(tsquery: str, query: SearchQuery, depth: int):
    """The newest head matches among the first HEAD_SCAN found: when there are more, the newest matches
    hold plenty of head matches already, and the scan stays short."""
    where = [Row.head.op("@@")(_ts(tsquery)), *_conditions(None, query.filters)]
    where += [Row.kind == query.kind] if query.kind else []
    if "!" in tsquery:  # a word excluded from the head may still be in the body
        where.append(Row.vector.op("@@")(_ts(tsquery)))
    found = select(Row.key, Row.published_at).where(*where).limit(HEAD_SCAN).subquery()
    return select(found.c.key).order_by(found.c.published_at.desc().nulls_last(), found.c.key.desc()).limit(depth)


NEWEST = (Row.published_at.desc().nulls_last(), Row.key.desc())


def _ts(tsquery: str):
    return cast(literal(tsquery, Text), TSQUERY)


def _normalised(connection: Connection, text_: str) -> str:
    """The query as a normalised tsquery literal ('' when no word is left, e.g. only stop words)."""
    expression = pg_query.tsquery(pg_query.parse(text_))
    return connection.scalar(select(cast(expression, Text))) if expression is not None else ""


def _conditions(tsquery: str | None, filters: dict[str, str]) -> list:
    where = [Row.vector.op("@@")(_ts(tsquery))] if tsquery else []
    for facet, value in filters.items():
        if facet in MULTI_VALUED_COLUMNS:
            where.append(type_coerce(MULTI_VALUED_COLUMNS[facet], Tags).contains([value]))
        elif value:
            where.append(getattr(Row, facet) == value)
    return where


def _ordered(counter: Counter) -> list[tuple[str, int]]:
    counter.pop("", None)
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _suggestion(connection: Connection, text_: str) -> str | None:
    words, changed = pg_query.WORD.findall(text_[:MAX_QUERY_LENGTH]), False
    for position, word in enumerate(words):
        folded = fold(word)
        if len(folded) < 4 or word in OPERATORS or _known(connection, folded):
            continue
        found = _closest(connection, folded)
        if found:
            words[position], changed = found, True
    return " ".join(words) if changed else None


def _known(connection: Connection, word: str) -> bool:
    return connection.scalar(select(Row.key).where(Row.spelling.regexp_match(rf"\m{word}\M")).limit(1)) is not None


def _closest(connection: Connection, word: str) -> str | None:
    """The most similar name or title word with the same first letter (pg_trgm, through the GIN index)."""
    similar = (select(Row.spelling).where(literal(word).op("<<%")(Row.spelling))
               .limit(SUGGESTION_CANDIDATES).subquery())
    words = func.regexp_split_to_table(similar.c.spelling, " ").table_valued("word").render_derived()
    candidate = words.c.word
    statement = (select(candidate).select_from(similar).join(words, true())
                 .where(candidate.startswith(word[0]), candidate != word)
                 .order_by(func.similarity(candidate, word).desc(), candidate).limit(1))
    found = connection.scalar(statement)
    return found if found and connection.scalar(select(func.similarity(found, word))) >= 0.4 else None


def _of_table(table: str):
    return Row.kind == "story" if table == "stories" else Row.kind != "story"


def _parameters(doc: IndexDocument) -> dict:
    title, subtitle = (doc.title, doc.summary) if doc.kind == "story" else (doc.name, doc.title)
    return {
        "key": doc.key, "kind": doc.kind, "row_id": doc.id, "slug": doc.slug, "title": title[:240],
        "subtitle": subtitle[:240],
        "country": doc.country, "field": doc.field, "municipality": doc.municipality, "tags": list(doc.tag_slugs),
        "help_kinds": list(doc.help_kinds),
        "language": doc.language, "published_at": doc.published_at, "updated_at": doc.updated_at,
        "spelling": " ".join(fold(word) for word in pg_query.WORD.findall(f"{doc.name} {doc.title}")),
        "name": doc.name, "markers": pg_query.name_markers(doc.name),
        "title_and_tags": " ".join((doc.title, *doc.tag_names)), "summary": doc.summary, "body": doc.body[:BODY_LIMIT],
    }


def _hit(row, snippet: str) -> Hit:
    return Hit(key=row.key, kind=row.kind, id=row.row_id, slug=row.slug, title=row.title, subtitle=row.subtitle,
               country=row.country, field=row.field, published_at=row.published_at, language=row.language,
               snippet=snippet)
