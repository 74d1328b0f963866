"""create_app(): config, database, extensions, blueprints, CLI and error pages, in small steps."""
from __future__ import annotations

import logging

from flask import Flask, request
from flask_babel import lazy_gettext as _l

import config as kd_config
from kd import db
from kd.core.paths import ROOT
from kd.extensions import babel, csrf, limiter, login_manager

CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")


def create_app(overrides: dict | None = None) -> Flask:
    from kd.core.urls import SiteFlask

    app = SiteFlask(__name__, template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"),
                instance_path=str(ROOT / "instance"))
    app.config.from_mapping(kd_config.load_config(overrides))
    configure_logging(app)
    configure_database(app)
    configure_extensions(app)
    configure_templates(app)
    configure_blueprints(app)
    configure_search(app)
    configure_security_headers(app)
    configure_request_log(app)
    configure_cli(app)
    return app


def configure_logging(app: Flask) -> None:
    if not app.debug and not app.testing:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
        logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)  # `kd migrate` says one line


def configure_database(app: Flask) -> None:
    from kd import model_registry  # noqa: F401  (every table known to the metadata)

    engine = db.make_engine(app.config["DATABASE_URL"])
    app.extensions["kd.engine"] = engine
    db.bind(engine)

    @app.teardown_appcontext
    def remove_session(_exc):
        db.session.remove()


def configure_extensions(app: Flask) -> None:
    from kd.core.i18n import select_locale

    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(_load_user)


def _load_user(user_id: str):
    from kd.accounts.models import User
    from kd.core.text import is_database_id

    raw_id, _, token = user_id.partition(":")
    if not is_database_id(raw_id):
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or user.login_token != token or user.disabled:
        return None
    return user


def configure_templates(app: Flask) -> None:
    from kd.core import fragments, template_helpers

    template_helpers.register(app)
    fragments.register(app)


def configure_blueprints(app: Flask) -> None:
    from kd.core.url_guards import install_converters

    install_converters(app)
    from kd.accounts.views import bp as accounts
    from kd.actions.views import bp as actions
    from kd.admin.views import bp as admin
    from kd.api.views import bp as api
    from kd.bilingual.views import bp as bilingual
    from kd.browse.views import bp as browse
    from kd.collections.views import bp as collections
    from kd.connections.views import bp as connections
    from kd.contact.views import bp as contact
    from kd.core.errors import register_error_pages
    from kd.federation.views import bp as federation
    from kd.feeds.views import bp as feeds
    from kd.follows.views import bp as follows
    from kd.media.views import bp as media
    from kd.moderation.views import bp as moderation
    from kd.newsletter.views import bp as newsletter
    from kd.ops.views import bp as ops
    from kd.pages.views import bp as pages
    from kd.privacy.views import bp as privacy
    from kd.profiles.views import bp as profiles
    from kd.reports.views import bp as reports
    from kd.search.views import bp as search
    from kd.sharing.views import bp as sharing
    from kd.site.views import bp as site
    from kd.stories.views import bp as stories
    from kd.wordpress.views import bp as wordpress

    for blueprint in (site, accounts, privacy, admin, moderation, ops, actions, newsletter, contact, pages,
                      reports, search, browse, profiles, stories, collections,
                      connections, media, api, feeds, sharing, wordpress, follows, federation, bilingual):
        app.register_blueprint(blueprint)
    register_error_pages(app)


def configure_search(app: Flask) -> None:
    """The search sink learns what to index from the features; search, browse counts, tag dates, share
    cards and the page cache subscribe to content_changed (kd.content.changes)."""
    from kd.browse.queries import forget_cached
    from kd.browse.services import sync_pending_tag_dates
    from kd.connections.documents import help_kinds_of, help_labels
    from kd.content.changes import content_changed, content_changing
    from kd.federation.publishing import schedule_story_deliveries, send_story_deliveries
    from kd.ops.page_cache import forget_pages
    from kd.profiles.documents import PROFILE_DOCUMENTS
    from kd.search.registry import register_documents, register_facet_labels, register_facet_values
    from kd.search.service import apply_changes, index_in_transaction, make_backend
    from kd.sharing.jobs import schedule_cards
    from kd.stories.documents import STORY_DOCUMENTS
    from kd.tags.queries import tag_names

    register_documents(PROFILE_DOCUMENTS)
    register_documents(STORY_DOCUMENTS)
    register_facet_labels("tag", tag_names)
    register_facet_labels("help", help_labels)
    register_facet_values("profiles", "help", help_kinds_of)
    app.extensions["kd.search"] = make_backend(app)
    content_changing.connect(sync_pending_tag_dates)
    content_changing.connect(index_in_transaction)
    content_changing.connect(schedule_story_deliveries)
    content_changed.connect(apply_changes)
    content_changed.connect(forget_cached)
    content_changed.connect(schedule_cards)
    content_changed.connect(forget_pages)
    content_changed.connect(send_story_deliveries)
    if app.config.get("SEARCH_CHECK_AT_START", not app.testing):
        _report_index_disagreement_once(app)


def _report_index_disagreement_once(app: Flask) -> None:
    """On the first request of each process, say loudly if search cannot answer for the public content."""
    state = {"checked": False}

    @app.before_request
    def check_index():
        if state["checked"]:
            return
        state["checked"] = True
        from kd.search.service import disagreement

        try:
            problem = disagreement()
        except Exception:  # noqa: BLE001 - a missing table is reported by /healthz and `flask kd check`
            app.logger.exception("Could not compare the search index with the database")
            return
        if problem:
            app.logger.error("SEARCH IS WRONG: %s", problem)


def configure_security_headers(app: Flask) -> None:
    from kd.core.visitors import may_be_logged_in

    @app.after_request
    def add_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]:  # embeds allow framing
            response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if "Set-Cookie" in response.headers or may_be_logged_in():
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response


def configure_request_log(app: Flask) -> None:
    from kd.core import url_guards
    from kd.ops import page_cache, request_log

    url_guards.install(app)
    request_log.install(app)
    page_cache.install(app)


def configure_cli(app: Flask) -> None:
    from kd.cli import kd_group

    app.cli.add_command(kd_group)
