"""Actions on a phone and without a login (issue 17): the address wraps, not the words; the suggested post has a
copy button where the browser offers a clipboard; anyone can read how many took part; plain headings."""
from __future__ import annotations

import re

from sqlalchemy import select

from kd import db
from kd.accounts.models import Role
from kd.actions.models import Action, ActionStatus
from kd.actions.queries import breakable_address
from tests.actions.test_actions import NEW_ACTION_FORM


def test_the_email_address_wraps_at_its_at_and_dots_only(make_action, client):
    action = make_action(email_to="privacy-requests@support.cloud.example.com")
    page = client.get(f"/actions/{action.slug}").get_data(as_text=True)
    button = re.search(r'<a class="button email-button" href="mailto:[^"]+">(.*?)</a>', page).group(1)
    assert button == ('Write the email to <span class="email-address">privacy-requests<wbr>@support<wbr>.cloud'
                      '<wbr>.example<wbr>.com</span>')


def test_a_breakable_address_stays_escaped():
    assert str(breakable_address('a"<b>@x.org')) == "a&#34;&lt;b&gt;<wbr>@x<wbr>.org"


def test_the_button_words_never_break_only_the_address_may(client):
    css = _static(client, "css/site.css")
    assert re.search(r"\.send-ways \.button \{[^}]*overflow-wrap: normal", css)
    assert re.search(r"\.email-address \{[^}]*overflow-wrap: anywhere", css)


def test_suggested_post_has_a_copy_button_only_with_a_clipboard(make_action, client):
    action = make_action()
    page = client.get(f"/actions/{action.slug}").get_data(as_text=True)
    assert 'data-copy-label="Copy the post"' in page
    assert '<script src="/static/js/copy-post.js" defer></script>' in page
    assert "<button" not in page[page.index('class="suggested-post"'):page.index("</blockquote>")]
    script = _static(client, "js/copy-post.js")
    assert "if (!navigator.clipboard)" in script and "http" not in script  # self-hosted, nothing fetched


def test_copy_labels_in_albanian(make_action, client):
    action = make_action()
    page = client.get(f"/actions/{action.slug}?lang=sq").get_data(as_text=True)
    assert 'data-copy-label="Kopjoni postimin"' in page


def test_visitors_see_how_many_took_part_without_logging_in(app, make_action, make_user, login, post, client):
    action = make_action(title_en="Ask Maps to show Kosovo")
    for _ in range(2):
        login(make_user())
        post(f"/actions/{action.slug}/take-part", {"show_name": ""})
    client.post("/account/logout", data={"csrf_token": _token(client)})
    index = client.get("/actions").get_data(as_text=True)
    card = index[index.index("Ask Maps to show Kosovo"):]
    assert '<p class="participant-count">2 members took part.</p>' in card[:card.index("</li>")]
    assert "2 members took part." in client.get(f"/actions/{action.slug}").get_data(as_text=True)


def test_open_and_finished_actions_under_their_own_headings(make_action, client):
    make_action(title_en="Still open")
    make_action(title_en="Already won", status=ActionStatus.WON)
    page = client.get("/actions").get_data(as_text=True)
    assert "Open actions first" not in page
    open_at, won_at = page.index('<h2 id="open-heading">Open actions</h2>'), page.index(
        '<h2 id="finished-heading">Finished actions</h2>')
    assert open_at < page.index("Still open") < won_at < page.index("Already won")
    sq = client.get("/actions?lang=sq").get_data(as_text=True)
    assert "Aksione të hapura" in sq and "Aksione të përfunduara" in sq


def test_only_finished_actions_show_no_empty_open_heading(make_action, client):
    make_action(status=ActionStatus.CLOSED)
    page = client.get("/actions").get_data(as_text=True)
    assert "Finished actions" in page and 'id="open-heading"' not in page


def test_review_of_a_proposal_says_what_happened(app, make_user, login, post):
    login(make_user())
    post("/actions/new", NEW_ACTION_FORM)
    with app.app_context():
        action_id = db.session.scalar(select(Action.id).where(Action.target_name == "Maps Inc"))
    login(make_user(role=Role.EDITOR))
    response = post(f"/editor/actions/{action_id}/request_changes", {"message": "Add the Albanian text."},
                    follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "You asked for changes." in page and "Done:" not in page


def _token(client) -> str:
    page = client.get("/account/settings").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _static(client, path: str) -> str:
    response = client.get(f"/static/{path}")
    try:
        assert response.status_code == 200
        return response.get_data(as_text=True)
    finally:
        response.close()
