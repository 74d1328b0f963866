"""The results page: /search?q=…&type=&country=&field=&tag=&municipality=&sort=&page=."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, g, render_template, request, url_for

from kd.core.pagination import Page
from kd.search import service
from kd.search.backend import FACETS, MAX_QUERY_LENGTH
from kd.search.params import TABS, SearchInputError, read_query
from kd.search.registry import FACET_LABELS

bp = Blueprint("search", __name__)
QUERY_SAFE = "!$'()*,/:;?@"  # what Werkzeug's url_for leaves unescaped in a query string, so links read the same


@bp.get("/search")
def results():
    try:
        query = read_query()
    except SearchInputError as error:
        return render_template("search/results.html", error=error.message, query=None, found=None,
                               search_url=search_url), 400
    found = service.search(query) if query.text or query.filters else None
    page = Page(query.page, query.per_page, found.total if found else 0)
    return render_template("search/results.html", query=query, found=found, page=page, tabs=TABS,
                           facets=FACETS, value_labels=_value_labels(query, found), search_url=search_url,
                           shortened=len(query.text) > MAX_QUERY_LENGTH, error=None)


def search_url(**changes) -> str:
    """This page's URL with some parameters changed (None removes one); filters reset the page."""
    args = {key: value for key, value in request.args.items() if value}
    if "page" not in changes:
        args.pop("page", None)
    args.update(changes)
    query = [(key, str(value)) for key, value in args.items() if value not in (None, "")]
    return f"{_results_path()}?{urlencode(query, safe=QUERY_SAFE)}" if query else _results_path()


def _results_path() -> str:
    """Built once per request: a results page links to itself once per tab, facet value and page."""
    if "kd_search_path" not in g:
        g.kd_search_path = url_for("search.results")
    return g.kd_search_path


def _value_labels(query, found) -> dict[str, dict[str, str]]:
    """facet -> {value: label} for the shown values of the facets other features label (tag names, kinds of
    help), the chosen filter included."""
    labelled = {}
    for facet, labels in FACET_LABELS.items():
        values = [value for value, _count in (found.facets.get(facet, []) if found else [])][:20]
        values += [query.filters[facet]] if facet in query.filters else []
        labelled[facet] = labels(values) if values else {}
    return labelled
