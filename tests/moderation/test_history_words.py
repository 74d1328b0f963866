"""An item's history in words, in the editor's language (issue 17), and the review page in the house date style."""
from __future__ import annotations

import re

import pytest
from flask_babel import force_locale

from kd.audit.models import AuditEntry
from kd.content.history import describe


class Actor:
    display_name = "Drita"


def _entry(action: str, **details) -> AuditEntry:
    entry = AuditEntry(action=action, subject_type="stories", subject_id=1, details=details)
    entry.actor = Actor()
    return entry


@pytest.mark.parametrize("locale, sentence", [("en", "Drita asked for changes:"), ("sq", "Drita kërkoi ndryshime:")])
def test_request_for_changes_in_words(app, locale, sentence):
    entry = _entry("stories.request_changes", **{"from": "submitted", "to": "changes_requested",
                                                 "message": "Add a source, please."})
    with app.test_request_context(), force_locale(locale):
        line = describe(entry)
    assert (line.sentence, line.message) == (sentence, "Add a source, please.")


@pytest.mark.parametrize("locale, sentence", [("en", "Drita approved and published it."),
                                              ("sq", "Drita e miratoi dhe e publikoi.")])
def test_sentence_without_a_message(app, locale, sentence):
    with app.test_request_context(), force_locale(locale):
        assert describe(_entry("profiles.approve", message="")).sentence == sentence


@pytest.mark.parametrize("locale, sentence", [
    ("en", "Drita: stories.something_new, from “waiting for review” to “published”."),
    ("sq", "Drita: stories.something_new, nga “në pritje të shqyrtimit” në “i publikuar”."),
])
def test_unknown_action_falls_back_to_a_plain_sentence(app, locale, sentence):
    with app.test_request_context(), force_locale(locale):
        from kd.content.states import ModerationState as S
        from kd.content.workflow import state_label
        expected = sentence if locale == "en" else (f"Drita: stories.something_new, nga “{state_label(S.SUBMITTED)}” "
                                                    f"në “{state_label(S.APPROVED)}”.")
        assert describe(_entry("stories.something_new", **{"from": "submitted", "to": "approved"})).sentence == expected


def test_no_actor_is_someone(app):
    entry = _entry("stories.withdraw")
    entry.actor = None
    with app.test_request_context(), force_locale("sq"):
        assert describe(entry).sentence == "Dikush e tërhoqi."


@pytest.mark.parametrize("language, month, sentence", [
    ("en", "December|January|November", "Editor Ema asked for changes:"),
    ("sq", "dhjetor|janar|nëntor", "Editor Ema kërkoi ndryshime:")])
def test_review_page_history_in_words_and_house_dates(client, post, login, make_user, make_story, editor, member,
                                                      language, month, sentence):
    from kd.accounts.models import Role
    story = make_story(submitted_by=member, title="A story to review")
    reader = make_user(Role.EDITOR, locale=language)
    login(editor)
    post(f"/editor/review/story/{story.id}/decide", {"decision": "request_changes", "message": "Add a source."})
    client.post("/account/logout", data={"csrf_token": _token(client)})
    login(reader)
    page = client.get(f"/editor/review/story/{story.id}").get_data(as_text=True)
    history = page[page.index('<ul class="history">'):]
    history = history[:history.index("</ul>")]
    assert "request_changes" not in history and "changes_requested" not in history
    assert sentence in history and re.search(rf"\d{{1,2}} ({month}) \d{{4}}, \d\d:\d\d", history)
    assert "<blockquote>Add a source.</blockquote>" in history


def _token(client) -> str:
    page = client.get("/account/settings").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
