"""Content journeys as people make them: a member's profile and story through review to the public page
(search, tag page, share), taking part in an action, the newsletter, and submitting and reviewing with the
keyboard only. Every test makes its own accounts and unique titles, so none depends on another."""
from __future__ import annotations

import json
import random
import re
import string
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from kd.accounts.models import Role
from tests.conftest import mail_link
from tests.e2e.helpers import flash_text, focused, log_in, tab_until, words
from tests.e2e.pages import EDITOR

pytestmark = pytest.mark.e2e


def unique_word() -> str:
    """Letters only, so the search tokeniser keeps it one word."""
    return "".join(random.choices(string.ascii_lowercase, k=10))


def signed_in(open_as, live_site, language: str = "en", role: Role = Role.MEMBER):
    """A fresh confirmed account whose own language setting is language, logged in in a new browser."""
    user = live_site.make_user(role=role, locale=language)
    page = open_as(language=language)
    log_in(page, user.email)
    return user, page


def press(page: Page, button_name: str, within=None) -> None:
    """Click the button with this exact name and wait for the page it leads to."""
    with page.expect_navigation():
        (within or page).get_by_role("button", name=button_name, exact=True).click()


def follow(page: Page, link_name: str, within=None) -> None:
    with page.expect_navigation():
        (within or page).get_by_role("link", name=link_name, exact=True).click()


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def make_jpeg(folder: Path) -> Path:
    path = folder / "award-ceremony.jpg"
    image = Image.new("RGB", (800, 600), (20, 60, 140))
    ImageDraw.Draw(image).ellipse((250, 150, 550, 450), fill=(230, 180, 40))
    image.save(path, "JPEG", quality=85)
    return path


def submission_card(page: Page, title: str):
    return page.locator("li.submission").filter(has=page.get_by_role("heading", name=title, exact=True))


def open_from_queue(page: Page, say, tag: str, title: str) -> None:
    """The editor narrows the queue to the tag, opens the waiting item with this title and starts reviewing it."""
    page.goto("/editor/queue")
    page.get_by_label(say("Tag"), exact=True).fill(tag)
    press(page, say("Filter"))
    row = page.get_by_role("row").filter(has=page.locator(".queue-title", has_text=title))
    follow(page, say("Review %(title)s", title=title), within=row)
    expect(heading(page)).to_have_text(say("Review: %(title)s", title=title))
    press(page, say("Start reviewing"))
    assert say("You are reviewing this now; other editors cannot decide it meanwhile.") in flash_text(page)


def decide(page: Page, say, decision: str, message: str = "") -> None:
    if message:
        page.get_by_label(say("Message to the submitter")).fill(message)
    press(page, decision)


def meta(page: Page, selector: str, attribute: str = "content") -> str:
    return page.locator(selector).get_attribute(attribute)


