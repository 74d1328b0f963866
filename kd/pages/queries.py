from __future__ import annotations

from sqlalchemy import select

from kd.db import session
from kd.pages.defaults import default_text
from kd.pages.models import Partner, SitePage


def site_page(slug: str) -> SitePage | None:
    return session.scalars(select(SitePage).where(SitePage.slug == slug)).first()


def page_text(slug: str, locale: str) -> str:
    """The saved text in the locale, else the other saved language, else the built-in default."""
    page = site_page(slug)
    if page is None:
        return default_text(slug, locale)
    other = "en" if locale == "sq" else "sq"
    return getattr(page, f"body_{locale}") or getattr(page, f"body_{other}") or default_text(slug, locale)


def page_texts(slug: str) -> dict[str, str]:
    """Both languages as the edit form starts from them."""
    page = site_page(slug)
    return {locale: (getattr(page, f"body_{locale}") if page else "") or default_text(slug, locale)
            for locale in ("en", "sq")}


def partners() -> list[Partner]:
    return list(session.scalars(select(Partner).order_by(Partner.position, Partner.id)))
