"""What a profile's owner can help with, as the search sink indexes it: the "help" facet (registered by the
app factory, so kd.profiles need not know about connections)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from kd.connections.forms import HELP_LABELS
from kd.connections.models import HelpKind, HelpOffer
from kd.connections.queries import live_offers


def help_kinds_of(session: Session, profile_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """profile id -> the kinds of help its owner offers now (an owned profile, requests not paused)."""
    rows = session.execute(live_offers().where(HelpOffer.profile_id.in_(profile_ids)))
    return {profile_id: tuple(kind.value for kind in HelpKind if kind.value in (kinds or []))
            for profile_id, kinds in rows}


def help_labels(values: list[str]) -> dict[str, str]:
    """Facet values -> their names in the reader's language; unknown values are left out."""
    return {value: str(HELP_LABELS[HelpKind(value)]) for value in values if value in HelpKind._value2member_map_}
