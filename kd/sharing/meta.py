"""Preview metadata for a page: Open Graph, Twitter Card, canonical and hreflang links, schema.org JSON-LD.

Templates call share_meta(subject) for a profile, story or collection page; every other page gets
page_meta(title, description) from the base layout. Unapproved content never reaches either: a page
shown only to its owner or editors gets the generic site preview and noindex."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from flask import current_app, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from kd.actions.models import Action
from kd.bilingual.queries import shown_version
from kd.collections.models import Collection
from kd.core.i18n import current_locale
from kd.core.places import country_name, municipality
from kd.core.urls import current_url
from kd.profiles.models import Profile
from kd.sharing import subjects
from kd.stories.models import Story

OG_LOCALES = {"en": "en_GB", "sq": "sq_AL"}
SITE_DESCRIPTION = _l("People, groups and organisations of the Kosovo diaspora and what they achieve.")
LISTING_BLUEPRINTS = {"browse", "search", "collections"}


@dataclass
class PageMeta:
    title: str
    description: str
    url: str
    og_type: str = "website"
    image: str = ""
    image_alt: str = ""
    json_ld: dict = field(default_factory=dict)
    noindex: bool = False
    published: datetime | None = None
    modified: datetime | None = None
    # A story or profile: the languages it can be read in (original, approved translations) and the one shown.
    languages: list[str] | None = None
    content_language: str = ""

    @property
    def alternates(self) -> list[tuple[str, str]]:
        """(hreflang, address) for each language the page can be read in, then x-default: the same page
        with ?lang=."""
        separator = "&" if "?" in self.url else "?"
        languages = self.languages or current_app.config["LANGUAGES"]
        return [(code, f"{self.url}{separator}lang={code}") for code in languages] + [("x-default", self.url)]

    @property
    def og_locale(self) -> str:
        return OG_LOCALES.get(self.content_language or current_locale(), "en_GB")

    @property
    def og_locale_alternates(self) -> list[str]:
        shown = self.content_language or current_locale()
        return [value for code, value in OG_LOCALES.items()
                if code != shown and (self.languages is None or code in self.languages)]


def share_meta(subject) -> PageMeta:
    """The preview of a profile, story or collection page; the site's own while it is not public."""
    if not subjects.is_shareable(subject):
        generic = page_meta(_("Kosovo Diaspora"), str(SITE_DESCRIPTION))
        generic.noindex = True
        return generic
    photo = subjects.lead_photo(subject)
    meta = PageMeta(title=subjects.title_of(subject),
                    description=subjects.summary_of(subject) or str(SITE_DESCRIPTION),
                    url=subjects.page_url(subject), image=subjects.card_url(subject),
                    image_alt=photo.alt_text if photo is not None else subjects.title_of(subject))
    if isinstance(subject, (Story, Profile)):
        version = shown_version(subject)
        meta.languages, meta.content_language = version.languages, version.language
    if isinstance(subject, (Story, Action)):
        meta.og_type, meta.published, meta.modified = "article", subject.published_at, subject.updated_at
    elif not isinstance(subject, Collection):
        meta.og_type = "profile"
    meta.json_ld = _json_ld(subject, meta)
    return meta


def page_meta(title: str, description: str) -> PageMeta:
    """The preview of any other page, from its <title> and description (rendered, hence Markup)."""
    meta = PageMeta(title=_plain(title), description=_plain(description), url=canonical_url(), image=site_card_url(),
                    image_alt=_("Kosovo Diaspora"))
    meta.json_ld = _page_json_ld(meta)
    return meta


def _plain(text) -> str:
    return text.striptags() if isinstance(text, Markup) else str(text)


def canonical_url() -> str:
    """This page's address without the language switch (hreflang alternates carry that)."""
    args = sorted((key, value) for key, value in request.args.items(multi=True) if key != "lang" and value)
    base = current_url(with_query=False)
    return f"{base}?{urlencode(args)}" if args else base


def site_card_url() -> str:
    return url_for("sharing.site_card", lang=current_locale(), _external=True)


def _page_json_ld(meta: PageMeta) -> dict:
    if request.endpoint == "site.home":
        return {**_context("WebSite", meta), "potentialAction": {
            "@type": "SearchAction", "query-input": "required name=q",
            "target": url_for("search.results", _external=True) + "?q={q}"}}
    kind = "CollectionPage" if request.blueprint in LISTING_BLUEPRINTS else "WebPage"
    return _context(kind, meta)


def _context(schema_type: str, meta: PageMeta) -> dict:
    return {"@context": "https://schema.org", "@type": schema_type, "name": meta.title, "url": meta.url,
            "description": meta.description, "inLanguage": current_locale()}


def _json_ld(subject, meta: PageMeta) -> dict:
    if isinstance(subject, Story):
        return _article(subject, meta)
    if isinstance(subject, Collection):
        return _collection_page(subject, meta)
    if isinstance(subject, Action):
        return _action_page(subject, meta)
    return _profile_entity(subject, meta)


def _action_page(action: Action, meta: PageMeta) -> dict:
    target = {"@type": "Organization", "name": action.target_name,
              **({"url": action.target_website} if action.target_website else {})}
    return {**_context("WebPage", meta), "about": target, "image": meta.image,
            "datePublished": _iso(action.published_at), "publisher": _publisher(),
            **({"keywords": [action.hashtag]} if action.hashtag else {})}


def _article(story: Story, meta: PageMeta) -> dict:
    about = [_profile_entity(profile, None) for profile in story.profiles if profile.is_public]
    return {**_context("Article", meta), "headline": meta.title[:110], "image": [meta.image],
            "datePublished": _iso(story.published_at), "dateModified": _iso(story.updated_at),
            "mainEntityOfPage": meta.url, "inLanguage": meta.content_language or story.language, "about": about,
            "keywords": [tag.name for tag in story.tags], "publisher": _publisher()}


def _profile_entity(profile, meta: PageMeta | None) -> dict:
    schema_type = "Person" if profile.kind.value == "person" else "Organization"
    entity = {"@type": schema_type, "name": profile.name, "url": subjects.page_url(profile)}
    if meta is None:
        return entity
    entity = {"@context": "https://schema.org", **entity, "description": meta.description, "image": meta.image}
    if profile.kind.value == "person" and profile.headline:
        entity["jobTitle"] = profile.headline
    if profile.country_code:
        entity["address"] = {"@type": "PostalAddress", "addressCountry": profile.country_code,
                             **({"addressLocality": profile.city} if profile.city else {})}
    origin = municipality(profile.municipality)
    if origin is not None:
        key = "homeLocation" if schema_type == "Person" else "foundingLocation"
        entity[key] = {"@type": "Place", "name": f"{origin.name(current_locale())}, "
                                                 f"{country_name('XK', current_locale())}"}
    if profile.links:
        entity["sameAs"] = list(profile.links)
    return entity


def _collection_page(collection: Collection, meta: PageMeta) -> dict:
    items = subjects.collections.visible_items(collection)
    elements = [{"@type": "ListItem", "position": position, "url": subjects.page_url(item.subject),
                 "name": subjects.title_of(item.subject)} for position, item in enumerate(items, start=1)]
    return {**_context("CollectionPage", meta), "image": meta.image, "datePublished": _iso(collection.published_at),
            "mainEntity": {"@type": "ItemList", "numberOfItems": len(elements), "itemListElement": elements}}


def _publisher() -> dict:
    return {"@type": "Organization", "name": _("Kosovo Diaspora"), "url": url_for("site.home", _external=True)}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
