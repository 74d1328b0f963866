"""WebFinger, NodeInfo, actor documents, signed Follow / Accept / Undo (a Mastodon-shaped request replayed),
refusals, delivery of Create on publish and Delete on unpublish, retries with back-off."""
from __future__ import annotations

import base64
import json
from datetime import timedelta
from email.utils import formatdate

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from sqlalchemy import select

from kd import db
from kd.db import transaction, utcnow
from kd.federation import delivery
from kd.federation.models import ActorKey, Delivery, IgnoredActivity, RemoteFollower
from kd.stories.models import Story
from kd.stories.services import withdraw_story
from tests.federation.conftest import RemoteUser

AP = {"Accept": "application/activity+json"}
GJAKOVA = "http://kd.test/actors/gjakova"
INBOX = "/actors/gjakova/inbox"


def _json(response):
    return json.loads(response.get_data(as_text=True))


def _rows(app, model):
    with app.app_context():
        return list(db.session.scalars(select(model)))


def test_webfinger_finds_the_site_and_places_with_albanian_letters(client):
    response = client.get("/.well-known/webfinger?resource=acct:kd@kd.test")
    assert response.status_code == 200 and response.content_type.startswith("application/jrd+json")
    assert _json(response)["links"][0]["href"] == "http://kd.test/actors/kd"
    for name in ("Gjakovë", "gjakove", "GJAKOVA", "@gjakova"):
        found = _json(client.get(f"/.well-known/webfinger?resource=acct:{name}@kd.test"))
        assert found["subject"] == "acct:gjakova@kd.test"
    assert _json(client.get("/.well-known/webfinger?resource=acct:Kaçanik@kd.test"))["subject"] == \
        "acct:kacanik@kd.test"
    assert _json(client.get("/.well-known/webfinger?resource=acct:field_medicine@kd.test"))["subject"] == \
        "acct:field_medicine@kd.test"
    assert _json(client.get("/.well-known/webfinger?resource=acct:country_DE@kd.test"))["subject"] == \
        "acct:country_de@kd.test"


def test_webfinger_refuses_malformed_and_unknown(client, make_story):
    make_story(state=None, tags=["Hidden"])  # approved by default here, but see the draft below
    for resource in ("", "kd@kd.test", "acct:kd", "acct:@kd.test", "acct:" + "x" * 400):
        assert client.get(f"/.well-known/webfinger?resource={resource}").status_code == 400, resource
    for resource in ("acct:nobody@kd.test", "acct:kd@elsewhere.example", "acct:tag_no-such-tag@kd.test",
                     "acct:country_zz@kd.test", "acct:field_cooking@kd.test", "acct:tag_@kd.test"):
        response = client.get(f"/.well-known/webfinger?resource={resource}")
        assert response.status_code == 404, resource
        assert response.content_type.startswith("application/json")


def test_a_tag_on_drafts_only_is_no_actor(client, make_story):
    from kd.content.states import ModerationState

    make_story(state=ModerationState.DRAFT, tags=["Secret plan"])
    make_story(tags=["Open science"])
    assert client.get("/.well-known/webfinger?resource=acct:tag_secret-plan@kd.test").status_code == 404
    assert client.get("/.well-known/webfinger?resource=acct:tag_open-science@kd.test").status_code == 200


def test_nodeinfo(client, make_story):
    make_story()
    links = _json(client.get("/.well-known/nodeinfo"))["links"]
    assert links[0]["rel"] == "http://nodeinfo.diaspora.software/ns/schema/2.1"
    info = client.get("/nodeinfo/2.1")
    assert "schema/2.1" in info.headers["Content-Type"]
    body = _json(info)
    assert body["protocols"] == ["activitypub"] and body["usage"]["localPosts"] == 1


