"""Every change members make to profiles: create, edit (directly or as a revision), submit, withdraw,
nomination consent and claiming. Audited; never commits (the caller owns the transaction)."""
from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from kd.audit.services import record
from kd.content import changes
from kd.content.revisions import propose_revision
from kd.content.states import ModerationState as S
from kd.content.workflow import BLOCKER_MESSAGES, transition
from kd.core.auth import require_confirmed, require_editor
from kd.core.errors import DomainError, PermissionDenied
from kd.core.tokens import TokenInvalid, make_token, read_token
from kd.db import session, unique_slug, utcnow
from kd.media.services import NewPhoto, attach_uploads
from kd.profiles.models import Consent, Profile, ProfileKind
from kd.profiles.queries import EDITABLE_DIRECTLY, can_claim, can_edit, nomination_editable
from kd.tags.services import tags_for

PROFILE_FIELDS = ("name", "headline", "bio", "field", "country_code", "city", "municipality", "language")


class ProfileError(DomainError):
    """A refusal about a profile, with a message for the member."""


def create_profile(author, data: dict, nomination: dict, submit: bool = False,
                   portrait: NewPhoto | None = None) -> Profile:
    """A new profile by a confirmed member, saved as a draft or submitted for review at once; a portrait
    chosen on the form goes through the photo pipeline in the same transaction."""
    require_confirmed(author)
    profile = Profile(state=S.DRAFT, submitted_by_id=author.id, consent=Consent.NOT_NEEDED)
    apply_revision_data(profile, data)
    _apply_nomination(profile, nomination, author)
    profile.slug = unique_slug(Profile, profile.natural_slug())
    session.add(profile)
    session.flush()
    record(author, "profiles.created", profile, nomination=profile.is_nomination)
    _set_portrait(profile, portrait, author)
    if submit:
        transition(profile, "submit", author)
    return profile


def update_profile(profile: Profile, user, data: dict, nomination: dict | None, submit: bool = False,
                   portrait: NewPhoto | None = None) -> bool:
    """Edit a profile. Published ones keep their live version and get a pending revision (returns True);
    drafts and returned ones are changed in place (returns False). A new portrait replaces the old one
    (on a published profile it waits for an editor, like one sent from the photo page)."""
    require_can_edit(profile, user)
    if profile.state is S.APPROVED:
        propose_revision(profile, user, data)
        _set_portrait(profile, portrait, user)
        return True
    if profile.state not in EDITABLE_DIRECTLY:
        raise ProfileError(_("This profile is waiting for a decision and cannot be changed now."))
    apply_revision_data(profile, data)
    if nomination is not None and nomination_editable(profile, user):
        _apply_nomination(profile, nomination, user)
    if profile.published_at is None:
        profile.slug = unique_slug(Profile, profile.natural_slug(), exclude_id=profile.id)
    record(user, "profiles.edited", profile)
    _set_portrait(profile, portrait, user)
    if submit:
        transition(profile, "submit", user)
    return False


def _set_portrait(profile: Profile, portrait: NewPhoto | None, actor) -> None:
    if portrait is not None:
        attach_uploads(profile, [portrait], actor, replace=True)


def require_can_edit(profile: Profile, user) -> None:
    require_confirmed(user)
    if not can_edit(profile, user):
        raise PermissionDenied(_("Only the member who submitted this can do this."))


def submit_profile(profile: Profile, user) -> Profile:
    return transition(profile, "submit", user)


def withdraw_profile(profile: Profile, user) -> Profile:
    """The owner takes it back; a published profile disappears at once (the workflow tells search)."""
    return transition(profile, "withdraw", user)


def apply_revision_data(profile: Profile, data: dict) -> Profile:
    """Write revision data onto the profile row: scalar fields, kind, links and tags (by name).

    The editors' side calls this when it approves a pending Revision of a profile; the data is what
    ProfileForm.data_for_row() produced (see kd.profiles.queries.row_data for the shape). It does not
    touch the state, the slug or the nomination, and does not audit: the caller does. A public profile
    is re-indexed after the commit.
    """
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    if "kind" in data:
        profile.kind = ProfileKind(data["kind"])
    if "links" in data:
        profile.links = list(data["links"])
    if "tags" in data:
        profile.tags = tags_for(data["tags"])
    if profile.id is not None and profile.is_public:
        changes.changed(profile)
    return profile


