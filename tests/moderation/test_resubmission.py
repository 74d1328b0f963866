"""A submission sent back after "changes requested" shows the editor what changed since (issue 17)."""
from __future__ import annotations

import re

from kd import db
from kd.accounts.models import Role
from kd.content.workflow import transition
from kd.stories.models import Story


def _resubmit(app, story_id: int, author, **changes) -> None:
    """The member edits the returned story in place and sends it again."""
    with app.app_context():
        story = db.session.get(Story, story_id)
        for name, value in changes.items():
            setattr(story, name, value)
        transition(story, "submit", db.session.get(type(author), author.id))
        db.session.commit()


def _section(page: str) -> str:
    start = page.index('<section class="card resubmission"')
    return page[start:page.index("</section>", start)]


def test_resubmission_shows_what_changed_since_the_request(app, client, post, login, editor, member, make_story,
                                                           fetch):
    story = make_story(submitted_by=member, title="Koncerti", summary="A big prize for music.", body="Same body.")
    login(editor)
    first = client.get(f"/editor/review/story/{story.id}").get_data(as_text=True)
    assert "What changed since the last decision" not in first
    post(f"/editor/review/story/{story.id}/decide", {"decision": "request_changes", "message": "Name the hall."})
    assert fetch(Story, story.id).seen_version["summary"] == "A big prize for music."

    _resubmit(app, story.id, member, summary="A big prize for music, in the <Concert Hall>.")
    page = client.get(f"/editor/review/story/{story.id}").get_data(as_text=True)
    section = _section(page)
    assert "Compared with the version Editor Ema decided on" in section
    assert re.search(r"<dt>Summary</dt>\s*<dd class=\"diff-text\">A big prize for <del>music.</del>"
                     r"<ins>music, in the &lt;Concert Hall&gt;.</ins></dd>", section)
    assert "<dt>Story</dt>" not in section and "<dt>Title</dt>" not in section  # unchanged fields are left out
    assert "<Concert Hall>" not in page


def test_resubmission_without_changes_says_so(app, client, post, login, editor, member, make_story):
    story = make_story(submitted_by=member)
    login(editor)
    post(f"/editor/review/story/{story.id}/decide", {"decision": "request_changes", "message": "Add a date."})
    _resubmit(app, story.id, member)
    assert "Nothing visible has changed since then." in _section(
        client.get(f"/editor/review/story/{story.id}").get_data(as_text=True))


def test_profile_resubmission_compares_tags_too(app, client, post, login, editor, member, make_profile):
    from kd.profiles.models import Profile
    from kd.tags.models import Tag
    profile = make_profile(submitted_by=member, name="Vjosa Berisha", headline="Pianist", tags=["Muzikë"])
    login(editor)
    post(f"/editor/review/profile/{profile.id}/decide", {"decision": "request_changes", "message": "More, please."})
    with app.app_context():
        row = db.session.get(Profile, profile.id)
        row.headline = "Pianist and composer"
        row.tags.append(Tag(name="Art", slug="art"))
        transition(row, "submit", db.session.get(type(member), member.id))
        db.session.commit()
    section = _section(client.get(f"/editor/review/profile/{profile.id}").get_data(as_text=True))
    assert "Pianist<ins> and composer</ins>" in section and re.search(r"<ins>Art\s*</ins>", section)
    assert "<dt>Name</dt>" not in section


def test_queue_names_resubmissions_and_the_state_of_the_evidence(app, client, post, login, editor, member,
                                                                 make_story):
    returned = make_story(submitted_by=member, title="Returned story", age_minutes=60)
    make_story(submitted_by=member, title="Fresh story", age_minutes=30)
    login(editor)
    post(f"/editor/review/story/{returned.id}/decide", {"decision": "request_changes", "message": "A source."})
    _resubmit(app, returned.id, member, summary="Now with a source.")
    post(f"/editor/review/story/{returned.id}/verify")
    page = client.get("/editor/queue").get_data(as_text=True)
    rows = dict(re.findall(r'<span class="queue-title" lang="[a-z]+">([^<]+)</span>.*?'
                           r'data-label="Status">\s*(.*?)</td>', page, flags=re.S))
    assert rows["Returned story"].strip() == "resubmission, evidence checked"
    assert rows["Fresh story"].strip() == "new, evidence not checked"
    assert "Review <span lang=\"en\">Returned story</span>" in page
    assert "Member Mira" in page  # who submitted
    waiting = re.findall(r'data-label="Waiting since"><time datetime="[^"]+">([^<]+)</time>', page)
    assert waiting and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d", when) for when in waiting)


def test_queue_in_albanian(client, login, make_user, member, make_story):
    make_story(submitted_by=member, title="Historia e re")
    login(make_user(role=Role.EDITOR, locale="sq"))
    page = client.get("/editor/queue").get_data(as_text=True)
    assert "e re, dëshmitë ende pa u kontrolluar" in page


def test_each_decision_says_what_happened(client, post, login, editor, member, make_story):
    asked, rejected = make_story(submitted_by=member), make_story(submitted_by=member)
    login(editor)
    response = post(f"/editor/review/story/{asked.id}/decide",
                    {"decision": "request_changes", "message": "Name the hall."}, follow_redirects=True)
    assert "You asked for changes. The author has been told." in response.get_data(as_text=True)
    response = post(f"/editor/review/story/{rejected.id}/decide",
                    {"decision": "reject", "message": "Not about the diaspora."}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "You rejected it. The author has been told." in page and "Done:" not in page


def test_decision_sentence_in_the_editors_language_and_without_an_author(client, post, login, make_user,
                                                                         make_story):
    story = make_story(submitted_by=None)
    login(make_user(role=Role.EDITOR, locale="sq"))
    response = post(f"/editor/review/story/{story.id}/decide",
                    {"decision": "request_changes", "message": "Emri i sallës."}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Kërkuat ndryshime." in page and "Autorit" not in page
