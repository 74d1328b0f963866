"""Subscriptions: double opt-in through signed links; unsubscribing deletes the address."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from kd.audit.services import record
from kd.core.tokens import TokenInvalid, make_token, read_token
from kd.db import session, utcnow
from kd.newsletter.models import Subscriber

CONFIRM_PURPOSE = "newsletter-confirm"
UNSUBSCRIBE_PURPOSE = "newsletter-unsubscribe"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_subscriber(email: str) -> Subscriber | None:
    return session.scalars(select(Subscriber).where(Subscriber.email == normalise_email(email))).first()


def subscribe(email: str, locale: str) -> Subscriber | None:
    """The subscriber to send a confirmation link to, or None when the address is already confirmed.

    The caller answers the same either way, so the form never tells whether an address is subscribed.
    """
    subscriber = find_subscriber(email)
    if subscriber is not None and subscriber.confirmed:
        return None
    if subscriber is None:
        subscriber = Subscriber(email=normalise_email(email), locale=locale)
        session.add(subscriber)
        record(None, "newsletter.subscribed", subscriber, locale=locale)
    subscriber.locale = locale
    return subscriber


def confirmation_token(subscriber: Subscriber) -> str:
    return make_token(CONFIRM_PURPOSE, {"sid": subscriber.id, "email": subscriber.email})


def unsubscribe_token(subscriber: Subscriber) -> str:
    return make_token(UNSUBSCRIBE_PURPOSE, {"sid": subscriber.id, "email": subscriber.email})


def confirm(token: str) -> Subscriber:
    subscriber = _subscriber_for(CONFIRM_PURPOSE, token, current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    if subscriber is None:
        raise TokenInvalid()
    if not subscriber.confirmed:
        subscriber.confirmed_at = utcnow()
        record(None, "newsletter.confirmed", subscriber)
    return subscriber


def unsubscribe(token: str) -> None:
    """Idempotent: a genuine link for an address already removed is simply done."""
    subscriber = _subscriber_for(UNSUBSCRIBE_PURPOSE, token, current_app.config["UNSUBSCRIBE_TOKEN_MAX_AGE"])
    if subscriber is not None:
        record(None, "newsletter.unsubscribed", subscriber)
        session.delete(subscriber)


def _subscriber_for(purpose: str, token: str, max_age: int) -> Subscriber | None:
    payload = read_token(purpose, token, max_age)
    if not isinstance(payload, dict):
        raise TokenInvalid()
    subscriber = session.get(Subscriber, payload.get("sid")) if isinstance(payload.get("sid"), int) else None
    if subscriber is not None and subscriber.email != payload.get("email"):
        return None
    return subscriber
