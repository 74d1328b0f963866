from __future__ import annotations

import enum
import secrets
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from kd.db import Base, str_enum, utcnow


class Role(enum.Enum):
    MEMBER = "member"
    EDITOR = "editor"
    ADMIN = "admin"


def new_login_token() -> str:
    return secrets.token_urlsafe(16)


class User(Base):
    """A member, editor or admin. get_id() carries a token so a password change ends other sessions."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "user_role"), default=Role.MEMBER, index=True)
    email_confirmed: Mapped[bool] = mapped_column(default=False)
    email_confirmed_at: Mapped[datetime | None]
    locale: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    disabled: Mapped[bool] = mapped_column(default=False)
    login_token: Mapped[str] = mapped_column(String(32), default=new_login_token)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]

    # Flask-Login protocol
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return not self.disabled

    def get_id(self) -> str:
        return f"{self.id}:{self.login_token}"

    @property
    def is_editor(self) -> bool:
        return self.role in (Role.EDITOR, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role.value}>"
