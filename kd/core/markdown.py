"""Markdown written by members, rendered to HTML that keeps only an allow-list of tags and safe links."""
from __future__ import annotations

from html import unescape

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_parser = MarkdownIt("commonmark", {"html": False})


def render_markdown(text: str | None, top_heading: int = 3) -> Markup:
    """Safe HTML for a member's Markdown: raw HTML is shown as text, links get rel="nofollow ugc".
    Headings start at top_heading: 3 under a page's own h1 and h2, 2 where the text follows the h1."""
    tokens = _parser.parse(text or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = _demoted_heading(token.tag, top_heading)
    html = _parser.renderer.render(tokens, _parser.options, {})
    tags = set(ALLOWED_TAGS) | {f"h{top_heading}", f"h{top_heading + 1}"}
    return Markup(nh3.clean(html, tags=tags, attributes=ALLOWED_ATTRIBUTES,
                            url_schemes=set(URL_SCHEMES), link_rel="nofollow ugc", url_relative="deny"))


def _demoted_heading(tag: str, top: int) -> str:
    """#, ## and ### become the top level; deeper headings one below it."""
    return f"h{top}" if tag in ("h1", "h2", "h3") else f"h{top + 1}"


def plain_text(text: str | None) -> str:
    """What a reader sees of a member's Markdown, as plain text (no ** or #): for search snippets.
    Blocks are kept apart by a space, so words of two paragraphs never run together."""
    html = nh3.clean(str(render_markdown(text)).replace("</", " </").replace("<br", " <br"), tags=set())
    return " ".join(unescape(html).split())
