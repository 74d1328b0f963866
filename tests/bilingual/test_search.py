"""Search across languages, on both backends: an item is found through its original or its approved
translation, and results show the reader's language."""
from kd.bilingual.models import Translation
from kd.search.backend import SearchQuery
from kd.search.service import backend
from tests.search.conftest import app_overrides, search_backend  # noqa: F401 — every backend, as tests/search


def _found(app, text: str) -> list[int]:
    with app.app_context():
        return [hit.id for hit in backend().search(SearchQuery(text=text)).hits]


def _approve(app, client, login, post, translate, story, translator, editor, language, texts):
    login(translator)
    assert translate(story, texts, language=language).status_code == 302
    with app.app_context():
        from kd import db
        translation_id = db.session.query(Translation.id).order_by(Translation.id.desc()).first()[0]
    login(editor)
    assert post(f"/editor/translations/{translation_id}/decide", {"decision": "approve"}).status_code == 302


def test_an_english_only_story_is_found_through_its_albanian_translation(app, client, login, post, translate,
                                                                        make_story, translator, editor):
    story = make_story(language="en", title="Heart surgeon honoured", summary="An award in Zurich.",
                       body="She leads the cardiac team.")
    assert _found(app, "kirurgia") == []
    _approve(app, client, login, post, translate, story, translator, editor, "sq",
             {"title": "Kirurgia e zemrës nderohet", "summary": "Një çmim në Zürich.", "body": "Ajo udhëheq ekipin."})
    assert _found(app, "kirurgia") == [story.id]
    assert _found(app, "zemres") == [story.id]  # folded like every Albanian word
    assert _found(app, "surgeon") == [story.id]
    albanian = client.get("/search?q=kirurgia&lang=sq").get_data(as_text=True)
    assert '<li class="result" lang="sq">' in albanian and "Kirurgia e zemrës nderohet" in albanian
    english = client.get("/search?q=kirurgia&lang=en").get_data(as_text=True)
    assert '<li class="result" lang="en">' in english and "Heart surgeon honoured" in english


def test_an_albanian_story_is_found_through_its_english_translation(app, client, login, post, translate,
                                                                    albanian_story, translator, editor):
    assert _found(app, "doctor") == []
    _approve(app, client, login, post, translate, albanian_story, translator, editor, "en",
             {"title": "The doctor from Gjakova", "summary": "A great prize.", "body": "Research on the heart."})
    assert _found(app, "doctor") == [albanian_story.id]
    assert _found(app, "mjekja") == [albanian_story.id]


def test_an_unapproved_translation_is_not_searchable(app, login, translate, albanian_story, translator):
    login(translator)
    translate(albanian_story, {"title": "The doctor from Gjakova", "summary": "", "body": ""})
    assert _found(app, "doctor") == []
