"""`make bench`: seed a synthetic corpus into its own database and index, then measure search and browse.

    python -m bench.run --profiles 10000 --stories 20000      (make bench)
    python -m bench.run --profiles 100000 --stories 200000    (make bench-full)

Everything lives under --workdir (default instance/bench/, git-ignored like all of instance/);
HTTP load goes only to 127.0.0.1, bounded by --seconds per page.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus, people  # noqa: E402
from kd import create_app, db  # noqa: E402
from kd.content import changes  # noqa: E402
from kd.content.states import ModerationState  # noqa: E402
from kd.migrate import upgrade  # noqa: E402
from kd.profiles.models import Profile, ProfileKind  # noqa: E402
from kd.search import service  # noqa: E402
from kd.search.backend import SearchQuery  # noqa: E402
from kd.stories.models import Story  # noqa: E402

CONTENT_WORDS = [word for word in corpus.WORDS[25:] if len(word) > 3]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--workdir", default=str(ROOT / "instance" / "bench"))
    parser.add_argument("--procs", type=int, default=2, help="processes for the index build")
    parser.add_argument("--memory-mb", type=int, default=1024, help="posting pool per index build process")
    parser.add_argument("--queries", type=int, default=40, help="queries per latency figure")
    parser.add_argument("--seconds", type=float, default=6.0, help="load time per page")
    parser.add_argument("--threads", type=int, default=16, help="concurrent HTTP connections (wrk -c)")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--reuse", action="store_true", help="keep an existing corpus of the same size")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15", help="Redis for the page-cache rows")
    parser.add_argument("--search-backends", default="whoosh,tantivy",
                        help="embedded search backends measured, comma separated (the first serves the pages)")
    return parser.parse_args()


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def environment(work: Path) -> dict[str, str]:
    return {"KD_DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}", "KD_SEARCH_INDEX_DIR": str(work / "index"),
            "KD_INSTANCE_DIR": str(work / "instance"), "KD_SECRET_KEY": "bench-secret-key-" + "x" * 40,
            "KD_RATELIMIT_ENABLED": "false"}


def prepare_corpus(args, work: Path) -> None:
    marker = work / f"corpus-{args.profiles}-{args.stories}"
    if args.reuse and marker.exists():
        upgrade(url=environment(work)["KD_DATABASE_URL"])  # a corpus seeded before the latest migration
        print(f"corpus: reusing {args.profiles:,} profiles and {args.stories:,} stories in {work}")
        return
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.perf_counter()
    corpus.seed(db.make_engine(environment(work)["KD_DATABASE_URL"]), args.profiles, args.stories)
    marker.touch()
    print(f"corpus: {args.profiles:,} profiles, {args.stories:,} stories (~300 words) seeded in "
          f"{time.perf_counter() - started:.1f} s")


def build_index(app, work: Path) -> None:
    name = app.config["SEARCH_BACKEND"]
    with app.app_context():
        started = time.perf_counter()
        total = service.rebuild()
        elapsed = time.perf_counter() - started
        live = service.backend().live_directory()
    size = sum(path.stat().st_size for path in live.iterdir())
    target = "≤ 60 s" if name == "tantivy" else "≤ 300 s"
    print(f"index build {name}: {total:,} documents in {elapsed:.1f} s ({total / elapsed:,.0f} docs/s), "
          f"{size / 1e6:.0f} MB on disk, {app.config['SEARCH_REBUILD_PROCS']} {UNITS[name]} × "
          f"{app.config['SEARCH_REBUILD_MEMORY_MB']} MB   [target {target} at full size]")


UNITS = {"whoosh": "processes", "tantivy": "threads"}
QUERY_TARGETS = {"tantivy": "   [target p95 ≤ 20 ms at full size]"}


def query_latencies(app, count: int) -> None:
    rng = random.Random(7)
    word = lambda: rng.choice(CONTENT_WORDS)  # noqa: E731
    kinds = {
        "single-term": lambda: SearchQuery(word(), highlight=False),
        "two-term": lambda: SearchQuery(f"{word()} {word()}", highlight=False),
        "phrase": lambda: SearchQuery(f'"{word()} {word()}"', highlight=False),
        "faceted": lambda: SearchQuery(word(), kind="story", filters={"country": "DE"}, highlight=False),
        "highlighted": lambda: SearchQuery(word(), highlight=True),
        "single, repeated": lambda: SearchQuery("festival", highlight=False),
    }
    name = app.config["SEARCH_BACKEND"]
    with app.test_request_context():
        service.search(SearchQuery("warm"))
        for label, make in kinds.items():
            samples = []
            for _ in range(count):
                query = make()
                started = time.perf_counter()
                service.search(query)
                samples.append(time.perf_counter() - started)
            p50, p95 = percentiles(samples)
            print(f"search {name:<7} {label:<17} p50 {ms(p50)}   p95 {ms(p95)}   (backend call: query + type counts"
                  f" + facets{' + snippets' if label == 'highlighted' else ''}){QUERY_TARGETS.get(name, '')}")


def approval_to_searchable(app, work: Path) -> None:
    other_worker = service.make_backend(app)
    other_worker.search(SearchQuery("warm", highlight=False))
    with app.app_context():
        with db.transaction():
            story = Story(title="Zqxjvbench approval", slug=f"bench-{time.time_ns()}",
                          state=ModerationState.SUBMITTED, body="zqxjvbench")
            db.session.add(story)
        started = time.perf_counter()
        with db.transaction():
            story.state, story.published_at = ModerationState.APPROVED, db.utcnow()
            changes.changed(story)
        request_time = time.perf_counter() - started
    while not other_worker.search(SearchQuery("zqxjvbench", highlight=False)).total:
        if time.perf_counter() - started > 30:
            break
        time.sleep(0.01)
    visible = time.perf_counter() - started
    print(f"approval {app.config['SEARCH_BACKEND']}: editor's commit {ms(request_time)} (the writer thread writes the "
          f"index); searchable in another process after {ms(visible)}   [target ≤ 2000 ms]")


def start_server(module: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    if _answers(port):  # a server left from another run would be measured instead, on another database
        raise SystemExit(f"port {port} is taken (a server left from an earlier run?): stop it or pass --port")
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
               module]
    log = open(Path(env["KD_INSTANCE_DIR"]).parent / f"gunicorn-{port}.log", "ab")  # noqa: SIM115 - the server's
    # The site's own address: the page cache serves only requests for it (make exports KD_SITE_URL for `make run`)
    address = {"KD_SITE_URL": f"http://127.0.0.1:{port}"}
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env, **address}, stdout=log, stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/static/favicon.svg")
            connection.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn {module} did not start on port {port}")


def _answers(port: int) -> bool:
    try:
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
        return True
    except OSError:
        return False


def stop(processes: list[subprocess.Popen]) -> None:
    for server in processes:
        server.terminate()
        server.wait(10)


WRK_SCRIPT = """
paths = {%s}
cookie = "%s"
if cookie ~= "" then wrk.headers["Cookie"] = cookie end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("KDRESULT %%d %%f %%d %%d %%d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50), latency:percentile(95), summary.errors.status + summary.errors.connect))
end
"""


def load(port: int, paths: list[str], seconds: float, threads: int,
         cookie: str = "") -> tuple[float, float, float, int]:
    """Requests per second, p50 and p95 latency, and the number of non-200 answers: measured with wrk
    (a C load generator that leaves the CPU to the servers) when it is installed, else Python threads.
    cookie: a logged-in session's Cookie header value."""
    if shutil.which("wrk"):
        return wrk_load(port, paths, seconds, threads, cookie)
    return thread_load(port, paths, seconds, threads, cookie)


def wrk_load(port: int, paths: list[str], seconds: float, connections: int,
             cookie: str = "") -> tuple[float, float, float, int]:
    script = Path(os.environ.get("TMPDIR", "/tmp")) / f"kd-bench-{port}.lua"
    script.write_text(WRK_SCRIPT % (", ".join(f'"{path}"' for path in paths), cookie))
    output = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "-s", str(script),
                             f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    requests, duration, p50, p95, failures = output.split("KDRESULT", 1)[1].split()
    return int(requests) / float(duration), int(p50) / 1e6, int(p95) / 1e6, int(failures)


def thread_load(port: int, paths: list[str], seconds: float, threads: int,
                cookie: str = "") -> tuple[float, float, float, int]:
    latencies: list[float] = []
    failures = [0]
    stop_at = time.perf_counter() + seconds
    lock = threading.Lock()

    def client(offset: int) -> None:
        number = offset
        while time.perf_counter() < stop_at and number < offset + 200_000:
            path = paths[number % len(paths)]
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            response.read()
            connection.close()
            with lock:
                latencies.append(time.perf_counter() - started)
                failures[0] += response.status != 200
            number += threads

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    p50, p95 = percentiles(latencies)
    return len(latencies) / (time.perf_counter() - started), p50, p95, failures[0]


def http_figures(args, work: Path, tag_slug: str) -> None:
    env = {**environment(work), "KD_SEARCH_BACKEND": backends(args)[0]}
    servers = {"default": args.port, "uncached": args.port + 1, "redis": args.port + 2, "bare": args.port + 3}
    processes = [start_server("bench.wsgi:app", servers["default"], env),
                 start_server("bench.wsgi:app", servers["uncached"], {**env, "KD_PAGE_CACHE_SECONDS": "0"}),
                 start_server("bench.wsgi:app", servers["redis"], {**env, **cached_environment(args)}),
                 start_server("bench.bare_app:app", servers["bare"], env)]
    others = {name: args.port + 4 + number for number, name in enumerate(backends(args)[1:])}
    for name, port in others.items():  # the other backends' search pages, uncached
        servers[name] = port
        processes.append(start_server("bench.wsgi:app", port, {**env, "KD_PAGE_CACHE_SECONDS": "0",
                                                               "KD_SEARCH_BACKEND": name}))
    search_paths = [f"/search?q={quote(word)}" for word in CONTENT_WORDS]
    tag_paths = [f"/tags/{tag_slug}", f"/tags/{tag_slug}?page=2", f"/tags/{tag_slug}?page=3"]
    rng = random.Random(3)
    story_paths = [f"/stories/s-{rng.randint(1, args.stories)}" for _ in range(500)]
    profile_paths = [f"/people/p-{rng.randint(1, args.profiles)}" for _ in range(500)]
    crawl_paths = [f"/stories/s-{number}" for number in rng.sample(range(1, args.stories + 1), min(args.stories, 5000))]
    review_paths = [f"/editor/review/story/{story_id}" for story_id in people.waiting_ids(db.make_engine(
        env["KD_DATABASE_URL"]), 200)]
    try:
        member, editor = (people.log_in(servers["default"], email) for email in (people.MEMBER, people.EDITOR))
    except BaseException:
        stop(processes)  # no server outlives a failed run
        raise
    rows = (("bare Flask page", "bare", ["/bare"], ""),
            ("home, uncached", "uncached", ["/"], ""), ("home, member", "default", ["/"], member),
            ("home, cached", "default", ["/"], ""),
            ("story, uncached", "uncached", story_paths, ""), ("story, member", "default", story_paths, member),
            ("story, cached", "default", story_paths[:100], ""),
            ("story crawl, cache on", "default", crawl_paths, ""),
            ("story crawl, uncached", "uncached", crawl_paths, ""),
            ("profile, uncached", "uncached", profile_paths, ""), ("profile, member", "default", profile_paths, member),
            ("profile, cached", "default", profile_paths[:100], ""),
            ("country page, uncached", "uncached", ["/diaspora/de", "/diaspora/de?page=2", "/diaspora/ch"], ""),
            ("tag page", "default", tag_paths, ""), ("tag page, uncached", "uncached", tag_paths, ""),
            ("tag page, member", "default", tag_paths, member), ("tag page, Redis", "redis", tag_paths, ""),
            ("search page", "default", search_paths, ""), ("search, uncached", "uncached", search_paths, ""),
            ("search, member", "default", search_paths, member), ("search, Redis", "redis", search_paths, ""),
            ("search, new queries", "default", distinct_searches(), ""),
            ("desk: queue (editor)", "default", ["/editor/queue", "/editor/queue?type=story", "/editor/"], editor),
            ("desk: review (editor)", "default", review_paths, editor),
            ("member: submissions", "default", ["/my/submissions"], member),
            ("member: story form", "default", ["/my/stories/new"], member),
            *((f"search, uncached, {name}", name, search_paths, "") for name in others),
            *((f"search, new q., {name}", name, distinct_searches(), "") for name in others))
    try:
        for server in ("default", "uncached", "redis", *others):
            warm_up(servers[server], tag_paths + search_paths)
        results = {}
        for name, server, paths, cookie in rows:
            wait_until_idle(processes)  # a request wrk gave up on may still be running
            results[name] = load(servers[server], paths, args.seconds, args.threads, cookie)
        decisions = _decisions(env, servers["default"], editor)
    finally:
        stop(processes)
    bare_rate = results["bare Flask page"][0]
    for name, (rate, p50, p95, failures) in results.items():
        print(f"http {name:<24} {rate:7.0f} req/s ({rate / bare_rate:4.0%} of bare)   p50 {ms(p50)}   p95 {ms(p95)}"
              f"{f'   {failures} non-200' if failures else ''}")
    for page, anonymous in MEMBER_PAIRS:
        slower = 1 - results[f"{page}, member"][0] / results[anonymous][0]
        print(f"member {page:<10} {slower:+5.0%} slower than {anonymous!r} (rate)   [target within 10%]")
    for name, samples in decisions.items():
        p50, p95 = percentiles(samples)
        print(f"desk {name:<22} p50 {ms(p50)}   p95 {ms(p95)}   ({len(samples)} POSTs one by one, "
              f"{people.WAITING} waiting)   [target p95 ≤ 50 ms]")
    client = "wrk, 1 thread" if shutil.which("wrk") else "Python threads"
    print("      targets: search page p95 ≤ 100 ms, p50 ≤ 30 ms; tag page p95 ≤ 30 ms and ≥ 60% of bare "
          f"(gunicorn -w 2 and {args.threads} connections from {client} share this machine's {os.cpu_count()} "
          "cores)\n"
          "      'tag page', 'search page': the embedded default, anonymous visitors served from each worker's page "
          f"cache, warmed by one pass over the {len(tag_paths)} tag pages and {len(search_paths)} one-word searches;\n"
          "      'uncached': KD_PAGE_CACHE_SECONDS=0, every page rendered (search counts, facets and order of a query "
          "already asked stay cached per index generation); 'Redis': the page cache in Redis (KD_REDIS_URL);\n"
          "      'new queries': two-word searches never asked before in this run (every cache misses);\n"
          "      'member': logged in (never cached); 'cached': 100 pages asked again and again (each worker's page "
          "cache);\n      'crawl': 5,000 distinct story pages, each asked about once;\n"
          f"      desk and member rows: {people.WAITING} stories waiting, {people.MEMBER_ITEMS} of them the member's; "
          "targets: uncached pages ≥ 40% of bare, p95 ≤ 10 ms; member within 10% of anonymous; desk p95 ≤ 50 ms;\n"
          f"      search pages are served by {backends(args)[0]}; '…, tantivy': the same pages served by tantivy "
          "[target p95 ≤ 30 ms uncached at full size]")


# Logged-in rows beside the anonymous rows that render the same pages (a member is never served from the cache).
MEMBER_PAIRS = (("home", "home, uncached"), ("story", "story, uncached"), ("profile", "profile, uncached"),
                ("tag page", "tag page, uncached"), ("search", "search, uncached"))


def _decisions(env: dict[str, str], port: int, editor: str) -> dict[str, list[float]]:
    """Asking for changes and approving, each on 20 waiting stories (the next run tops the queue up again)."""
    ids = people.waiting_ids(db.make_engine(env["KD_DATABASE_URL"]), 40)
    return {"decision: changes": people.decision_latencies(port, editor, ids[:20], "request_changes"),
            "decision: approve": people.decision_latencies(port, editor, ids[20:], "approve")}


def backends(args) -> list[str]:
    return [name.strip() for name in args.search_backends.split(",") if name.strip()]


def warm_up(port: int, paths: list[str]) -> None:
    """Each path asked by two clients at once, so that each of the two workers opens the index and
    fills its caches with it."""
    def fetch(path: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("GET", path)
        connection.getresponse().read()
        connection.close()

    for path in paths:
        pair = [threading.Thread(target=fetch, args=(path,)) for _ in range(2)]
        for thread in pair:
            thread.start()
        for thread in pair:
            thread.join()


def wait_until_idle(servers: list[subprocess.Popen], most_seconds: float = 300) -> None:
    """Until the gunicorn processes use under a tenth of a core."""
    deadline = time.monotonic() + most_seconds
    before = _cpu_ticks(servers)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_ticks(servers)
        if now - before < 0.05 * os.sysconf("SC_CLK_TCK"):
            return
        before = now


def _cpu_ticks(servers: list[subprocess.Popen]) -> int:
    pids = [server.pid for server in servers]
    for server in servers:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        pids.extend(int(pid) for pid in (children.read_text().split() if children.exists() else []))
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks


def distinct_searches() -> list[str]:
    """Two-word queries, shuffled: none repeats within a run, so each one misses every cache."""
    rng = random.Random(time.time_ns())
    pairs = [f"{first} {second}" for first in CONTENT_WORDS for second in CONTENT_WORDS if first < second]
    rng.shuffle(pairs)
    return [f"/search?q={quote(pair)}" for pair in pairs[:3000]]


def cached_environment(args) -> dict[str, str]:
    return {"KD_REDIS_URL": args.redis, "KD_CACHE_PREFIX": f"kd-bench-{os.getpid()}"}


def listing_latencies(app, stories: int, runs: int = 20) -> None:
    """The listing queries on their own, in this process: the SQL half of each listing page."""
    from kd.browse import queries as browse
    from kd.site import queries as site
    from kd.stories.queries import related_stories

    with app.test_request_context():
        tag = browse.tag_by_slug(most_used_tag(app))
        story_ids = random.Random(5).sample(range(1, stories + 1), runs)
        calls = {
            "latest stories (home)": lambda _n: site.latest_stories(),
            "featured story (home)": lambda _n: site.featured_story(),
            "latest people (home)": lambda _n: site.latest_of_kinds((ProfileKind.PERSON,), 8),
            "latest organisations (home)": lambda _n: site.latest_of_kinds((ProfileKind.GROUP,
                                                                            ProfileKind.ORGANISATION), 6),
            "related stories": lambda n: related_stories(db.session.get(Story, story_ids[n])),
            "country listing": lambda _n: browse.listing("country_code", "DE", 1),
            "field listing": lambda _n: browse.listing("field", "music", 1),
            "municipality listing": lambda _n: browse.listing("municipality", "gjakova", 1),
            "tag listing": lambda _n: browse.tag_listing(tag, 1),
            "/stories listing": lambda _n: browse.filtered_page(Story, {}, 1),
            "/people?country=DE": lambda _n: browse.filtered_page(Profile, {"country_code": "DE"}, 1),
        }
        for label, call in calls.items():
            samples = []
            for number in range(runs):
                db.session.expire_all()
                started = time.perf_counter()
                call(number)
                samples.append(time.perf_counter() - started)
            p50, p95 = percentiles(samples)
            print(f"query {label:<23} p50 {ms(p50)}   p95 {ms(p95)}   (incl. counts, {runs} runs)")


def most_used_tag(app) -> str:
    from kd.browse.queries import top_tags

    with app.test_request_context():
        return top_tags(1)[0].slug


def main() -> None:
    args = parse_args()
    work = Path(args.workdir).resolve()
    print(f"KD search benchmark: {args.profiles:,} profiles + {args.stories:,} stories, work dir {work}")
    prepare_corpus(args, work)
    env = environment(work)
    people.seed(db.make_engine(env["KD_DATABASE_URL"]))
    os.environ.update(env)
    apps = [create_app({"SEARCH_REBUILD_PROCS": args.procs, "SEARCH_REBUILD_MEMORY_MB": args.memory_mb,
                        "SEARCH_BACKEND": name}) for name in backends(args)]
    for app in apps:
        if args.reuse and app.extensions["kd.search"].document_count():
            print(f"index build {app.config['SEARCH_BACKEND']}: skipped (--reuse keeps the existing index)")
        else:
            build_index(app, work)
        query_latencies(app, args.queries)
        approval_to_searchable(app, work)
    app = apps[0]
    listing_latencies(app, args.stories)
    http_figures(args, work, most_used_tag(app))


if __name__ == "__main__":
    main()
