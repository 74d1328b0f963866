"""Read-side helpers: a subject's photos, and the photos a public file name belongs to."""
from __future__ import annotations

from flask import g, has_request_context, request
from sqlalchemy import select

from kd.content.kinds import kind_of, model_of
from kd.db import session
from kd.media.models import PHOTO_SUBJECTS, Photo


def subject_column(subject):
    return getattr(Photo, f"{kind_of(subject)}_id")


def photos_of(subject) -> list[Photo]:
    if subject is None or getattr(subject, "id", None) is None:
        return []
    query = select(Photo).where(subject_column(subject) == subject.id).order_by(Photo.position, Photo.id)
    return list(session.scalars(query))


def public_photos(subject) -> list[Photo]:
    """What visitors see: photos of the subject that no editor still has to look at (read once per page view:
    a story page asks for its photos for the gallery, the share card and the preview image)."""
    if subject is None or getattr(subject, "id", None) is None:
        return []
    known = _read_this_request()
    key = (kind_of(subject), subject.id)
    if key not in known:
        known[key] = [photo for photo in photos_of(subject) if not photo.pending_review]
    return known[key]


def _read_this_request() -> dict:
    """Photos already read while rendering this GET; elsewhere (a form that adds photos) nothing is kept."""
    if not has_request_context() or request.method != "GET":
        return {}
    return g.setdefault("kd_public_photos", {})


def pending_photos() -> list[Photo]:
    return list(session.scalars(select(Photo).where(Photo.pending_review.is_(True)).order_by(Photo.created_at)))


def photos_with_hash(content_hash: str) -> list[Photo]:
    return list(session.scalars(select(Photo).where(Photo.content_hash == content_hash)))


def subject_by_kind(kind: str, subject_id: int):
    model = model_of(kind) if kind in PHOTO_SUBJECTS else None
    return session.get(model, subject_id) if model is not None else None


def lead_photos(kind: str, ids) -> dict[int, Photo]:
    """For cards in a list: the first public photo of each subject of one kind, by subject id, in one query."""
    ids = [subject_id for subject_id in ids if subject_id is not None]
    if kind not in PHOTO_SUBJECTS or not ids:
        return {}
    column = getattr(Photo, f"{kind}_id")
    query = (select(Photo).where(column.in_(ids), Photo.pending_review.is_(False))
             .order_by(Photo.position.desc(), Photo.id.desc()))
    return {getattr(photo, column.key): photo for photo in session.scalars(query)}
