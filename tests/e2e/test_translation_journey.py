"""A volunteer translates an Albanian story, an editor approves it beside the original, and an English
visitor reads it, with the way back to the original."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kd import db
from kd.accounts.models import Role
from kd.bilingual.models import GrantState, TranslatorGrant
from kd.content import changes
from kd.content.states import ModerationState
from kd.db import utcnow
from kd.stories.models import Story
from tests.e2e.helpers import flash_text, log_in, words
from tests.e2e.test_content_journeys import follow, heading, press, unique_word

pytestmark = pytest.mark.e2e


def _albanian_story(live_site, title: str) -> Story:
    with live_site.app.app_context():
        story = Story(slug=title.lower().replace(" ", "-"), title=title, summary="Një çmim për kërkimin.",
                      body="Ajo fitoi çmimin për kërkime në zemër.", language="sq", field="medicine",
                      state=ModerationState.APPROVED, published_at=utcnow())
        db.session.add(story)
        db.session.flush()
        changes.announce(story)
        db.session.commit()
        db.session.expunge(story)
    return story


def _translator(live_site):
    user = live_site.make_user(display_name="Teuta Përkthyese", locale="en")
    with live_site.app.app_context():
        db.session.add(TranslatorGrant(user_id=user.id, state=GrantState.GRANTED))
        db.session.commit()
    return user


def test_a_volunteer_translates_an_editor_approves_a_visitor_reads(open_as, live_site):
    def say(message: str, **values) -> str:
        return words(live_site, "en", message, **values)

    code = unique_word()
    title = f"Mjekja {code.title()} nga Gjakova"
    english = f"The doctor {code.title()} from Gjakova"
    story = _albanian_story(live_site, title)

    # The volunteer finds it on the Needs-translation list, claims it and translates it beside the original.
    translator = _translator(live_site)
    page = open_as(language="en")
    log_in(page, translator.email)
    page.goto("/translations/needed?language=en&kind=story")
    card = page.locator("li.card").filter(has=page.get_by_role("heading", name=title, exact=True))
    with page.expect_navigation():
        card.get_by_role("button", name=re.compile(say("Claim and translate"))).click()
    assert say("It is yours for %(hours)d hours: others see that you are translating it.", hours=48) \
        in flash_text(page)
    expect(page.locator(".original-text").first).to_have_text(title)
    expect(page.locator(".original-text").first).to_have_attribute("lang", "sq")
    page.get_by_label(say("Title"), exact=True).fill(english)
    page.get_by_label(say("Summary"), exact=True).fill("A prize for research.")
    page.get_by_label(say("Story"), exact=True).fill("She won the prize for research on the heart.")
    press(page, say("Send for review"))
    assert say("Sent: an editor will review your translation.") in flash_text(page)

    # The editor reviews it side by side with the original and approves it.
    editor = live_site.make_user(role=Role.EDITOR, locale="en")
    desk = open_as(language="en")
    log_in(desk, editor.email)
    desk.goto("/editor/queue?type=translation")
    row = desk.get_by_role("row").filter(has=desk.locator(".queue-title", has_text=title))
    follow(desk, say("Review %(title)s", title=title), within=row)
    table = desk.locator("table.side-by-side")
    expect(table.locator('td[lang="sq"]').first).to_have_text(title)
    expect(table.locator('td[lang="en"]').first).to_have_text(english)
    press(desk, say("Start reviewing"))
    press(desk, say("Approve and publish"))
    assert say("You approved the translation: visitors in that language read it now.") in flash_text(desk)

    # A visitor reading English gets the translation, told who translated it, with the original a click away.
    visitor = open_as(language="en")
    visitor.goto(f"/stories/{story.slug}")
    expect(heading(visitor)).to_have_text(english)
    expect(heading(visitor)).to_have_attribute("lang", "en")
    assert visitor.locator('link[rel="alternate"][hreflang="sq"]').count() == 1
    assert visitor.locator('meta[property="og:locale"]').get_attribute("content") == "en_GB"
    expect(visitor.locator(".translation-note")).to_contain_text(
        say("Translated from Albanian by %(name)s.", name="Teuta Përkthyese"))
    follow(visitor, say("Read the original in %(language)s") % {"language": say("Albanian")})
    expect(heading(visitor)).to_have_text(title)
    expect(heading(visitor)).to_have_attribute("lang", "sq")
