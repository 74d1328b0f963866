"""Every change to a collection: editors only, audited, never committing (the caller owns the transaction).

Changes are announced on content_changed too: the search backends ignore collections, but the browse counts
and the share cards hear of them there."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from kd.audit.services import record
from kd.collections.models import Collection, CollectionItem
from kd.content import changes
from kd.core.auth import require_editor
from kd.core.errors import DomainError
from kd.core.text import slugify
from kd.core.urls import url_path
from kd.db import session, unique_slug, utcnow
from kd.media.queries import public_photos
from kd.profiles.models import Profile
from kd.stories.models import Story

EDITABLE_FIELDS = ("title_en", "title_sq", "introduction_en", "introduction_sq", "featured")
PROFILE_PATHS = ("people", "groups", "organisations")
MOVES = {"up": -1, "down": 1}


class CollectionError(DomainError):
    """A refusal about a collection, with a message for the editor."""


def create_collection(editor, fields: dict) -> Collection:
    require_editor(editor)
    collection = Collection(created_by_id=editor.id, **_editable(fields))
    collection.slug = unique_slug(Collection, slugify(collection.text("title", "en"), max_length=100))
    session.add(collection)
    session.flush()
    record(editor, "collections.created", collection)
    return collection


def update_collection(editor, collection: Collection, fields: dict) -> Collection:
    require_editor(editor)
    for name, value in _editable(fields).items():
        setattr(collection, name, value)
    if not collection.is_published:
        base = slugify(collection.text("title", "en"), max_length=100)
        collection.slug = unique_slug(Collection, base, exclude_id=collection.id)
    return _changed(editor, "collections.edited", collection)


def publish(editor, collection: Collection) -> Collection:
    require_editor(editor)
    if not visible_items(collection):
        raise CollectionError(_("Add at least one published profile or story before publishing."))
    collection.published_at = collection.published_at or utcnow()
    return _changed(editor, "collections.published", collection)


def unpublish(editor, collection: Collection) -> Collection:
    require_editor(editor)
    collection.published_at = None
    return _changed(editor, "collections.unpublished", collection)


def delete_collection(editor, collection: Collection) -> None:
    require_editor(editor)
    record(editor, "collections.deleted", collection, title=collection.text("title", "en"))
    changes.removed(collection)
    session.delete(collection)


def set_cover(editor, collection: Collection, photo_id: int | None) -> Collection:
    require_editor(editor)
    if photo_id is not None and photo_id not in {photo.id for photo in cover_choices(collection)}:
        raise CollectionError(_("Choose one of the photos of this collection's items."))
    collection.cover_photo_id = photo_id
    return _changed(editor, "collections.cover_changed", collection, photo=photo_id)


def add_item(editor, collection: Collection, reference: str, note: str = "") -> CollectionItem:
    """reference: a profile's or story's address on this site, or its slug."""
    require_editor(editor)
    subject = resolve_reference(reference)
    if subject is None:
        raise CollectionError(_("No published profile or story has that address."))
    if any(item.subject is subject for item in collection.items):
        raise CollectionError(_("This is already in the collection."))
    item = CollectionItem(position=_next_position(collection), note=note.strip(), **_subject_key(subject))
    collection.items.append(item)
    _changed(editor, "collections.item_added", collection, item=f"{subject.__tablename__}:{subject.id}")
    return item


def remove_item(editor, collection: Collection, item_id: int) -> None:
    require_editor(editor)
    item = _item(collection, item_id)
    collection.items.remove(item)
    _changed(editor, "collections.item_removed", collection, item=f"{item.subject.__tablename__}:{item.subject.id}")


def move_item(editor, collection: Collection, item_id: int, move: str) -> None:
    """Swap an item with its neighbour above or below; positions are renumbered 0, 1, 2 …"""
    require_editor(editor)
    items = list(collection.items)
    index = items.index(_item(collection, item_id))
    other = index + MOVES[move]
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items):
        item.position = position
    _changed(editor, "collections.reordered", collection)


def resolve_reference(reference: str):
    """The approved profile or story an address (or bare slug) names, else None."""
    path = [part for part in (url_path(reference) or "").split("/") if part]
    if not path:
        return None
    slug = path[-1]
    if len(path) >= 2 and path[-2] == "stories":
        return _approved(Story, slug)
    if len(path) >= 2 and path[-2] in PROFILE_PATHS:
        return _approved(Profile, slug)
    return _approved(Story, slug) or _approved(Profile, slug)


def visible_items(collection: Collection) -> list[CollectionItem]:
    return [item for item in collection.items if item.subject is not None and item.subject.is_public]


def cover_choices(collection: Collection) -> list:
    return [photo for item in visible_items(collection) for photo in public_photos(item.subject)]


def _approved(model, slug: str):
    found = session.scalars(select(model).where(model.slug == slug)).first()
    return found if found is not None and found.is_public else None


def _subject_key(subject) -> dict:
    return {"story_id": subject.id} if isinstance(subject, Story) else {"profile_id": subject.id}


def _next_position(collection: Collection) -> int:
    if collection.id is None:
        return len(collection.items)
    highest = session.scalar(select(func.max(CollectionItem.position))
                             .where(CollectionItem.collection_id == collection.id))
    return 0 if highest is None else highest + 1


def _item(collection: Collection, item_id: int) -> CollectionItem:
    for item in collection.items:
        if item.id == item_id:
            return item
    raise CollectionError(_("That item is not in this collection."))


def _editable(fields: dict) -> dict:
    values = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
    return {name: value.strip() if isinstance(value, str) else value for name, value in values.items()}


def _changed(editor, action: str, collection: Collection, **details) -> Collection:
    session.flush()
    record(editor, action, collection, **details)
    changes.changed(collection)
    return collection

