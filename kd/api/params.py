"""Query parameters of list endpoints, checked: a bad value is an ApiError (JSON 400), never a 500."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import request

from kd.core.fields import FIELDS
from kd.core.places import is_country, municipality
from kd.core.text import is_whole_number
from kd.search.backend import MAX_QUERY_LENGTH

MAX_PER_PAGE = 100


class ApiError(Exception):
    def __init__(self, message: str, status: int = 400, code: str = "bad_parameter"):
        super().__init__(message)
        self.message, self.status, self.code = message, status, code


@dataclass(frozen=True)
class ListParams:
    page: int
    per_page: int
    tag: str | None
    country: str | None
    field: str | None
    municipality: str | None
    kind: str | None
    updated_since: datetime | None
    status: str | None = None
    q: str | None = None
    can_help_with: str | None = None


def list_params(kinds: tuple[str, ...] = (), filters: bool = True, statuses: tuple[str, ...] = (),
                help_kinds: tuple[str, ...] = ()) -> ListParams:
    """filters=False: only page, per_page, updated_since (and status where statuses exist) are offered;
    can_help_with only where help_kinds are given (profiles)."""
    args = request.args
    unsupported = sorted(name for name in ("tag", "country", "field", "municipality") if args.get(name))
    if unsupported and not filters:
        raise ApiError(f"This list cannot be filtered by {', '.join(unsupported)}.")
    return ListParams(
        page=_whole("page", 1, 1, 100_000), per_page=_whole("per_page", 20, 1, MAX_PER_PAGE),
        tag=args.get("tag") or None, country=_country(args.get("country")), field=_field(args.get("field")),
        municipality=_municipality(args.get("municipality")), kind=_kind(args.get("kind"), kinds),
        updated_since=_timestamp(args.get("updated_since")), status=_choice("status", args.get("status"), statuses),
        q=_text(args.get("q"), filters), can_help_with=_choice("can_help_with", args.get("can_help_with"), help_kinds))


def _text(raw: str | None, allowed: bool) -> str | None:
    text = (raw or "").strip()[:MAX_QUERY_LENGTH]
    if text and not allowed:
        raise ApiError("This list cannot be searched with 'q'.")
    if "\x00" in text:
        raise ApiError("'q' must not contain NUL bytes.")
    return text or None


def _whole(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not is_whole_number(raw) or not low <= int(raw) <= high:
        raise ApiError(f"'{name}' must be a whole number from {low} to {high}.")
    return int(raw)


def _country(code: str | None) -> str | None:
    if code and not is_country(code):
        raise ApiError("'country' must be an ISO 3166 country code such as DE or XK.")
    return code.upper() if code else None


def _field(code: str | None) -> str | None:
    if code and code not in FIELDS:
        raise ApiError(f"'field' must be one of: {', '.join(sorted(FIELDS))}.")
    return code or None


def _municipality(code: str | None) -> str | None:
    if code and municipality(code) is None:
        raise ApiError("'municipality' must be a Kosovo municipality code such as prishtina or gjakova.")
    return code or None


def _kind(value: str | None, kinds: tuple[str, ...]) -> str | None:
    return _choice("kind", value, kinds)


def _choice(name: str, value: str | None, choices: tuple[str, ...]) -> str | None:
    if value and not choices:
        raise ApiError(f"This list cannot be filtered by {name}.")
    if value and value not in choices:
        raise ApiError(f"'{name}' must be one of: {', '.join(choices)}.")
    return value or None


def _timestamp(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except (ValueError, OverflowError) as error:  # OverflowError: 9999-12-31T23:59-01:00 is past year 9999 in UTC
        raise ApiError("'updated_since' must be an ISO 8601 date or time, e.g. 2026-01-31T12:00:00Z.") from error
