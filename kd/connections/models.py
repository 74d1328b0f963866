"""What a profile's owner offers, the introductions members ask for, and the protections around them."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kd.db import Base, str_enum, utcnow


class HelpKind(enum.Enum):
    MENTORING = "mentoring"
    SPEAKING = "speaking"
    HIRING = "hiring"
    INVESTING = "investing"
    HOSTING = "hosting"
    VOLUNTEERING = "volunteering"
    ADVISING = "advising"


# Languages an owner may say they speak (ISO 639-1); their names come from CLDR in the reader's language.
SPOKEN_LANGUAGES = ("sq", "en", "de", "fr", "it", "es", "nl", "sv", "da", "no", "fi", "tr", "sr", "hr", "bs",
                    "mk", "el", "ar", "ru", "pt")
NOTE_MAX = 200


class HelpOffer(Base):
    """What the owner of a profile can help with; set by the owner only, shown on the profile page."""

    __tablename__ = "help_offers"

    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True)
    kinds: Mapped[list] = mapped_column(JSON, default=list)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(String(NOTE_MAX), default="")
    paused: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    profile = relationship("Profile", lazy="joined")

    @property
    def help_kinds(self) -> list[HelpKind]:
        return [HelpKind(value) for value in self.kinds or [] if value in HelpKind._value2member_map_]

    @property
    def offers_help(self) -> bool:
        return bool(self.help_kinds)


class RequestState(enum.Enum):
    OPEN = "open"
    INTRODUCED = "introduced"
    DECLINED = "declined"
    REPORTED = "reported"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


class Outcome(enum.Enum):
    YES = "yes"
    NO = "no"
    NOT_YET = "not_yet"


class IntroductionRequest(Base):
    """A member's request to be introduced to the owner of a profile. The owner's address reaches the asker
    only when the owner accepts (state introduced)."""

    __tablename__ = "introduction_requests"
    __table_args__ = (
        Index("ix_introduction_requests_state_created", "state", "created_at"),
        CheckConstraint("state = 'open' OR answered_at IS NOT NULL", name="answered_has_date"),
        CheckConstraint("asker_id <> owner_id", name="not_to_oneself"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    asker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    about_asker: Mapped[str] = mapped_column(Text)
    request: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[RequestState] = mapped_column(str_enum(RequestState, "introduction_state"),
                                                default=RequestState.OPEN)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    decline_reason: Mapped[str] = mapped_column(String(300), default="")
    share_reason: Mapped[bool] = mapped_column(default=False)
    follow_up_sent_at: Mapped[datetime | None]
    asker_outcome: Mapped[Outcome | None] = mapped_column(str_enum(Outcome, "introduction_outcome"))
    owner_outcome: Mapped[Outcome | None] = mapped_column(str_enum(Outcome, "introduction_owner_outcome"))
    report_handled_at: Mapped[datetime | None]  # an editor dealt with the owner's abuse report
    report_handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    profile = relationship("Profile", lazy="joined")
    owner = relationship("User", foreign_keys=[owner_id], lazy="joined")
    asker = relationship("User", foreign_keys=[asker_id], lazy="joined")

    @property
    def is_open(self) -> bool:
        return self.state is RequestState.OPEN


class MemberBlock(Base):
    """An owner no longer takes requests from this member."""

    __tablename__ = "member_blocks"
    __table_args__ = (UniqueConstraint("owner_id", "blocked_id", name="uq_member_blocks_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    blocked_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AskingSuspension(Base):
    """An editor stopped this member from asking for introductions."""

    __tablename__ = "asking_suspensions"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    suspended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
