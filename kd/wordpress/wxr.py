"""Reading a WordPress eXtended RSS export with defusedxml: no DTD entities, no external entities, UTF-8 only.
Everything the import needs is turned into plain dataclasses here; nothing else touches XML."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
LANGUAGE_TAXONOMIES = ("language", "post_translations_language")
LANGUAGE_META = ("_locale", "language", "_language")


class ExportRefused(Exception):
    """The file is not a WordPress export we can read safely; nothing was imported."""


@dataclass(frozen=True)
class Author:
    login: str
    email: str
    display_name: str


@dataclass(frozen=True)
class Term:
    taxonomy: str          # "category" or "post_tag"
    slug: str
    name: str
    parent: str = ""


@dataclass(frozen=True)
class Attachment:
    wp_id: int
    file: str              # relative to wp-content/uploads
    alt: str
    caption: str
    title: str


@dataclass
class Item:
    wp_id: int
    guid: str
    post_type: str
    status: str
    title: str
    slug: str
    link: str
    content: str
    excerpt: str
    date: datetime | None
    author_login: str
    terms: list[tuple[str, str]] = field(default_factory=list)   # (taxonomy, slug)
    meta: dict[str, list[str]] = field(default_factory=dict)
    language: str = ""
    local_day: str = ""       # 'YYYY/MM/DD' of the site's own clock, as in date-based permalinks
    password: bool = False
    comments: int = 0         # approved comments, which KD has no place for

    @property
    def old_slugs(self) -> list[str]:
        return [unquote(slug) for slug in self.meta.get("_wp_old_slug", [])]

    @property
    def thumbnail_id(self) -> int | None:
        values = self.meta.get("_thumbnail_id", [])
        return int(values[0]) if values and values[0].isdigit() else None


@dataclass
class Export:
    site: str
    language: str
    authors: dict[str, Author]
    terms: dict[tuple[str, str], Term]
    items: list[Item]
    attachments: dict[int, Attachment]


def read(path: Path) -> Export:
    data = _read_bytes(path)
    root = _parse(data)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or channel.find("wp:wxr_version", NS) is None:
        raise ExportRefused(f"{path.name} is not a WordPress export (no <rss><channel> with wp:wxr_version).")
    return _export(channel)


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExportRefused(f"Cannot read {path}: {error.strerror or error}.") from error
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ExportRefused(f"{path.name} is not UTF-8 (byte {error.start} cannot be read); WordPress writes "
                            "its exports in UTF-8, so the file was changed or is not an export.") from error
    return data


def _parse(data: bytes) -> ET.Element:
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise ExportRefused(f"The export declares entities or external references, which an import never "
                            f"follows ({type(error).__name__}); nothing was imported.") from error
    except ET.ParseError as error:
        line, column = error.position
        raise ExportRefused(f"The export is not well-formed XML at line {line}, column {column} (cut off "
                            f"or damaged?): {error}.") from error


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _export(channel: ET.Element) -> Export:
    site = _text(channel, "wp:base_site_url") or _text(channel, "link")
    authors = {author.login: author for author in map(_author, channel.findall("wp:author", NS))}
    terms = [_category(el) for el in channel.findall("wp:category", NS)]
    terms += [_tag(el) for el in channel.findall("wp:tag", NS)]
    items, attachments = [], {}
    for element in channel.findall("item"):
        item = _item(element)
        if item.post_type == "attachment":
            attachments[item.wp_id] = _attachment(item)
        else:
            items.append(item)
    return Export(site.rstrip("/"), _text(channel, "language"), authors,
                  {(term.taxonomy, term.slug): term for term in terms}, items, attachments)


def _author(el: ET.Element) -> Author:
    return Author(_text(el, "wp:author_login"), _text(el, "wp:author_email"),
                  _text(el, "wp:author_display_name"))


def _category(el: ET.Element) -> Term:
    return Term("category", unquote(_text(el, "wp:category_nicename")), _text(el, "wp:cat_name"),
                unquote(_text(el, "wp:category_parent")))


def _tag(el: ET.Element) -> Term:
    return Term("post_tag", unquote(_text(el, "wp:tag_slug")), _text(el, "wp:tag_name"))


def _item(el: ET.Element) -> Item:
    meta: dict[str, list[str]] = {}
    for entry in el.findall("wp:postmeta", NS):
        meta.setdefault(_text(entry, "wp:meta_key"), []).append(_text(entry, "wp:meta_value"))
    terms = [(cat.get("domain", ""), unquote(cat.get("nicename", ""))) for cat in el.findall("category")]
    post_id = _text(el, "wp:post_id")
    return Item(
        wp_id=int(post_id) if post_id.isdigit() else 0, guid=_text(el, "guid"),
        post_type=_text(el, "wp:post_type"), status=_text(el, "wp:status"), title=unescape(_text(el, "title")),
        slug=unquote(_text(el, "wp:post_name")), link=_text(el, "link"),
        content=(el.findtext("content:encoded", "", NS) or ""), excerpt=_text(el, "excerpt:encoded"),
        date=_date(_text(el, "wp:post_date_gmt")), author_login=_text(el, "dc:creator"), terms=terms,
        meta=meta, language=_language(terms, meta),
        local_day=_text(el, "wp:post_date")[:10].replace("-", "/"), password=bool(_text(el, "wp:post_password")),
        comments=sum(_text(comment, "wp:comment_approved") == "1" for comment in el.findall("wp:comment", NS)))


def _language(terms: list[tuple[str, str]], meta: dict[str, list[str]]) -> str:
    """Polylang and WPML-style markers: a 'language' term or a locale in the post's meta."""
    for taxonomy, slug in terms:
        if taxonomy in LANGUAGE_TAXONOMIES:
            return slug
    for key in LANGUAGE_META:
        if meta.get(key):
            return meta[key][0]
    return ""


def _date(text: str) -> datetime | None:
    if not text or text.startswith("0000"):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def _attachment(item: Item) -> Attachment:
    file = (item.meta.get("_wp_attached_file") or [""])[0]
    if not file:
        file = uploads_relative(item.guid) or ""
    return Attachment(item.wp_id, file, (item.meta.get("_wp_attachment_image_alt") or [""])[0],
                      item.excerpt, item.title)


def uploads_relative(url: str) -> str | None:
    """'https://site/wp-content/uploads/2019/06/a.jpg' -> '2019/06/a.jpg'; None for other addresses."""
    path = unquote(urlsplit(url).path)
    marker = "/wp-content/uploads/"
    return path.split(marker, 1)[1] if marker in path else None
