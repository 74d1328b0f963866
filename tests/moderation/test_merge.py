"""Merging two profiles: stories relinked, tags merged, old address redirects, both histories record it."""
from sqlalchemy import select

from kd import db
from kd.audit.models import AuditEntry
from kd.content.redirects import redirect_target
from kd.content.states import ModerationState as S
from kd.profiles.models import Profile
from kd.stories.models import Story


def test_merge_relinks_stories_and_redirects_the_old_address(app, client, login, post, make_profile, make_story,
                                                            editor, member, fetch):
    keep = make_profile(submitted_by=member, state=S.APPROVED, name="Drita Krasniqi", tags=["Music"])
    duplicate = make_profile(submitted_by=member, name="Krasniqi Drita", tags=["Music", "Opera"])
    only_duplicate = make_story(submitted_by=member, profiles=[duplicate], title="Debut")
    both = make_story(submitted_by=member, profiles=[keep, duplicate], title="Duet")
    login(editor)
    form = client.get(f"/editor/merge?keep={keep.id}&duplicate={duplicate.id}").get_data(as_text=True)
    assert "Keep: Drita Krasniqi" in form
    response = post("/editor/merge", {"keep": str(keep.id), "duplicate": duplicate.slug})
    assert response.status_code == 302
    with app.app_context():
        assert [p.id for p in db.session.get(Story, only_duplicate.id).profiles] == [keep.id]
        assert [p.id for p in db.session.get(Story, both.id).profiles] == [keep.id]
        assert sorted(t.name for t in db.session.get(Profile, keep.id).tags) == ["Music", "Opera"]
        assert redirect_target("profile", duplicate.slug) == keep.id
        assert redirect_target("story", duplicate.slug) is None
        merged = db.session.get(Profile, duplicate.id)
        assert merged.state is S.WITHDRAWN and merged.slug != duplicate.slug
        assert keep.slug in merged.moderation_message
        entries = {(e.action, e.subject_id) for e in db.session.scalars(select(AuditEntry))}
    assert ("profiles.merged", duplicate.id) in entries and ("profiles.merged_in", keep.id) in entries


def test_merging_a_profile_into_itself_or_unknown_is_refused(login, post, make_profile, editor, member, fetch):
    profile = make_profile(submitted_by=member)
    login(editor)
    response = post("/editor/merge", {"keep": str(profile.id), "duplicate": str(profile.id)})
    assert response.status_code == 400 and "two different profiles" in response.get_data(as_text=True)
    response = post("/editor/merge", {"keep": "no-such-person", "duplicate": str(profile.id)})
    assert response.status_code == 400 and "No profile has this number" in response.get_data(as_text=True)
    assert post("/editor/merge", {"keep": "", "duplicate": ""}).status_code == 400
    assert fetch(Profile, profile.id).state is S.SUBMITTED


def test_a_chain_of_merges_keeps_old_addresses_working(app, login, post, make_profile, editor, member):
    first = make_profile(submitted_by=member, state=S.APPROVED)
    second = make_profile(submitted_by=member, state=S.APPROVED)
    third = make_profile(submitted_by=member, state=S.APPROVED)
    login(editor)
    post("/editor/merge", {"keep": str(second.id), "duplicate": str(first.id)})
    post("/editor/merge", {"keep": str(third.id), "duplicate": str(second.id)})
    with app.app_context():
        assert redirect_target("profile", first.slug) == third.id
        assert redirect_target("profile", second.slug) == third.id


def test_review_page_offers_likely_duplicates(client, login, make_profile, editor, member):
    make_profile(submitted_by=member, state=S.APPROVED, name="Çelik Ana")
    fresh = make_profile(submitted_by=member, name="Ana Celik")
    login(editor)
    page = client.get(f"/editor/review/profile/{fresh.id}").get_data(as_text=True)
    assert "Possibly the same person" in page and "Çelik Ana" in page


def test_redirect_target_of_an_impossible_slug_is_none(app, login, post, make_profile, editor, member):
    profile = make_profile(submitted_by=member)
    with app.app_context():
        assert redirect_target("profile", "bad\x00slug") is None
    login(editor)
    response = post("/editor/merge", {"keep": "x\x00", "duplicate": str(profile.id)})
    assert response.status_code == 400
