"""The inbox: who signed a request (their key fetched and cached), and what a Follow / Undo changes.
Nothing else a remote server sends changes anything: it is counted per type, never shown."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for

from kd.audit.services import record
from kd.db import session, utcnow
from kd.federation import documents, queries, remote, signatures
from kd.federation.actors import SITE_USERNAME, LocalActor, find_actor
from kd.federation.delivery import schedule
from kd.federation.keys import key_for
from kd.federation.models import URL_LENGTH, IgnoredActivity, RemoteActor, RemoteFollower
from kd.federation.remote import RemoteError
from kd.federation.signatures import SignatureError

ACTOR_TYPES = frozenset({"Person", "Service", "Application", "Group", "Organization"})


class InboxRefused(Exception):
    """A request the inbox will not take: status (400, 401, 403, 413) and a message for the sender."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


# Who signed -------------------------------------------------------------------------------------------

def signer_of(method: str, target: str, headers: dict[str, str], body: bytes, window_seconds: int) -> RemoteActor:
    """The remote actor whose key signed the request (headers: lower-case names); its key is fetched once
    and cached, and fetched again once when the cached key does not verify (the actor rotated it)."""
    try:
        signatures.check_post(headers, body, window_seconds)
        key_id = signatures.parse_signature(headers.get("signature")).key_id
        sender = remote_actor(key_id)
        if signatures.verify(sender.public_key_pem, method, target, headers):
            return sender
        sender = remote_actor(key_id, refresh=True)
        if signatures.verify(sender.public_key_pem, method, target, headers):
            return sender
    except SignatureError as error:
        raise InboxRefused(401, str(error)) from error
    except RemoteError as error:
        raise InboxRefused(401, f"The signing key could not be fetched: {error}") from error
    raise InboxRefused(401, "The signature does not match the request.")


def remote_actor(key_id: str, refresh: bool = False) -> RemoteActor:
    """The cached actor of a key id, or the one its actor document describes now (stored)."""
    cached = queries.remote_by_key(key_id)
    if cached is not None and not refresh:
        return cached
    _check_url(key_id)
    document = _fetch(key_id.split("#")[0])
    if document.get("type") not in ACTOR_TYPES and isinstance(document.get("owner"), str):
        document = _fetch(_check_url(document["owner"]))
    return _store_actor(key_id, document)


def _fetch(url: str) -> dict:
    """GET signed by the site actor: servers in Mastodon's secure mode (authorized fetch) want that."""
    site = LocalActor(SITE_USERNAME)
    key = key_for(site.username)
    return remote.get_json(url, signatures.signed_get_headers(key.private_key_pem, site.key_id, url))


def _store_actor(key_id: str, document: dict) -> RemoteActor:
    key = document.get("publicKey")
    key = next((k for k in key if isinstance(k, dict) and k.get("id") == key_id), None) if isinstance(
        key, list) else key
    actor_url, inbox = document.get("id"), document.get("inbox")
    if not isinstance(key, dict) or key.get("id") != key_id or key.get("owner") != actor_url:
        raise RemoteError("The actor document does not hold that key.")
    if not isinstance(key.get("publicKeyPem"), str) or _origin(key_id) != _origin(_check_url(actor_url)):
        raise RemoteError("The key and its actor are not on the same server.")
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    shared = endpoints.get("sharedInbox")
    found = queries.remote_by_url(actor_url) or queries.remote_by_key(key_id) or RemoteActor(actor_url=actor_url)
    found.actor_url, found.key_id, found.public_key_pem = actor_url, key_id, key["publicKeyPem"][:10_000]
    found.inbox = _check_url(inbox)
    found.shared_inbox = _check_url(shared) if isinstance(shared, str) else None
    found.fetched_at = utcnow()
    session.add(found)
    session.flush()
    return found


def _check_url(value) -> str:
    if not isinstance(value, str) or len(value) > URL_LENGTH or urlsplit(value).scheme not in ("http", "https"):
        raise RemoteError("An address in the actor document is not an http(s) URL.")
    return value


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


