"""Old public addresses: a renamed or merged record's former slug answers with a redirect to the new one."""
from __future__ import annotations

from sqlalchemy import delete, select, update

from kd.content.kinds import kind_of
from kd.content.models import SlugRedirect
from kd.db import session, unique_slug


def redirect_target(kind: str, slug: str) -> int | None:
    """The id of the record an old slug now points to ("profile" or "story"), or None."""
    if "\x00" in slug:  # no slug has one, and PostgreSQL refuses it in a query
        return None
    return session.scalar(select(SlugRedirect.target_id)
                          .where(SlugRedirect.kind == kind, SlugRedirect.old_slug == slug))


def follow_rename(subject) -> None:
    """A renamed published record gets a slug from its new name; the old address redirects (301) to it."""
    wanted, old_slug, kind = subject.natural_slug(), subject.slug, kind_of(subject)
    if old_slug == wanted or old_slug.startswith(f"{wanted}-"):
        return
    subject.slug = unique_slug(type(subject), wanted, exclude_id=subject.id)
    session.execute(delete(SlugRedirect).where(SlugRedirect.kind == kind, SlugRedirect.old_slug == subject.slug))
    session.add(SlugRedirect(kind=kind, old_slug=old_slug, target_id=subject.id))
    session.flush()


def redirect_merged(duplicate, keep) -> None:
    """The duplicate's address (and those that pointed at it) now lead to keep; it gets a slug of its own."""
    old_slug, kind = duplicate.slug, kind_of(duplicate)
    suffix = f"-merged-{duplicate.id}"
    duplicate.slug = old_slug[:100 - len(suffix)] + suffix
    session.execute(update(SlugRedirect).where(SlugRedirect.kind == kind,
                                               SlugRedirect.target_id == duplicate.id).values(target_id=keep.id))
    session.execute(delete(SlugRedirect).where(SlugRedirect.kind == kind, SlugRedirect.old_slug == old_slug))
    session.add(SlugRedirect(kind=kind, old_slug=old_slug, target_id=keep.id))
    session.flush()


def forget_redirects_to(subject) -> None:
    session.execute(delete(SlugRedirect).where(SlugRedirect.kind == kind_of(subject),
                                               SlugRedirect.target_id == subject.id))
