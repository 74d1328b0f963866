"""A remote fediverse server on loopback (actor documents served, inbox POSTs recorded) and Mastodon-shaped
signed requests, signed here with `cryptography` directly (not with KD's signer)."""
from __future__ import annotations

import base64
import hashlib
import json
import threading
import uuid
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from kd.content.states import ModerationState


@pytest.fixture
def app_overrides():
    return {"FEDERATION_ALLOW_PRIVATE_ADDRESSES": True}


@pytest.fixture
def content_defaults():
    return {"state": ModerationState.APPROVED, "story_source": False, "announce": True}


class RemoteServer:
    """GET answers self.documents[path]; POST is recorded in self.received and answered self.status."""

    def __init__(self):
        self.documents, self.received, self.fetched, self.status = {}, [], [], 202
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.fetched.append((self.path, dict(self.headers)))
                document = server.documents.get(self.path)
                self.send_response(200 if document else 404)
                self.send_header("Content-Type", "application/activity+json")
                self.end_headers()
                self.wfile.write(json.dumps(document or {}).encode())

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                server.received.append((self.path, dict(self.headers), body))
                self.send_response(server.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self._http.server_port}"
        threading.Thread(target=self._http.serve_forever, daemon=True).start()

    def stop(self):
        self._http.shutdown()
        self._http.server_close()


class RemoteUser:
    """A Mastodon-like account on the remote server: its actor document and RSA key."""

    def __init__(self, server: RemoteServer, name: str = "alice", shared: bool = True):
        self.server, self.name = server, name
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.id = f"{server.origin}/users/{name}"
        self.key_id = f"{self.id}#main-key"
        self.publish_key(self.key)
        if not shared:
            del server.documents[f"/users/{name}"]["endpoints"]

    def publish_key(self, key) -> None:
        pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        self.server.documents[f"/users/{self.name}"] = {
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": self.id, "type": "Person", "preferredUsername": self.name,
            "inbox": f"{self.id}/inbox", "outbox": f"{self.id}/outbox",
            "endpoints": {"sharedInbox": f"{self.server.origin}/inbox"},
            "publicKey": {"id": self.key_id, "owner": self.id, "publicKeyPem": pem}}

    def follow(self, object_id: str) -> dict:
        return {"@context": "https://www.w3.org/ns/activitystreams", "id": f"{self.server.origin}/{uuid.uuid4()}",
                "type": "Follow", "actor": self.id, "object": object_id}

    def signed(self, path: str, activity: dict, host: str = "kd.test", key=None, date: str | None = None,
               body: bytes | None = None) -> dict:
        """The headers Mastodon 4.x sends (app/lib/request.rb): Date, Digest, Content-Type, and a Signature
        over (request-target) host date digest content-type with rsa-sha256."""
        body = body if body is not None else json.dumps(activity).encode()
        headers = {"Host": host, "Date": date or formatdate(usegmt=True),
                   "Digest": "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode(),
                   "Content-Type": "application/activity+json"}
        text = "\n".join([f"(request-target): post {path}"] + [f"{name.lower()}: {headers[name]}" for name in
                                                                ("Host", "Date", "Digest", "Content-Type")])
        signature = base64.b64encode((key or self.key).sign(text.encode(), padding.PKCS1v15(), hashes.SHA256()))
        headers["Signature"] = (f'keyId="{self.key_id}",algorithm="rsa-sha256",'
                                f'headers="(request-target) host date digest content-type",'
                                f'signature="{signature.decode()}"')
        headers["User-Agent"] = "http.rb/5.1.1 (Mastodon/4.3.2; +https://mastodon.example/)"
        return headers


@pytest.fixture
def remote_server():
    server = RemoteServer()
    yield server
    server.stop()


@pytest.fixture
def alice(remote_server):
    return RemoteUser(remote_server)


@pytest.fixture
def send(client):
    """POST an activity to a KD inbox as the remote user signs it."""
    def post(user: RemoteUser, path: str, activity: dict, **signing):
        body = signing.pop("body", None)
        raw = body if body is not None else json.dumps(activity).encode()
        headers = user.signed(path, activity, body=raw, **signing)
        return client.post(path, data=raw, headers=headers, base_url="http://kd.test")
    return post
