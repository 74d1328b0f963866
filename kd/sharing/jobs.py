"""Share cards drawn by a worker as soon as content is published or changed, in every language, so the
first crawler to ask gets a file from disk. Without a queue (embedded default) cards are drawn on first
request instead: drawing inline would slow down every editor's decision."""
from __future__ import annotations

from flask import current_app
from flask_babel import force_locale

from kd.cards.services import card_path
from kd.db import session
from kd.jobs.queue import enqueue, queue
from kd.sharing.subjects import CARD_KINDS, card_spec, is_shareable


def schedule_cards(_session, changes: list[tuple[str, str, int]]) -> None:
    """Receives content_changed (after the commit): one job per published or changed profile, story or
    collection."""
    wanted = {(table, row_id) for operation, table, row_id in changes if operation == "upsert" and table in CARD_KINDS}
    if not wanted or queue() is None:
        return
    for table, row_id in sorted(wanted):
        enqueue(prerender_cards, table, row_id, optional=True)  # runs after commit: never inline here


def prerender_cards(table: str, row_id: int) -> int:
    """Draw the cards of one record in each language; returns how many files exist for it now."""
    subject = session.get(CARD_KINDS[table], row_id)
    if subject is None or not is_shareable(subject):
        return 0
    paths = set()
    for language in current_app.config["LANGUAGES"]:
        with force_locale(language):
            paths.add(card_path(card_spec(subject)))
    return len(paths)
