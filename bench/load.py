"""`make load`: visitors browse and search while members submit stories and editors approve them.

    python -m bench.load                                          (100,000 profiles + 200,000 stories, 60 s)
    python -m bench.load --profiles 10000 --stories 20000 --seconds 20 --database kd_load_small
    python -m bench.load --reuse                                  (keep a current corpus of the same size)

The corpus lives in its own PostgreSQL database (--database, default kd_load; dropped and re-seeded unless
--reuse finds it at the current migration with the same corpus and its search rows). bench/corpus.py seeds it,
the PostgreSQL search backend indexes it; then a few hundred confirmed members and two editors get the
password below. gunicorn (gunicorn.conf.py, sync workers, KD_WORKERS) serves it on a free loopback port with
KD_REDIS_URL set (page cache, rate-limit storage and job queue in Redis database 15 under a per-run prefix),
and the rate limits are raised, because one address plays every visitor, member and editor.

The load comes from one Python process per role (http.client, a new connection per request, as gunicorn's
sync workers close it anyway): anonymous visitors (served from the page cache when possible), visitors with a
cookie (never cached), one member process cycling through the accounts (log in, open the new-story form,
submit), one editor process playing both editors (queue, review page, approve). The clients share the
machine's cores with gunicorn and PostgreSQL; their CPU time is printed. After --seconds the run checks that
every submitted story is in the database and every approved one has a search row and is found by a search
for its title, and exits non-zero on any error or inconsistency.
"""
from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import redis
from rq import Queue
from sqlalchemy import create_engine, insert, select, text, update

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402
from bench.run import CONTENT_WORDS  # noqa: E402
from bench.search_pg import counts, database_url, recreate_database, words_by_frequency  # noqa: E402
from kd import create_app, db  # noqa: E402
from kd.accounts.models import Role, User  # noqa: E402
from kd.core.passwords import hash_password  # noqa: E402
from kd.migrate import pending_heads  # noqa: E402
from kd.search import service  # noqa: E402
from kd.search.backend import SearchQuery  # noqa: E402

PASSWORD = "load-test-password-1"
SECRET_KEY = "load-bench-secret-key-" + "x" * 40
HIGH_LIMIT = "1000000 per minute"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
REVIEW_LINK = re.compile(r'/editor/review/story/(\d+)"')
BROWSE_COUNTRIES = sorted(set(corpus.COUNTRIES) - {"XK"})


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="kd_load")
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--reuse", action="store_true", help="keep a current corpus of the same size")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (KD_WORKERS)")
    parser.add_argument("--visitors", type=int, default=4, help="visitor processes, half of them with a cookie")
    parser.add_argument("--members", type=int, default=300, help="confirmed member accounts")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    return parser.parse_args()


# --- the corpus and the accounts -------------------------------------------------------------------------

def corpus_is_current(url: str, args) -> bool:
    found = counts(url)
    if not found or found[0] != args.profiles or found[2] < args.profiles + args.stories:
        return False
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            seeded = connection.scalar(text("SELECT count(*) FROM stories WHERE id <= :n"), {"n": args.stories})
        return seeded == args.stories and not pending_heads(engine)
    finally:
        engine.dispose()


def prepare_corpus(args, url: str) -> None:
    if args.reuse and corpus_is_current(url, args):
        print(f"corpus: reusing {args.profiles:,} profiles + {args.stories:,} stories in {args.database}")
        analyze(url)
        return
    recreate_database(args)
    started = time.perf_counter()
    corpus.seed(db.make_engine(url), args.profiles, args.stories)
    app = create_app(app_config(url))
    with app.app_context():
        total = service.rebuild()
    analyze(url)
    print(f"corpus: {args.profiles:,} profiles + {args.stories:,} stories seeded, {total:,} search rows, "
          f"in {time.perf_counter() - started:.0f} s")


