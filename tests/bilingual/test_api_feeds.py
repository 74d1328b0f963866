"""The API and the Atom feeds carry the approved translations too."""
from kd.content.states import ModerationState as S
from tests.bilingual.test_visitors import _translate


def test_the_api_carries_approved_translations(app, client, albanian_story, translator):
    _translate(app, albanian_story, translator, title="The doctor from Gjakova", summary="A prize.", body="Heart.")
    _translate(app, albanian_story, translator, state=S.SUBMITTED, language="en", title="Not approved")
    data = client.get(f"/api/v1/stories/{albanian_story.slug}").get_json()
    assert data["language"] == "sq" and data["title"] == "Mjekja nga Gjakova"
    assert data["translations"] == {"en": {"title": "The doctor from Gjakova", "summary": "A prize.",
                                           "body": "Heart.", "out_of_date": False}}
    listing = client.get("/api/v1/stories").get_json()["data"]
    assert listing[0]["translations"]["en"]["title"] == "The doctor from Gjakova"


def test_a_profile_without_translations_has_an_empty_object(client, make_profile):
    profile = make_profile()
    assert client.get(f"/api/v1/profiles/{profile.slug}").get_json()["translations"] == {}


def test_the_feed_gives_each_reader_their_language_and_links_both(app, client, albanian_story, translator):
    _translate(app, albanian_story, translator, title="The doctor from Gjakova")
    english = client.get("/feeds/stories.atom?lang=en").get_data(as_text=True)
    assert '<title xml:lang="en">The doctor from Gjakova</title>' in english
    assert '<summary xml:lang="sq">Një çmim i madh.</summary>' in english
    assert f'hreflang="en" href="http://kd.test/stories/{albanian_story.slug}?lang=en"' in english
    assert f'hreflang="sq" href="http://kd.test/stories/{albanian_story.slug}?lang=sq"' in english
    albanian = client.get("/feeds/stories.atom?lang=sq").get_data(as_text=True)
    assert '<title xml:lang="sq">Mjekja nga Gjakova</title>' in albanian