@pytest.mark.parametrize("language", ["en", "sq"])
def test_a_members_story_goes_through_review_to_search_tags_and_sharing(open_as, live_site, tmp_path, language):
    def say(message: str, **values) -> str:
        return words(live_site, language, message, **values)

    code = unique_word()
    name = f"Vjosa {code.title()}"
    title = f"Ëndër{code} fiton çmimin në Prishtinë"
    tag = f"Arritje {code}"
    summary, body = "Një çmim i madh për muzikën.", "Koncerti në Prishtinë, **para 2000 vetave**."
    alt_text = f"{name} receiving the award on stage"
    _member, page = signed_in(open_as, live_site, language)

    # The profile is about the member: the form asks, and "it is about me" is the answer.
    page.goto("/my/submissions")
    follow(page, say("New profile"))
    expect(heading(page)).to_have_text(say("New profile"))
    page.get_by_label(say("This profile is about"), exact=True).select_option(label=say("A person"))
    about_me = page.get_by_label(say("Yes, it is about me"), exact=True)
    expect(about_me).to_be_checked()
    about_me.check()
    page.get_by_label(say("Name"), exact=True).fill(name)
    page.get_by_label(say("Headline"), exact=True).fill("Violinist in Vienna")
    page.get_by_label(say("Tags"), exact=True).fill(tag)
    page.get_by_label(say("Language of this text"), exact=True).select_option(language)
    press(page, say("Submit for review"))
    assert say("Thank you! Your profile is waiting for an editor's review.") in flash_text(page)

    # The story, first sent without its title: the error sits at the field, the typed text stays.
    page.goto("/my/submissions")
    follow(page, say("New story"))
    expect(heading(page)).to_have_text(say("New story"))
    page.get_by_label(say("Summary"), exact=True).fill(summary)
    page.get_by_label(say("The story"), exact=True).fill(body)
    page.get_by_label(say("Date of the achievement"), exact=True).fill("2024-05-31")
    page.get_by_label(f"{name} · Violinist in Vienna", exact=True).check()
    page.get_by_label(say("Tags"), exact=True).fill(tag)
    page.get_by_label(say("Language of this text"), exact=True).select_option(language)
    statuses = []
    page.on("response", lambda response: response.request.method == "POST" and statuses.append(response.status))
    press(page, say("Save draft"))
    assert statuses == [400]
    expect(page.get_by_role("alert")).to_have_text(say("Please correct the marked fields below."))
    title_field = page.get_by_label(say("Title"), exact=True)
    expect(title_field).to_have_attribute("aria-invalid", "true")
    assert "title-error" in title_field.get_attribute("aria-describedby").split()
    expect(page.locator(".field").filter(has=title_field).locator("#title-error")).to_have_text(
        say("This field is required."))
    expect(page.get_by_label(say("Summary"), exact=True)).to_have_value(summary)
    expect(page.get_by_label(say("The story"), exact=True)).to_have_value(body)
    expect(page.get_by_label(say("Date of the achievement"), exact=True)).to_have_value("2024-05-31")
    expect(page.get_by_label(say("Tags"), exact=True)).to_have_value(tag)
    expect(page.get_by_label(f"{name} · Violinist in Vienna", exact=True)).to_be_checked()
    title_field.fill(title)
    press(page, say("Save draft"))
    assert say("Your draft is saved. Submit it for review when it is ready.") in flash_text(page)

    # A photo with its alt text, from the My submissions page.
    page.goto("/my/submissions")
    with page.expect_navigation():  # the link's name is "Photos: <title>", the title visually hidden
        submission_card(page, title).get_by_role("link", name=say("Photos")).click()
    expect(heading(page)).to_have_text(say("Photos for “%(title)s”", title=title))
    page.get_by_label(say("Photo"), exact=True).set_input_files(make_jpeg(tmp_path))
    page.get_by_label(say("Description for people who cannot see it (alt text)"), exact=True).fill(alt_text)
    page.get_by_label(say("I took this photo, or I own its rights."), exact=True).check()
    press(page, say("Upload"))
    assert say("The photo is added.") in flash_text(page)
    expect(page.get_by_role("img", name=alt_text)).to_be_visible()

    page.goto("/my/submissions")
    press(page, say("Submit for review"), within=submission_card(page, title))
    assert say("Thank you! Your story is waiting for an editor's review.") in flash_text(page)
    expect(heading(page)).to_have_text(title)

    # An editor asks for changes, with a message.
    _editor, desk = signed_in(open_as, live_site, language, Role.EDITOR)
    request = "Please name the concert hall in the summary."
    open_from_queue(desk, say, tag, title)
    decide(desk, say, say("Request changes"), request)
    assert say("You asked for changes.") in flash_text(desk)

    # The member reads it on My submissions, edits and sends the story again.
    page.goto("/my/submissions")
    card = submission_card(page, title)
    expect(card.locator(".state-label")).to_have_text(say("changes requested"))
    expect(card.locator(".editor-message")).to_contain_text(request)
    follow(page, say("Edit"), within=card)
    expect(heading(page)).to_have_text(say("Edit %(title)s", title=title))
    expect(page.locator(".editor-note-text")).to_have_text(request)  # the message is where the member edits
    summary = "Një çmim i madh për muzikën, në Sallën e Koncerteve."
    page.get_by_label(say("Summary"), exact=True).fill(summary)
    press(page, say("Submit for review"))
    assert say("Thank you! Your story is waiting for an editor's review.") in flash_text(page)

    # The editor publishes the profile and the story.
    for item in (name, title):
        open_from_queue(desk, say, tag, item)
        if item == title:  # sent again: the page shows what changed since the editor asked for changes
            expect(desk.locator(".resubmission ins")).to_contain_text("Sallën")
        decide(desk, say, say("Approve and publish"))
        assert say("You approved it, and it is published now.") in flash_text(desk)

    # A visitor finds it typing without diacritics, opens its tag page, and shares it.
    visitor = open_as(language=language)
    visitor.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_site.url)
    visitor.goto("/search")
    visitor.get_by_label(say("Search for people, organisations and stories"), exact=True).fill(
        f"prishtine ender{code}")
    with visitor.expect_navigation():
        visitor.keyboard.press("Enter")
    results = visitor.locator(".results-list")
    expect(results.get_by_role("link")).to_have_count(1)
    follow(visitor, title, within=results)
    expect(heading(visitor)).to_have_text(title)
    story_url = visitor.url
    slug = story_url.rsplit("/", 1)[1]
    assert story_url == f"{live_site.url}/stories/{slug}"
    expect(visitor.locator(".lead")).to_have_text(summary)
    expect(visitor.get_by_role("img", name=alt_text)).to_be_visible()
    expect(visitor.get_by_role("link", name=name, exact=True)).to_be_visible()

    follow(visitor, tag, within=visitor.get_by_role("list", name=say("Tags")))
    expect(heading(visitor)).to_have_text(tag)
    follow(visitor, title)
    assert visitor.url == story_url

    share = visitor.locator("section.share")
    share.get_by_role("button", name=say("Copy link"), exact=True).click()
    expect(share.get_by_role("status")).to_have_text(say("Link copied."))
    assert visitor.evaluate("navigator.clipboard.readText()") == story_url

    assert meta(visitor, "link[rel=canonical]", "href") == story_url
    assert meta(visitor, "meta[property='og:url']") == story_url
    assert meta(visitor, "meta[property='og:title']") == title
    assert meta(visitor, "meta[name='twitter:title']") == title
    assert meta(visitor, "meta[property='og:description']") == summary
    assert meta(visitor, "meta[property='og:type']") == "article"
    assert meta(visitor, "meta[property='og:image:alt']") == alt_text
    image = meta(visitor, "meta[property='og:image']")
    assert image.startswith(f"{live_site.url}/cards/stories/{slug}.png?")
    assert meta(visitor, "meta[name='twitter:image']") == image
    assert visitor.locator("meta[name=robots]").count() == 0
    card_response = visitor.request.get(image)
    assert card_response.status == 200
    assert card_response.headers["content-type"] == "image/png"
    assert card_response.body().startswith(b"\x89PNG")
    [linked_data] = [json.loads(text) for text in visitor.locator(
        "script[type='application/ld+json']").all_text_contents()]
    assert linked_data["@type"] == "Article"
    assert linked_data["headline"] == title
    assert linked_data["mainEntityOfPage"] == story_url
    assert tag in linked_data["keywords"]
    assert [person["name"] for person in linked_data["about"]] == [name]