def analyze(url: str) -> None:
    """Planner statistics for every table: without them the browse queries pick slow plans (seconds, not ms)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def prepare_accounts(url: str, members: int) -> tuple[list[str], list[str]]:
    """Confirmed members and two editors with PASSWORD; the id sequences moved past the seeded rows."""
    member_emails = [f"member{n}@load.example.com" for n in range(1, members + 1)]
    editor_emails = ["editor1@load.example.com", "editor2@load.example.com"]
    engine = create_engine(url)
    with engine.begin() as connection:
        for table in ("users", "profiles", "stories", "tags"):
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"))
        existing = set(connection.scalars(select(User.email).where(User.email.like("%@load.example.com"))))
        wanted = [(email, Role.MEMBER) for email in member_emails] + [(email, Role.EDITOR) for email in editor_emails]
        password_hash = hash_password(PASSWORD)
        rows = [{"email": email, "display_name": email.split("@")[0].capitalize(), "password_hash": password_hash,
                 "role": role.value, "email_confirmed": True} for email, role in wanted if email not in existing]
        if rows:
            connection.execute(insert(User.__table__), rows)
        connection.execute(update(User.__table__).where(User.email.like("%@load.example.com"))
                           .values(password_hash=password_hash, failed_logins=0, disabled=False))
    engine.dispose()
    return member_emails, editor_emails


def app_config(url: str) -> dict:
    return {"DATABASE_URL": url, "SEARCH_BACKEND": "postgres", "SECRET_KEY": SECRET_KEY, "RATELIMIT_ENABLED": False,
            "INSTANCE_DIR": str(ROOT / "instance" / "load")}


# --- the server -----------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(args, url: str, port: int) -> dict[str, str]:
    prefix = f"kd-load-{os.getpid()}"
    return {"KD_DATABASE_URL": url, "KD_SEARCH_BACKEND": "postgres", "KD_REDIS_URL": args.redis,
            "KD_CACHE_PREFIX": prefix, "KD_JOBS_QUEUE": prefix, "KD_SECRET_KEY": SECRET_KEY,
            "KD_INSTANCE_DIR": str(ROOT / "instance" / "load"), "KD_WORKERS": str(args.workers),
            "KD_BIND": f"127.0.0.1:{port}", "KD_LOGIN_RATE_LIMIT": HIGH_LIMIT, "KD_SUBMIT_RATE_LIMIT": HIGH_LIMIT,
            "KD_LOCKOUT_THRESHOLD": "1000000"}


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    log_path = Path(env["KD_INSTANCE_DIR"]) / "gunicorn.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:app"],
                                   cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline and process.poll() is None:
        try:
            if Browser(port).get("/", "probe").status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"gunicorn did not start on port {port}; see {log_path}")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU of gunicorn's master and its live workers, from /proc."""
    pids = [pid, *(int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    ticks = 0
    for each in pids:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


# --- the clients ----------------------------------------------------------------------------------------

@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str


@dataclass
class Browser:
    """One person's HTTP client: keeps cookies, records (page kind, seconds, ok) for every request."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    samples: list[tuple[str, float, bool]] = field(default_factory=list)
    cache_hits: int = 0

    def get(self, path: str, kind: str, expect: int = 200) -> Reply:
        return self.request("GET", path, kind, expect)

    def post(self, path: str, kind: str, form: dict, expect: int = 302) -> Reply:
        return self.request("POST", path, kind, expect, urlencode(form, doseq=True))

    def request(self, method: str, path: str, kind: str, expect: int, body: str | None = None) -> Reply:
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.perf_counter()
        try:
            reply = self._exchange(method, path, body, headers)
        except OSError:
            reply = Reply(0, {}, "")
        self.samples.append((kind, time.perf_counter() - started, reply.status == expect))
        self.cache_hits += reply.headers.get("x-cache") == "hit"
        return reply

    def _exchange(self, method: str, path: str, body: str | None, headers: dict) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie_name, _sep, rest = value.partition("=")
                    self.cookies[cookie_name] = rest.split(";", 1)[0]
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, content)
        finally:
            connection.close()


def visitor_pages(args, rng: random.Random):
    """(kind, path) picks, weighted like a visitor's day: reading more than searching."""
    rare = words_by_frequency()[5000:20000]
    tags = corpus.tag_names()
    kinds = [
        (10, "home", lambda: "/"),
        (15, "tag page", lambda: f"/tags/{rng.choice(tags)}?page={rng.randint(1, 3)}"),
        (10, "country page", lambda: f"/diaspora/{rng.choice(BROWSE_COUNTRIES).lower()}"),
        (20, "story page", lambda: f"/stories/s-{rng.randint(1, args.stories)}"),
        (15, "profile page", lambda: f"/people/p-{rng.randint(1, args.profiles)}"),
        (12, "search common", lambda: f"/search?q={quote(rng.choice(CONTENT_WORDS))}"),
        (8, "search rare", lambda: f"/search?q={quote(rng.choice(rare))}"),
        (10, "search filtered", lambda: f"/search?q={quote(rng.choice(CONTENT_WORDS))}&type=stories&country=DE"),
    ]
    weights = [weight for weight, _kind, _path in kinds]
    while True:
        _weight, kind, path = rng.choices(kinds, weights)[0]
        yield kind, path()


def visitor(args, port: int, number: int, stop_at: float, results) -> None:
    with_cookie = number % 2 == 1
    browser = Browser(port, {"session": "none"} if with_cookie else {})
    suffix = ", no cache" if with_cookie else ", cacheable"
    for kind, path in visitor_pages(args, random.Random(number)):
        if time.time() >= stop_at:
            break
        browser.get(path, kind + suffix)
        if with_cookie:
            browser.cookies["session"] = "none"  # a fresh anonymous session is just as uncacheable
    results.put({"samples": browser.samples, "cacheable": not with_cookie, "cache_hits": browser.cache_hits,
                 "cpu": time.process_time()})


def log_in(browser: Browser, email: str) -> bool:
    page = browser.get("/account/login", "login form")
    token = CSRF.search(page.body)
    if not token:
        return False
    reply = browser.post("/account/login", "login", {"csrf_token": token.group(1), "email": email, "password": PASSWORD,
                                             "next": ""})
    return reply.status == 302


def member(args, port: int, emails: list[str], stop_at: float, results) -> None:
    """Each round: the next account (logging it in once), the new-story form, a submission."""
    rng, browsers, submitted, run = random.Random(99), {}, [], f"{os.getppid():x}"
    for number in range(1, 10**9):
        if time.time() >= stop_at:
            break
        email = emails[number % len(emails)]
        if email not in browsers:
            browsers[email] = Browser(port)
            if not log_in(browsers[email], email):
                continue
        title = f"Loadstory {run}q{number} {corpus.text(rng, 5).rstrip('.')}"
        if submit_story(browsers[email], title, rng.randint(1, args.profiles), corpus.text(rng, 60)):
            submitted.append(title)
    samples = [sample for browser in browsers.values() for sample in browser.samples]
    results.put({"samples": samples, "submitted": submitted, "cpu": time.process_time()})


def submit_story(browser: Browser, title: str, profile_id: int, body: str) -> bool:
    form = browser.get("/my/stories/new", "story form")
    token = CSRF.search(form.body)
    if not token:
        return False
    reply = browser.post("/my/stories/new", "story submit", {
        "csrf_token": token.group(1), "title": title, "summary": body[:200], "body": body,
        "profile_ids": str(profile_id), "language": "en", "country_code": "DE", "website": "", "action": "submit"})
    return reply.status == 302


def editor(port: int, emails: list[str], stop_at: float, results) -> None:
    """Both editors, taking turns: the queue, then review and approve each story waiting in it."""
    editors = [Browser(port) for _email in emails]
    for browser, email in zip(editors, emails, strict=True):
        log_in(browser, email)
    approved, turn = [], 0
    while time.time() < stop_at:
        queue = editors[turn % 2].get("/editor/queue?type=story", "editor queue")
        waiting = list(dict.fromkeys(int(found) for found in REVIEW_LINK.findall(queue.body)))
        for story_id in waiting[:5]:
            if time.time() >= stop_at:
                break
            turn += 1
            if approve(editors[turn % 2], story_id):
                approved.append(story_id)
        if not waiting:
            time.sleep(0.2)
    samples = [sample for browser in editors for sample in browser.samples]
    results.put({"samples": samples, "approved": approved, "cpu": time.process_time()})


def approve(browser: Browser, story_id: int) -> bool:
    page = browser.get(f"/editor/review/story/{story_id}", "review page")
    token = CSRF.search(page.body)
    if not token:
        return False
    reply = browser.post(f"/editor/review/story/{story_id}/decide", "approve",
                         {"csrf_token": token.group(1), "decision": "approve", "message": ""})
    return reply.status == 302


def run_load(args, port: int, members: list[str], editors: list[str]) -> tuple[list[dict], float]:
    results = multiprocessing.Queue()
    stop_at = time.time() + args.seconds
    roles = [(visitor, (args, port, n, stop_at, results)) for n in range(args.visitors)]
    roles += [(member, (args, port, members, stop_at, results)), (editor, (port, editors, stop_at, results))]
    processes = [multiprocessing.Process(target=target, args=role_args) for target, role_args in roles]
    started = time.perf_counter()
    for process in processes:
        process.start()
    collected = [results.get(timeout=args.seconds + 180) for _process in processes]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
    return collected, elapsed


# --- the report -----------------------------------------------------------------------------------------

def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def print_table(collected: list[dict], window: float) -> int:
    by_kind: dict[str, list[tuple[float, bool]]] = {}
    for result in collected:
        for kind, seconds, ok in result["samples"]:
            by_kind.setdefault(kind, []).append((seconds, ok))
    print(f"{'page kind':<34}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for kind in sorted(by_kind):
        print_row(kind, by_kind[kind], window)
    everything = [sample for samples in by_kind.values() for sample in samples]
    print_row("total", everything, window)
    return sum(not ok for _seconds, ok in everything)


def print_row(kind: str, samples: list[tuple[float, bool]], window: float) -> None:
    ordered = sorted(seconds for seconds, _ok in samples)
    errors = sum(not ok for _seconds, ok in samples)
    print(f"{kind:<34}{len(samples):>9,}{len(samples) / window:>8.1f}{statistics.median(ordered) * 1000:>9.1f}"
          f"{percentile(ordered, 0.95) * 1000:>9.1f}{errors:>8}")


def print_usage(collected: list[dict], elapsed: float, server_cpu: float, generations: int) -> None:
    anonymous = [result for result in collected if result.get("cacheable")]
    requests = sum(len(result["samples"]) for result in anonymous)
    hits = sum(result["cache_hits"] for result in anonymous)
    client_cpu = sum(result["cpu"] for result in collected)
    print(f"page cache: {hits:,} of {requests:,} cacheable visitor requests answered from Redis "
          f"({hits / max(requests, 1):.0%}); emptied {generations:,} times by commits that changed what visitors "
          "see (approvals; submissions and claims leave it alone)")
    print(f"cpu over {elapsed:.0f} s on {os.cpu_count()} cores: gunicorn {server_cpu:.0f} s, load clients "
          f"{client_cpu:.1f} s (PostgreSQL and Redis not counted)")


# --- the checks -----------------------------------------------------------------------------------------

def check_consistency(url: str, submitted: list[str], approved: list[int]) -> bool:
    engine = create_engine(url)
    with engine.connect() as connection:
        in_database = connection.scalar(text("SELECT count(DISTINCT title) FROM stories WHERE title = ANY(:t)"),
                                        {"t": submitted}) if submitted else 0
        rows = connection.execute(text("SELECT s.id, s.title, s.state, d.key IS NOT NULL FROM stories s LEFT JOIN "
                                       "search_documents d ON d.kind = 'story' AND d.row_id = s.id "
                                       "WHERE s.id = ANY(:ids)"), {"ids": approved}).all() if approved else []
    engine.dispose()
    indexed = [(story_id, title) for story_id, title, state, has_row in rows if state == "approved" and has_row]
    app = create_app(app_config(url))
    missed = [title for story_id, title in indexed if not found_by_title(app, story_id, title)]
    searchable = len(indexed) - len(missed)
    print(f"consistency: {len(submitted)} submitted, {in_database} in database, {len(approved)} approved, "
          f"{searchable} searchable ({len(indexed)} approved with a search row)")
    for title in missed[:5]:
        print(f"  not found by a search for its title: {title!r}")
    return in_database == len(submitted) and searchable == len(approved) == len(set(approved))


def found_by_title(app, story_id: int, title: str) -> bool:
    with app.test_request_context():
        hits = service.search(SearchQuery(title, kind="story", highlight=False)).hits
    return any(hit.id == story_id for hit in hits)


def clear_redis(env: dict[str, str]) -> int:
    """Drop this run's cached pages and its queued mail jobs (no worker runs them); returns how many times a
    commit made every cached page stale."""
    conn = redis.Redis.from_url(env["KD_REDIS_URL"])
    generations = int(conn.get(f"{env['KD_CACHE_PREFIX']}:pagecache:generation") or 0)
    Queue(env["KD_JOBS_QUEUE"], connection=conn).empty()
    keys = list(conn.scan_iter(f"{env['KD_CACHE_PREFIX']}:*")) + list(conn.scan_iter(f"*{env['KD_JOBS_QUEUE']}*"))
    if keys:
        conn.delete(*keys)
    return generations


def main() -> None:
    args = parse_args()
    url = database_url(args)
    print(f"KD load test: {args.profiles:,} profiles + {args.stories:,} stories in {args.database}, "
          f"{args.seconds:.0f} s, gunicorn {args.workers} sync workers, {args.visitors} visitor processes "
          f"(half with a cookie), 1 member process, 1 editor process, {os.cpu_count()} cores shared by all")
    prepare_corpus(args, url)
    members, editors = prepare_accounts(url, args.members)
    port = free_port()
    env = server_environment(args, url, port)
    print(f"accounts: {len(members)} confirmed members and {len(editors)} editors, password {PASSWORD!r}")
    print(f"settings: KD_LOGIN_RATE_LIMIT and KD_SUBMIT_RATE_LIMIT = {HIGH_LIMIT!r}, KD_LOCKOUT_THRESHOLD = "
          f"1000000 (one address plays everyone); KD_REDIS_URL={args.redis}, prefix {env['KD_CACHE_PREFIX']}")
    server = start_server(env, port)
    try:
        collected, elapsed = run_load(args, port, members, editors)
        server_cpu = server_cpu_seconds(server.pid)
    finally:
        stop_server(server)
        generations = clear_redis(env)
    print(f"\nload window {args.seconds:.0f} s (req/s below are per window second); the clients' last requests "
          f"ended {max(0.0, elapsed - args.seconds):.1f} s after it")
    errors = print_table(collected, args.seconds)
    print_usage(collected, elapsed, server_cpu, generations)
    submitted = [title for result in collected for title in result.get("submitted", [])]
    approved = [story_id for result in collected for story_id in result.get("approved", [])]
    consistent = check_consistency(url, submitted, approved)
    print(f"errors: {errors}")
    sys.exit(0 if errors == 0 and consistent else 1)


if __name__ == "__main__":
    main()