def test_actor_document_negotiates_and_never_shows_the_private_key(app, client):
    response = client.get("/actors/gjakova", headers=AP)
    assert response.status_code == 200 and response.content_type.startswith("application/activity+json")
    actor = _json(response)
    assert actor["id"] == GJAKOVA and actor["inbox"] == GJAKOVA + "/inbox"
    assert actor["endpoints"]["sharedInbox"] == "http://kd.test/inbox"
    assert actor["publicKey"]["owner"] == GJAKOVA and "BEGIN PUBLIC KEY" in actor["publicKey"]["publicKeyPem"]
    assert "PRIVATE" not in response.get_data(as_text=True)
    ld = client.get("/actors/gjakova", headers={
        "Accept": 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'})
    assert _json(ld)["publicKey"] == actor["publicKey"]  # the key was made once and kept
    assert len(_rows(app, ActorKey)) == 1
    html = client.get("/actors/gjakova", headers={"Accept": "text/html"})
    assert html.status_code == 303 and html.headers["Location"].endswith("/from/gjakova")
    assert client.get("/actors/Gjakovë", headers=AP).status_code == 301
    assert client.get("/actors/nobody", headers=AP).status_code == 404


def test_outbox_lists_published_stories_as_articles(client, make_story, attach_photo):
    from kd.content.states import ModerationState

    make_story(title="Surgeon from Gjakova", summary="Saves lives in Zurich.", municipality="gjakova")
    attach_photo(Story, "story-1", alt="The surgeon in theatre")
    make_story(title="Draft", municipality="gjakova", state=ModerationState.DRAFT)
    make_story(title="Elsewhere", municipality="peja")
    collection = _json(client.get("/actors/gjakova/outbox", headers=AP))
    assert collection["type"] == "OrderedCollection" and collection["totalItems"] == 1
    page = _json(client.get(collection["first"].replace("http://kd.test", ""), headers=AP))
    article = page["orderedItems"][0]["object"]
    assert article["type"] == "Article" and article["name"] == "Surgeon from Gjakova"
    assert article["summary"] == "Saves lives in Zurich." and article["url"].endswith("/stories/story-1")
    assert article["image"]["type"] == "Image" and article["image"]["name"] == "The surgeon in theatre"
    assert client.get(article["image"]["url"].replace("http://kd.test", "")).status_code == 200
    assert _json(client.get("/actors/kd/outbox", headers=AP))["totalItems"] == 2
    assert client.get("/actors/gjakova/outbox?page=0", headers=AP).status_code == 400
    assert client.get("/actors/gjakova/outbox?page=x", headers=AP).status_code == 400
    assert client.get(article["id"].replace("http://kd.test", ""), headers=AP).status_code == 200
    assert _json(client.get("/actors/gjakova/followers", headers=AP))["totalItems"] == 0


def _kd_public_key(client, username="gjakova"):
    pem = _json(client.get(f"/actors/{username}", headers=AP))["publicKey"]["publicKeyPem"]
    return serialization.load_pem_public_key(pem.encode())


def _verify_kd_signature(client, path: str, headers: dict, body: bytes | None) -> str:
    """Check a delivery's (or a GET's) signature as a remote server would, with cryptography directly;
    returns the signing actor."""
    parts = dict(part.split("=", 1) for part in headers["Signature"].split(","))
    fields = parts["headers"].strip('"').split()
    method = "get" if body is None else "post"
    assert fields == ["(request-target)", "host", "date"] + ([] if body is None else ["digest"])
    values = {"(request-target)": f"{method} {path}", "host": headers["Host"], "date": headers["Date"],
              "digest": headers.get("Digest")}
    text = "\n".join(f"{name}: {values[name]}" for name in fields)
    key_id = parts["keyId"].strip('"')
    _kd_public_key(client, key_id.split("/actors/")[1].split("#")[0]).verify(
        base64.b64decode(parts["signature"].strip('"')), text.encode(), padding.PKCS1v15(), hashes.SHA256())
    if body is not None:
        assert json.loads(body)["actor"] == key_id.split("#")[0]
    return key_id.split("#")[0]


def test_mastodon_follow_is_accepted_with_a_signed_accept(app, client, send, alice, remote_server):
    follow = alice.follow(GJAKOVA)
    response = send(alice, INBOX, follow)
    assert response.status_code == 202, response.get_data(as_text=True)
    followers = _rows(app, RemoteFollower)
    assert [(f.username, f.follow_activity_id) for f in followers] == [("gjakova", follow["id"])]
    with app.app_context():
        delivery.deliver_due()
    fetched_path, fetched_headers = remote_server.fetched[0]
    assert fetched_path == "/users/alice"   # the key fetch, signed by the site actor (for secure mode)
    assert _verify_kd_signature(client, fetched_path, fetched_headers, None) == "http://kd.test/actors/kd"
    path, headers, body = remote_server.received[-1]
    assert path == "/users/alice/inbox"
    accept = json.loads(body)
    assert accept["type"] == "Accept" and accept["object"]["id"] == follow["id"]
    assert accept["object"]["object"] == GJAKOVA
    _verify_kd_signature(client, path, headers, body)
    assert _json(client.get("/actors/gjakova/followers?page=1", headers=AP))["orderedItems"] == [alice.id]
    # the same Follow again (Mastodon retries): still one follower
    assert send(alice, INBOX, follow).status_code == 202
    assert len(_rows(app, RemoteFollower)) == 1


def test_undo_follow_removes_the_follower(app, send, alice):
    follow = alice.follow(GJAKOVA)
    send(alice, INBOX, follow)
    undo = {"@context": "https://www.w3.org/ns/activitystreams", "id": follow["id"] + "#undo", "type": "Undo",
            "actor": alice.id, "object": follow}
    assert send(alice, "/inbox", undo).status_code == 202
    assert _rows(app, RemoteFollower) == []


def test_a_deleted_account_follows_nothing(app, send, alice, remote_server):
    """Mastodon signs an account's Delete with the account's key (cached here) while its actor answers 410."""
    _follow_all(send, [alice])
    del remote_server.documents["/users/alice"]
    gone = {"@context": "https://www.w3.org/ns/activitystreams", "id": alice.id + "#delete", "type": "Delete",
            "actor": alice.id, "object": alice.id, "to": ["https://www.w3.org/ns/activitystreams#Public"]}
    assert send(alice, "/inbox", gone).status_code == 202
    assert _rows(app, RemoteFollower) == []


def test_unsigned_and_badly_signed_requests_are_refused(app, client, send, alice):
    follow = alice.follow(GJAKOVA)
    body = json.dumps(follow).encode()
    unsigned = client.post(INBOX, data=body, headers={"Content-Type": "application/activity+json"},
                           base_url="http://kd.test")
    assert unsigned.status_code == 401 and "not signed" in _json(unsigned)["error"]
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert send(alice, INBOX, follow, key=other_key).status_code == 401
    stale = formatdate(timeval=(utcnow() - timedelta(hours=3)).timestamp(), usegmt=True)
    assert "Date" in _json(send(alice, INBOX, follow, date=stale))["error"]
    headers = alice.signed(INBOX, follow)
    tampered = client.post(INBOX, data=body.replace(b"Follow", b"Flolow"), headers=headers,
                           base_url="http://kd.test")
    assert tampered.status_code == 401 and "Digest" in _json(tampered)["error"]
    signed_for_elsewhere = {**alice.signed(INBOX, follow, host="localhost"), "Host": "kd.test"}
    wrong_host = client.post(INBOX, data=body, headers=signed_for_elsewhere, base_url="http://kd.test")
    assert wrong_host.status_code == 401
    assert send(alice, INBOX, {}, body=b"{not json").status_code == 400
    assert send(alice, INBOX, {}, body=b"[1, 2]").status_code == 400
    assert send(alice, INBOX, {}, body=b" " * (300 * 1024)).status_code == 413
    impostor = {**follow, "actor": "http://127.0.0.1:1/users/mallory"}
    assert send(alice, INBOX, impostor).status_code == 403
    assert send(alice, INBOX, alice.follow("http://kd.test/actors/peja")).status_code == 400
    assert _rows(app, RemoteFollower) == []


def test_a_rotated_key_is_fetched_again_once(app, send, alice):
    assert send(alice, INBOX, alice.follow(GJAKOVA)).status_code == 202  # key cached
    alice.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    alice.publish_key(alice.key)
    assert send(alice, "/inbox", alice.follow("http://kd.test/actors/kd")).status_code == 202
    assert len(_rows(app, RemoteFollower)) == 2


def test_a_key_its_actor_does_not_own_is_refused(app, send, alice, remote_server):
    """Mallory's server names alice's key as its own: the key's owner must be the actor that holds it."""
    mallory = RemoteUser(remote_server, "mallory")
    remote_server.documents["/users/mallory"]["publicKey"]["owner"] = alice.id
    response = send(mallory, INBOX, mallory.follow(GJAKOVA))
    assert response.status_code == 401 and "does not hold that key" in _json(response)["error"]
    remote_server.documents["/users/mallory"]["publicKey"]["owner"] = mallory.id
    remote_server.documents["/users/mallory"]["id"] = "http://elsewhere.example/users/mallory"
    remote_server.documents["/users/mallory"]["publicKey"]["owner"] = "http://elsewhere.example/users/mallory"
    assert send(mallory, INBOX, mallory.follow(GJAKOVA)).status_code == 401
    assert _rows(app, RemoteFollower) == []


def test_private_addresses_are_refused_by_default(app, send, alice):
    app.config["FEDERATION_ALLOW_PRIVATE_ADDRESSES"] = False
    response = send(alice, INBOX, alice.follow(GJAKOVA))
    assert response.status_code == 401 and "private address" in _json(response)["error"]


def test_likes_and_replies_change_nothing_but_a_count(app, send, alice):
    like = {"id": alice.id + "/likes/1", "type": "Like", "actor": alice.id, "object": GJAKOVA + "/stories/1"}
    reply = {"id": alice.id + "/notes/1", "type": "Create", "actor": alice.id,
             "object": {"type": "Note", "content": "<script>x</script>", "inReplyTo": GJAKOVA + "/stories/1"}}
    for activity in (like, like, reply):
        assert send(alice, INBOX, activity).status_code == 202
    counts = {(row.activity_type, row.count) for row in _rows(app, IgnoredActivity)}
    assert counts == {("Like", 2), ("Create", 1)}
    assert _rows(app, RemoteFollower) == []


def _follow_all(send, users, actor=GJAKOVA):
    for user in users:
        assert send(user, "/inbox", user.follow(actor)).status_code == 202


def test_publishing_delivers_a_create_once_per_server_and_unpublishing_a_delete(
        app, client, send, alice, remote_server, make_story, make_user):
    bob = RemoteUser(remote_server, "bob")
    _follow_all(send, [alice, bob])
    with app.app_context():
        delivery.deliver_due()  # the Accepts
    remote_server.received.clear()
    owner = make_user()
    story = make_story(submitted_by=owner, title="A Gjakova engineer", summary="Bridges.", municipality="gjakova")
    with app.app_context():
        assert delivery.deliver_due() == 1   # kd (no followers) sends nothing; gjakova: one shared inbox
    creates = [(path, json.loads(body)) for path, _headers, body in remote_server.received]
    assert [path for path, _ in creates] == ["/inbox"]
    create = creates[0][1]
    assert create["type"] == "Create" and create["object"]["type"] == "Article"
    assert create["object"]["name"] == "A Gjakova engineer" and create["object"]["url"].endswith("/stories/story-1")
    _verify_kd_signature(client, "/inbox", remote_server.received[0][1], remote_server.received[0][2])
    remote_server.received.clear()
    with app.app_context(), transaction():
        withdraw_story(db.session.get(Story, story.id), owner)
    with app.app_context():
        delivery.deliver_due()
    deleted = json.loads(remote_server.received[0][2])
    assert deleted["type"] == "Delete" and deleted["object"]["id"] == create["object"]["id"]


def test_a_failing_server_is_retried_with_back_off_and_never_blocks_the_rest(app, send, alice, remote_server,
                                                                             make_story):
    _follow_all(send, [alice])
    with app.app_context():
        delivery.deliver_due()
        dead = Delivery(username="gjakova", inbox="http://127.0.0.1:9/inbox",
                        activity=json.dumps({"actor": GJAKOVA, "type": "Create"}))
        db.session.add(dead)
        db.session.commit()
    remote_server.status = 503
    make_story(municipality="gjakova")
    with app.app_context():
        now = utcnow()
        assert delivery.deliver_due(now) == 0
        rows = {row.inbox: row for row in db.session.scalars(select(Delivery).where(Delivery.delivered_at.is_(None)))}
        live = rows[f"{remote_server.origin}/inbox"]
        assert live.attempts == 1 and rows["http://127.0.0.1:9/inbox"].attempts == 1
        assert live.next_attempt_at - now == timedelta(seconds=delivery.BACKOFF_SECONDS * 2)
        assert delivery.deliver_due(now + timedelta(seconds=60)) == 0 and live.attempts == 1  # not due yet
        remote_server.status = 202
        assert delivery.deliver_due(now + timedelta(seconds=121)) == 1
        assert live.delivered_at is not None and live.attempts == 2
        for attempt in range(delivery.MAX_ATTEMPTS):
            delivery.deliver_due(now + timedelta(days=attempt + 1))
        db.session.refresh(rows["http://127.0.0.1:9/inbox"])
        assert rows["http://127.0.0.1:9/inbox"].failed_at is not None


def test_followable_pages_show_their_fediverse_handle(client, make_story):
    make_story(tags=["Open science"], field="science", country_code="DE", municipality="gjakova")
    for path, handle in (("/from/gjakova", "@gjakova@kd.test"), ("/tags/open-science", "@tag_open-science@kd.test"),
                         ("/fields/science", "@field_science@kd.test"), ("/diaspora/de", "@country_de@kd.test")):
        page = client.get(path).get_data(as_text=True)
        assert handle in page, path
        actor = "http://kd.test/actors/" + handle.split("@")[1]
        assert f'<link rel="alternate" type="application/activity+json" href="{actor}">' in page


def test_the_cli_sends_what_is_due_without_a_queue(runner, send, alice, remote_server):
    assert send(alice, INBOX, alice.follow(GJAKOVA)).status_code == 202
    result = runner.invoke(args=["kd", "federation-deliver"])
    assert result.exit_code == 0 and "1 deliveries sent" in result.output
    assert json.loads(remote_server.received[-1][2])["type"] == "Accept"


def test_with_redis_the_worker_delivers_and_schedules_the_retry(redis_app, send, alice, remote_server, make_story):
    from rq.registry import ScheduledJobRegistry

    from kd.jobs.queue import queue
    from kd.jobs.worker import run

    assert send(alice, INBOX, alice.follow(GJAKOVA)).status_code == 202
    assert remote_server.received == []          # queued for the worker, not sent by the request
    run(redis_app, burst=True)
    assert json.loads(remote_server.received[-1][2])["type"] == "Accept"
    remote_server.status = 503
    make_story(municipality="gjakova")
    run(redis_app, burst=True)
    assert json.loads(remote_server.received[-1][2])["type"] == "Create"
    with redis_app.app_context():
        assert ScheduledJobRegistry(queue=queue()).count == 1   # the retry, at the back-off time
        retry = db.session.scalars(select(Delivery).where(Delivery.delivered_at.is_(None))).one()
        assert retry.attempts == 1 and retry.next_attempt_at > utcnow() + timedelta(seconds=100)
