from __future__ import annotations

import hashlib
import json
import math

from flask import Blueprint, Response, request, url_for

from kd.actions.models import Action, ActionStatus
from kd.actions.queries import participant_count
from kd.api import queries
from kd.api.openapi import HELP_KINDS, openapi_document
from kd.api.params import ApiError, list_params
from kd.api.serializers import action_json, collection_json, profile_json, story_json, tag_json
from kd.collections.models import Collection
from kd.collections.queries import visible_items
from kd.core.urls import current_url
from kd.profiles.models import Profile
from kd.stories.models import Story

bp = Blueprint("api", __name__, url_prefix="/api/v1")
PROFILE_KINDS = ("person", "group", "organisation")
ACTION_STATUSES = tuple(status.value for status in ActionStatus)


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    return _json({"error": {"code": error.code, "message": error.message}}, error.status)


@bp.errorhandler(400)
def _bad_request(_error):
    """Also refusals made before the view runs (a NUL byte in the query): API clients always get JSON."""
    return _json({"error": {"code": "bad_request", "message": "The request is malformed."}}, 400)


@bp.errorhandler(404)
def _not_found(_error):
    return _json({"error": {"code": "not_found", "message": "No such approved item or endpoint."}}, 404)


@bp.after_request
def _cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "If-None-Match"
    response.headers["Access-Control-Expose-Headers"] = "ETag"
    return response


@bp.get("/profiles")
def profiles():
    return _listing(Profile, profile_json, ".profiles", PROFILE_KINDS, help_kinds=tuple(HELP_KINDS))


@bp.get("/profiles/<slug>")
def profile(slug: str):
    return _item(Profile, slug, profile_json)


@bp.get("/stories")
def stories():
    return _listing(Story, story_json, ".stories")


@bp.get("/stories/<slug>")
def story(slug: str):
    return _item(Story, slug, story_json)


@bp.get("/tags")
def tags():
    return _json({"data": [tag_json(tag, count) for tag, count in queries.tags_with_counts()]})


@bp.get("/collections")
def collections():
    return _listing(Collection, _collection_json, ".collections", filters=False)


@bp.get("/collections/<slug>")
def collection(slug: str):
    return _item(Collection, slug, _collection_json)


def _collection_json(collection: Collection) -> dict:
    return collection_json(collection, visible_items(collection))


@bp.get("/actions")
def actions():
    return _listing(Action, _action_json, ".actions", filters=False, statuses=ACTION_STATUSES)


@bp.get("/actions/<slug>")
def action(slug: str):
    return _item(Action, slug, _action_json)


def _action_json(action: Action) -> dict:
    return action_json(action, participant_count(action))


RESOURCES = {"profiles": ".profiles", "stories": ".stories", "tags": ".tags", "collections": ".collections",
             "actions": ".actions"}


@bp.get("")
@bp.get("/")
def index():
    """Where a client starts: every resource's address and the OpenAPI description."""
    return _json({"resources": {name: url_for(endpoint, _external=True) for name, endpoint in RESOURCES.items()},
                  "openapi": url_for(".openapi", _external=True)})


@bp.get("/<path:_rest>")
def unknown(_rest: str):
    """Any other address under /api/v1 is a JSON 404: the site's HTML error page is for browsers."""
    raise ApiError("No such endpoint.", 404, "not_found")


@bp.get("/openapi.json")
def openapi():
    return _json(openapi_document(url_for(".profiles", _external=True).rsplit("/", 1)[0]))


def _listing(model, serialize, endpoint: str, kinds: tuple[str, ...] = (), filters: bool = True,
             statuses: tuple[str, ...] = (), help_kinds: tuple[str, ...] = ()):
    params = list_params(kinds, filters, statuses, help_kinds)
    rows, total = queries.page_of(model, params)
    pages = max(1, math.ceil(total / params.per_page))
    return _json({
        "data": [serialize(row) for row in rows],
        "meta": {"page": params.page, "per_page": params.per_page, "total": total, "pages": pages},
        "links": {"self": current_url(), "next": _page_link(endpoint, params.page + 1) if params.page < pages else None,
                  "prev": _page_link(endpoint, params.page - 1) if params.page > 1 else None},
    })


def _page_link(endpoint: str, page: int) -> str:
    return url_for(endpoint, **{**request.args.to_dict(), "page": page}, _external=True)


def _item(model, slug: str, serialize):
    row = queries.approved_by_slug(model, slug)
    if row is None:
        raise ApiError("No such approved item.", 404, "not_found")
    return _json(serialize(row))


def _json(payload: dict, status: int = 200) -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    response = Response(body, status=status, mimetype="application/json")
    if status == 200:
        response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
        response.headers["Cache-Control"] = "public, max-age=60"
        return response.make_conditional(request)
    return response
