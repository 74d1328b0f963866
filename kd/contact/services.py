"""Storing contact messages and closing them; mail to the editors goes out after the commit (views)."""
from __future__ import annotations

from sqlalchemy import select

from kd.accounts.models import Role, User
from kd.audit.services import record
from kd.contact.models import ContactMessage
from kd.core.auth import require_editor
from kd.core.text import normalise_space
from kd.db import session, utcnow


def receive(name: str, email: str, subject: str, message: str, locale: str) -> ContactMessage:
    contact = ContactMessage(name=normalise_space(name), email=email.strip().lower(), subject=normalise_space(subject),
                             message=message.strip(), locale=locale)
    session.add(contact)
    record(None, "contact.received", contact)
    return contact


def close(editor: User, contact: ContactMessage) -> ContactMessage:
    require_editor(editor)
    if contact.is_open:
        contact.closed_at, contact.closed_by_id = utcnow(), editor.id
        record(editor, "contact.closed", contact)
    return contact


def editors() -> list[User]:
    query = select(User).where(User.role.in_((Role.EDITOR, Role.ADMIN)), User.disabled.is_(False))
    return list(session.scalars(query.order_by(User.id)))
