"""What a shared profile, story or collection looks like: its address, its card and its photo."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from kd.actions.models import Action
from kd.bilingual.queries import shown_version
from kd.cards.services import CardSpec
from kd.collections import queries as collections
from kd.collections.models import Collection
from kd.core.i18n import current_locale
from kd.core.markdown import render_markdown
from kd.core.places import country_name
from kd.media.queries import public_photos
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story

CARD_KINDS = {"profiles": Profile, "stories": Story, "collections": Collection, "actions": Action}
KIND_LABELS = {ProfileKind.PERSON: _l("Person"), ProfileKind.GROUP: _l("Group"),
               ProfileKind.ORGANISATION: _l("Organisation")}


def card_kind(subject) -> str:
    return subject.__tablename__


def is_shareable(subject) -> bool:
    if isinstance(subject, Collection):
        return subject.is_published
    return subject is not None and subject.is_public


def page_url(subject) -> str:
    if isinstance(subject, Collection):
        return url_for("collections.show", slug=subject.slug, _external=True)
    if isinstance(subject, Story):
        return url_for("stories.show", slug=subject.slug, _external=True)
    if isinstance(subject, Action):
        return url_for("actions.detail", slug=subject.slug, _external=True)
    return url_for("profiles.show", kind=subject.kind.value, slug=subject.slug, _external=True)


def title_of(subject) -> str:
    if isinstance(subject, (Collection, Action)):
        return subject.text("title", current_locale())
    return shown_version(subject).text("title") if isinstance(subject, Story) else subject.name


def summary_of(subject) -> str:
    """Stories and profiles in the reader's language when a translation is approved."""
    if isinstance(subject, Collection):
        return plain_text(subject.text("introduction", current_locale()))
    if isinstance(subject, Action):
        return plain_text(subject.text("problem", current_locale()))
    version = shown_version(subject)
    if isinstance(subject, Story):
        return version.text("summary") or plain_text(version.text("body"))
    return version.text("headline") or plain_text(version.text("bio"))


def plain_text(markdown_text: str, limit: int = 300) -> str:
    text = " ".join(Markup(render_markdown(markdown_text)).striptags().split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def lead_photo(subject):
    """The photo that stands for the subject on cards and previews, or None."""
    if isinstance(subject, Collection):
        return collections.cover_of(subject)
    if isinstance(subject, Action):
        return None
    photos = public_photos(subject)
    return photos[0] if photos else None


def card_spec(subject) -> CardSpec:
    photo = lead_photo(subject)
    photo_key = f"public/{photo.fallback_variant['jpeg']}" if photo is not None and photo.variants else None
    return CardSpec(title_of(subject), summary_of(subject), _card_label(subject), photo_key,
                    _("Kosovo Diaspora"))


def card_url(subject) -> str:
    """Absolute, and different whenever the card's content changes, so previews refresh."""
    return url_for("sharing.card", kind=card_kind(subject), slug=subject.slug, lang=current_locale(),
                   v=card_spec(subject).digest[:12], _external=True)


def _card_label(subject) -> str:
    if isinstance(subject, Collection):
        return _("Collection")
    if isinstance(subject, Action):
        return " · ".join([_("Action"), subject.target_name])
    if isinstance(subject, Story):
        place = country_name(subject.country_code, current_locale()) if subject.country_code else ""
        return " · ".join(filter(None, [_("Story"), place]))
    place = country_name(subject.country_code, current_locale()) if subject.country_code else ""
    return " · ".join(filter(None, [str(KIND_LABELS[subject.kind]), place]))
