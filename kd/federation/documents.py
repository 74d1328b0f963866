"""The JSON documents: actors, Articles, activities, collections, WebFinger and NodeInfo."""
from __future__ import annotations

from flask import url_for

from kd.core.urls import site_origin
from kd.federation import queries
from kd.federation.actors import LocalActor
from kd.media.queries import public_photos
from kd.media.storage import get_storage

CONTEXT = ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"]
AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def actor_document(actor: LocalActor, public_key_pem: str, locale: str) -> dict:
    return {
        "@context": CONTEXT,
        "id": actor.id,
        "type": "Service" if actor.target is None else "Group",
        "preferredUsername": actor.username,
        "name": actor.name(locale),
        "summary": actor.summary(locale),
        "url": actor.page_url(),
        "inbox": _url("federation.inbox", actor),
        "outbox": _url("federation.outbox", actor),
        "followers": _url("federation.followers", actor),
        "endpoints": {"sharedInbox": url_for("federation.shared_inbox", _external=True)},
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "publicKey": {"id": actor.key_id, "owner": actor.id, "publicKeyPem": public_key_pem},
    }


def _url(endpoint: str, actor: LocalActor, **values) -> str:
    return url_for(endpoint, username=actor.username, _external=True, **values)


def article_id(actor: LocalActor, story_id: int) -> str:
    return _url("federation.article", actor, story_id=story_id)


def article(actor: LocalActor, story) -> dict:
    link = url_for("stories.show", slug=story.slug, _external=True)
    document = {
        "id": article_id(actor, story.id),
        "type": "Article",
        "attributedTo": actor.id,
        "name": story.title,
        "summary": story.summary,
        "content": f'<p>{_escape(story.summary)}</p><p><a href="{link}">{_escape(link)}</a></p>',
        "url": link,
        "published": story.published_at.isoformat().replace("+00:00", "Z") if story.published_at else None,
        "to": [AS_PUBLIC],
        "cc": [_url("federation.followers", actor)],
    }
    images = [_image(photo) for photo in public_photos(story)[:1] if photo.variants]
    if images:
        document["image"] = images[0]
        document["attachment"] = images
    return document


def _image(photo) -> dict:
    largest = max(photo.variants, key=lambda variant: variant["width"])
    return {"type": "Image", "mediaType": "image/jpeg", "url": site_origin() + get_storage().url(
        f"public/{largest['jpeg']}"), "name": photo.alt_text}


def _escape(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def create(actor: LocalActor, story) -> dict:
    body = article(actor, story)
    return {"@context": CONTEXT[0], "id": f"{body['id']}#create", "type": "Create", "actor": actor.id,
            "published": body["published"], "to": body["to"], "cc": body["cc"], "object": body}


def delete(actor: LocalActor, story_id: int) -> dict:
    object_id = article_id(actor, story_id)
    return {"@context": CONTEXT[0], "id": f"{object_id}#delete", "type": "Delete", "actor": actor.id,
            "to": [AS_PUBLIC], "object": {"id": object_id, "type": "Tombstone"}}


def accept(actor: LocalActor, follow: dict, accept_id: str) -> dict:
    return {"@context": CONTEXT[0], "id": accept_id, "type": "Accept", "actor": actor.id, "object": follow}


def outbox(actor: LocalActor, page: int | None) -> dict:
    base = _url("federation.outbox", actor)
    if page is None:
        total = queries.story_count(actor)
        return {"@context": CONTEXT[0], "id": base, "type": "OrderedCollection", "totalItems": total,
                "first": f"{base}?page=1", "last": f"{base}?page={max(1, -(-total // queries.PAGE_SIZE))}"}
    items = [create(actor, story) for story in queries.stories_page(actor, page)]
    return _page(base, page, items, len(items) == queries.PAGE_SIZE)


def followers(actor: LocalActor, page: int | None) -> dict:
    base = _url("federation.followers", actor)
    if page is None:
        return {"@context": CONTEXT[0], "id": base, "type": "OrderedCollection",
                "totalItems": queries.follower_count(actor.username), "first": f"{base}?page=1"}
    items = queries.followers_page(actor.username, page)
    return _page(base, page, items, len(items) == queries.PAGE_SIZE)


def _page(base: str, page: int, items: list, more: bool) -> dict:
    document = {"@context": CONTEXT[0], "id": f"{base}?page={page}", "type": "OrderedCollectionPage",
                "partOf": base, "orderedItems": items}
    if more:
        document["next"] = f"{base}?page={page + 1}"
    if page > 1:
        document["prev"] = f"{base}?page={page - 1}"
    return document


def webfinger(actor: LocalActor, subject_host: str) -> dict:
    return {
        "subject": f"acct:{actor.username}@{subject_host}",
        "aliases": [actor.id, actor.page_url()],
        "links": [
            {"rel": "self", "type": "application/activity+json", "href": actor.id},
            {"rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": actor.page_url()},
        ],
    }


def nodeinfo_links() -> dict:
    return {"links": [{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
                       "href": url_for("federation.nodeinfo", _external=True)}]}


def nodeinfo(version: str, story_total: int) -> dict:
    return {
        "version": "2.1",
        "software": {"name": "kd", "version": version, "homepage": site_origin()},
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["atom1.0"]},
        "openRegistrations": True,
        "usage": {"users": {"total": 1}, "localPosts": story_total},
        "metadata": {"nodeName": "KD"},
    }
