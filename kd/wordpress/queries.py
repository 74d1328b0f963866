"""Where an old WordPress address leads now."""
from __future__ import annotations

from sqlalchemy import select

from kd.db import session
from kd.pages.models import SitePage
from kd.stories.models import Story
from kd.tags.models import Tag
from kd.wordpress.models import WordpressRedirect

# Query parameters WordPress answers on its front page: ?p=25, ?page_id=4, ?tag=peje, ?cat… ?category_name=…
QUERY_KEYS = ("p", "page_id", "tag", "category_name")


def redirect_target(old_path: str) -> tuple[str, str] | None:
    """('story', slug), ('tag', slug) or ('page', slug) for a remembered address, else None."""
    found = session.execute(select(WordpressRedirect.target_type, WordpressRedirect.target_id)
                            .where(WordpressRedirect.old_path == old_path)).first()
    if found is None:
        return None
    model = {"story": Story, "tag": Tag, "page": SitePage}.get(found.target_type)
    slug = session.scalar(select(model.slug).where(model.id == found.target_id)) if model else None
    return (found.target_type, slug) if slug else None