def _apply_nomination(profile: Profile, nomination: dict, author) -> None:
    """Who the profile is about. A nomination waits for the person's consent; a changed address asks again."""
    nominated = nomination["is_nomination"] and profile.kind is ProfileKind.PERSON
    email = nomination["subject_email"] if nominated else None
    if email != profile.subject_email and profile.consent in (Consent.CONFIRMED, Consent.DECLINED):
        profile.consent = Consent.PENDING
    profile.is_nomination, profile.subject_email = nominated, email
    profile.nominator_relation = nomination["nominator_relation"] if nominated else ""
    if not nominated:
        profile.consent = Consent.NOT_NEEDED
    elif profile.consent is Consent.NOT_NEEDED:
        profile.consent = Consent.PENDING
    if profile.owner_id in (None, author.id):
        profile.owner_id = None if nominated else author.id


# Nomination consent -------------------------------------------------------------------------------

def publication_blocker(profile: Profile) -> str | None:
    """Why this profile may not be approved yet (translated), or None. The editors' side asks before approving;
    the workflow refuses "approve" for the same reasons."""
    reason = profile.publication_blocker()
    return str(BLOCKER_MESSAGES[reason]) if reason else None


def needs_consent_mail(profile: Profile) -> bool:
    return (profile.is_nomination and bool(profile.subject_email) and profile.consent is Consent.PENDING
            and profile.state is S.SUBMITTED)


def consent_token(profile: Profile) -> str:
    return make_token("consent", {"pid": profile.id, "email": profile.subject_email})


def profile_for_consent(token: str) -> Profile:
    """The nomination a consent link is about; raises TokenInvalid/TokenExpired for bad or old links."""
    payload = read_token("consent", token, current_app.config["CONSENT_TOKEN_MAX_AGE"])
    profile = session.get(Profile, payload.get("pid")) if isinstance(payload, dict) else None
    if profile is None or not profile.is_nomination or profile.subject_email != payload.get("email"):
        raise TokenInvalid()
    if profile.consent in (Consent.CONFIRMED, Consent.DECLINED) or profile.owner_id is not None:
        raise TokenInvalid()  # the person answered (agreed, declined or claimed): the link is used up
    return profile


def answer_consent(profile: Profile, agrees: bool, actor=None) -> Profile:
    """The person's answer through their link. Declining takes a published profile down at once."""
    profile.consent = Consent.CONFIRMED if agrees else Consent.DECLINED
    profile.consent_at = utcnow()
    record(actor, "profiles.consent_confirmed" if agrees else "profiles.consent_declined", profile)
    if not agrees and profile.is_public:
        transition(profile, "take_down", actor, "consent declined")
    return profile


def record_consent_by_editor(profile: Profile, editor, note: str) -> Profile:
    """An editor notes how the person's consent was obtained (phone call, letter…); unblocks approval."""
    require_editor(editor)
    if not note.strip():
        raise ProfileError(_("Please write how the person agreed."))
    profile.consent, profile.consent_note, profile.consent_at = Consent.RECORDED_BY_EDITOR, note.strip(), utcnow()
    record(editor, "profiles.consent_recorded", profile, note=note.strip())
    return profile


def claim_profile(profile: Profile, user) -> Profile:
    """The person a nomination is about becomes its owner: only from a confirmed account whose address is the
    one the nomination names (and the consent link was sent to). Claiming counts as consent."""
    require_confirmed(user)
    if not can_claim(profile, user):
        raise PermissionDenied(_("Only the person this profile names can claim it."))
    if profile.owner_id is not None and profile.owner_id not in (user.id, profile.submitted_by_id):
        raise ProfileError(_("Someone else has already claimed this profile."))
    profile.owner_id = user.id
    if profile.consent in (Consent.PENDING, Consent.DECLINED):
        profile.consent, profile.consent_at = Consent.CONFIRMED, utcnow()
    record(user, "profiles.claimed", profile)
    return profile
