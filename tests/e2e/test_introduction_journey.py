"""Issue 19 as members meet it: an owner says what they can help with, another member asks for an
introduction (seeing nothing of the owner's contact), the owner accepts, and only then both get each other's
address by mail."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kd import db
from kd.content.states import ModerationState
from kd.db import utcnow
from kd.profiles.models import Profile, ProfileKind
from tests.e2e.helpers import flash_text, log_in

pytestmark = pytest.mark.e2e


def _owned_profile(live_site, owner, slug: str) -> Profile:
    with live_site.app.app_context():
        profile = Profile(kind=ProfileKind.PERSON, slug=slug, name="Vlora Mentor", headline="Architect in Zurich",
                          state=ModerationState.APPROVED, published_at=utcnow(), owner_id=owner.id,
                          submitted_by_id=owner.id)
        db.session.add(profile)
        db.session.commit()
        db.session.expunge(profile)
    return profile


def _mail_text(live_site, address: str) -> str:
    return "\n".join(message.get_body(preferencelist=("plain",)).get_content()
                     for message in live_site.mail_to(address))


def test_a_member_asks_for_an_introduction_and_the_owner_accepts(open_as, live_site):
    owner, asker = live_site.make_user(), live_site.make_user()
    profile = _owned_profile(live_site, owner, f"vlora-mentor-{owner.id}")

    mine = open_as()
    log_in(mine, owner.email)
    mine.goto(f"/my/profiles/{profile.id}/help")
    mine.get_by_label("Mentoring", exact=False).first.check()
    mine.get_by_label("A short note (optional)").fill("Happy to mentor young architects from Kosovo.")
    with mine.expect_navigation():
        mine.get_by_role("button", name="Save").click()

    theirs = open_as()
    log_in(theirs, asker.email)
    theirs.goto(f"/people/{profile.slug}")
    expect(theirs.locator(".help-offer")).to_contain_text("Happy to mentor young architects")
    assert owner.email not in theirs.content()
    with theirs.expect_navigation():
        theirs.get_by_role("link", name="Ask for an introduction").click()
    theirs.get_by_label("Who you are").fill("An architecture student from Prizren, now in Vienna.")
    theirs.get_by_label("What you ask for").fill("Half an hour to talk about internships in Zurich offices.")
    theirs.get_by_label("Why this person or organisation").fill("Her bridges are why I study this.")
    theirs.get_by_label("I agree that my name and this message are shared", exact=False).check()
    with theirs.expect_navigation():
        theirs.get_by_role("button", name="Send the request").click()
    assert flash_text(theirs)
    assert owner.email not in _mail_text(live_site, asker.email) and owner.email not in theirs.content()
    assert "internships in Zurich" in _mail_text(live_site, owner.email)

    mine.goto("/my/requests")
    with mine.expect_navigation():
        mine.locator("main a[href^='/my/requests/']").first.click()
    expect(mine.locator("main")).to_contain_text("internships in Zurich offices")
    with mine.expect_navigation():
        mine.get_by_role("button", name="Accept and introduce us").click()
    assert owner.email in _mail_text(live_site, asker.email)
    assert asker.email in _mail_text(live_site, owner.email)
