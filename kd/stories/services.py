"""Every change members make to stories: create, edit (directly or as a revision), submit, withdraw.
Audited; never commits (the caller owns the transaction)."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from kd.audit.services import record
from kd.content import changes
from kd.content.revisions import propose_revision
from kd.content.states import ModerationState as S
from kd.content.workflow import is_owner, transition
from kd.core.auth import require_confirmed
from kd.core.errors import DomainError, PermissionDenied
from kd.db import session, unique_slug
from kd.media.services import NewPhoto, attach_uploads
from kd.profiles.models import Profile
from kd.profiles.queries import EDITABLE_DIRECTLY
from kd.stories.models import Story, StorySource
from kd.tags.services import tags_for

PLACE_DEFAULTS = ("field", "country_code", "municipality")
STORY_FIELDS = ("title", "summary", "body", "field", "country_code", "city", "municipality", "language")


class StoryError(DomainError):
    """A refusal about a story, with a message for the member."""


def create_story(author, data: dict, submit: bool = False, photos: list[NewPhoto] = ()) -> Story:
    """A new story by a confirmed member, saved as a draft or submitted for review at once; photos chosen
    on the form go through the photo pipeline in the same transaction."""
    require_confirmed(author)
    _require_linkable(author, data["profile_ids"])
    data = with_place_defaults(data)
    story = Story(state=S.DRAFT, submitted_by_id=author.id)
    apply_revision_data(story, data)
    story.slug = unique_slug(Story, story.natural_slug())
    session.add(story)
    session.flush()
    record(author, "stories.created", story)
    attach_uploads(story, list(photos), author)
    if submit:
        transition(story, "submit", author)
    return story


def update_story(story: Story, user, data: dict, submit: bool = False, photos: list[NewPhoto] = ()) -> bool:
    """Edit a story. A published one keeps its live version and gets a pending revision (returns True);
    drafts and returned ones are changed in place (returns False). New photos are added either way (on a
    published story they wait for an editor)."""
    require_can_edit(story, user)
    _require_linkable(user, data["profile_ids"], already=[profile.id for profile in story.profiles])
    data = with_place_defaults(data)
    if story.state is S.APPROVED:
        propose_revision(story, user, data)
        attach_uploads(story, list(photos), user)
        return True
    if story.state not in EDITABLE_DIRECTLY:
        raise StoryError(_("This story is waiting for a decision and cannot be changed now."))
    apply_revision_data(story, data)
    if story.published_at is None:
        story.slug = unique_slug(Story, story.natural_slug(), exclude_id=story.id)
    record(user, "stories.edited", story)
    attach_uploads(story, list(photos), user)
    if submit:
        transition(story, "submit", user)
    return False


def require_can_edit(story: Story, user) -> None:
    require_confirmed(user)
    if not is_owner(story, user):
        raise PermissionDenied(_("Only the member who submitted this can do this."))


def submit_story(story: Story, user) -> Story:
    return transition(story, "submit", user)


def withdraw_story(story: Story, user) -> Story:
    """The submitter takes it back; a published story disappears at once (the workflow tells search)."""
    return transition(story, "withdraw", user)


def _require_linkable(user, profile_ids: list[int], already: list[int] = ()) -> None:
    """A story names the member's own profiles or published ones (or those it already named)."""
    wanted = set(profile_ids) - set(already)
    if not wanted:
        return
    own = or_(Profile.submitted_by_id == user.id, Profile.owner_id == user.id)
    allowed = session.scalar(select(func.count()).select_from(Profile).where(
        Profile.id.in_(wanted), or_(own, Profile.state == S.APPROVED)))
    if allowed != len(wanted):
        raise StoryError(_("A story can name only your own profiles or published ones."))


def with_place_defaults(data: dict) -> dict:
    """Field, country and municipality left empty take those of the first named profile that has them."""
    profiles = _profiles_in_order(data.get("profile_ids", []))
    filled = dict(data)
    for name in PLACE_DEFAULTS:
        if not filled.get(name):
            filled[name] = next((getattr(p, name) for p in profiles if getattr(p, name)), filled.get(name))
    return filled


def apply_revision_data(story: Story, data: dict) -> Story:
    """Write revision data onto the story row: scalar fields, date, tags (by name), linked profiles
    (by id, in order; ids that no longer exist are skipped) and evidence sources (replaced).

    The editors' side calls this when it approves a pending Revision of a story; the data is what
    StoryForm.data_for_row() produced (see kd.stories.queries.row_data for the shape). It does not
    touch the state or the slug and does not audit: the caller does. A public story is re-indexed
    after the commit.
    """
    for name in STORY_FIELDS:
        if name in data:
            setattr(story, name, data[name])
    if "achieved_on" in data:
        story.achieved_on = date.fromisoformat(data["achieved_on"]) if data["achieved_on"] else None
    if "tags" in data:
        story.tags = tags_for(data["tags"])
    if "profile_ids" in data:
        story.profiles = _profiles_in_order(data["profile_ids"])
    if "sources" in data:
        story.sources = [StorySource(url=source["url"], title=source.get("title", ""), position=index)
                         for index, source in enumerate(data["sources"])]
    if story.id is not None and story.is_public:
        changes.changed(story)  # the tag links' publication dates follow before the commit
    return story


def _profiles_in_order(profile_ids: list[int]) -> list[Profile]:
    found = {profile.id: profile for profile in session.scalars(select(Profile).where(Profile.id.in_(profile_ids)))}
    return [found[profile_id] for profile_id in profile_ids if profile_id in found]

