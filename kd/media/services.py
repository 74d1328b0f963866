"""Adding, editing, ordering and deleting photos. Never commits: files written for a transaction
are removed if it does not commit, and files of deleted photos go only once the deletion commits."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import event, select
from sqlalchemy.orm import Session
from werkzeug.utils import secure_filename

from kd.audit.services import record
from kd.content import changes
from kd.content.kinds import kind_of
from kd.core.errors import DomainError, PermissionDenied
from kd.core.tokens import TokenInvalid, make_token, read_token
from kd.db import session
from kd.media import images
from kd.media.models import Photo, PhotoPermission
from kd.media.queries import photos_of, photos_with_hash
from kd.media.storage import get_storage

log = logging.getLogger(__name__)
PHOTO_LIMITS = {"profile": 1, "story": 6}
# A grant lets someone outside the subject's managers see one unpublished photo (a nominee on the consent page).
GRANT_MAX_AGE = 24 * 3600
WRITTEN_KEY = "kd.media.written"
DOOMED_KEY = "kd.media.doomed"


class MediaError(DomainError):
    """A photo request the member can correct."""


class PhotoLimitReached(MediaError):
    pass


class PhotoNotStored(MediaError):
    """The upload disk is full, read-only or failing: nothing the member did wrong, and nothing was kept."""

    status_code = 507


@dataclass(frozen=True)
class PhotoDetails:
    alt_text: str
    caption: str = ""
    credit: str = ""
    permission: PhotoPermission = PhotoPermission.OWN
    licence: str = ""

    def cleaned(self) -> PhotoDetails:
        licence = self.licence.strip() if self.permission is PhotoPermission.LICENCE else ""
        return PhotoDetails(self.alt_text.strip(), self.caption.strip(), self.credit.strip(), self.permission,
                            licence)


@dataclass(frozen=True)
class NewPhoto:
    """An upload chosen on another feature's form, read but not yet through the pipeline."""

    data: bytes
    filename: str
    details: PhotoDetails
    slot: int = 0  # which of the form's photo fields it came from, for the error message's place


class UploadRefused(MediaError):
    """One of several uploads could not be added; slot says which field it came from."""

    def __init__(self, message: str, slot: int, status_code: int = 400):
        super().__init__(message)
        self.slot, self.status_code = slot, status_code


def read_upload(stream, filename: str, details: PhotoDetails, slot: int = 0) -> NewPhoto:
    """The chosen file's bytes, refused (UploadRefused) when larger than the upload limit."""
    try:
        data = images.read_limited(stream, current_app.config["MAX_UPLOAD_BYTES"])
    except images.ImageRefused as error:
        raise UploadRefused(error.message, slot, error.status_code) from error
    return NewPhoto(data, filename or "", details, slot)


def attach_uploads(subject, uploads: list[NewPhoto], actor, replace: bool = False) -> list[Photo]:
    """Add each upload through the pipeline (replace=True swaps a profile's portrait); the first refusal is
    raised as UploadRefused naming its field, and the caller's transaction keeps nothing of it."""
    added = []
    for upload in uploads:
        try:
            added.append(add_photo(subject, upload.data, upload.filename, upload.details, actor, replace))
        except (MediaError, images.ImageRefused) as error:
            raise UploadRefused(error.message, upload.slot, error.status_code) from error
    return added


def can_manage(subject, user) -> bool:
    """Editors, the member who submitted the subject, and the person who owns the profile."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return user.is_editor or user.id in {subject.submitted_by_id, getattr(subject, "owner_id", None)}


def _require_manager(subject, user) -> None:
    if not can_manage(subject, user):
        raise PermissionDenied(_("Only the member who submitted this, its owner or an editor can change its "
                                 "photos."))


def view_grant(photo: Photo) -> str:
    """A signed token that opens this one photo's files for a day, whoever holds it."""
    return make_token("photo-view", {"photo": photo.id})


def granted_photo_id(token: str | None) -> int | None:
    if not token:
        return None
    try:
        payload = read_token("photo-view", token, GRANT_MAX_AGE)
    except TokenInvalid:
        return None
    return payload.get("photo") if isinstance(payload, dict) else None


