"""Old WordPress addresses answer 301 with the KD page that holds their content now. The catch-all rule
matches only what no other rule does; the front page's ?p=ID links are looked at before its own view.
Being a GET rule, it would make any other method on an unknown address a 405; that is answered 404."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, request, url_for
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from kd.wordpress.queries import QUERY_KEYS, redirect_target
from kd.wordpress.services import normalise_path

bp = Blueprint("wordpress", __name__)
ENDPOINTS = {"story": "stories.detail", "tag": "browse.tag"}


@bp.get("/<path:old_path>")
def old_address(old_path: str):
    if len(old_path) > 500:
        abort(404)
    return _moved(normalise_path(old_path)) or abort(404)


@bp.before_app_request
def unknown_address_for_other_methods():
    """POST /no-such-page/ is a 404: only the catch-all above knows the address, and only for GET. A 405
    stays a 405 where a real page has the address (POST /search)."""
    error = request.routing_exception
    if not isinstance(error, MethodNotAllowed) or set(error.valid_methods or ()) - {"GET", "HEAD", "OPTIONS"}:
        return
    try:
        endpoint, _arguments = current_app.url_map.bind_to_environ(request.environ).match(method="GET")
    except HTTPException:   # a redirect to the slashed address: a real rule, its 405 stands
        return
    if endpoint == f"{bp.name}.{old_address.__name__}":
        abort(404)


@bp.before_app_request
def old_query_address():
    if request.path != "/" or request.method != "GET" or not request.args:
        return None
    for key in QUERY_KEYS:
        value = request.args.get(key, "")
        if value and len(value) <= 200 and "\x00" not in value:  # PostgreSQL refuses NUL in text
            return _moved(f"?{key}={value.lower()}")
    return None


def _moved(path: str):
    target = redirect_target(path)
    if target is None:
        return None
    kind, slug = target
    location = url_for(f"pages.{slug}") if kind == "page" else url_for(ENDPOINTS[kind], slug=slug)
    return redirect(location, code=301)