def participant_count(page: Page) -> int:
    return int(re.search(r"\d+", page.locator(".participant-count").inner_text()).group())


def test_a_member_takes_part_in_an_action_once(open_as, live_site):
    member, page = signed_in(open_as, live_site)
    take_part = page.get_by_role("button", name="I sent it: count me in", exact=True)
    page.goto("/actions")
    addresses = page.locator(".action-card h3 a").evaluate_all("links => links.map(link => link.href)")
    for address in addresses:
        page.goto(address)
        if take_part.count():
            break
    else:
        pytest.fail(f"no demo action can be taken part in: {addresses}")
    # A second tab on the same action, still showing the button: the member clicks twice, as people do.
    second_tab = page.context.new_page()
    second_tab.goto(page.url)

    before = participant_count(page)
    page.get_by_label("Show my name on this page").check()
    with page.expect_navigation():
        take_part.click()
    assert "Thank you for taking part!" in flash_text(page)
    assert participant_count(page) == before + 1
    expect(page.locator(".participants")).to_contain_text(member.display_name)
    expect(page.locator(".take-part")).to_contain_text("Thank you!")
    expect(take_part).to_have_count(0)

    with second_tab.expect_navigation():
        second_tab.get_by_role("button", name="I sent it: count me in", exact=True).click()
    assert "You already took part in this action. Thank you!" in flash_text(second_tab)
    assert participant_count(second_tab) == before + 1


def test_a_visitor_subscribes_to_the_newsletter_in_albanian(open_as, live_site):
    def say(message: str, **values) -> str:
        return words(live_site, "sq", message, **values)

    address = f"lexuese-{unique_word()}@example.org"
    page = open_as(language="sq")
    page.goto("/newsletter/")
    expect(heading(page)).to_have_text(say("Newsletter"))
    page.get_by_label(say("Email address"), exact=True).fill(address)
    page.get_by_label(say("Language of the newsletter"), exact=True).select_option("sq")
    press(page, say("Subscribe"))
    assert say("Almost done: we sent a confirmation link to %(email)s. Open it to start receiving the "
               "newsletter.", email=address) in flash_text(page)

    [message] = live_site.mail_to(address)
    assert message["Subject"] == say("Confirm your subscription to the KD newsletter")
    assert message["Subject"] != words(live_site, "en", "Confirm your subscription to the KD newsletter")
    page.goto(mail_link(message, "/newsletter/confirm/"))
    press(page, say("Confirm subscription"))
    assert page.locator("html").get_attribute("lang") == "sq"
    assert say("Thank you, your subscription is confirmed.") in flash_text(page)
    assert say("Thank you, your subscription is confirmed.") != "Thank you, your subscription is confirmed."


