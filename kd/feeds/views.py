from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, url_for
from flask_babel import gettext as _

from kd.collections.queries import published, published_by_slug
from kd.core.fields import FIELDS, field_label
from kd.core.i18n import current_locale
from kd.core.places import country_name, is_country, municipality, people_in
from kd.core.urls import current_url, site_origin
from kd.feeds import queries
from kd.profiles.queries import profile_by_slug

bp = Blueprint("feeds", __name__)


@bp.get("/feeds/stories.atom")
def stories():
    return _feed(_("Stories of the Kosovo diaspora"), queries.latest_stories())


@bp.get("/feeds/tags/<slug>.atom")
def tag(slug: str):
    found = queries.tag_by_slug(slug) or abort(404)
    return _feed(_("Stories tagged %(tag)s", tag=found.name), queries.latest_stories(tag=found))


@bp.get("/feeds/countries/<code>.atom")
def country(code: str):
    if not is_country(code):
        abort(404)
    name = country_name(code.upper(), current_locale())
    return _feed(people_in(code, name), queries.latest_stories(country=code.upper()))


@bp.get("/feeds/fields/<code>.atom")
def field(code: str):
    if code not in FIELDS:
        abort(404)
    return _feed(_("%(field)s in the Kosovo diaspora", field=field_label(code)), queries.latest_stories(field=code))


@bp.get("/feeds/from/<code>.atom")
def place(code: str):
    found = municipality(code) or abort(404)
    return _feed(_("From %(place)s", place=found.name(current_locale())),
                 queries.latest_stories(municipality=found.code))


@bp.get("/feeds/profiles/<slug>.atom")
def profile(slug: str):
    found = profile_by_slug(slug)
    if found is None or not found.is_public:
        abort(404)
    return _feed(_("Stories about %(name)s", name=found.name), queries.latest_stories(profile=found))


@bp.get("/feeds/collections/<slug>.atom")
def collection(slug: str):
    found = published_by_slug(slug) or abort(404)
    title = _("Collection: %(title)s", title=found.text("title", current_locale()))
    return _feed(title, queries.stories_in(found))


@bp.get("/feeds/actions.atom")
def actions():
    found = queries.latest_actions()
    body = render_template("feeds/actions.atom.xml", title=_("Digital diplomacy actions"), actions=found,
                           self_url=current_url(), updated=max((a.updated_at for a in found), default=None))
    return _atom(body)


@bp.get("/sitemap.xml")
def sitemap():
    profiles, stories = queries.all_public()
    body = render_template("feeds/sitemap.xml", profiles=profiles, stories=stories, collections=published(),
                           actions=queries.latest_actions(limit=None),
                           languages=current_app.config["LANGUAGES"])
    return Response(body, mimetype="application/xml")


@bp.app_template_global("photo_urls")
def photo_urls(subject) -> list[str]:
    """Absolute URLs of a subject's photos (largest JPEG of each), for the sitemap's image entries."""
    globals_ = current_app.jinja_env.globals
    if "photos_of" not in globals_:
        return []
    return [site_origin() + globals_["media_url"](max(photo.variants, key=_width)["jpeg"])
            for photo in globals_["photos_of"](subject) if photo.variants]


def _width(variant: dict) -> int:
    return variant["width"]


@bp.get("/robots.txt")
def robots():
    body = render_template("feeds/robots.txt", sitemap=url_for(".sitemap", _external=True))
    return Response(body, mimetype="text/plain")


def _feed(title: str, stories: list) -> Response:
    body = render_template("feeds/atom.xml", title=title, stories=stories, self_url=current_url(),
                           updated=max((s.updated_at for s in stories), default=None))
    return _atom(body)


def _atom(body: str) -> Response:
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
