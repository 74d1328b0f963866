"""Tag, country, field and municipality pages, and the diaspora map."""
from __future__ import annotations

import re

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.routing import BuildError

from kd.browse import queries
from kd.browse.worldmap import world_map
from kd.core.fields import FIELDS, field_choices, field_label
from kd.core.i18n import current_locale
from kd.core.pagination import Page, page_number
from kd.core.places import MUNICIPALITIES, country_name, is_country, municipality, people_in
from kd.core.text import sort_key_for
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story

bp = Blueprint("browse", __name__)

TAG_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")  # also keeps NUL bytes away from PostgreSQL
FILTERS = ("tag", "field", "country", "municipality")
MAP_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"  # no script in the map
SECTIONS = {"person": "people", "group": "groups", "organisation": "organisations", "story": "stories"}


@bp.app_template_global()
def content_url(kind: str, slug: str) -> str:
    """The public page of a profile or story (the submissions blueprints own those routes)."""
    endpoint = "stories.show" if kind == "story" else "profiles.show"
    if endpoint in current_app.view_functions:
        try:
            return url_for(endpoint, slug=slug, **({} if kind == "story" else {"kind": kind}))
        except BuildError:
            pass
    return url_for("site.home") + f"{SECTIONS.get(kind, 'stories')}/{slug}"


@bp.app_template_global()
def diaspora_map():
    return world_map(queries.profiles_per_country())


@bp.app_template_global()
def top_tags(limit: int = 20) -> list[queries.TagCount]:
    return queries.top_tags(limit)


def _render_listing(template_name: str, listing: queries.Listing, page: int, **context):
    pages = Page(page, queries.PER_PAGE, listing.total)
    if page > 1 and page > pages.pages:
        abort(404)
    return render_template(template_name, listing=listing, page=pages, **context)


@bp.get("/tags")
def tags():
    key = sort_key_for(current_locale())
    return render_template("browse/tags.html", tags=sorted(queries.tag_counts(), key=lambda tag: key(tag.name)))


@bp.get("/tags/<slug>")
def tag(slug: str):
    found = queries.tag_by_slug(slug) if TAG_SLUG.match(slug) else None
    if found is None:
        abort(404)
    page = page_number()
    return _render_listing("browse/tag.html", queries.tag_listing(found, page), page, tag=found)


@bp.get("/diaspora")
def diaspora():
    return render_template("browse/diaspora.html")


@bp.get("/diaspora/map.svg")
def map_svg():
    """The map as a file of its own: pages stay light and browsers keep it (its address has a version)."""
    response = current_app.response_class(render_template("browse/map.svg", world=diaspora_map()),
                                          mimetype="image/svg+xml")
    response.headers.update({"Cache-Control": "public, max-age=86400", "Content-Security-Policy": MAP_POLICY})
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/diaspora/<code>")
def country(code: str):
    if not is_country(code):
        abort(404)
    if code != code.lower():
        return redirect(url_for(".country", code=code.lower()), 301)
    page = page_number()
    name = country_name(code, current_locale())
    return _render_listing("browse/country.html", queries.listing("country_code", code.upper(), page), page,
                           code=code, name=name, heading=people_in(code, name))


@bp.get("/fields/<code>")
def field(code: str):
    if code not in FIELDS:
        abort(404)
    page = page_number()
    return _render_listing("browse/field.html", queries.listing("field", code, page), page, code=code,
                           name=field_label(code))


@bp.get("/from/<code>")
def place(code: str):
    found = municipality(code)
    if found is None:
        abort(404)
    page = page_number()
    return _render_listing("browse/place.html", queries.listing("municipality", code, page), page, code=code,
                           name=found.name(current_locale()))


@bp.get("/from")
def places():
    counts = queries.column_counts("municipality")
    key = sort_key_for(current_locale())
    rows = sorted(((m.code, m.name(current_locale()), counts.get(m.code, 0)) for m in MUNICIPALITIES),
                  key=lambda row: key(row[1]))
    return render_template("browse/places.html", places=rows)


@bp.get("/fields")
def fields():
    counts = queries.column_counts("field")
    rows = [(code, label, counts.get(code, 0)) for code, label in field_choices()]
    return render_template("browse/fields.html", fields=rows)


def _filters() -> dict[str, str]:
    """The search page's filters that a listing understands; an unknown value is a 404, not an empty page."""
    found = {name: request.args.get(name, "").strip() for name in FILTERS}
    if found["field"] and found["field"] not in FIELDS:
        abort(404)
    if found["municipality"] and municipality(found["municipality"]) is None:
        abort(404)
    if found["country"]:
        if not is_country(found["country"]):
            abort(404)
        found["country"] = found["country"].upper()
    if found["tag"] and not TAG_SLUG.match(found["tag"]):
        abort(404)
    return found


def _columns(filters: dict[str, str]) -> dict[str, str]:
    return {("country_code" if name == "country" else name): value for name, value in filters.items()}


def _render_one_kind(template_name: str, rows: list, total: int, page: int, filters: dict[str, str]):
    pages = Page(page, queries.PER_PAGE, total)
    if page > 1 and page > pages.pages:
        abort(404)
    return render_template(template_name, items=rows, total=total, page=pages,
                           filters={k: v for k, v in filters.items() if v})


@bp.get("/stories")
def stories():
    page, filters = page_number(), _filters()
    rows, total = queries.filtered_page(Story, _columns(filters), page)
    return _render_one_kind("browse/stories.html", rows, total, page, filters)


@bp.get("/people")
def people():
    page, filters = page_number(), _filters()
    kind = request.args.get("kind", "").strip()
    if kind and kind not in {k.value for k in ProfileKind}:
        abort(404)
    columns = _columns(filters) | ({"kind": ProfileKind(kind)} if kind else {})
    rows, total = queries.filtered_page(Profile, columns, page)
    return _render_one_kind("browse/people.html", rows, total, page, filters | {"kind": kind})