def test_a_story_is_written_and_reviewed_with_the_keyboard_only(open_as, live_site):
    code = unique_word()
    title, tag = f"Keyboard story {code}", f"Keys {code}"
    someone = live_site.first_published("Profile").name
    _member, page = signed_in(open_as, live_site)
    page.goto("/my/stories/new")
    tab_until(page, "title")
    page.keyboard.type(title)
    assert tab_until(page, "summary") == ["summary"]
    page.keyboard.type("Written without a mouse.")
    assert tab_until(page, "body") == ["body"]
    page.keyboard.type("Every field reached with Tab.")
    tab_until(page, "profile_search")
    page.keyboard.type(someone)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the form's first button: Find, which lists the matches as checkboxes
    expect(page.get_by_label("Title", exact=True)).to_have_value(title)
    assert focused(page).startswith("profile_ids-")  # the first match has the focus
    page.keyboard.press("Space")
    expect(page.locator("#profile_ids input:checked")).to_have_count(1)
    tab_until(page, "tags")
    page.keyboard.type(tag)
    tab_until(page, "button:Submit for review")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Thank you! Your story is waiting for an editor's review." in flash_text(page)
    expect(heading(page)).to_have_text(title)
    expect(page.get_by_role("link", name=someone, exact=True)).to_be_visible()

    _editor, desk = signed_in(open_as, live_site, role=Role.EDITOR)
    desk.goto("/editor/queue")
    tab_until(desk, "tag")
    desk.keyboard.type(tag)
    with desk.expect_navigation():
        desk.keyboard.press("Enter")
    expect(desk.locator(".queue-title", has_text=title)).to_be_visible()
    tab_until(desk, f"a:Review {title}")
    with desk.expect_navigation():
        desk.keyboard.press("Enter")
    expect(heading(desk)).to_have_text(f"Review: {title}")
    tab_until(desk, "button:Start reviewing")
    with desk.expect_navigation():
        desk.keyboard.press("Enter")
    assert "You are reviewing this now" in flash_text(desk)
    tab_until(desk, "button:Approve and publish")
    with desk.expect_navigation():
        desk.keyboard.press("Enter")
    assert "You approved it, and it is published now." in flash_text(desk)
    page.reload()
    expect(page.locator(".preview-banner")).to_have_count(0)


def test_queue_review_link_is_on_screen_on_a_phone(open_as, live_site):
    """Issue 17: at 390 px the first item's review link, named after the item, is within the viewport."""
    page = open_as(EDITOR)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/editor/queue")
    link = page.locator("main table a[href*='/editor/review/']").first
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    title = page.locator("main .queue-title").first.inner_text()
    assert title in link.inner_text() and link.inner_text() != words(live_site, "en", "Review")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


WORDS_ON_ONE_LINE = """button => {
    const broken = [];
    const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('.email-address')) continue;
        for (const match of node.textContent.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            if (range.getClientRects().length > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""


def test_an_action_on_a_phone_wraps_only_the_address_and_copies_the_post(open_as, live_site):
    """Issue 17: at 390 px the email button keeps its words whole (only the address may wrap) and stays on
    screen; the suggested post gets a copy button that puts the post on the clipboard."""
    page = open_as()
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_site.url)
    page.goto("/actions")
    addresses = page.locator(".action-card h3 a").evaluate_all("links => links.map(link => link.href)")
    for address in addresses:
        page.goto(address)
        if page.locator(".email-button").count() and page.locator(".suggested-post").count():
            break
    else:
        pytest.fail(f"no demo action has both an email address and a suggested post: {addresses}")
    button = page.locator(".email-button")
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert button.evaluate(WORDS_ON_ONE_LINE) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator(".participant-count")).to_be_visible()  # read without logging in
    post = page.locator(".suggested-post").inner_text().strip()
    page.get_by_role("button", name="Copy the post", exact=True).click()
    expect(page.locator(".suggested-post ~ [role=status]")).to_have_text("The post is copied: paste it into your post.")
    assert page.evaluate("navigator.clipboard.readText()").strip() == post


def test_who_achieved_it_is_picked_from_type_ahead_suggestions(open_as, live_site):
    """With JavaScript, typing part of a name suggests published profiles; choosing one ticks it and fills the
    story's empty field, country and municipality from that profile."""
    someone = live_site.first_published("Profile")
    _member, page = signed_in(open_as, live_site)
    page.goto("/my/stories/new")
    page.get_by_label("Title", exact=True).fill(f"Picked story {unique_word()}")
    page.locator("input[name=profile_search]").press_sequentially(someone.name.split()[0][:4].lower(), delay=40)
    suggestion = page.locator(".finder-suggestions button", has_text=someone.name).first
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(page.locator(f"input[name=profile_ids][value='{someone.id}']")).to_be_checked()
    expect(page.locator(".finder-result[role=status]").last).to_contain_text(f"{someone.name} is ticked.")
    expect(page.locator("input[name=profile_search]")).to_be_focused()
    for name in ("field", "country_code", "municipality"):
        if getattr(someone, name):
            expect(page.locator(f"#{name}")).to_have_value(getattr(someone, name))
