"""Snippets are what a reader sees: plain text from the rendered Markdown, matches marked, no passage twice."""
from __future__ import annotations


def test_snippet_is_plain_text_of_the_rendered_markdown(make_story, find):
    make_story(title="Markdown", body="A **famous** violinist from _Prizren_, see [her site](https://example.org).\n\n"
                                "# Concerts\n\n- Vienna\n- Tirana")
    snippet = str(find("violinist").hits[0].snippet)
    assert "violinist</mark>" in snippet
    for markup in ("**", "_Prizren_", "](", "# "):
        assert markup not in snippet


def test_snippet_keeps_markdown_escaping_and_marks(make_story, find):
    make_story(title="Escaping", body="**<b>bold</b>** & a violinist")
    snippet = str(find("violinist").hits[0].snippet)
    assert "<b>" not in snippet and "bold&lt;/b&gt;" in snippet and "**" not in snippet


def test_no_passage_is_repeated(make_story, find):
    make_story(title="Repeats", body="The violinist played; the violinist bowed. " + "Filler words here. " * 30
               + "At the end a violinist again.")
    snippet = str(find("violinist").hits[0].snippet)
    passages = [part.strip() for part in snippet.split("…") if part.strip()]
    assert len(passages) == len(set(passages))
    assert snippet.count("The ") <= 1
