"""Our actors and their usernames.

    kd                  the whole site
    gjakova             a Kosovo municipality: its code (fushe-kosove, mitrovica-south, ...)
    tag_<slug>          a tag (tag_medicine-abroad)
    country_<iso code>  a country of residence (country_de)
    field_<code>        a field (field_medicine, field_public-service)

Collision-free: slugs and codes are [a-z0-9-] and never hold "_", so a prefixed name never equals a
municipality or "kd", and each prefix names one kind. Names are looked up case-insensitively and folded
(ë -> e, ç -> c), and a municipality also answers to its Albanian name: "Gjakovë", "gjakove" and
"GJAKOVA" are all @gjakova; "Kaçanik" is @kacanik. The canonical name is what WebFinger answers.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from kd.core.places import MUNICIPALITIES
from kd.core.text import slugify
from kd.core.urls import site_host
from kd.follows.models import FollowKind
from kd.follows.queries import Target, public_target

SITE_USERNAME = "kd"
PREFIXES = {FollowKind.TAG: "tag", FollowKind.COUNTRY: "country", FollowKind.FIELD: "field"}
_KIND_OF_PREFIX = {prefix: kind for kind, prefix in PREFIXES.items()}
_MUNICIPALITY_ALIASES = {slugify(m.name_sq): m.code for m in MUNICIPALITIES} | {
    slugify(m.name_en): m.code for m in MUNICIPALITIES} | {m.code: m.code for m in MUNICIPALITIES}
MAX_USERNAME_LENGTH = 200
FOLLOWED_KINDS = (FollowKind.TAG, FollowKind.COUNTRY, FollowKind.MUNICIPALITY, FollowKind.FIELD)


@dataclass(frozen=True)
class LocalActor:
    """One of our actors: the site (target None) or a followable target."""

    username: str
    target: Target | None = None

    @property
    def id(self) -> str:
        return url_for("federation.actor", username=self.username, _external=True)

    @property
    def key_id(self) -> str:
        return f"{self.id}#main-key"

    @property
    def handle(self) -> str:
        return f"@{self.username}@{site_host()}"

    def name(self, locale: str = "en") -> str:
        if self.target is None:
            return _("KD – the Kosovo diaspora")
        return self.target.label(locale)

    def summary(self, locale: str = "en") -> str:
        if self.target is None:
            return _("Every story of the Kosovo diaspora that KD publishes.")
        return _("The stories KD publishes about %(name)s.", name=self.name(locale))

    def page_url(self) -> str:
        return url_for("site.home", _external=True) if self.target is None else self.target.url(external=True)


def username_of(kind: FollowKind, key: str) -> str:
    if kind is FollowKind.MUNICIPALITY:
        return key
    return f"{PREFIXES[kind]}_{key.lower()}"


def actor_for(kind: FollowKind, key: str) -> LocalActor | None:
    target = public_target(kind, key)
    return LocalActor(username_of(kind, key), target) if target is not None else None


def find_actor(name: str) -> LocalActor | None:
    """The actor a username names, folded (ë -> e) and case-insensitively; None when it names nothing public."""
    if not name or len(name) > MAX_USERNAME_LENGTH:
        return None
    prefix, underscore, rest = name.partition("_")
    if underscore:
        kind = _KIND_OF_PREFIX.get(prefix.lower())
        key = slugify(rest, max_length=MAX_USERNAME_LENGTH)
        return actor_for(kind, key) if kind is not None and key else None
    folded = slugify(name, max_length=MAX_USERNAME_LENGTH)
    if folded == SITE_USERNAME:
        return LocalActor(SITE_USERNAME)
    code = _MUNICIPALITY_ALIASES.get(folded)
    return actor_for(FollowKind.MUNICIPALITY, code) if code else None


def actors_of_story(story) -> list[LocalActor]:
    """The site and every public actor whose stories include this one."""
    keys = [(FollowKind.TAG, tag.slug) for tag in story.tags]
    keys += [(kind, value) for kind, value in ((FollowKind.COUNTRY, story.country_code),
                                               (FollowKind.MUNICIPALITY, story.municipality),
                                               (FollowKind.FIELD, story.field)) if value]
    found = [actor_for(kind, key.lower() if kind is FollowKind.COUNTRY else key) for kind, key in keys]
    return [LocalActor(SITE_USERNAME), *(actor for actor in found if actor is not None)]
