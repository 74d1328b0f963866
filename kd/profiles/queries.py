"""Read-side helpers for profiles: lookups, visibility, duplicates, what the edit form starts from."""
from __future__ import annotations

from sqlalchemy import and_, case, or_, select

from kd.accounts.models import User
from kd.content.revisions import pending_revision
from kd.content.states import ModerationState
from kd.content.workflow import is_owner
from kd.core.text import fold, normalise_space
from kd.db import session
from kd.profiles.models import Profile, name_match_key

# States in which the member edits the row itself; APPROVED content is edited through a revision.
EDITABLE_DIRECTLY = frozenset({ModerationState.DRAFT, ModerationState.CHANGES_REQUESTED,
                               ModerationState.UNPUBLISHED, ModerationState.WITHDRAWN})
EDITABLE = EDITABLE_DIRECTLY | {ModerationState.APPROVED}


def likely_duplicates(name: str, exclude_id: int | None = None, public_only: bool = False) -> list[Profile]:
    """Profiles whose name matches with Albanian letters folded, Serbian spellings transliterated
    ('Priština' ~ 'Prishtina') and word order ignored ('Krasniqi Drita' ~ 'Drita Krasniqi')."""
    key = name_match_key(name)
    if not key:
        return []
    query = select(Profile).where(Profile.name_key == key).order_by(Profile.id)
    if exclude_id is not None:
        query = query.where(Profile.id != exclude_id)
    if public_only:
        query = query.where(Profile.state == ModerationState.APPROVED)
    return list(session.scalars(query))


def profile_by_slug(slug: str) -> Profile | None:
    return session.scalars(select(Profile).where(Profile.slug == slug)).first()


def can_view(subject, user) -> bool:
    """Visitors see only published content; its submitter, owner and editors also see the rest."""
    if subject.is_public:
        return True
    return bool(getattr(user, "is_authenticated", False)) and (user.is_editor or is_owner(subject, user))


def can_edit(profile: Profile, user) -> bool:
    """Once the person a profile is about has claimed it, it is theirs alone to change."""
    if profile.owner_id is not None and profile.owner_id != profile.submitted_by_id:
        return user.id == profile.owner_id
    return is_owner(profile, user)


def nomination_editable(profile: Profile, user) -> bool:
    """Who a profile is about may change only before it is published or claimed, by its submitter."""
    return (profile.published_at is None and user.id == profile.submitted_by_id
            and profile.owner_id in (None, user.id))


def nominator_of(profile: Profile) -> User | None:
    """Who proposed a nomination (None once their account is deleted): named to the person as in the mail."""
    return session.get(User, profile.submitted_by_id) if profile.submitted_by_id is not None else None


def can_claim(profile: Profile, user) -> bool:
    return (bool(getattr(user, "is_authenticated", False)) and profile.is_nomination
            and bool(profile.subject_email) and profile.owner_id != user.id
            and (user.email or "").lower() == profile.subject_email.lower())


def row_data(profile: Profile) -> dict:
    """The live values in the shape a Revision stores."""
    return {
        "kind": profile.kind.value, "name": profile.name, "headline": profile.headline, "bio": profile.bio,
        "links": list(profile.links or []), "field": profile.field, "country_code": profile.country_code,
        "city": profile.city, "municipality": profile.municipality, "tags": [tag.name for tag in profile.tags],
        "language": profile.language,
    }


def editable_data(profile: Profile) -> dict:
    """What the edit form starts from: the member's pending revision if any, else the live row."""
    revision = pending_revision(profile)
    return dict(revision.data) if revision is not None else row_data(profile)


def profiles_of(user) -> list[Profile]:
    return list(session.scalars(select(Profile).where(
        or_(Profile.submitted_by_id == user.id, Profile.owner_id == user.id))
        .order_by(Profile.updated_at.desc(), Profile.id.desc())))


def claimable_by(user) -> list[Profile]:
    """Nominations that name this member's email address and are not theirs yet; none until the member has
    proved the address is theirs (anyone can register with someone else's)."""
    if not user.email_confirmed:
        return []
    # Nominations store the address lower-cased (ProfileForm.nomination): compared as it is, it uses its index.
    return list(session.scalars(select(Profile).where(
        Profile.is_nomination.is_(True), Profile.subject_email == (user.email or "").lower(),
        or_(Profile.owner_id.is_(None), Profile.owner_id != user.id))
        .order_by(Profile.id)))


FOUND_AT_MOST = 20  # a search that matches more asks for more of the name
OWN_LISTED_AT_MOST = 8  # a volunteer who entered hundreds of profiles finds the rest by name


def linkable_profiles(user, chosen_ids=(), already_ids=()) -> list[Profile]:
    """Profiles the story form lists as checkboxes: the member's own (owned first, then the latest they
    submitted), those the story already names and those just chosen; the others are found by name
    (find_published)."""
    own = or_(Profile.submitted_by_id == user.id, Profile.owner_id == user.id)
    latest_own = (select(Profile.id).where(own).order_by(case((Profile.owner_id == user.id, 0), else_=1),
                                                         Profile.id.desc()).limit(OWN_LISTED_AT_MOST))
    listed = [Profile.id.in_(latest_own)]
    if already_ids:  # an empty IN left in the OR makes SQLite visit every published profile
        listed.append(Profile.id.in_(list(already_ids)))
    if chosen_ids:
        listed.append(and_(Profile.id.in_(list(chosen_ids)), or_(Profile.state == ModerationState.APPROVED, own)))
    return list(session.scalars(select(Profile).where(or_(*listed)).order_by(Profile.name_folded, Profile.id)))


def find_published(text: str, limit: int = FOUND_AT_MOST) -> list[Profile]:
    """Published profiles whose name contains every word typed (Albanian letters folded: 'celik' finds Çelik)."""
    words = fold(normalise_space(text or "")).split()[:5]
    if not words:
        return []
    query = select(Profile).where(Profile.state == ModerationState.APPROVED)
    for word in words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Profile.name_folded.like(f"%{escaped}%", escape="\\"))
    return list(session.scalars(query.order_by(Profile.name_folded, Profile.id).limit(limit)))


def published_profile_at(reference: str) -> Profile | None:
    """The published profile an address (…/people/<slug>) or bare slug names."""
    slug = reference.strip().rstrip("/").rsplit("/", 1)[-1]
    found = profile_by_slug(slug) if slug else None
    return found if found is not None and found.is_public else None


def published_stories_of(profile: Profile) -> list:
    return [story for story in profile.stories if story.is_public]
