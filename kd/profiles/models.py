from __future__ import annotations

import enum
import unicodedata
from datetime import datetime

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from kd.content.kinds import subject_kind
from kd.content.states import ModeratedMixin, approved_is_published, newest_first_indexes
from kd.core.text import fold, slugify
from kd.db import Base, TimestampMixin, str_enum

profile_tags = Table(
    "profile_tags",
    Base.metadata,
    Column("profile_id", ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("published_at", DateTime(timezone=True)),  # the tag pages' sort key (kd/browse/services.py)
    Index("ix_profile_tags_tag_published", "tag_id", "published_at", "profile_id"),
)


class ProfileKind(enum.Enum):
    PERSON = "person"
    GROUP = "group"
    ORGANISATION = "organisation"


class Consent(enum.Enum):
    """Whether the person a nomination is about agreed to be shown."""

    NOT_NEEDED = "not_needed"
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    RECORDED_BY_EDITOR = "recorded_by_editor"


CONSENT_GIVEN = frozenset({Consent.NOT_NEEDED, Consent.CONFIRMED, Consent.RECORDED_BY_EDITOR})

# Serbian/Croatian (and Anglo) spellings of Albanian sounds: 'Priština' and 'Prishtina' are one name.
# Applied before fold(), which then turns ç into c and ë into e.
TRANSLITERATIONS = (("dž", "xh"), ("š", "sh"), ("ž", "zh"), ("č", "ç"), ("ć", "q"), ("đ", "gj"))


def name_match_key(name: str) -> str:
    """Folded, transliterated, word order ignored: 'Krasnići Drita' and 'Drita Krasniqi' share a key."""
    lowered = unicodedata.normalize("NFC", name.casefold())
    for written, albanian in TRANSLITERATIONS:
        lowered = lowered.replace(written, albanian)
    return " ".join(sorted(fold(lowered).replace("-", " ").split()))[:160]


@subject_kind("profile")
class Profile(ModeratedMixin, TimestampMixin, Base):
    __tablename__ = "profiles"
    __table_args__ = (approved_is_published(),
                      *newest_first_indexes("profiles", "country_code", "field", "municipality", "kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ProfileKind] = mapped_column(str_enum(ProfileKind, "profile_kind"), index=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    name_folded: Mapped[str] = mapped_column(String(160), index=True)
    headline: Mapped[str] = mapped_column(String(200), default="")
    field: Mapped[str | None] = mapped_column(String(32), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    municipality: Mapped[str | None] = mapped_column(String(32), index=True)
    bio: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[list] = mapped_column(JSON, default=list)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    name_key: Mapped[str] = mapped_column(String(160), default="", index=True)

    is_nomination: Mapped[bool] = mapped_column(default=False)
    nominator_relation: Mapped[str] = mapped_column(String(200), default="")
    subject_email: Mapped[str | None] = mapped_column(String(254), index=True)
    consent: Mapped[Consent] = mapped_column(str_enum(Consent, "profile_consent"), default=Consent.NOT_NEEDED)
    consent_note: Mapped[str] = mapped_column(Text, default="")
    consent_at: Mapped[datetime | None]

    tags = relationship("Tag", secondary=profile_tags, lazy="selectin", order_by="Tag.name")
    stories = relationship("Story", secondary="story_profiles", back_populates="profiles", lazy="select",
                           viewonly=True)

    @validates("name")
    def _derive_name_keys(self, _key: str, name: str) -> str:
        self.name_folded = fold(name)[:160]
        self.name_key = name_match_key(name)
        return name

    def natural_slug(self) -> str:
        """The address its name gives it."""
        return slugify(self.name)

    def publication_blocker(self) -> str | None:
        """A reason code when this profile may not be published yet (the workflow translates it)."""
        if self.consent is Consent.DECLINED:
            return "consent_declined"
        if self.is_nomination and self.consent not in CONSENT_GIVEN:
            return "consent_missing"
        return None
