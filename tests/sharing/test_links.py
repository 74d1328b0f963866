"""Share links carry the title as plain text: escaped for HTML once, by the template, never in the text."""
from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from flask import render_template_string


def test_shared_text_is_the_title_not_its_html_escaping(app):
    title = 'Arbër & Çelik: "<Top>" 5'
    with app.test_request_context("/"):
        html = render_template_string('{% from "sharing/_links.html" import share_links %}'
                                      "{{ share_links('https://kd.test/stories/x', title) }}", title=title)
    x_link = next(part for part in html.split('"') if part.startswith("https://x.com/intent/post?"))
    text = parse_qs(urlsplit(x_link.replace("&amp;", "&")).query)["text"][0]
    assert text.startswith(title + " · ")
    mail = next(part for part in html.split('"') if part.startswith("mailto:"))
    assert unquote(mail.replace("&amp;", "&")).startswith("mailto:?subject=" + title)
