"""Actor keys, the remote actors we know (their public keys, cached), remote followers of our actors,
what each of our actors has published, and the signed deliveries waiting to go out (with back-off)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kd.db import Base, utcnow

URL_LENGTH = 500
USERNAME_LENGTH = 200


class ActorKey(Base):
    """One RSA keypair per local actor, made the first time the actor is shown or signs; the private half
    is never served."""

    __tablename__ = "federation_actor_keys"

    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH), primary_key=True)
    public_key_pem: Mapped[str] = mapped_column(Text)
    private_key_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RemoteActor(Base):
    """A remote actor's inboxes and public key, as its actor document said when fetched_at."""

    __tablename__ = "federation_remote_actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_url: Mapped[str] = mapped_column(String(URL_LENGTH), unique=True)
    key_id: Mapped[str] = mapped_column(String(URL_LENGTH), unique=True)
    public_key_pem: Mapped[str] = mapped_column(Text)
    inbox: Mapped[str] = mapped_column(String(URL_LENGTH))
    shared_inbox: Mapped[str | None] = mapped_column(String(URL_LENGTH))
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class RemoteFollower(Base):
    """A remote actor following one of ours (accepted at once: every actor here is public)."""

    __tablename__ = "federation_followers"
    __table_args__ = (UniqueConstraint("username", "remote_actor_id", name="uq_federation_followers_username_actor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH), index=True)
    remote_actor_id: Mapped[int] = mapped_column(index=True)
    follow_activity_id: Mapped[str] = mapped_column(String(URL_LENGTH))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Publication(Base):
    """A story one of our actors has sent out as a Create; deleted_at once its Delete went out."""

    __tablename__ = "federation_publications"
    __table_args__ = (UniqueConstraint("username", "story_id", name="uq_federation_publications_username_story"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH), index=True)
    story_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]


class Delivery(Base):
    """One signed POST of one activity to one inbox; retried with exponential back-off until it is
    delivered or gives up (failed_at)."""

    __tablename__ = "federation_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH))
    inbox: Mapped[str] = mapped_column(String(URL_LENGTH))
    activity: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    delivered_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IgnoredActivity(Base):
    """Activities that change nothing here (Like, Announce, replies), counted per type and actor of ours."""

    __tablename__ = "federation_ignored_activities"
    __table_args__ = (UniqueConstraint("username", "activity_type", name="uq_federation_ignored_username_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH))
    activity_type: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(default=0)
