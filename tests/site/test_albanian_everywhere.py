"""Albanian everywhere: every page kind, and every form sent back with errors, shows no English text of
the catalogue to someone who reads the site in Albanian (issue 17).

The demo content is seeded, then each viewer (visitor, member, editor, admin) crawls the site from the
browser checks' page list: one page per kind of address, and every form on it posted empty. Text marked
lang="en" (a story written in English) is allowed; anything else that is a catalogue msgid is a string that
never reached the catalogue or was never translated.
"""
from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.content.states import ModerationState
from kd.profiles.models import Profile
from kd.stories.models import Story
from tests.e2e.pages import PAGES
from tests.site.conftest import demo_copy

CATALOGUE = Path(__file__).resolve().parents[2] / "kd/translations/sq/LC_MESSAGES/messages.po"
MIN_NEEDLE = 12
VIEWERS = ("visitor", "member", "editor", "admin")
ROLES = {"member": Role.MEMBER, "editor": Role.EDITOR, "admin": Role.ADMIN}
NOT_PAGES = ("/static/", "/media/", "/cards/", "/feeds/", "/api/", "/oembed", "/language/", "/account/logout",
             "/partners/", "/account/confirm/", "/newsletter/unsubscribe/", "/newsletter/confirm/")
EXTRA_PATHS = ("/search?q=", "/search?q=prishtine&page=999", "/editor/queue?country=ZZ", "/editor/queue?type=x",
               "/actions/wins", "/report?url=/", "/people?page=999")
MAX_PAGES = 120
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "data-label")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|<[^>]+>")


def english_needles() -> list[str]:
    """Unambiguous English pieces of the catalogue whose Albanian differs (placeholders split them)."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="sq")
    translations = " ".join(" ".join(m.string) if isinstance(m.string, tuple) else m.string
                            for m in catalogue if m.id)
    needles = set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or set(ids) <= set(strings):
            continue
        for text in ids:
            for piece in PLACEHOLDER.split(text):
                piece = " ".join(piece.split()).strip(" .,:;·—")
                if len(piece) >= MIN_NEEDLE and piece not in translations:
                    needles.add(piece)
    return sorted(needles, key=len, reverse=True)


class VisibleText(HTMLParser):
    """Text a reader sees or hears, outside elements marked lang="en", plus the links and forms."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.chunks: list[str] = []
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    @property
    def _english(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        english = lang.startswith("en") if lang else self._english
        if tag in ("script", "style", "template"):
            english = True
        if not english:
            self.chunks += [attrs[name] for name in ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.chunks.append(attrs["value"])
        self._note_links_and_forms(tag, attrs)
        if tag not in self.VOID:
            self.stack.append((tag, english))

    def _note_links_and_forms(self, tag, attrs):
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {"action": attrs.get("action") or "", "method": (attrs.get("method") or "get").lower(),
                          "fields": {}}
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and attrs.get("type") == "hidden" and attrs.get("name"):
            self._form["fields"][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._english:
            self.chunks.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())


def page_kind(path: str, literals: set[str]) -> tuple:
    return tuple(part if part in literals else "*" for part in urlsplit(path).path.split("/"))


class DemoSite:
    """What tests/e2e/pages.py needs from a site: the app, the viewers, the first published items."""

    def __init__(self, app, viewers):
        self.app, self.viewers = app, viewers

    def first_published(self, model_name: str):
        model = {"Story": Story, "Profile": Profile}[model_name]
        found = db.session.scalars(select(model).where(model.state == ModerationState.APPROVED)
                                   .order_by(model.id)).first()
        found.tags  # noqa: B018 - loaded while the session is open
        return found


class Crawl:
    def __init__(self, client, literals: set[str], needles: list[str]):
        self.client, self.literals, self.needles = client, literals, needles
        self.seen_kinds: set[tuple] = set()
        self.posted: set[tuple] = set()
        self.queue: deque[str] = deque()
        self.found: list[tuple[str, str]] = []
        self.pages = 0

    def add(self, href: str) -> None:
        parts = urlsplit(href)
        if parts.netloc not in ("", "kd.test") or not parts.path.startswith("/") or parts.path.startswith(NOT_PAGES):
            return
        url = parts.path + (f"?{parts.query}" if parts.query and "lang=" not in parts.query else "")
        kind = page_kind(url, self.literals) + ((parts.query.split("=")[0],) if parts.query else ())
        if kind not in self.seen_kinds:
            self.seen_kinds.add(kind)
            self.queue.append(url)

    def run(self) -> None:
        while self.queue and self.pages < MAX_PAGES:
            url = self.queue.popleft()
            page = self.check(url, self.client.get(url, follow_redirects=True))
            for form in page.forms if page else ():
                self.post_empty(url, form)

    def check(self, url: str, response) -> VisibleText | None:
        response.close()  # a download (the data export) is a temporary file
        if not response.content_type.startswith("text/html"):
            return None
        self.pages += 1
        page = VisibleText()
        page.feed(response.get_data(as_text=True))
        text = page.text()
        self.found += [(url, needle) for needle in self.needles if needle in text]
        for href in page.links:
            self.add(href)
        return page

    def post_empty(self, url: str, form: dict) -> None:
        action = form["action"] or url
        key = page_kind(action, self.literals)
        if form["method"] != "post" or action.startswith(("/account/logout", "/language")) or key in self.posted:
            return
        self.posted.add(key)
        self.check(f"POST {action}", self.client.post(action, data=form["fields"], follow_redirects=True))


@pytest.fixture
def app_overrides(seeded_database, tmp_path) -> dict:
    return demo_copy(seeded_database, tmp_path)


@pytest.fixture
def albanian_site(app):
    return app


@pytest.mark.slow
@pytest.mark.parametrize("viewer", VIEWERS)
def test_no_english_on_any_page_in_albanian(albanian_site, client, make_user, login, viewer):
    viewers = {name: make_user(role, locale="sq", display_name=f"Shikues {name}") for name, role in ROLES.items()}
    client.set_cookie("kd_lang", "sq", domain="kd.test")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "sq"
    if viewer != "visitor":
        login(viewers[viewer])
    literals = {part for rule in albanian_site.url_map.iter_rules() for part in rule.rule.split("/")
                if "<" not in part}
    crawl = Crawl(client, literals, english_needles())
    with albanian_site.app_context():
        site = DemoSite(albanian_site, viewers)
        for kind in PAGES:
            if viewer in kind.viewers or viewer in ("editor", "admin"):
                crawl.add(kind.url(site))
    for path in EXTRA_PATHS:
        crawl.add(path)
    crawl.run()
    assert crawl.pages > 20
    assert not crawl.found, "\n".join(f"{url}: {needle!r}" for url, needle in crawl.found[:40])


def test_every_template_string_is_in_the_catalogue():
    """pybabel skips folders starting with _ unless told otherwise (`make messages` tells it)."""
    root = CATALOGUE.parents[4]
    with CATALOGUE.open("rb") as handle:
        translated = {(m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id and m.string}
    found = extract_from_dir(root / "templates", method_map=[("**.html", "jinja2"), ("**.txt", "jinja2")],
                             directory_filter=lambda _path: True)
    used = {(name, message if isinstance(message, str) else message[0]) for name, _line, message, *_ in found}
    assert not {item for item in used if item[1] not in translated}
