"""Browser fixtures: Debian's Chromium (never a downloaded browser), one live site per test process,
and contexts that open pages as a given viewer in a given language."""
from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from kd import create_app
from kd.demo.services import seed
from tests.conftest import database_with_schema, forget_database
from tests.e2e.helpers import log_in
from tests.e2e.pages import VISITOR
from tests.e2e.site import LiveSite
from tests.e2e.tools import AXE_SCRIPT, CHROMIUM, CHROMIUM_FLAGS, require

TIMEOUT_MS = 15_000
BROWSER_LOCALES = {"en": "en-GB", "sq": "sq-AL"}


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def e2e_database_url(tmp_path_factory, testrun_uid):
    os.environ.setdefault("KD_TEST_RUN_ID", testrun_uid[:12])
    url = database_with_schema(tmp_path_factory.mktemp("e2e-db"), "e2e")
    yield url
    forget_database(url)


@pytest.fixture(scope="session")
def live_site(e2e_database_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e-site")
    app = create_app({
        "SECRET_KEY": "e2e-secret-key-that-is-long-enough-for-checks",
        "DATABASE_URL": e2e_database_url,
        "INSTANCE_DIR": str(folder / "instance"),
        "UPLOAD_DIR": str(folder / "uploads"),
        "MAIL_OUTBOX_DIR": str(folder / "outbox"),
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "RATELIMIT_ENABLED": False,
        "REDIS_URL": None,  # jobs (mail) run inline; no page cache
        "RATELIMIT_STORAGE_URI": "memory://",
    })
    site = LiveSite(app)
    app.config["SITE_URL"] = site.url
    with app.app_context():
        seed()
    site.add_viewers()
    yield site.start()
    site.stop()
    app.extensions["kd.engine"].dispose()


@pytest.fixture(scope="session")
def base_url(live_site):
    """pytest-playwright's contexts open relative URLs on the live site."""
    return live_site.url


@pytest.fixture(scope="session")
def viewer_states(browser: Browser, live_site, base_url):
    """Each viewer logs in once per test process; contexts reuse the session cookie."""
    states = {VISITOR: None}
    for name, user in live_site.viewers.items():
        context = browser.new_context(base_url=base_url)
        log_in(context.new_page(), user.email)
        states[name] = context.storage_state()
        context.close()
    return states


@pytest.fixture
def open_as(new_context, viewer_states):
    """A page in a new browser context as viewer ('visitor', 'member', …) in language ('en' or 'sq');
    options go to new_context (java_script_enabled=False, …)."""
    def make(viewer: str = VISITOR, language: str = "en", **options) -> Page:
        context: BrowserContext = new_context(storage_state=viewer_states[viewer],
                                              locale=BROWSER_LOCALES[language], **options)
        context.set_default_timeout(TIMEOUT_MS)
        return context.new_page()
    return make


@pytest.fixture(scope="session")
def shared_page(browser: Browser, base_url, viewer_states):
    """One page per viewer and language, reused by the checks that only read pages (a new page costs
    Chromium a second or more); tests that change anything use open_as. axe-core is injected into every
    document as an init script, which the site's CSP (no inline script) does not block."""
    pages: dict[tuple[str, str], Page] = {}

    def get(viewer: str, language: str) -> Page:
        if (viewer, language) not in pages:
            context = browser.new_context(base_url=base_url, storage_state=viewer_states[viewer],
                                          locale=BROWSER_LOCALES[language])
            context.set_default_timeout(TIMEOUT_MS)
            context.add_init_script(path=require(AXE_SCRIPT, "e2e-tools"))
            pages[viewer, language] = context.new_page()
        return pages[viewer, language]
    yield get
    for page in pages.values():
        page.context.close()


@pytest.fixture
def visitor_page(open_as) -> Page:
    return open_as(VISITOR)

