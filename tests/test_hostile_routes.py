"""Never a 500: every route, walked with hostile values, as a visitor, a member, an editor and an admin.

GET: each converter of each rule in turn gets each hostile value (the other parts stay real, from the world of
tests/test_authorization_matrix.py), then the real address gets the hostile value in every query parameter the
site reads. POST: every field of the forms that post to the address (found on the pages walked with real values,
or on the address's own page) gets each hostile value at once, with a valid CSRF token; a 5xx is then pinned to
its field by sending the fields one at a time. Any 5xx fails, listing (role, method, url, field)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest

from tests.test_authorization_matrix import Visitor, address, rules_with, world  # noqa: F401  (world: a fixture)

ROLES = ("anonymous", "member", "editor", "admin")
HOSTILE = {"2**70": str(2**70), "-1": "-1", "malformed URL": "http://[::1", "%00": "%00", "100 KB": "x" * 100_000,
           "%ff%fe": "%ff%fe"}
QUERY_NAMES = ("q", "page", "url", "next", "lang", "format", "maxwidth", "maxheight", "kind", "find", "show", "state",
               "type", "sort", "tag", "field", "country", "municipality", "updated_since", "status", "per_page")
CONVERTER = re.compile(r"<(?:([a-z]+)(?:\([^)]*\))?:)?([a-z_]+)>")
# oEmbed 1.0 says an unsupported format is answered 501 Not Implemented: a deliberate answer, not an error.
DELIBERATE = {("sharing.oembed", 501)}
# Posting to these ends the walk itself: logging out drops the session the other requests use.
SKIP_POST = {"accounts.logout"}


class FormFields(HTMLParser):
    """The POST forms of a page: {action path: {field names}} (csrf_token and buttons left out)."""

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path, self.forms, self._current = page_path, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            action = urlsplit(attrs.get("action") or self.page_path).path or self.page_path
            self._current = self.forms.setdefault(action, set())
        elif (tag in ("input", "textarea", "select") and self._current is not None and attrs.get("name")
              and attrs["name"] != "csrf_token" and attrs.get("type") not in ("submit", "file")):
            self._current.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def forms_on(path: str, html: str) -> dict[str, set]:
    parser = FormFields(path)
    parser.feed(html)
    return parser.forms


def hostile_paths(app, rule, real: str) -> list[tuple[str, str]]:
    """(url, what was hostile) for each converter of the rule and each hostile value, then for the query."""
    path = real.split("?")[0]
    method = "GET" if "GET" in rule.methods else "POST"
    _, values = app.url_map.bind("kd.test").match(path, method=method)
    found = []
    for match in CONVERTER.finditer(rule.rule):
        for label, value in HOSTILE.items():
            parts = {**{name: str(given) for name, given in values.items()}, match.group(2): _in_url(value)}
            path_with_value = CONVERTER.sub(lambda m, parts=parts: parts[m.group(2)], rule.rule)
            found.append((path_with_value, f"<{match.group(2)}>={label}"))
    for label, value in HOSTILE.items():
        found.append((f"{path}?" + "&".join(f"{name}={_in_url(value)}" for name in QUERY_NAMES), f"query={label}"))
    return found


def _in_url(value: str) -> str:
    """The percent forms go in raw (they are the hostile bytes); the rest is quoted."""
    return value if value.startswith("%") else quote(value, safe="")


def form_body(values: dict[str, str]) -> str:
    return "&".join(f"{quote(name, safe='')}={_in_url(value)}" for name, value in values.items())


def status_of(response) -> int:
    response.close()
    return response.status_code


@pytest.mark.slow
@pytest.mark.parametrize("role", ROLES)
def test_no_route_answers_a_hostile_value_with_a_5xx(app, world, role):  # noqa: F811  (world: the fixture)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # an error is the 500 page a visitor would get, not a raise here
    visitor = Visitor(app, world.users.get(role))
    failures, forms = [], {}
    for rule in rules_with(app, "GET"):
        real = address(rule, world)
        response = visitor.client.get(real)
        if response.status_code == 200 and response.mimetype == "text/html":
            for action, names in forms_on(urlsplit(real).path, response.get_data(as_text=True)).items():
                forms.setdefault(action, set()).update(names)
        status_of(response)
        for url, what in hostile_paths(app, rule, real):
            status = status_of(visitor.client.get(url))
            if status >= 500 and (rule.endpoint, status) not in DELIBERATE:
                failures.append(f"({role}, GET, {url[:120]}, {what})")
    for rule in rules_with(app, "POST"):
        if rule.endpoint in SKIP_POST:
            continue
        url = address(rule, world).split("?")[0]
        failures += _hostile_posts(visitor, role, url, forms.get(url, set()))
    assert not failures, f"{len(failures)} hostile requests got a 5xx:\n" + "\n".join(failures)


def _hostile_posts(visitor, role: str, url: str, names: set) -> list[str]:
    names = sorted(names) or ["field"]
    failures = []
    for label, value in HOSTILE.items():
        token = visitor.csrf_token()
        if status_of(_post(visitor, url, {"csrf_token": token, **dict.fromkeys(names, value)})) < 500:
            continue
        pinned = [name for name in names if status_of(_post(visitor, url, {"csrf_token": token, name: value})) >= 500]
        failures += [f"({role}, POST, {url}, {name}={label})" for name in pinned or ["all fields at once"]]
    return failures


def _post(visitor, url: str, values: dict):
    return visitor.client.post(url, data=form_body(values), content_type="application/x-www-form-urlencoded")
