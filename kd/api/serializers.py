"""Plain JSON shapes of approved content (the OpenAPI description in openapi.py documents them)."""
from __future__ import annotations

from datetime import date, datetime

from flask import url_for

from kd.bilingual.queries import translations_by_language
from kd.connections.queries import offer_of
from kd.core.markdown import render_markdown


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _place(subject) -> dict:
    return {"country": subject.country_code, "city": subject.city or None, "municipality": subject.municipality,
            "field": subject.field}


def profile_json(profile) -> dict:
    return {
        "slug": profile.slug, "kind": profile.kind.value, "name": profile.name, "headline": profile.headline,
        **_place(profile), "bio": profile.bio, "bio_html": str(render_markdown(profile.bio)),
        "links": list(profile.links or []), "tags": [tag.slug for tag in profile.tags],
        "language": profile.language, "url": url_for("profiles.show", kind=profile.kind.value, slug=profile.slug,
                                                     _external=True),
        "published_at": _iso(profile.published_at), "updated_at": _iso(profile.updated_at),
        "can_help_with": _help_offer(profile), "translations": translations_by_language(profile),
    }


def _help_offer(profile) -> dict | None:
    """What the profile's owner offers (kinds, languages spoken, note), or null."""
    offer = offer_of(profile)
    if offer is None or not offer.offers_help:
        return None
    return {"kinds": [kind.value for kind in offer.help_kinds], "languages": list(offer.languages or []),
            "note": offer.note or None, "paused": offer.paused}


def story_json(story) -> dict:
    return {
        "slug": story.slug, "title": story.title, "summary": story.summary, "body": story.body,
        "body_html": str(render_markdown(story.body)), "achieved_on": _iso(story.achieved_on), **_place(story),
        "tags": [tag.slug for tag in story.tags],
        "profiles": [profile.slug for profile in story.profiles if profile.is_public],
        "sources": [{"url": source.url, "title": source.title} for source in story.sources],
        "verified_on": _iso(story.verified_on), "language": story.language,
        "url": url_for("stories.show", slug=story.slug, _external=True),
        "published_at": _iso(story.published_at), "updated_at": _iso(story.updated_at),
        "translations": translations_by_language(story),
    }


def tag_json(tag, stories: int) -> dict:
    return {"slug": tag.slug, "name": tag.name, "stories": stories}


def collection_json(collection, items: list) -> dict:
    return {
        "slug": collection.slug, "title": _both(collection, "title"),
        "introduction": _both(collection, "introduction"),
        "featured": collection.featured,
        "url": url_for("collections.show", slug=collection.slug, _external=True),
        "items": [_collection_item(item) for item in items],
        "published_at": _iso(collection.published_at), "updated_at": _iso(collection.updated_at),
    }


def _collection_item(item) -> dict:
    subject = item.subject
    if item.kind == "story":
        return {"type": "story", "slug": subject.slug, "title": subject.title, "note": item.note or None,
                "url": url_for("stories.show", slug=subject.slug, _external=True)}
    return {"type": "profile", "slug": subject.slug, "title": subject.name, "note": item.note or None,
            "url": url_for("profiles.show", kind=subject.kind.value, slug=subject.slug, _external=True)}


def _both(subject, name: str) -> dict:
    return {"en": getattr(subject, f"{name}_en"), "sq": getattr(subject, f"{name}_sq")}


def action_json(action, participants: int) -> dict:
    return {
        "slug": action.slug, "title": _both(action, "title"), "status": action.status.value,
        "target": {"name": action.target_name, "website": action.target_website or None,
                   "kind": action.target_kind.value},
        "problem": _both(action, "problem"), "request": _both(action, "request"),
        "send": {"email": action.email_to or None, "web_form": action.web_form_url or None,
                 "social_account": action.social_account or None, "social_post": _both(action, "social_post")},
        "hashtag": action.hashtag or None, "starts_on": _iso(action.starts_on), "won_on": _iso(action.won_on),
        "evidence_url": action.evidence_url or None, "participants": participants,
        "url": url_for("actions.detail", slug=action.slug, _external=True),
        "published_at": _iso(action.published_at), "updated_at": _iso(action.updated_at),
    }
