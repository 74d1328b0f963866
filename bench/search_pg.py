"""`make bench-pg`: the PostgreSQL full-text backend on a synthetic corpus in its own database.

    python -m bench.search_pg                                   (100,000 profiles + 200,000 stories)
    python -m bench.search_pg --profiles 10000 --stories 20000
    python -m bench.search_pg --reuse                           (keep a corpus of the same size)

The database (--database, default kd_bench) is dropped and created next to --url's; only 127.0.0.1 by default.
Prints p50/p95 of the backend call (query, type counts, facets, page) per kind of query, and the same
common words ranked naively (ts_rank over every match) for comparison.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402
from bench.run import CONTENT_WORDS, ms, percentiles  # noqa: E402
from kd import create_app, db  # noqa: E402
from kd.content import changes  # noqa: E402
from kd.content.states import ModerationState  # noqa: E402
from kd.search import pg_query, service  # noqa: E402
from kd.search.backend import SearchQuery  # noqa: E402
from kd.stories.models import Story  # noqa: E402

STOP_WORDS = {"that", "this", "with", "from", "which", "their", "have"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="kd_bench")
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=60, help="queries per latency figure")
    parser.add_argument("--reuse", action="store_true", help="keep an existing corpus of the same size")
    return parser.parse_args()


def database_url(args) -> str:
    return make_url(args.url).set(database=args.database).render_as_string(hide_password=False)


def counts(url: str) -> tuple[int, int, int] | None:
    """Profiles, stories and search rows in the benchmark database, if it exists."""
    try:
        with create_engine(url).connect() as connection:
            return tuple(connection.execute(text("SELECT (SELECT count(*) FROM profiles), (SELECT count(*) FROM "
                                                 "stories), (SELECT count(*) FROM search_documents)")).one())
    except Exception:  # noqa: BLE001 - no database or no corpus yet
        return None


def recreate_database(args) -> None:
    admin = create_engine(args.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{args.database}"'))
    admin.dispose()


def seed(args) -> None:
    recreate_database(args)
    started = time.perf_counter()
    corpus.seed(db.make_engine(database_url(args)), args.profiles, args.stories)
    print(f"corpus: {args.profiles:,} profiles, {args.stories:,} stories (~300 words) inserted in "
          f"{time.perf_counter() - started:.0f} s")


def index(app, url: str) -> None:
    with app.app_context():
        started = time.perf_counter()
        total = service.rebuild()
        elapsed = time.perf_counter() - started
    with create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text("VACUUM ANALYZE search_documents"))
        size = connection.scalar(text("SELECT pg_total_relation_size('search_documents')"))
        heap = connection.scalar(text("SELECT pg_relation_size('search_documents')"))
    print(f"index: {total:,} search rows written in {elapsed:.0f} s ({total / elapsed:,.0f} rows/s); "
          f"{size / 1e6:.0f} MB with TOAST and indexes, {heap / 1e6:.0f} MB of it the table itself")


def words_by_frequency() -> list[str]:
    """Corpus words of four letters or more, most frequent first (the corpus draws them Zipf-like)."""
    return [word for word in corpus.VOCABULARY if len(word) > 3 and word.isalpha() and word not in STOP_WORDS]


def query_kinds(rng: random.Random) -> dict:
    """Common words are bench/run.py's (real words of the corpus, as in its single-term figure); the
    most frequent made-up words are in 70-100% of all documents, like stop words."""
    ranked = words_by_frequency()
    frequent, rare, middle = ranked[:20], ranked[5000:20000], ranked[100:3000]
    pick = rng.choice
    return {
        "common single term": lambda: SearchQuery(pick(CONTENT_WORDS), highlight=False),
        "rare single term": lambda: SearchQuery(pick(rare), highlight=False),
        "two terms": lambda: SearchQuery(f"{pick(middle)} {pick(middle)}", highlight=False),
        "phrase": lambda: SearchQuery(f'"{pick(CONTENT_WORDS)} {pick(CONTENT_WORDS)}"', highlight=False),
        "filtered (story, DE)": lambda: SearchQuery(pick(CONTENT_WORDS), kind="story", filters={"country": "DE"},
                                                    highlight=False),
        "common, newest first": lambda: SearchQuery(pick(CONTENT_WORDS), sort="newest", highlight=False),
        "common, highlighted": lambda: SearchQuery(pick(CONTENT_WORDS), highlight=True),
        "name prefix": lambda: SearchQuery(pick(corpus.LAST)[:4], highlight=False),
        "place synonym": lambda: SearchQuery(pick(("Pristina", "Peć", "Gjakove", "Prizren")), highlight=False),
        "in 70-100% of docs": lambda: SearchQuery(pick(frequent), highlight=False),
    }


def timed(queries: list[SearchQuery], before=None) -> tuple[list[float], list[int]]:
    samples, totals = [], []
    for query in queries:
        if before:
            before()
        started = time.perf_counter()
        totals.append(service.search(query).total)
        samples.append(time.perf_counter() - started)
    return samples, totals


def measure(app, count: int) -> None:
    """Cold: the summary cache emptied before every search; warm: the same searches, all cached."""
    rng = random.Random(7)
    with app.test_request_context():
        service.search(SearchQuery("warm"))
        for label, make in query_kinds(rng).items():
            queries = [make() for _ in range(count)]
            cold, totals = timed(queries, before=service.backend().forget)
            timed(queries)
            warm, _totals = timed(queries)
            print(f"search {label:<22} cold p50 {ms(percentiles(cold)[0])} p95 {ms(percentiles(cold)[1])}   "
                  f"warm p50 {ms(percentiles(warm)[0])} p95 {ms(percentiles(warm)[1])}   "
                  f"(matches: median {sorted(totals)[len(totals) // 2]:,}, max {max(totals):,})")
    print("       target: p95 ≤ 100 ms (backend call: query + type counts + facets + ranked page)")


def naive_ranking(args, count: int) -> None:
    """What ranking every match costs: ts_rank over the whole match set, top 20."""
    rng, common = random.Random(7), CONTENT_WORDS
    samples = []
    with create_engine(database_url(args)).connect() as connection:
        for _ in range(count):
            query = text("SELECT key FROM search_documents WHERE vector @@ to_tsquery('kd_search', :word) "
                         "ORDER BY ts_rank(vector, to_tsquery('kd_search', :word)) DESC LIMIT 20")
            started = time.perf_counter()
            connection.execute(query, {"word": pg_query.quote(rng.choice(common))}).all()
            samples.append(time.perf_counter() - started)
    p50, p95 = percentiles(samples)
    print(f"naive  ts_rank over every match   p50 {ms(p50)}   p95 {ms(p95)}   (ranking only, no counts)")


def approval(app) -> None:
    with app.app_context():
        with db.transaction():
            db.session.execute(text("SELECT setval(pg_get_serial_sequence('stories', 'id'), max(id)) FROM stories"))
        with db.transaction():
            story = Story(title="Zqxjvbench approval", slug=f"bench-{time.time_ns()}",
                          state=ModerationState.SUBMITTED, body="zqxjvbench " * 300)
            db.session.add(story)
        started = time.perf_counter()
        with db.transaction():
            story.state, story.published_at = ModerationState.APPROVED, db.utcnow()
            changes.changed(story)
        elapsed = time.perf_counter() - started
    with app.test_request_context():
        found = service.search(SearchQuery("zqxjvbench", highlight=False)).total
    print(f"approval: commit incl. the search row {ms(elapsed)}; searchable right after the commit: {found == 1}")


def main() -> None:
    args = parse_args()
    url = database_url(args)
    print(f"KD PostgreSQL search benchmark: {args.profiles:,} profiles + {args.stories:,} stories in {url}")
    found = counts(url) if args.reuse else None
    if not found or found[:2] != (args.profiles, args.stories):
        seed(args)
    app = bench_app(url)
    if not found or found[2] != args.profiles + args.stories:
        index(app, url)
    measure(app, args.queries)
    naive_ranking(args, args.queries)
    approval(app)


def bench_app(url: str):
    return create_app({"DATABASE_URL": url, "SEARCH_BACKEND": "postgres", "SECRET_KEY": "bench-" + "x" * 40,
                       "RATELIMIT_ENABLED": False, "INSTANCE_DIR": str(ROOT / "instance" / "bench-pg")})


if __name__ == "__main__":
    main()
