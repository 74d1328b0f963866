"""HTTP Signatures as the fediverse sends them (draft-cavage-http-signatures-12, rsa-sha256, with a Digest
header), signing and checking, on `cryptography`'s RSA.

Written here because no library fits a synchronous Flask app: http-message-signatures and
requests-http-signature implement RFC 9421 (which Mastodon does not send), httpsig has had no release since
2018, and bovine's implementation lives inside an asyncio framework. The tests check this code against
bovine's (tests/federation/test_interop.py).
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

REQUIRED_POST_FIELDS = ("(request-target)", "host", "date", "digest")
MAX_HEADER_LENGTH = 4096
_PARAMETER = re.compile(r'\s*([a-zA-Z]+)="([^"]*)"\s*(?:,|$)')


class SignatureError(Exception):
    """The request's signature headers are missing, malformed or do not match it; str() says why."""


@dataclass(frozen=True)
class SignatureHeader:
    key_id: str
    algorithm: str
    fields: tuple[str, ...]
    signature: bytes


def new_keypair() -> tuple[str, str]:
    """(public PEM, private PEM) of a fresh 2048-bit RSA key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return public.decode(), private.decode()


def body_digest(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def http_date(moment: datetime | None = None) -> str:
    return format_datetime(moment or datetime.now(UTC), usegmt=True)


def signed_post_headers(private_pem: str, key_id: str, url: str, body: bytes) -> dict[str, str]:
    """The headers of a POST of body to url, signed as Mastodon signs: (request-target) host date digest."""
    headers = {"Host": urlsplit(url).netloc, "Date": http_date(), "Digest": body_digest(body),
               "Content-Type": "application/activity+json"}
    return _signed("post", url, headers, REQUIRED_POST_FIELDS, private_pem, key_id)


def signed_get_headers(private_pem: str, key_id: str, url: str) -> dict[str, str]:
    """A signed GET (servers in Mastodon's secure mode answer only those): (request-target) host date."""
    headers = {"Host": urlsplit(url).netloc, "Date": http_date()}
    return _signed("get", url, headers, ("(request-target)", "host", "date"), private_pem, key_id)


def _signed(method: str, url: str, headers: dict[str, str], fields, private_pem: str, key_id: str) -> dict:
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    text = signing_string(fields, method, target, {name.lower(): value for name, value in headers.items()})
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    signature = base64.b64encode(key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
    headers["Signature"] = (f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(fields)}",'
                            f'signature="{signature}"')
    return headers


def signing_string(fields, method: str, target: str, headers: dict[str, str]) -> str:
    """headers: lower-case names. A field the request lacks makes the signature unverifiable."""
    lines = []
    for name in fields:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {target}")
        elif name in headers:
            lines.append(f"{name}: {headers[name]}")
        else:
            raise SignatureError(f"The signed header {name!r} is missing from the request.")
    return "\n".join(lines)


def parse_signature(value: str | None) -> SignatureHeader:
    if not value:
        raise SignatureError("The request is not signed (no Signature header).")
    if len(value) > MAX_HEADER_LENGTH:
        raise SignatureError("The Signature header is too long.")
    parameters = dict(_PARAMETER.findall(value))
    if "keyId" not in parameters or "signature" not in parameters:
        raise SignatureError("The Signature header needs keyId and signature.")
    algorithm = parameters.get("algorithm", "rsa-sha256").lower()
    if algorithm not in ("rsa-sha256", "hs2019"):
        raise SignatureError(f"Unsupported signature algorithm {algorithm!r}.")
    try:
        signature = base64.b64decode(parameters["signature"], validate=True)
    except ValueError as error:
        raise SignatureError("The signature is not valid base64.") from error
    fields = tuple(parameters.get("headers", "date").lower().split())
    return SignatureHeader(parameters["keyId"], algorithm, fields, signature)


def check_post(headers: dict[str, str], body: bytes, window_seconds: int, now: datetime | None = None) -> None:
    """What can be checked before the key is known: the signed fields, the Digest, the Date's age."""
    signature = parse_signature(headers.get("signature"))
    missing = [name for name in REQUIRED_POST_FIELDS if name not in signature.fields]
    if missing:
        raise SignatureError(f"The signature must cover {', '.join(missing)}.")
    if not _digest_matches(headers, body):
        raise SignatureError("The Digest header does not match the body.")
    _check_date(headers.get("date"), window_seconds, now or datetime.now(UTC))


def _digest_matches(headers: dict[str, str], body: bytes) -> bool:
    wanted = body_digest(body).split("=", 1)[1]
    for part in headers.get("digest", "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "sha-256" and value == wanted:
            return True
    return False


def _check_date(value: str | None, window_seconds: int, now: datetime) -> None:
    try:
        sent = parsedate_to_datetime(value or "")
    except (TypeError, ValueError) as error:
        raise SignatureError("The Date header is missing or malformed.") from error
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)
    if abs((now - sent).total_seconds()) > window_seconds:
        raise SignatureError("The Date header is too far from now: the request is stale or from the future.")


def verify(public_pem: str, method: str, target: str, headers: dict[str, str]) -> bool:
    """Whether the request's signature was made by the key (headers: lower-case names)."""
    signature = parse_signature(headers.get("signature"))
    text = signing_string(signature.fields, method, target, headers)
    try:
        key = serialization.load_pem_public_key(public_pem.encode())
        if not isinstance(key, rsa.RSAPublicKey):
            return False
        key.verify(signature.signature, text.encode(), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
