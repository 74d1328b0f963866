import itertools

import pytest

from kd import db
from kd.core.moderated import ModerationState
from kd.db import transaction, utcnow
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story, StorySource
from kd.tags.services import tags_for


@pytest.fixture
def make_content(app):
    """make_content(state=…, **fields) -> (profile_slug, story_slug): a profile and a story about it."""
    counter = itertools.count(1)

    def make(state=ModerationState.APPROVED, country="DE", field="medicine", tags=("Mjekësi",), **fields):
        n = next(counter)
        with app.app_context(), transaction():
            profile = Profile(kind=fields.pop("kind", ProfileKind.PERSON), slug=f"person-{n}",
                              name=fields.pop("name", f"Person {n}"), name_folded=f"person {n}", headline="Doctor",
                              field=field, country_code=country, municipality="gjakova", state=state,
                              published_at=utcnow(), tags=tags_for(list(tags)))
            story = Story(slug=f"story-{n}", title=fields.pop("title", f"Story {n}"), summary="Summary",
                          body="**Bold** <script>alert(1)</script>", field=field, country_code=country,
                          municipality="gjakova", state=state, published_at=utcnow(), profiles=[profile],
                          tags=tags_for(list(tags)), sources=[StorySource(url="https://example.org/press")])
            db.session.add_all([profile, story])
        return profile.slug, story.slug
    return make
