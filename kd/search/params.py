"""The /search query string, checked: every result page is a shareable URL, and bad values are a 400."""
from __future__ import annotations

import re

from flask import request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from kd.core.errors import DomainError
from kd.core.fields import FIELDS
from kd.core.pagination import page_number
from kd.core.places import is_country, municipality
from kd.search.backend import FACETS, SORTS, SearchQuery
from kd.search.registry import FACET_LABELS

TABS = {"": "", "people": "person", "groups": "group", "organisations": "organisation", "stories": "story"}
MAX_INPUT = 5000
PER_PAGE = 20
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class SearchInputError(DomainError):
    """A search URL with a value no link on the site would produce."""


def _valid_filter(facet: str, value: str) -> bool:
    checks = {"country": is_country, "field": lambda code: code in FIELDS,
              "municipality": lambda code: municipality(code) is not None, "tag": lambda slug: bool(_SLUG.match(slug)),
              "help": lambda kind: "help" in FACET_LABELS and kind in FACET_LABELS["help"]([kind])}
    return checks[facet](value)


def read_query(args: MultiDict | None = None) -> SearchQuery:
    args = request.args if args is None else args
    tab, sort = args.get("type", ""), args.get("sort", "relevance")
    if tab not in TABS:
        raise SearchInputError(_("There is no result type called “%(type)s”.", type=tab[:40]))
    if sort not in SORTS:
        raise SearchInputError(_("Results can be sorted by relevance or by date only."))
    filters = {facet: args.get(facet, "").strip() for facet in FACETS if args.get(facet, "").strip()}
    filters["country"] = filters.get("country", "").upper()
    for facet, value in filters.items():
        if value and not _valid_filter(facet, value):
            raise SearchInputError(_("That filter is not one we know. Please remove it and try again."))
    return SearchQuery(text=args.get("q", "")[:MAX_INPUT].strip(), kind=TABS[tab],
                       filters={k: v for k, v in filters.items() if v}, sort=sort, page=page_number(),
                       per_page=PER_PAGE)

