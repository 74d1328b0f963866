"""Hostile-input fuzzing with Hypothesis: settings shared by every property here.

The normal run tries FUZZ_EXAMPLES inputs per property (a few seconds each); set KD_FUZZ_EXAMPLES
to try more, e.g. KD_FUZZ_EXAMPLES=5000 before a release. No deadline: a slow machine is not a bug.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from kd import db
from kd.content import changes
from kd.content.states import ModerationState
from kd.core.text import fold
from kd.db import utcnow
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story
from kd.tags.services import tags_for

FUZZ_EXAMPLES = int(os.environ.get("KD_FUZZ_EXAMPLES", "200"))

# The app fixture is read-only inside a property, so sharing it across examples is safe.
# CI (CI=true) replays the same examples every run, so a merge is never blocked by a new random find;
# local runs keep exploring, and what they find is fixed and added as a regression test.
fuzz = settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

any_text = st.text(max_size=300)  # all of unicode but surrogates, NUL and controls included


def hostile_text(fragments: list[str], max_pieces: int = 40) -> st.SearchStrategy[str]:
    """Text built from dangerous fragments glued with arbitrary unicode (NUL and controls included)."""
    piece = st.one_of(st.sampled_from(fragments), st.text(max_size=8))
    return st.lists(piece, max_size=max_pieces).map("".join)


@pytest.fixture
def indexed_content(app):
    """Two approved profiles and a story in the database and the search index, plus a draft that is in neither."""
    with app.app_context(), db.transaction():
        tags = tags_for(["Mjekësi", "Muzikë"])
        people = [Profile(kind=kind, slug=slug, name=name, name_folded=fold(name), headline="Mjeke në Prishtinë",
                          state=ModerationState.APPROVED, country_code="DE", field="medicine",
                          municipality="gjakova", published_at=utcnow(), tags=tags)
                  for kind, slug, name in ((ProfileKind.PERSON, "shpresa-gashi", "Shpresa Gashi"),
                                           (ProfileKind.GROUP, "gashi-ensemble", "Gashi Ensemble"))]
        story = Story(slug="gashi-clinic", title="Gashi opens a clinic", summary="A clinic in Prishtinë",
                      body="The physician *Shpresa Gashi* opened a clinic in Prishtinë and Pejë.", field="medicine",
                      country_code="DE", state=ModerationState.APPROVED, published_at=utcnow(), profiles=people,
                      tags=tags)
        draft = Story(slug="hidden-draft", title="Hidden Gashi draft", state=ModerationState.DRAFT)
        db.session.add_all([*people, story, draft])
        db.session.flush()
        for subject in (*people, story):
            changes.changed(subject)
