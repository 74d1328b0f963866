from __future__ import annotations

from sqlalchemy import func, select

from kd.contact.models import ContactMessage
from kd.db import session


def messages_page(show_closed: bool, number: int, per_page: int) -> tuple[list[ContactMessage], int]:
    """Open messages (or closed ones), the newest first."""
    condition = ContactMessage.closed_at.is_not(None) if show_closed else ContactMessage.closed_at.is_(None)
    total = session.scalar(select(func.count()).select_from(ContactMessage).where(condition)) or 0
    query = select(ContactMessage).where(condition).order_by(ContactMessage.created_at.desc(), ContactMessage.id.desc())
    return list(session.scalars(query.limit(per_page).offset((number - 1) * per_page))), total
