"""The Needs-translation list: published items without a current translation, filters, pages, claims."""
from datetime import timedelta

from sqlalchemy import event

from kd import db
from kd.bilingual.models import TranslationClaim
from kd.content.states import ModerationState as S
from kd.db import utcnow
from tests.bilingual.test_visitors import _translate
from tests.conftest import stored


def test_lists_published_untranslated_items_newest_first(app, client, login, make_story, make_profile, translator):
    old = make_story(language="sq", title="E vjetra", published_at=utcnow() - timedelta(days=3))
    new = make_story(language="en", title="The newest", published_at=utcnow() - timedelta(days=1))
    make_story(language="sq", title="Ende në pritje", state=S.SUBMITTED)
    translated = make_story(language="sq", title="E përkthyera")
    _translate(app, translated, translator, title="The translated one")
    profile = make_profile(language="en", name="Drita Krasniqi", published_at=utcnow() - timedelta(days=2))
    login(translator)
    page = client.get("/translations/needed").get_data(as_text=True)
    assert page.index("The newest") < page.index("Drita Krasniqi") < page.index("E vjetra")
    assert "Ende në pritje" not in page and "E përkthyera" not in page
    assert "3 items need translation" in page
    assert f"/translate/story/{old.id}/en" in page and f"/translate/story/{new.id}/sq" in page
    assert f"/translate/profile/{profile.id}/sq" in page


def test_filters_by_language_kind_and_field(client, login, make_story, make_profile, translator):
    make_story(language="sq", title="Mjekësi", field="medicine")
    make_story(language="sq", title="Vrapuesja", field="sport")
    make_story(language="en", title="English medicine", field="medicine")
    make_profile(language="sq", name="Artanë Berisha", field="medicine")
    login(translator)
    into_english = client.get("/translations/needed?language=en&field=medicine&kind=story").get_data(as_text=True)
    assert "Mjekësi" in into_english
    for other in ("Vrapuesja", "English medicine", "Artanë Berisha"):
        assert other not in into_english
    assert client.get("/translations/needed?language=de").status_code == 400
    assert client.get("/translations/needed?field=nonsense").status_code == 400


def test_pages_take_a_bounded_number_of_queries(app, client, login, make_story, translator):
    for number in range(30):
        make_story(language="sq", title=f"Tregim {number}")
    login(translator)
    statements = []

    def count(*_args):
        statements.append(1)
    with app.app_context():
        engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get("/translations/needed?page=2").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert "Page 2 of 2" in page and page.count('class="card"') == 10
    assert len(statements) < 25, len(statements)


def test_a_claim_keeps_others_off_until_it_expires(app, client, login, post, albanian_story, translator, make_user):
    from kd.bilingual.models import GrantState, TranslatorGrant
    other = make_user(display_name="Other Translator")
    stored(app, lambda: TranslatorGrant(user_id=other.id, state=GrantState.GRANTED))
    login(translator)
    assert post(f"/translate/story/{albanian_story.id}/en/claim").status_code == 302
    login(other)
    page = client.get("/translations/needed").get_data(as_text=True)
    assert "Claimed by Teuta Translator" in page
    refused = post(f"/translate/story/{albanian_story.id}/en/claim")
    assert refused.status_code == 409
    with app.app_context():
        claim = db.session.query(TranslationClaim).one()
        claim.claimed_at = utcnow() - timedelta(hours=app.config["TRANSLATION_CLAIM_HOURS"] + 1)
        db.session.commit()
    assert post(f"/translate/story/{albanian_story.id}/en/claim").status_code == 302
    with app.app_context():
        assert db.session.query(TranslationClaim).one().user_id == other.id


def test_submitting_releases_the_claim(app, login, post, translate, albanian_story, translator):
    login(translator)
    post(f"/translate/story/{albanian_story.id}/en/claim")
    translate(albanian_story)
    with app.app_context():
        assert db.session.query(TranslationClaim).count() == 0


def test_members_who_are_not_translators_cannot_claim(client, login, post, albanian_story, make_user):
    login(make_user())
    assert post(f"/translate/story/{albanian_story.id}/en/claim").status_code == 403
    assert "Offer to translate" in client.get("/translations/needed").get_data(as_text=True)
