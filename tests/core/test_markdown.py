import pytest
from markupsafe import Markup

from kd.core.markdown import render_markdown


def test_markdown_renders_the_allowed_tags():
    html = render_markdown("# Title\n\n**bold** *em* `code`\n\n- one\n- two\n\n> quote\n\n1. first")
    for tag in ("<h3>Title</h3>", "<strong>bold</strong>", "<em>em</em>", "<code>code</code>", "<ul>", "<li>one</li>",
                "<blockquote>", "<ol>"):
        assert tag in html, tag
    assert isinstance(html, Markup)


def test_headings_start_below_the_pages_own():
    assert "<h3>" in render_markdown("## Two") and "<h4>Four</h4>" in render_markdown("#### Four")


def test_a_text_right_under_the_h1_starts_at_h2():
    html = render_markdown("### Three\n\n#### Four\n\n<h1>raw</h1>", top_heading=2)
    assert "<h2>Three</h2>" in html and "<h3>Four</h3>" in html and "&lt;h1&gt;raw" in html


def test_links_get_nofollow_ugc():
    assert render_markdown("[KD](https://kd.example/x)") == \
        '<p><a href="https://kd.example/x" rel="nofollow ugc">KD</a></p>\n'
    assert 'href="mailto:a@b.example"' in render_markdown("[mail](mailto:a@b.example)")


@pytest.mark.parametrize("attack", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src='https://evil.example'></iframe>",
    '<p onclick="alert(1)">hi</p>',
    "<style>body{display:none}</style>",
])
def test_raw_html_is_never_html(attack):
    html = render_markdown(attack)
    assert html.startswith("<p>&lt;") and html.count("<") == 2, html  # only <p> and </p> are tags


@pytest.mark.parametrize("link", [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox)",
    "![x](https://tracker.example/pixel.png)",
    "[x](/relative/path)",
])
def test_dangerous_and_relative_links_lose_their_address(link):
    html = render_markdown(link)
    assert "href=" not in html and "src=" not in html


def test_empty_text_is_empty():
    assert render_markdown(None) == "" and render_markdown("") == ""
