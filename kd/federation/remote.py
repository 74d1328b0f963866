"""HTTP to other servers: GET of actor documents, signed POSTs to inboxes. Every address is hostile: only
http(s), only public addresses unless KD_FEDERATION_ALLOW_PRIVATE_ADDRESSES (tests on loopback), the
connection goes to the address that was checked (no DNS rebinding), short timeouts, bounded answers."""
from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app

TIMEOUT_SECONDS = 10
MAX_DOCUMENT_BYTES = 1024 * 1024
ACCEPT = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
USER_AGENT = "KD-federation/1.0 (+https://github.com/kd)"


class RemoteError(Exception):
    """The remote server could not be asked or gave no usable answer; str() says why."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


def get_json(url: str, headers: dict[str, str] | None = None) -> dict:
    answer = request("GET", url, headers={"Accept": ACCEPT, **(headers or {})})
    if answer.status != 200:
        raise RemoteError(f"GET {url} answered {answer.status}.")
    try:
        document = json.loads(answer.body)
    except ValueError as error:
        raise RemoteError(f"GET {url} did not answer JSON.") from error
    if not isinstance(document, dict):
        raise RemoteError(f"GET {url} did not answer a JSON object.")
    return document


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    return request("POST", url, headers=headers, body=body)


def request(method: str, url: str, headers: dict[str, str], body: bytes | None = None) -> Answer:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(f"Not an http(s) address: {url[:200]!r}.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = checked_address(parts.hostname, port)
    connection = _connection(parts.scheme, parts.hostname, address, port)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, target, body=body, headers={"User-Agent": USER_AGENT, "Host": parts.netloc,
                                                               **headers})
        response = connection.getresponse()
        data = response.read(MAX_DOCUMENT_BYTES + 1)
    except (OSError, http.client.HTTPException) as error:
        raise RemoteError(f"{method} {url[:200]} failed: {error}") from error
    finally:
        connection.close()
    if len(data) > MAX_DOCUMENT_BYTES:
        raise RemoteError(f"{method} {url[:200]} answered more than {MAX_DOCUMENT_BYTES} bytes.")
    return Answer(response.status, data)


def checked_address(host: str, port: int) -> str:
    """The first address of host, refused when it is not a public one (unless the config allows it)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise RemoteError(f"Cannot resolve {host[:200]!r}.") from error
    allow_private = current_app.config.get("FEDERATION_ALLOW_PRIVATE_ADDRESSES", False)
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not allow_private and not address.is_global:
            raise RemoteError(f"{host[:200]!r} is a private address: refused.")
    return infos[0][4][0]


def _connection(scheme: str, host: str, address: str, port: int) -> http.client.HTTPConnection:
    if scheme == "https":
        return _PinnedHTTPSConnection(host, address, port)
    connection = http.client.HTTPConnection(address, port, timeout=TIMEOUT_SECONDS)
    return connection


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address, with the certificate checked for the host name."""

    def __init__(self, host: str, address: str, port: int) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
