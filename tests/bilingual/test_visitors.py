"""Visitors read an item in their language when a translation is approved, with correct lang and hreflang."""
import re

from kd import db
from kd.bilingual.fields import source_texts
from kd.bilingual.models import Translation
from kd.content.states import ModerationState as S
from kd.db import utcnow
from kd.profiles.models import Profile
from kd.stories.models import Story
from tests.conftest import stored


def _translate(app, subject, translator, state=S.APPROVED, language="en", **texts):
    model = Story if isinstance(subject, Story) else Profile

    def build():
        original = db.session.get(model, subject.id)
        return Translation(subject_type=type(subject).subject_kind, subject_id=subject.id, language=language,
                           source_language=subject.language, source=source_texts(original), state=state,
                           submitted_by_id=translator.id, published_at=utcnow() if state is S.APPROVED else None,
                           **texts)
    return stored(app, build)


def _hreflangs(page: str) -> list[str]:
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)"', page)


def test_an_english_visitor_reads_the_approved_translation(app, client, albanian_story, translator):
    _translate(app, albanian_story, translator, title="The doctor from Gjakova", body="She won the prize.")
    page = client.get(f"/stories/{albanian_story.slug}?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert '<h1 lang="en">The doctor from Gjakova</h1>' in page
    assert 'class="prose" lang="en"' in page
    assert 'class="lead" lang="sq">Një çmim i madh.' in page  # the summary was left untranslated
    assert "Translated from Albanian by Teuta Translator." in page
    assert 'href="?lang=original" hreflang="sq"' in page
    assert _hreflangs(page) == ["sq", "en", "x-default"]
    assert '<meta property="og:locale" content="en_GB">' in page
    assert '<meta property="og:locale:alternate" content="sq_AL">' in page
    assert "<title>The doctor from Gjakova · KD</title>" in page


def test_the_original_on_request_and_for_albanian_visitors(app, client, albanian_story, translator):
    _translate(app, albanian_story, translator, title="The doctor from Gjakova")
    original = client.get(f"/stories/{albanian_story.slug}?lang=original",
                          headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<h1 lang="sq">Mjekja nga Gjakova</h1>' in original
    assert "You are reading the original." in original
    albanian = client.get(f"/stories/{albanian_story.slug}?lang=sq").get_data(as_text=True)
    assert '<h1 lang="sq">Mjekja nga Gjakova</h1>' in albanian
    assert '<meta property="og:locale" content="sq_AL">' in albanian


def test_only_approved_translations_are_shown(app, client, albanian_story, translator):
    for state in (S.SUBMITTED, S.DRAFT, S.REJECTED, S.CHANGES_REQUESTED):
        _translate(app, albanian_story, translator, state=state, title=f"Not yet {state.value}")
    page = client.get(f"/stories/{albanian_story.slug}?lang=en").get_data(as_text=True)
    assert "Not yet" not in page
    assert '<h1 lang="sq">Mjekja nga Gjakova</h1>' in page
    assert "This is in Albanian: nobody has translated it yet." in page
    assert _hreflangs(page) == ["sq", "x-default"]
    assert '<meta property="og:locale" content="sq_AL">' in page
    assert "og:locale:alternate" not in page


def test_members_are_invited_to_translate(client, login, albanian_story, translator, make_user):
    login(translator)
    page = client.get(f"/stories/{albanian_story.slug}?lang=en").get_data(as_text=True)
    assert f"/translate/story/{albanian_story.id}/en" in page
    login(make_user())
    page = client.get(f"/stories/{albanian_story.slug}?lang=en").get_data(as_text=True)
    assert "/my/translations" in page and f"/translate/story/{albanian_story.id}/en" not in page


def test_a_profile_in_the_visitors_language(app, client, make_profile, translator):
    profile = make_profile(language="en", headline="Heart surgeon in Zurich", bio="She leads a team.")
    _translate(app, profile, translator, language="sq", headline="Kirurge e zemrës në Zürich",
               bio="Ajo udhëheq një ekip.")
    page = client.get(f"/people/{profile.slug}?lang=sq").get_data(as_text=True)
    assert '<p class="lead" lang="sq">Kirurge e zemrës në Zürich</p>' in page
    assert 'class="prose" lang="sq"' in page
    assert _hreflangs(page) == ["en", "sq", "x-default"]
    english = client.get(f"/people/{profile.slug}?lang=en").get_data(as_text=True)
    assert '<p class="lead" lang="en">Heart surgeon in Zurich</p>' in english


def test_the_share_card_is_drawn_from_the_translation(app, client, albanian_story, translator):
    _translate(app, albanian_story, translator, title="The doctor from Gjakova")
    with app.test_request_context("/?lang=en"):
        from kd.sharing.subjects import card_spec
        story = db.session.get(Story, albanian_story.id)
        assert card_spec(story).title == "The doctor from Gjakova"
    with app.test_request_context("/?lang=sq"):
        story = db.session.get(Story, albanian_story.id)
        assert card_spec(story).title == "Mjekja nga Gjakova"


def test_the_author_reading_their_own_language_is_offered_the_other(client, login, albanian_story, member):
    login(member)
    page = client.get(f"/stories/{albanian_story.slug}?lang=sq").get_data(as_text=True)
    assert f"/translate/story/{albanian_story.id}/en" in page
