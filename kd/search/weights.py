"""What the embedded engines (Whoosh, tantivy) search and how much a match in each field counts."""
from __future__ import annotations

FIELD_BOOSTS = {"name": 4.0, "title": 2.5, "tags": 2.0, "summary": 1.5, "body": 1.0}
SEARCHED_FIELDS = tuple(FIELD_BOOSTS)
STEMMED_FIELDS = ("summary", "body")  # running text; names, titles and tags are only folded
SPELLING_FIELDS = ("name", "title")  # where did-you-mean looks for words