# What it asks -----------------------------------------------------------------------------------------

def receive(activity: dict, sender: RemoteActor, inbox_actor: LocalActor | None) -> str:
    """Act on an activity the sender signed; inbox_actor is None for the shared inbox. Returns what happened."""
    if _id_of(activity.get("actor")) != sender.actor_url:
        raise InboxRefused(403, "The activity's actor is not the one who signed the request.")
    kind = activity.get("type")
    if kind == "Follow":
        return _follow(activity, sender, _ours(activity.get("object"), inbox_actor))
    if kind == "Undo" and isinstance(activity.get("object"), dict | str):
        return _undo(activity["object"], sender, inbox_actor)
    if kind == "Delete" and _id_of(activity.get("object")) == sender.actor_url:
        return _forget_follows(sender)
    _count_ignored(inbox_actor, str(kind)[:64])
    return "ignored"


def _id_of(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


def _ours(value, inbox_actor: LocalActor | None) -> LocalActor:
    """The actor of ours an activity's object names (and, at an actor's inbox, that actor only)."""
    wanted = _id_of(value) or ""
    prefix = url_for("federation.actor", username="", _external=True)
    actor = find_actor(wanted[len(prefix):]) if wanted.startswith(prefix) else None
    if actor is None or actor.id != wanted or (inbox_actor is not None and inbox_actor.username != actor.username):
        raise InboxRefused(400, "The object is not an actor of this site.")
    return actor


def _follow(activity: dict, sender: RemoteActor, actor: LocalActor) -> str:
    follow_id = _id_of(activity)
    if follow_id is None or len(follow_id) > URL_LENGTH:
        raise InboxRefused(400, "The Follow has no usable id.")
    follower = queries.follower(actor.username, sender.id)
    if follower is None:
        follower = RemoteFollower(username=actor.username, remote_actor_id=sender.id, follow_activity_id=follow_id)
        session.add(follower)
        session.flush()
        record(None, "federation.followed", follower, local_actor=actor.username, remote=sender.actor_url)
    follower.follow_activity_id = follow_id
    accept = documents.accept(actor, _plain_follow(activity, actor), f"{actor.id}#accepts/{follower.id}-"
                              f"{int(utcnow().timestamp())}")
    schedule(actor.username, [sender.inbox], accept)
    return "accepted"


def _plain_follow(activity: dict, actor: LocalActor) -> dict:
    """The Follow as we echo it in the Accept: its id, type, actor and object, nothing else the sender sent."""
    return {"id": activity["id"], "type": "Follow", "actor": _id_of(activity.get("actor")), "object": actor.id}


def _undo(undone, sender: RemoteActor, inbox_actor: LocalActor | None) -> str:
    undone_id = _id_of(undone)
    follows = [follower for follower in queries.follows_by(sender.id)
               if follower.follow_activity_id == undone_id
               or (isinstance(undone, dict) and undone.get("type") == "Follow"
                   and _is_actor(undone.get("object"), follower.username))]
    return _remove([f for f in follows if inbox_actor is None or f.username == inbox_actor.username], sender)


def _forget_follows(sender: RemoteActor) -> str:
    """The remote account was deleted (signed with its key, which we still hold): it follows nothing here."""
    return _remove(queries.follows_by(sender.id), sender)


def _remove(follows: list[RemoteFollower], sender: RemoteActor) -> str:
    for follower in follows:
        record(None, "federation.unfollowed", follower, local_actor=follower.username, remote=sender.actor_url)
        session.delete(follower)
    return "undone" if follows else "ignored"


def _is_actor(value, username: str) -> bool:
    return _id_of(value) == url_for("federation.actor", username=username, _external=True)


def _count_ignored(inbox_actor: LocalActor | None, kind: str) -> None:
    username = inbox_actor.username if inbox_actor is not None else ""
    counter = queries.ignored_counter(username, kind)
    if counter is None:
        counter = IgnoredActivity(username=username, activity_type=kind, count=0)
        session.add(counter)
    counter.count += 1
