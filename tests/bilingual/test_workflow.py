"""Adding, moderating and publishing a translation; who may translate; the stale mark after an edit."""
from sqlalchemy import select

from kd import db
from kd.bilingual.models import GrantState, Translation, TranslatorGrant
from kd.content.models import Revision
from kd.content.states import ModerationState as S
from tests.conftest import stored


def _translations(app):
    with app.app_context():
        db.session.remove()
        rows = list(db.session.scalars(select(Translation).order_by(Translation.id)))
        for row in rows:
            db.session.expunge(row)
        return rows


def test_a_translator_submits_and_an_editor_approves(app, client, login, post, translate, albanian_story,
                                                       translator, editor):
    login(translator)
    form = client.get(f"/translate/story/{albanian_story.id}/en").get_data(as_text=True)
    assert 'lang="sq">Mjekja nga Gjakova' in form  # the original beside the form
    assert translate(albanian_story).status_code == 302
    [translation] = _translations(app)
    assert (translation.state, translation.language, translation.submitted_by_id) == (S.SUBMITTED, "en", translator.id)
    assert translation.source["title"] == "Mjekja nga Gjakova"
    assert "The doctor from Gjakova" not in client.get(f"/stories/{albanian_story.slug}?lang=en").get_data(as_text=True)

    client.post("/account/logout", data={"csrf_token": ""})
    login(editor)
    queue = client.get("/editor/queue").get_data(as_text=True)
    assert f"/editor/translations/{translation.id}" in queue
    review = client.get(f"/editor/translations/{translation.id}").get_data(as_text=True)
    assert "Mjekja nga Gjakova" in review and "The doctor from Gjakova" in review
    assert post(f"/editor/translations/{translation.id}/decide", {"decision": "approve"}).status_code == 302
    assert _translations(app)[0].state is S.APPROVED


def test_request_changes_and_reject_need_a_reason(app, login, post, translate, albanian_story, translator, editor):
    login(translator)
    translate(albanian_story)
    [translation] = _translations(app)
    login(editor)
    refused = post(f"/editor/translations/{translation.id}/decide", {"decision": "reject"})
    assert refused.status_code == 400 and "Please write a message" in refused.get_data(as_text=True)
    assert post(f"/editor/translations/{translation.id}/decide",
                {"decision": "request_changes", "message": "Translate the summary too."}).status_code == 302
    assert _translations(app)[0].state is S.CHANGES_REQUESTED
    login(translator)
    assert translate(albanian_story).status_code == 302
    assert [row.state for row in _translations(app)] == [S.SUBMITTED]


def test_who_may_translate(client, login, translate, albanian_story, member, make_user, editor):
    stranger = make_user()
    login(stranger)
    assert client.get(f"/translate/story/{albanian_story.id}/en").status_code == 403
    assert translate(albanian_story).status_code == 403
    login(member)  # the author of the story
    assert client.get(f"/translate/story/{albanian_story.id}/en").status_code == 200
    assert client.get(f"/translate/story/{albanian_story.id}/sq").status_code == 404  # its own language
    unconfirmed = make_user(confirmed=False)
    login(unconfirmed)
    assert client.get(f"/translate/story/{albanian_story.id}/en").status_code == 403


def test_an_editor_cannot_approve_their_own_translation(app, login, post, translate, albanian_story, editor):
    login(editor)
    translate(albanian_story)
    [translation] = _translations(app)
    refused = post(f"/editor/translations/{translation.id}/decide", {"decision": "approve"})
    assert refused.status_code == 403
    assert _translations(app)[0].state is S.SUBMITTED


def test_only_published_items_are_translated(client, login, make_story, member, translator):
    draft = make_story(submitted_by=member, state=S.SUBMITTED, language="sq")
    login(translator)
    assert client.get(f"/translate/story/{draft.id}/en").status_code == 404


def test_empty_title_is_refused_with_a_message(login, translate, albanian_story, translator):
    login(translator)
    response = translate(albanian_story, {"title": "", "summary": "x"})
    assert response.status_code == 400 and "Please translate the title." in response.get_data(as_text=True)


def test_members_volunteer_and_editors_grant(app, client, login, post, member, editor):
    login(member)
    assert post("/my/translations/volunteer", {"note": "English and Albanian"}).status_code == 302
    with app.app_context():
        assert db.session.get(TranslatorGrant, member.id).state is GrantState.REQUESTED
    login(editor)
    assert "English and Albanian" in client.get("/editor/translators").get_data(as_text=True)
    assert post(f"/editor/translators/{member.id}/grant").status_code == 302
    with app.app_context():
        assert db.session.get(TranslatorGrant, member.id).state is GrantState.GRANTED
    assert post(f"/editor/translators/{member.id}/revoke").status_code == 302
    with app.app_context():
        assert db.session.get(TranslatorGrant, member.id) is None