def needs_review(subject, actor) -> bool:
    """A member's photo (or caption) on published content waits for an editor; drafts are reviewed with
    their profile or story."""
    return subject.is_public and not getattr(actor, "is_editor", False)


def mark_reviewed(photo: Photo, editor) -> Photo:
    """For the moderation feature: the photo may now be shown with its subject."""
    photo.pending_review = False
    record(editor, "photo.approved", photo)
    _public_change(photo.subject)
    return photo


def _public_change(subject) -> None:
    """Pages showing the subject changed: say so on content_changed (search, browse counts, share cards, page
    cache)."""
    if subject.is_public:
        changes.changed(subject)


def _check_details(details: PhotoDetails) -> None:
    if not details.alt_text:
        raise MediaError(_("Describe the photo for people who cannot see it (alt text)."))
    if details.permission is PhotoPermission.LICENCE and not details.licence:
        raise MediaError(_("Name the licence, for example CC BY 4.0."))


def add_photo(subject, data: bytes, original_name: str, details: PhotoDetails, actor,
              replace: bool = False) -> Photo:
    """Run the upload through the pipeline and attach it; replace=True swaps a profile's portrait."""
    _require_manager(subject, actor)
    return _add(subject, data, original_name, details.cleaned(), actor, replace)


def _add(subject, data, original_name, details, actor, replace) -> Photo:
    _check_details(details)
    _make_room(subject, actor, replace)
    processed = images.process(data, current_app.config["MAX_IMAGE_PIXELS"]) if isinstance(data, bytes) else data
    photo = _stored_photo(processed, details)
    photo.original_name = secure_filename(original_name or "")[:120]
    photo.profile_id, photo.story_id = (subject.id, None) if kind_of(subject) == "profile" else (None, subject.id)
    photo.position, photo.uploaded_by_id = len(photos_of(subject)), getattr(actor, "id", None)
    photo.pending_review = needs_review(subject, actor)
    session.add(photo)
    session.flush()
    record(actor, "photo.added", photo, attached_to=f"{kind_of(subject)}:{subject.id}")
    if not photo.pending_review:
        _public_change(subject)
    return photo


def _make_room(subject, actor, replace: bool) -> None:
    """Enforce the per-subject limit; the row lock keeps two parallel uploads from both passing."""
    model = type(subject)
    session.execute(select(model.id).where(model.id == subject.id).with_for_update())
    existing = photos_of(subject)
    limit = PHOTO_LIMITS[kind_of(subject)]
    if len(existing) < limit:
        return
    if replace and limit == 1:
        delete_photo(existing[0], actor)
        session.flush()
        return
    raise PhotoLimitReached(_limit_message(kind_of(subject), limit))


def _limit_message(kind: str, limit: int) -> str:
    if kind == "profile":
        return _("This profile already has a portrait. Tick “Replace the current portrait” to replace it, or "
                 "delete it first.")
    return _("A story can have at most %(limit)d photos. Delete one before adding another.", limit=limit)


def _stored_photo(processed: images.Processed, details: PhotoDetails) -> Photo:
    original = processed.original
    content_hash = original.content_hash
    original_path = f"private/{content_hash}.{original.extension}"
    _store_new(original_path, original.data)
    variants = [_store_variant(content_hash, variant) for variant in processed.variants]
    return Photo(content_hash=content_hash, width=processed.width, height=processed.height,
                 original_path=original_path, variants=variants, **vars(details))


def _store_variant(content_hash: str, variant: images.Variant) -> dict:
    names = {"webp": f"{content_hash}-{variant.width}.webp", "jpeg": f"{content_hash}-{variant.width}.jpg"}
    _store_new(f"public/{names['webp']}", variant.webp)
    _store_new(f"public/{names['jpeg']}", variant.jpeg)
    return {"width": variant.width, "height": variant.height, **names}


