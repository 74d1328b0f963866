"""Admins edit the About and Privacy texts and the partners; every change is audited, nothing commits."""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from PIL import Image

from kd.audit.services import record
from kd.content import changes
from kd.core.errors import PermissionDenied
from kd.db import session
from kd.media import images
from kd.pages.defaults import PAGE_TITLES
from kd.pages.models import Partner, SitePage
from kd.pages.queries import partners, site_page

LOGO_BOX = (480, 240)
PARTNER_FIELDS = ("name", "url", "description_en", "description_sq")


@dataclass(frozen=True)
class Logo:
    data: bytes
    width: int
    height: int

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def prepare_logo(data: bytes) -> Logo:
    """Through the photo pipeline's checks (format, bombs, metadata), then fitted in LOGO_BOX as WebP."""
    cleaned = images.clean(data, current_app.config["MAX_IMAGE_PIXELS"])
    image = cleaned.image.copy()
    image.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=85, method=4)
    return Logo(buffer.getvalue(), image.width, image.height)


def save_page(admin, slug: str, body_en: str, body_sq: str) -> SitePage:
    _require_admin(admin)
    if slug not in PAGE_TITLES:
        raise KeyError(slug)
    page = site_page(slug) or SitePage(slug=slug)
    page.body_en, page.body_sq, page.updated_by_id = body_en.strip(), body_sq.strip(), admin.id
    session.add(page)
    record(admin, "site_page.updated", page, slug=slug)
    changes.changed(page)
    return page


def create_partner(admin, fields: dict, logo: Logo | None) -> Partner:
    _require_admin(admin)
    existing = partners()
    partner = Partner(position=existing[-1].position + 1 if existing else 0)
    _assign(partner, fields, logo)
    session.add(partner)
    record(admin, "partner.created", partner, name=partner.name)
    changes.changed(partner)
    return partner


def update_partner(admin, partner: Partner, fields: dict, logo: Logo | None, remove_logo: bool = False) -> Partner:
    _require_admin(admin)
    if remove_logo and logo is None:
        partner.logo_data, partner.logo_hash, partner.logo_width, partner.logo_height = None, "", 0, 0
    _assign(partner, fields, logo)
    record(admin, "partner.updated", partner, name=partner.name, logo_removed=remove_logo)
    changes.changed(partner)
    return partner


def delete_partner(admin, partner: Partner) -> None:
    _require_admin(admin)
    record(admin, "partner.deleted", partner, name=partner.name)
    changes.removed(partner)
    session.delete(partner)


def move_partner(admin, partner: Partner, step: int) -> None:
    """Swap with the neighbour: step -1 moves it up the page, +1 down."""
    _require_admin(admin)
    ordered = partners()
    index = ordered.index(partner)
    target = index + step
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
        for position, each in enumerate(ordered):
            each.position = position
        record(admin, "partner.moved", partner, position=target)
        changes.changed(partner)


def _assign(partner: Partner, fields: dict, logo: Logo | None) -> None:
    for name in PARTNER_FIELDS:
        setattr(partner, name, (fields[name] or "").strip())
    if logo is not None:
        partner.logo_data, partner.logo_hash = logo.data, logo.content_hash
        partner.logo_width, partner.logo_height = logo.width, logo.height


def _require_admin(user) -> None:
    if not getattr(user, "is_admin", False):
        raise PermissionDenied(_("Only admins can do this."))
