"""Embeds for other sites: the public record behind an address, and oEmbed 1.0 answers for stories."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import url_for
from flask_babel import gettext as _
from markupsafe import escape
from sqlalchemy import select

from kd.cards.render import HEIGHT as CARD_HEIGHT
from kd.cards.render import WIDTH as CARD_WIDTH
from kd.core.text import is_whole_number
from kd.core.urls import InvalidURL, parse_public_url, site_host
from kd.db import session
from kd.sharing import subjects
from kd.stories.models import Story

EMBED_WIDTH, EMBED_HEIGHT, MIN_SIZE = 560, 340, 200


class OEmbedError(Exception):
    def __init__(self, message: str, status_code: int):
        super().__init__(message)
        self.message, self.status_code = message, status_code


@dataclass(frozen=True)
class OEmbedRequest:
    story: Story
    width: int
    height: int
    max_width: int | None


def public_subject(kind: str, slug: str):
    model = subjects.CARD_KINDS.get(kind)
    if model is None:
        return None
    found = session.scalars(select(model).where(model.slug == slug)).first()
    return found if found is not None and subjects.is_shareable(found) else None


def read_oembed_request(args) -> OEmbedRequest:
    if args.get("format", "json") != "json":
        raise OEmbedError(_("Only the json format is offered."), 501)
    address = args.get("url", "").strip()
    if not address:
        raise OEmbedError(_("Give the address of a story in the url parameter."), 400)
    max_width, max_height = _size(args, "maxwidth"), _size(args, "maxheight")
    try:
        story = _story_at(parse_public_url(address))
    except InvalidURL as error:
        raise OEmbedError(str(error), 400) from error
    if story is None:
        raise OEmbedError(_("No published story has that address."), 404)
    return OEmbedRequest(story, min(EMBED_WIDTH, max_width or EMBED_WIDTH),
                         min(EMBED_HEIGHT, max_height or EMBED_HEIGHT), max_width)


def oembed_response(wanted: OEmbedRequest) -> dict:
    story = wanted.story
    src = url_for("sharing.embed_story", slug=story.slug, _external=True)
    frame = (f'<iframe src="{escape(src)}" width="{wanted.width}" height="{wanted.height}" '
             f'title="{escape(story.title)}" loading="lazy" style="border:0;max-width:100%"></iframe>')
    answer = {"version": "1.0", "type": "rich", "html": frame, "width": wanted.width, "height": wanted.height,
              "title": story.title, "provider_name": _("Kosovo Diaspora"),
              "provider_url": url_for("site.home", _external=True), "cache_age": 300}
    authors = [profile for profile in story.profiles if profile.is_public]
    if authors:
        answer["author_name"] = ", ".join(profile.name for profile in authors)
        answer["author_url"] = subjects.page_url(authors[0])
    if wanted.max_width is None or wanted.max_width >= CARD_WIDTH:
        answer.update(thumbnail_url=subjects.card_url(story), thumbnail_width=CARD_WIDTH,
                      thumbnail_height=CARD_HEIGHT)
    return answer


def _size(args, name: str) -> int | None:
    value = args.get(name, "").strip()
    if not value:
        return None
    if not is_whole_number(value) or int(value) < MIN_SIZE:
        raise OEmbedError(_("%(name)s must be a whole number of pixels, at least %(min)d.", name=name,
                            min=MIN_SIZE), 400)
    return int(value)


def _story_at(address: str) -> Story | None:
    """The public story behind an address on this site (its page or its embed), else None."""
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or parts.netloc != site_host():
        return None
    path = [part for part in parts.path.split("/") if part]
    if len(path) < 2 or path[:-1] not in (["stories"], ["embed", "stories"]):
        return None
    return public_subject("stories", path[-1])