def _store_new(key: str, data: bytes) -> None:
    """Content-addressed: an existing file already holds these bytes (and is kept if it was doomed)."""
    storage = get_storage()
    doomed = session.info.get(DOOMED_KEY, [])
    doomed[:] = [(other, doomed_key) for other, doomed_key in doomed if doomed_key != key]
    try:
        if storage.exists(key):
            return
        storage.store(key, data)
    except OSError as error:
        log.error("Photo file %s not stored: %s", key, error)
        raise PhotoNotStored(_("The photo could not be stored right now; please try again later.")) from error
    session.info.setdefault(WRITTEN_KEY, []).append((storage, key))


def update_photo(photo: Photo, details: PhotoDetails, actor) -> Photo:
    _require_manager(photo.subject, actor)
    details = details.cleaned()
    _check_details(details)
    for name, value in vars(details).items():
        setattr(photo, name, value)
    photo.pending_review = photo.pending_review or needs_review(photo.subject, actor)
    record(actor, "photo.updated", photo, alt_text=photo.alt_text, caption=photo.caption, credit=photo.credit)
    _public_change(photo.subject)  # edited in place, or hidden until an editor looks
    return photo


def delete_photo(photo: Photo, actor) -> None:
    subject = photo.subject
    _require_manager(subject, actor)
    record(actor, "photo.deleted", photo, attached_to=f"{kind_of(subject)}:{subject.id}",
           content_hash=photo.content_hash)
    _doom_files_of(photo)
    session.delete(photo)
    session.flush()
    _renumber(photos_of(subject))
    _public_change(subject)


def delete_photos_of(subject, actor) -> None:
    """For features that delete or merge a subject: its photos and (after commit) their files."""
    for photo in photos_of(subject):
        delete_photo(photo, actor)


def _doom_files_of(photo: Photo) -> None:
    if any(other.id != photo.id for other in photos_with_hash(photo.content_hash)):
        return
    storage = get_storage()
    session.info.setdefault(DOOMED_KEY, []).extend((storage, key) for key in photo.file_keys())


def remove_unreferenced_files(min_age: timedelta) -> list[str]:
    """Files no photo refers to: left when a process died between writing an upload's files and committing
    (a killed worker, a power cut). Younger files may belong to an upload still in progress and are kept."""
    storage = get_storage()
    referenced = {key for photo in session.scalars(select(Photo)) for key in photo.file_keys()}
    orphans = [key for key in storage.keys_older_than(min_age.total_seconds()) if key not in referenced]
    for key in orphans:
        storage.delete(key)
    return orphans


def move_photo(photo: Photo, step: int, actor) -> None:
    """Swap the photo with its neighbour: step -1 moves it earlier, +1 later."""
    subject = photo.subject
    _require_manager(subject, actor)
    siblings = photos_of(subject)
    index = siblings.index(photo)
    target = index + step
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
        _renumber(siblings)
        record(actor, "photo.moved", photo, position=target)
        _public_change(subject)


def _renumber(photos: list[Photo]) -> None:
    for position, photo in enumerate(photos):
        photo.position = position


def add_generated_photo(subject, uploaded_by, data: bytes | images.Processed, details: PhotoDetails,
                        original_name: str = "illustration.jpg") -> Photo:
    """A picture the program brings (demo content, an import), stored through the same pipeline as uploads;
    data may be what images.process() already made of the file (in a worker process)."""
    return _add(subject, data, original_name, details.cleaned(), uploaded_by, replace=False)


@event.listens_for(Session, "after_commit")
def _after_commit(committed: Session) -> None:
    committed.info.pop(WRITTEN_KEY, None)
    for storage, key in committed.info.pop(DOOMED_KEY, []):
        _delete_file(storage, key)


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(ended: Session, transaction) -> None:
    """The outermost transaction ended without a commit: remove the files written for it."""
    if transaction.parent is not None:
        return
    ended.info.pop(DOOMED_KEY, None)
    for storage, key in ended.info.pop(WRITTEN_KEY, []):
        _delete_file(storage, key)


def _delete_file(storage, key: str) -> None:
    """A file that cannot be removed (a read-only disk) stays behind unreferenced; the change it belongs to
    stands, or the error that rolled it back is the one reported."""
    try:
        storage.delete(key)
    except OSError as error:
        log.warning("Photo file %s not removed: %s", key, error)
