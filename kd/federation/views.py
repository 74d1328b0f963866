"""WebFinger, NodeInfo, the actors (documents, outboxes, followers, Articles) and the inboxes.

Every request is hostile: a malformed resource is 400, an unknown one 404, an inbox POST needs a valid
HTTP Signature (401 otherwise), at most MAX_INBOX_BYTES of JSON (413, 400)."""
from __future__ import annotations

import json
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, redirect, request, url_for
from markupsafe import Markup

from kd.core.i18n import current_locale
from kd.core.urls import site_host
from kd.db import transaction
from kd.extensions import csrf, limiter
from kd.federation import documents, queries, services
from kd.federation.actors import FOLLOWED_KINDS, SITE_USERNAME, LocalActor, actor_for, find_actor
from kd.federation.delivery import kick
from kd.federation.keys import key_for
from kd.federation.services import InboxRefused
from kd.follows.models import FollowKind

bp = Blueprint("federation", __name__)
ACTIVITY_JSON = "application/activity+json; charset=utf-8"
AP_TYPES = ("application/activity+json", "application/ld+json")
MAX_INBOX_BYTES = 256 * 1024
MAX_PAGE = 10_000
SOFTWARE_VERSION = "1.0"
FEDERATED_KINDS = frozenset(kind.value for kind in FOLLOWED_KINDS)


@bp.app_template_global()
def fediverse_handle(kind: str, key: str) -> str | None:
    """The page's actor handle (@gjakova@kd.example) for a tag, country, municipality or field page."""
    actor = _page_actor(kind, key)
    return actor.handle if actor is not None else None


def _page_actor(kind: str, key: str) -> LocalActor | None:
    if kind not in FEDERATED_KINDS:
        return None
    return actor_for(FollowKind(kind), key)


@bp.app_template_global()
def fediverse_link(kind: str, key: str) -> Markup:
    """The page's <link rel="alternate"> to its actor: Mastodon, given the page's address, follows it."""
    actor = _page_actor(kind, key)
    if actor is None:
        return Markup("")
    return Markup('<link rel="alternate" type="application/activity+json" href="{}">').format(actor.id)


def _json(document: dict, status: int = 200, mimetype: str = ACTIVITY_JSON) -> Response:
    response = Response(json.dumps(document, ensure_ascii=False), status=status, content_type=mimetype)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Vary"] = "Accept"
    return response


def _error(status: int, message: str) -> Response:
    return _json({"error": message}, status, "application/json; charset=utf-8")


def _wants_activity() -> bool:
    """An ActivityPub type asked for at least as much as HTML (ld+json comes with a profile parameter)."""
    ranks: dict[str, float] = {}
    for value, quality in request.accept_mimetypes:
        base = value.split(";")[0].strip().lower()
        ranks[base] = max(ranks.get(base, 0), quality)
    wanted = max(ranks.get(name, 0) for name in AP_TYPES)
    return wanted > 0 and wanted >= ranks.get("text/html", 0)


def _page() -> int | None:
    raw = request.args.get("page")
    if raw is None:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        abort(400)
    return int(raw)


def _actor_or_404(username: str) -> LocalActor:
    return find_actor(username) or abort(404)


@bp.get("/.well-known/webfinger")
def webfinger():
    resource = request.args.get("resource", "")
    if not resource or len(resource) > 300:
        return _error(400, "Give resource=acct:name@host.")
    if resource.startswith(("http://", "https://")):
        prefix = url_for("federation.actor", username="", _external=True)
        actor = find_actor(resource[len(prefix):]) if resource.startswith(prefix) else None
    else:
        name, at, host = resource.removeprefix("acct:").lstrip("@").partition("@")
        if not resource.startswith("acct:") or not at or not name or not host:
            return _error(400, "The resource must be acct:name@host.")
        if host.lower() != site_host().lower():
            return _error(404, "That account is not on this server.")
        actor = find_actor(name)
    if actor is None:
        return _error(404, "No such account here.")
    return _json(documents.webfinger(actor, site_host()), mimetype="application/jrd+json; charset=utf-8")


@bp.get("/.well-known/nodeinfo")
def nodeinfo_links():
    return _json(documents.nodeinfo_links(), mimetype="application/json; charset=utf-8")


@bp.get("/nodeinfo/2.1")
def nodeinfo():
    total = queries.story_count(LocalActor(SITE_USERNAME))
    return _json(documents.nodeinfo(SOFTWARE_VERSION, total),
                 mimetype='application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"')


@bp.get("/actors/<username>")
def actor(username: str):
    found = _actor_or_404(username)
    if found.username != username:
        return redirect(url_for(".actor", username=found.username), 301)
    if not _wants_activity():
        return redirect(found.page_url(), 303)
    key = key_for(found.username)
    return _json(documents.actor_document(found, key.public_key_pem, current_locale()))


@bp.get("/actors/<username>/outbox")
def outbox(username: str):
    return _json(documents.outbox(_actor_or_404(username), _page()))


@bp.get("/actors/<username>/followers")
def followers(username: str):
    return _json(documents.followers(_actor_or_404(username), _page()))


@bp.get("/actors/<username>/stories/<int:story_id>")
def article(username: str, story_id: int):
    found = _actor_or_404(username)
    story = queries.public_story(found, story_id) or abort(404)
    if not _wants_activity():
        return redirect(url_for("stories.show", slug=story.slug), 303)
    return _json({"@context": documents.CONTEXT[0], **documents.article(found, story)})


# The signature is the proof of who posts: no session, no CSRF token.
@bp.post("/actors/<username>/inbox")
@csrf.exempt
@limiter.limit(lambda: current_app.config["FEDERATION_INBOX_RATE_LIMIT"])
def inbox(username: str):
    return _receive(_actor_or_404(username))


@bp.post("/inbox")
@csrf.exempt
@limiter.limit(lambda: current_app.config["FEDERATION_INBOX_RATE_LIMIT"])
def shared_inbox():
    return _receive(None)


def _receive(inbox_actor: LocalActor | None) -> Response:
    if (request.content_length or 0) > MAX_INBOX_BYTES:
        return _error(413, f"At most {MAX_INBOX_BYTES} bytes.")
    body = request.stream.read(MAX_INBOX_BYTES + 1)
    if len(body) > MAX_INBOX_BYTES:
        return _error(413, f"At most {MAX_INBOX_BYTES} bytes.")
    try:
        activity = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return _error(400, "The body is not JSON.")
    if not isinstance(activity, dict):
        return _error(400, "The body is not a JSON object.")
    headers = {name.lower(): value for name, value in request.headers.items()}
    target = quote(request.path) + (f"?{request.query_string.decode('latin-1')}" if request.query_string else "")
    window = current_app.config.get("FEDERATION_SIGNATURE_WINDOW_SECONDS", 3600)
    key_for(SITE_USERNAME)  # made now, not inside the transaction below: it signs our key fetches
    try:
        with transaction():
            sender = services.signer_of("post", target, headers, body, window)
            outcome = services.receive(activity, sender, inbox_actor)
    except InboxRefused as refusal:
        return _error(refusal.status, refusal.message)
    if outcome == "accepted":
        kick()
    return _json({"status": outcome}, 202, "application/json; charset=utf-8")
