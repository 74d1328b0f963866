"""A member's data as a zip: data.json plus the original files of their photos.

data.json, format_version 1 (fields are only ever added; a removal or a change of meaning bumps it):
    format_version, generated_at (ISO 8601, UTC), site
    account                 the account row, without the password hash
    profiles, stories       what the member submitted or owns, with state, tags, links, sources and
                            photo ids; each names the member's "relation" to it
    photos                  photos they uploaded or that belong to their content; "file" is the path of
                            the original inside the zip (photos/<id>.<ext>), null if the file is missing
    revisions               edits they proposed to published content
    action_participations   actions they took part in
    reports                 reports and corrections they sent while logged in
    contact_messages        messages sent through the contact form from their address
    newsletter              their subscription, or null
    help_offers             what they said they can help with, per profile they own
    introductions           requests for introductions they sent ("role": "asker", with what they wrote) or
                            received ("role": "owner", with their answer); the other member's words stay theirs
    activity                the audit log's record of what they did: action, subject, time, details
Dates and times are ISO 8601 strings; states and kinds are the lower-case values the site stores.
"""
from __future__ import annotations

import enum
import json
import shutil
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import IO

from sqlalchemy import func, or_, select

from kd.actions.models import Participation
from kd.audit.models import AuditEntry
from kd.connections.models import HelpOffer, IntroductionRequest
from kd.contact.models import ContactMessage
from kd.content.models import Revision
from kd.db import session, utcnow
from kd.media.models import Photo
from kd.media.storage import get_storage
from kd.newsletter.models import Subscriber
from kd.privacy.queries import own_profiles, own_stories
from kd.reports.models import Report

FORMAT_VERSION = 1
ACCOUNT_FIELDS = ("id", "email", "display_name", "role", "email_confirmed", "email_confirmed_at", "locale",
                  "created_at", "last_login_at")
PROFILE_FIELDS = ("id", "slug", "kind", "name", "headline", "bio", "field", "country_code", "city",
                  "municipality", "links", "language", "state", "is_nomination", "nominator_relation",
                  "subject_email", "consent", "created_at", "updated_at", "submitted_at", "published_at")
STORY_FIELDS = ("id", "slug", "title", "summary", "body", "achieved_on", "field", "country_code", "city",
                "municipality", "language", "state", "verified_on", "created_at", "updated_at", "submitted_at",
                "published_at")
PHOTO_FIELDS = ("id", "profile_id", "story_id", "position", "original_name", "width", "height", "alt_text",
                "caption", "credit", "permission", "licence", "created_at")
SPOOL_BYTES = 8 * 1024 * 1024


def archive_name(day: date) -> str:
    return f"kd-data-{day.isoformat()}.zip"


def write_archive(user) -> IO[bytes]:
    """The zip in a temporary file (in memory while small), rewound; it disappears when closed."""
    profiles, stories = own_profiles(user), own_stories(user)
    photos = _photos(user, profiles, stories)
    data = export_data(user, profiles, stories, photos)
    archive_file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - returned to the caller
    try:
        _write_zip(archive_file, data, photos)
    except BaseException:
        archive_file.close()
        raise
    archive_file.seek(0)
    return archive_file


def _write_zip(archive_file: IO[bytes], data: dict, photos: list[Photo]) -> None:
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=_json_value))
        for photo, entry in zip(photos, data["photos"], strict=True):
            if entry["file"]:
                _add_original(archive, entry["file"], photo.original_path)


def export_data(user, profiles: list, stories: list, photos: list[Photo]) -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "generated_at": utcnow(),
        "site": "KD",
        "account": _fields(user, ACCOUNT_FIELDS),
        "profiles": [_profile(profile, user) for profile in profiles],
        "stories": [_story(story) for story in stories],
        "photos": [_photo(photo) for photo in photos],
        "revisions": [_revision(revision) for revision in _rows(Revision, Revision.submitted_by_id == user.id)],
        "action_participations": [_participation(row)
                                  for row in _rows(Participation, Participation.user_id == user.id)],
        "reports": [_report(report) for report in _rows(Report, Report.sender_id == user.id)],
        "contact_messages": [_contact(message) for message in _by_email(ContactMessage, user)],
        "newsletter": next((_subscriber(row) for row in _by_email(Subscriber, user)), None),
        "help_offers": [_help_offer(offer) for offer in _help_offers(user, profiles)],
        "introductions": [_introduction(row, user) for row in _rows(IntroductionRequest, or_(
            IntroductionRequest.asker_id == user.id, IntroductionRequest.owner_id == user.id))],
        "activity": [_activity(entry) for entry in _rows(AuditEntry, AuditEntry.actor_id == user.id)],
    }


