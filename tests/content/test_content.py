"""kd.content on its own: the one vocabulary of kinds, the CHECK constraints, the content_changed signal,
and the moves that used to be written by hand."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kd import db
from kd.accounts.models import Role
from kd.actions.models import Action
from kd.content import changes
from kd.content.claims import ClaimConflict, claim
from kd.content.kinds import kind_of, model_of
from kd.content.models import Revision, SlugRedirect
from kd.content.revisions import pending_revision, propose_revision
from kd.content.states import ModerationState as S
from kd.content.workflow import allowed_moves, transition
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story
from tests.conftest import action_fields


def _profile(**fields) -> Profile:
    fields.setdefault("state", S.DRAFT)
    profile = Profile(kind=ProfileKind.PERSON, slug=fields.pop("slug", "drita"), name="Drita", name_folded="drita",
                      **fields)
    db.session.add(profile)
    db.session.flush()
    return profile


def test_kinds_name_the_models_both_ways(app):
    with app.app_context():
        assert [kind_of(model()) for model in (Profile, Story, Action)] == ["profile", "story", "action"]
        assert model_of("story") is Story and model_of("stories") is None


def test_an_approved_row_without_a_publication_time_is_refused(app):
    with app.app_context(), pytest.raises(IntegrityError):
        _profile(state=S.APPROVED)
        db.session.commit()


def test_stored_subject_types_are_kinds(app):
    with app.app_context():
        with pytest.raises(IntegrityError):
            db.session.add(Revision(subject_type="profiles", subject_id=1, data={}))
            db.session.commit()
        db.session.rollback()
        with pytest.raises(IntegrityError):
            db.session.add(SlugRedirect(kind="stories", old_slug="old", target_id=1))
            db.session.commit()


def test_revisions_are_stored_under_the_kind_and_one_stays_pending(app, make_user):
    member = make_user()
    with app.app_context():
        profile = _profile(state=S.APPROVED, published_at=db.utcnow(), submitted_by_id=member.id)
        author = db.session.get(type(member), member.id)
        first = propose_revision(profile, author, {"headline": "Doctor"})
        second = propose_revision(profile, author, {"headline": "Surgeon"})
        assert first.subject_type == "profile" and first.state.value == "superseded"
        assert pending_revision(profile) is second


def test_content_changed_is_sent_after_the_commit_and_never_on_rollback(app):
    received = []

    def receiver(_session, changes):
        received.append(list(changes))

    changes.content_changed.connect(receiver)
    try:
        with app.app_context():
            profile = _profile()
            changes.changed(profile)
            db.session.rollback()
            assert received == []
            profile = _profile(slug="drita-2")
            changes.removed(profile)
            changes.changed(profile)  # the last word about a row wins
            db.session.commit()
    finally:
        changes.content_changed.disconnect(receiver)
    assert received == [[("upsert", "profiles", profile.id)]]


def test_announced_together_sends_the_changes_of_many_commits_once(app):
    received = []

    def receiver(_session, changes):
        received.append(sorted(changes))

    changes.content_changed.connect(receiver)
    try:
        with app.app_context(), changes.announced_together() as batch:
            first = _profile()
            changes.changed(first)
            db.session.commit()
            second = _profile(slug="drita-2")
            changes.changed(second)
            db.session.commit()
            changes.removed(first)
            db.session.commit()
            assert received == []
            batch.send()
            assert received == [sorted([("delete", "profiles", first.id), ("upsert", "profiles", second.id)])]
            changes.changed(second)
            db.session.rollback()
    finally:
        changes.content_changed.disconnect(receiver)
    assert len(received) == 1   # nothing committed after send(): nothing more to say


def test_announced_together_still_announces_what_was_committed_when_the_block_fails(app):
    received = []

    def receiver(_session, changes):
        received.append(list(changes))

    changes.content_changed.connect(receiver)
    try:
        with app.app_context(), pytest.raises(KeyboardInterrupt), changes.announced_together():
            profile = _profile()
            changes.changed(profile)
            db.session.commit()
            raise KeyboardInterrupt
    finally:
        changes.content_changed.disconnect(receiver)
    assert received == [[("upsert", "profiles", profile.id)]]


def test_only_the_moves_people_choose_are_offered(app, make_user):
    editor = make_user(role=Role.EDITOR)
    with app.app_context():
        profile = _profile(state=S.APPROVED, published_at=db.utcnow())
        moves = allowed_moves(profile, db.session.get(type(editor), editor.id))
        assert moves == ["unpublish"]


def test_a_take_down_needs_a_published_profile_and_is_audited_as_a_withdrawal(app):
    from kd.audit.models import AuditEntry

    with app.app_context():
        profile = _profile(state=S.APPROVED, published_at=db.utcnow())
        transition(profile, "take_down", None, "consent declined")
        assert profile.state is S.WITHDRAWN
        entry = db.session.scalars(select(AuditEntry)).one()
        assert entry.action == "profiles.withdraw" and entry.details["message"] == "consent declined"


def test_an_editor_cannot_decide_a_proposed_action_another_editor_holds(app, make_user):
    from kd.actions import services

    first, second, member = make_user(role=Role.EDITOR), make_user(role=Role.EDITOR), make_user()
    with app.app_context():
        action = services.propose_action(db.session.get(type(member), member.id), action_fields())
        assert claim(action, db.session.get(type(first), first.id))
        with pytest.raises(ClaimConflict):
            services.review_action(action, "approve", db.session.get(type(second), second.id))
        services.review_action(action, "approve", db.session.get(type(first), first.id))
        assert action.state is S.APPROVED and action.published_at is not None
