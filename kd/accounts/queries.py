"""Read-side helpers for account lists."""
from __future__ import annotations

from sqlalchemy import func, or_, select

from kd.accounts.models import Role, User
from kd.db import session


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_users(query: str, page: int, per_page: int) -> tuple[list[User], int]:
    """Users whose name or email contains the query, newest first, one page of them."""
    statement = select(User)
    if query.strip():
        pattern = _like_pattern(query.strip().lower())
        statement = statement.where(or_(func.lower(User.email).like(pattern, escape="\\"),
                                        func.lower(User.display_name).like(pattern, escape="\\")))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    page_of_users = session.scalars(statement.order_by(User.created_at.desc(), User.id.desc())
                                    .limit(per_page).offset((page - 1) * per_page)).all()
    return list(page_of_users), total


def is_last_active_admin(user: User) -> bool:
    """Removing this user's admin role, or the user, would leave nobody to run the site."""
    if user.role is not Role.ADMIN or user.disabled:
        return False
    query = select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.disabled.is_(False))
    return (session.scalar(query) or 0) <= 1
