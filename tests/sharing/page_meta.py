"""Read a page's preview metadata the way a link-preview crawler does: meta, link and JSON-LD elements."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Preview:
    meta: dict[str, list[str]] = field(default_factory=dict)
    links: list[dict[str, str]] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)

    def first(self, key: str) -> str | None:
        return (self.meta.get(key) or [None])[0]

    def link(self, rel: str, **attrs) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == rel
                and all(link.get(name) == value for name, value in attrs.items())]

    @property
    def hreflangs(self) -> dict[str, str]:
        return {link["hreflang"]: link["href"] for link in self.links
                if link.get("rel") == "alternate" and "hreflang" in link}

    def text(self) -> str:
        """Everything a preview could show: meta contents and JSON-LD, as one string."""
        return " ".join([*(" ".join(values) for values in self.meta.values()), json.dumps(self.json_ld)])


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.preview, self._in_json_ld, self._buffer = Preview(), False, []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            key = attributes.get("property") or attributes["name"]
            self.preview.meta.setdefault(key, []).append(attributes.get("content", ""))
        elif tag == "link":
            self.preview.links.append(attributes)
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in_json_ld, self._buffer = True, []

    def handle_data(self, data):
        if self._in_json_ld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_json_ld:
            self.preview.json_ld.append(json.loads("".join(self._buffer)))
            self._in_json_ld = False


def read_preview(html: str) -> Preview:
    reader = _Reader()
    reader.feed(html)
    return reader.preview


REQUIRED = ("og:title", "og:description", "og:url", "og:image", "og:type", "og:site_name", "twitter:card",
            "twitter:image", "description")


def assert_complete(preview: Preview, url_ending: str) -> None:
    """The tags every public page must carry, well formed."""
    missing = [key for key in REQUIRED if not preview.first(key)]
    assert not missing, missing
    canonical = preview.link("canonical")
    assert len(canonical) == 1 and canonical[0].startswith("http") and canonical[0].endswith(url_ending)
    assert preview.first("og:url") == canonical[0]
    # a story or profile lists only the languages it can be read in (tests/bilingual)
    assert "x-default" in preview.hreflangs and set(preview.hreflangs) <= {"en", "sq", "x-default"}
    assert len(preview.hreflangs) > 1
    assert preview.hreflangs["x-default"] == canonical[0]
    assert len(preview.json_ld) == 1 and preview.json_ld[0]["@context"] == "https://schema.org"
    assert preview.json_ld[0]["@type"]