def _rows(model, condition) -> list:
    return list(session.scalars(select(model).where(condition).order_by(model.id)))


def _by_email(model, user) -> list:
    """Rows kept by address belong to the account only once it has proved the address is its own."""
    if not user.email_confirmed:
        return []
    return _rows(model, func.lower(model.email) == user.email.lower())


def _photos(user, profiles, stories) -> list[Photo]:
    return _rows(Photo, or_(Photo.uploaded_by_id == user.id,
                            Photo.profile_id.in_([profile.id for profile in profiles]),
                            Photo.story_id.in_([story.id for story in stories])))


def _fields(row, names) -> dict:
    return {name: getattr(row, name) for name in names}


def _relation(profile, user) -> str:
    return "owner" if profile.owner_id == user.id else "submitter"


def _profile(profile, user) -> dict:
    return {**_fields(profile, PROFILE_FIELDS), "relation": _relation(profile, user),
            "tags": [tag.name for tag in profile.tags]}


def _story(story) -> dict:
    return {**_fields(story, STORY_FIELDS), "relation": "submitter", "tags": [tag.name for tag in story.tags],
            "sources": [{"url": source.url, "title": source.title} for source in story.sources],
            "profiles": [{"id": profile.id, "name": profile.name} for profile in story.profiles]}


def _photo(photo: Photo) -> dict:
    name = f"photos/{photo.id}{PurePosixPath(photo.original_path).suffix}"
    return {**_fields(photo, PHOTO_FIELDS), "file": name if get_storage().exists(photo.original_path) else None}


def _revision(revision: Revision) -> dict:
    return _fields(revision, ("id", "subject_type", "subject_id", "state", "data", "created_at", "reviewed_at",
                              "message"))


def _participation(participation: Participation) -> dict:
    action = participation.action
    return {"action_id": action.id, "action_slug": action.slug, "action_title": action.title_en or action.title_sq,
            "show_name": participation.show_name, "created_at": participation.created_at}


def _report(report: Report) -> dict:
    return _fields(report, ("id", "kind", "category", "message", "subject_type", "subject_id", "state",
                            "created_at", "closed_at"))


def _contact(message: ContactMessage) -> dict:
    return _fields(message, ("id", "name", "email", "subject", "message", "locale", "created_at", "closed_at"))


def _subscriber(subscriber: Subscriber) -> dict:
    return _fields(subscriber, ("email", "locale", "created_at", "confirmed_at"))


def _help_offers(user, profiles) -> list[HelpOffer]:
    owned = [profile.id for profile in profiles if profile.owner_id == user.id]
    return list(session.scalars(select(HelpOffer).where(HelpOffer.profile_id.in_(owned))
                                .order_by(HelpOffer.profile_id)))


def _help_offer(offer: HelpOffer) -> dict:
    return _fields(offer, ("profile_id", "kinds", "languages", "note", "paused", "updated_at"))


def _introduction(row: IntroductionRequest, user) -> dict:
    common = _fields(row, ("id", "profile_id", "state", "created_at", "answered_at"))
    if row.asker_id == user.id:
        return {**common, "role": "asker", **_fields(row, ("about_asker", "request", "reason", "asker_outcome")),
                "decline_reason": row.decline_reason if row.share_reason else None}
    return {**common, "role": "owner", **_fields(row, ("decline_reason", "share_reason", "owner_outcome"))}


def _activity(entry: AuditEntry) -> dict:
    return _fields(entry, ("created_at", "action", "subject_type", "subject_id", "details"))


def _add_original(archive: zipfile.ZipFile, name: str, key: str) -> None:
    """Stored, not deflated: the images are compressed already."""
    info = zipfile.ZipInfo(name, date_time=utcnow().timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED
    with get_storage().open(key) as source, archive.open(info, "w") as target:
        shutil.copyfileobj(source, target)


def _json_value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
