"""render_markdown on hostile text: only allow-listed tags and attributes, safe links, never an error."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup

from kd.core.markdown import ALLOWED_TAGS, URL_SCHEMES, render_markdown
from tests.fuzz.conftest import any_text, fuzz, hostile_text

ATTACKS = [
    "<script>", "</script>", "<SCRIPT SRC=//evil.example/x.js>", "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>", '<a href="javascript:alert(1)">', "<iframe src=//evil.example>", "<style>",
    '<p style="color:red">', "<!--", "-->", "<![CDATA[", "<?xml ?>", "<!DOCTYPE html>", "<object>", "<math>",
    "[x](", "](", ")", "![i](", "<", ">", "javascript:", "JaVaScRiPt:", "java\tscript:", "java\x00script:",
    "&#106;avascript:", "&#x6A;avascript:", "%6Aavascript:", "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:", "mailto:", "http://", "https://ok.example/", "//evil.example", " onclick=", "\" onmouseover=\"",
    "' onfocus='", "style=", "\n", "\n\n", "> ", "- ", "1. ", "# ", "```", "`", "**", "*", "_", "\\", "&", ";",
    "\x00", "\u202e", "\ufeff", "\u2028", "ë", "ç", "🇽🇰", "[ref]: javascript:alert(1)\n", "[ref]",
]
NESTING = st.tuples(st.sampled_from([">", "> ", "- ", "* ", "[", "(", "*", "**", "<", "`", "1. ", "  "]),
                    st.integers(1, 3000)).map(lambda pair: pair[0] * pair[1] + "x")
MARKDOWN = st.one_of(any_text, hostile_text(ATTACKS), NESTING)

SAFE_ATTRIBUTES = {"a": {"href", "rel", "title"}}
GENERIC_ATTRIBUTES = {"title"}
CONTROLS_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")


class _Elements(HTMLParser):
    """Every start tag with its attributes, plus anything that is not plain markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.oddities: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.oddities.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.oddities.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.oddities.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.oddities.append(f"<![{data}]>")


def elements_of(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def link_scheme(href: str) -> str:
    """The scheme a browser would see: it ignores ASCII whitespace and controls inside a URL."""
    cleaned = CONTROLS_AND_SPACE.sub("", href).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


def _assert_safe(html: str) -> None:
    assert "<script" not in html.lower(), html
    parsed = elements_of(html)
    assert not parsed.oddities, parsed.oddities
    for tag, attributes in parsed.elements:
        assert tag in ALLOWED_TAGS, (tag, html)
        unexpected = set(attributes) - SAFE_ATTRIBUTES.get(tag, set()) - GENERIC_ATTRIBUTES
        assert not unexpected, (tag, attributes)
        assert not any(name.startswith("on") or name in ("style", "src") for name in attributes), attributes
        if tag == "a":
            assert {"nofollow", "ugc"} <= set((attributes.get("rel") or "").split()), attributes
            if "href" in attributes:
                assert link_scheme(attributes["href"] or "") in URL_SCHEMES, attributes


@fuzz
@given(MARKDOWN)
@example("[x](javascript:alert(1))")
@example('<a href="javascript:alert(1)" onclick="x()" style="x">x</a>')
@example("[x](java\x00script:alert(1)) [y](<javascript:alert(1)>)")
@example("[ref]\n\n[ref]: data:text/html;base64,PHNjcmlwdD4=")
@example("> " * 5000 + "x")
def test_rendered_markdown_keeps_only_safe_markup(text):
    html = render_markdown(text)
    assert isinstance(html, Markup)
    _assert_safe(str(html))


@fuzz
@given(st.lists(st.tuples(st.text(max_size=30), st.sampled_from(["https://ok.example/", "http://", "mailto:",
                                                                  "javascript:", "data:", "", "//", "ftp://"]),
                          st.text(max_size=30)), min_size=1, max_size=5))
def test_every_surviving_link_is_nofollow_ugc_with_a_safe_scheme(links):
    markdown = " ".join(f"[{label}]({scheme}{rest})" for label, scheme, rest in links)
    _assert_safe(str(render_markdown(markdown)))


def test_the_checker_itself_catches_unsafe_markup():
    """Guards the guard: each of these must make _assert_safe fail."""
    for unsafe in ('<script>alert(1)</script>', '<p onclick="x()">', '<a href="java&#9;script:x" rel="nofollow ugc">',
                   '<a href="https://ok.example">', '<p style="color:red">', '<img src="x">', "<!-- x -->"):
        try:
            _assert_safe(unsafe)
        except AssertionError:
            continue
        raise AssertionError(f"not caught: {unsafe}")