def _approved_translation(app, story, translator, editor, **texts):
    fields = {"title": "The doctor from Gjakova", "summary": "A great prize.",
              "body": "She won the prize for research on the heart.", **texts}
    from kd.bilingual.fields import source_texts
    from kd.db import utcnow
    from kd.stories.models import Story

    def build():
        original = db.session.get(Story, story.id)
        return Translation(subject_type="story", subject_id=story.id, language="en", source_language="sq",
                           source=source_texts(original), state=S.APPROVED, submitted_by_id=translator.id,
                           reviewed_by_id=editor.id, published_at=utcnow(), **fields)
    return stored(app, build)


def test_an_approved_edit_of_the_original_marks_the_translation_stale(app, client, login, post, albanian_story,
                                                                       translator, editor, member):
    translation = _approved_translation(app, albanian_story, translator, editor)
    revision = stored(app, lambda: Revision(subject_type="story", subject_id=albanian_story.id,
                                            submitted_by_id=member.id,
                                            data={"body": "Ajo fitoi çmimin Nobel për kërkime në zemër."}))
    login(editor)
    assert post(f"/editor/review/revision/{revision.id}/decide", {"decision": "approve"}).status_code == 302
    [stale] = _translations(app)
    assert stale.id == translation.id and stale.stale_since is not None
    page = client.get(f"/stories/{albanian_story.slug}?lang=en", follow_redirects=True).get_data(as_text=True)
    assert "may be out of date" in page
    login(translator)
    needed = client.get("/translations/needed?language=en").get_data(as_text=True)
    assert "Mjekja nga Gjakova" in needed and "<ins>Ajo fitoi çmimin Nobel" in needed


def test_an_edit_that_leaves_the_texts_alone_does_not_mark_it(app, login, post, albanian_story, translator, editor,
                                                                member):
    _approved_translation(app, albanian_story, translator, editor)
    revision = stored(app, lambda: Revision(subject_type="story", subject_id=albanian_story.id,
                                            submitted_by_id=member.id,
                                            data={"city": "Zürich"}))
    login(editor)
    assert post(f"/editor/review/revision/{revision.id}/decide", {"decision": "approve"}).status_code == 302
    assert _translations(app)[0].stale_since is None


def test_a_newer_approved_translation_replaces_the_older(app, login, post, translate, albanian_story, translator,
                                                         editor):
    older = _approved_translation(app, albanian_story, translator, editor)
    login(translator)
    translate(albanian_story, {"title": "The physician from Gjakova", "summary": "", "body": ""})
    newer = _translations(app)[-1]
    login(editor)
    assert post(f"/editor/translations/{newer.id}/decide", {"decision": "approve"}).status_code == 302
    states = {row.id: row.state for row in _translations(app)}
    assert states == {older.id: S.WITHDRAWN, newer.id: S.APPROVED}


def test_an_admin_makes_a_translator_from_the_users_page(app, client, login, post, make_user, member):
    from kd.accounts.models import Role
    admin = make_user(role=Role.ADMIN)
    login(admin)
    page = client.get("/admin/users").get_data(as_text=True)
    assert f"/editor/translators/{member.id}/grant" in page
    response = post(f"/editor/translators/{member.id}/grant", {"next": "/admin/users"})
    assert response.headers["Location"] == "/admin/users"
    page = client.get("/admin/users").get_data(as_text=True)
    assert f"/editor/translators/{member.id}/revoke" in page


def test_editors_approve_translations_in_bulk_from_the_queue(app, client, login, post, translate, albanian_story,
                                                             translator, editor, outbox):
    login(translator)
    translate(albanian_story)
    [translation] = _translations(app)
    login(editor)
    sent = len(outbox())
    keys = [f"translation-{translation.id}"]
    assert "Translation into English" in post("/editor/bulk-approve", {"item": keys}).get_data(as_text=True)
    assert "1 item approved" in post("/editor/bulk-approve/confirm", {"item": keys}).get_data(as_text=True)
    assert _translations(app)[0].state is S.APPROVED
    assert len(outbox()) == sent  # the story's author is not told their story was approved
    assert "1 translation waiting" not in client.get("/editor/").get_data(as_text=True)
