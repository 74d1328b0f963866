"""Interoperability with an implementation we did not write: bovine (PyPI) follows a KD tag actor over real
HTTP on loopback. bovine signs the Follow with its own draft-cavage code; KD fetches bovine's actor, verifies,
and sends a signed Accept that bovine verifies with its own SignatureChecker (fetching KD's key over HTTP);
then a published story reaches bovine's inbox as a signed Create (Article)."""
from __future__ import annotations

import asyncio
import json
import socket
import threading

import aiohttp
import pytest
from aiohttp import web
from bovine import BovineActor
from bovine.clients.lookup_account import lookup_with_webfinger
from bovine.crypto import build_validate_http_signature_raw, generate_rsa_public_private_key
from bovine.crypto.types import CryptographicIdentifier
from werkzeug.serving import make_server

from kd.federation import delivery

ACTIVITY_JSON = {"Accept": "application/activity+json"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


KD_PORT = _free_port()
KD = f"http://127.0.0.1:{KD_PORT}"


@pytest.fixture
def app_overrides():
    return {"FEDERATION_ALLOW_PRIVATE_ADDRESSES": True, "SITE_URL": KD, "SERVER_NAME": f"127.0.0.1:{KD_PORT}"}


@pytest.fixture
def live_kd(app):
    server = make_server("127.0.0.1", KD_PORT, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield KD
    server.shutdown()
    thread.join(timeout=10)


class BovinePeer:
    """A fediverse actor made of bovine's parts: its actor document, and an inbox that accepts only what
    bovine's own signature checker verifies."""

    def __init__(self):
        self.public_pem, self.private_pem = generate_rsa_public_private_key()
        self.received: list[tuple[str | None, dict]] = []

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/actor", self.actor_document)
        app.router.add_post("/inbox", self.inbox)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.origin = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
        self.id = f"{self.origin}/actor"
        self.session = aiohttp.ClientSession()
        self.validate = build_validate_http_signature_raw(self.fetch_key)
        self.client = BovineActor(actor_id=self.id, public_key_url=f"{self.id}#main-key", secret=self.private_pem)
        await self.client.init(session=self.session)

    async def stop(self) -> None:
        await self.session.close()
        await self.runner.cleanup()

    async def actor_document(self, _request):
        return web.json_response({
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": self.id, "type": "Person", "preferredUsername": "bovine", "inbox": f"{self.origin}/inbox",
            "outbox": f"{self.origin}/outbox",
            "publicKey": {"id": f"{self.id}#main-key", "owner": self.id, "publicKeyPem": self.public_pem}},
            content_type="application/activity+json")

    async def fetch_key(self, key_id: str):
        async with self.session.get(key_id, headers=ACTIVITY_JSON) as response:
            document = await response.json(content_type=None)
        return CryptographicIdentifier.from_public_key(document["publicKey"])

    async def inbox(self, request):
        body = await request.read()

        async def read_body():
            return body

        headers = {name.lower(): value for name, value in request.headers.items()}
        signer = await self.validate(request.method, str(request.url), headers, read_body)
        self.received.append((signer, json.loads(body)))
        return web.Response(status=202 if signer else 401)


def test_bovine_follows_a_kd_tag_and_receives_a_published_story(app, live_kd, make_story):
    make_story(tags=["Open science"], title="The first story")

    def kd_delivers() -> int:
        with app.app_context():
            return delivery.deliver_due()

    def kd_publishes() -> None:
        make_story(tags=["Open science"], title="Physicist from Prizren", summary="Builds detectors at CERN.")

    async def scenario(peer: BovinePeer) -> None:
        await peer.start()
        try:
            actor_url = await lookup_with_webfinger(peer.session, f"{KD}/.well-known/webfinger",
                                                    {"resource": "acct:tag_open-science@127.0.0.1:" + str(KD_PORT)})
            assert actor_url == f"{KD}/actors/tag_open-science"
            kd_actor = await peer.client.get(actor_url)
            assert kd_actor["publicKey"]["owner"] == actor_url
            follow = {"@context": "https://www.w3.org/ns/activitystreams", "id": f"{peer.origin}/follows/1",
                      "type": "Follow", "actor": peer.id, "object": actor_url}
            response = await peer.client.post(kd_actor["inbox"], follow)
            assert response.status == 202
            assert await asyncio.to_thread(kd_delivers) == 1
            signer, accept = peer.received[-1]
            assert signer == actor_url, "bovine could not verify KD's Accept"
            assert accept["type"] == "Accept" and accept["object"]["id"] == follow["id"]
            await asyncio.to_thread(kd_publishes)
            assert await asyncio.to_thread(kd_delivers) == 1
            signer, create = peer.received[-1]
            assert signer == actor_url, "bovine could not verify KD's Create"
            assert create["type"] == "Create" and create["object"]["type"] == "Article"
            assert create["object"]["name"] == "Physicist from Prizren"
            assert create["object"]["summary"] == "Builds detectors at CERN."
            outbox = await peer.client.get(kd_actor["outbox"])
            assert outbox["totalItems"] == 2
            followers = await peer.client.get(kd_actor["followers"] + "?page=1")
            assert followers["orderedItems"] == [peer.id]
        finally:
            await peer.stop()

    asyncio.run(scenario(BovinePeer()))
