"""`flask kd reindex` and `flask kd reindex --check`, on both backends."""
from __future__ import annotations

from sqlalchemy import delete, update

from kd import db
from kd.content.states import ModerationState
from kd.profiles.models import Profile
from kd.stories.models import Story
from tests.search.conftest import START, keys


def test_reindex_rebuilds_from_the_database(app, runner, make_profile, find):
    make_profile(name="Lost Person")
    with app.app_context():
        db.session.execute(update(Profile).values(name="Found Person"))
        db.session.commit()
    assert find("found").total == 0
    result = runner.invoke(args=["kd", "reindex"])
    assert result.exit_code == 0, result.output
    assert "1 items" in result.output
    assert keys(find("found")) == {"profiles:1"}


def test_check_reports_missing_and_stale_items_and_exits_1(app, runner, make_profile):
    make_profile(name="Indexed")
    assert runner.invoke(args=["kd", "reindex", "--check"]).exit_code == 0
    with app.app_context():
        db.session.add(Profile(name="Never indexed", name_folded="never indexed", slug="never",
                               state="approved", kind="person", published_at=START))
        db.session.execute(update(Profile).where(Profile.id == 1).values(updated_at=START.replace(year=2099)))
        db.session.commit()
    result = runner.invoke(args=["kd", "reindex", "--check"])
    assert result.exit_code == 1
    assert "missing: profiles:2" in result.output and "stale: profiles:1" in result.output
    assert runner.invoke(args=["kd", "reindex"]).exit_code == 0
    assert runner.invoke(args=["kd", "reindex", "--check"]).exit_code == 0


def test_reindex_removes_what_is_no_longer_public_and_keeps_the_rest(app, runner, make_profile, make_story, find):
    for number in range(3):
        make_profile(name=f"Kept Person {number}")
    make_story(title="Deleted story")
    make_story(title="Quietly unpublished story")
    with app.app_context():
        db.session.execute(delete(Story).where(Story.id == 1))
        db.session.execute(update(Story).where(Story.id == 2).values(state=ModerationState.UNPUBLISHED))
        db.session.commit()
    assert runner.invoke(args=["kd", "reindex"]).exit_code == 0
    assert find("story").total == 0
    assert keys(find("kept")) == {"profiles:1", "profiles:2", "profiles:3"}
    assert runner.invoke(args=["kd", "reindex", "--check"]).exit_code == 0
