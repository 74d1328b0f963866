"""The product the way a newcomer meets it: a clean clone, the README's run command, then a visitor.

Fixtures prove parts; this proves the whole (an unindexed demo, a missing photo or a dead link shows here
and nowhere else). It clones the committed repository, so commit before running it: `make newcomer`.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.newcomer
ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 900  # a fresh clone installs its virtualenv first


class Page(HTMLParser):
    """What a visitor sees of a page: title, links, images and forms."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title, self.links, self.images, self.forms = "", [], [], []
        self._in_title = self._in_link = False
        self.link_texts: dict[str, str] = {}
        self._href = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "a" and attributes.get("href"):
            self._href = attributes["href"]
            self.links.append(self._href)
            self._in_link = True
        elif tag == "img":
            self.images.append(attributes.get("src", ""))
        elif tag == "form":
            self.forms.append({"action": attributes.get("action", ""), "method": attributes.get("method", "get"),
                               "fields": []})
        elif tag == "input" and self.forms:
            self.forms[-1]["fields"].append(attributes.get("name", ""))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "a":
            self._in_link = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_link and data.strip():
            self.link_texts[self._href] = (self.link_texts.get(self._href, "") + " " + data.strip()).strip()

    def has_search_box(self) -> bool:
        return any(form["action"].split("?")[0].endswith("/search") and form["method"].lower() == "get"
                   and "q" in form["fields"] for form in self.forms)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _readme_run_command() -> str:
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"^(make run)\b", readme, re.MULTILINE)
    assert match, "the README gives no `make run` command"
    return match.group(1)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _page(base: str, path: str) -> tuple[int, Page]:
    status, body = _get(urllib.parse.urljoin(base, path))
    page = Page()
    page.feed(body)
    return status, page


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The README's run command in a clean clone, on a free port; yields the base URL."""
    clone = tmp_path_factory.mktemp("newcomer") / "kd"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    port = _free_port()
    environment = {key: value for key, value in os.environ.items() if not key.startswith("KD_")}
    log = (clone.parent / "make-run.log").open("w")
    started = time.monotonic()
    server = subprocess.Popen(f"{_readme_run_command()} PORT={port}", shell=True, cwd=clone, env=environment,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_serving(base, server, clone.parent / "make-run.log")
        print(f"\nmake run: serving {time.monotonic() - started:.0f} s after the clone")
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def _wait_until_serving(base: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"make run stopped ({server.returncode}):\n{log_path.read_text()[-3000:]}")
        try:
            if _get(base)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(1)
    pytest.fail(f"make run did not serve within {START_TIMEOUT} s:\n{log_path.read_text()[-3000:]}")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def test_make_run_prints_the_admin_login(site, tmp_path_factory):
    logs = list(Path(tmp_path_factory.getbasetemp()).glob("newcomer*/make-run.log"))
    assert logs and re.search(r"admin\s+\S+@\S+\s+password: \S+", logs[0].read_text())


def test_a_name_on_the_home_page_is_found_typed_plainly(site):
    status, home = _page(site, "/")
    assert status == 200
    people = [(href, text) for href, text in home.link_texts.items()
              if re.match(r"^(/[a-z]{2})?/(people|groups|organisations)/[^/]+$", urllib.parse.urlsplit(href).path)]
    assert people, "the home page links no profile"
    href, name = sorted(people, key=lambda person: person[1].isascii())[0]  # one with ë or ç if there is
    query = _plain(name.split()[-1])
    status, results = _page(site, "/search?" + urllib.parse.urlencode({"q": query}))
    assert status == 200
    found = {urllib.parse.urlsplit(link).path for link in results.links}
    assert urllib.parse.urlsplit(href).path in found, f"searching {query!r} did not find {name!r} ({href})"


def test_the_home_page_shows_photos(site):
    _status, home = _page(site, "/")
    photos = [src for src in home.images if "/media/" in src or "/photos/" in src or src.endswith(".webp")
              or src.endswith(".jpg")]
    assert len(photos) >= 3, f"the home page shows {len(photos)} photos: {home.images}"
    for src in photos[:3]:
        with urllib.request.urlopen(urllib.parse.urljoin(site, src), timeout=30) as response:
            assert response.status == 200 and response.headers["Content-Type"].startswith("image/")


def test_two_links_deep_every_page_answers_with_a_title_and_a_search_box(site):
    seen, frontier, problems = {"/"}, ["/"], []
    for _depth in range(3):
        following = []
        for path in frontier:
            status, page = _page(site, path)
            if status >= 400:
                problems.append(f"{path}: {status}")
                continue
            if not page.title.strip():
                problems.append(f"{path}: no <title>")
            if not page.has_search_box():
                problems.append(f"{path}: no search box")
            following += [link for link in _internal_pages(site, page.links) if link not in seen]
            seen.update(following)
        frontier = sorted(set(following))
    assert len(seen) > 30
    assert not problems, "\n".join(problems)


def _internal_pages(base: str, links: list[str]) -> list[str]:
    pages = []
    for link in links:
        url = urllib.parse.urlsplit(urllib.parse.urljoin(base, link))
        if url.netloc != urllib.parse.urlsplit(base).netloc or url.fragment and not url.path:
            continue
        if re.search(r"\.(xml|atom|webp|jpg|jpeg|png|json)$|/feed|/logout|/language/", url.path):
            continue
        pages.append(url.path + (f"?{url.query}" if url.query else ""))
    return pages
