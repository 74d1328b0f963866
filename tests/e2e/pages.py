"""Every page kind the browser checks (axe, HTML validity, screenshots, weight), and who opens it.

To check a new page, add one PageKind below. `path` is a URL or a function of the live site (for
URLs with ids); `viewers` are who opens it: "visitor" (logged out), "member", "editor", "admin".
Each page is checked for each viewer in English and in Albanian. `submit_empty` posts the page's
first form with nothing filled in, to check the page as it shows errors.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

VISITOR, MEMBER, EDITOR, ADMIN = "visitor", "member", "editor", "admin"
EVERYONE = (VISITOR, MEMBER)
LANGUAGES = ("en", "sq")


@dataclass(frozen=True)
class PageKind:
    name: str
    path: str | Callable[[object], str]
    viewers: tuple[str, ...] = EVERYONE
    status: int = 200
    submit_empty: bool = False
    screenshot: bool = True

    def url(self, site) -> str:
        return self.path(site) if callable(self.path) else self.path


def _admin_user_page(site) -> str:
    return f"/admin/users/{site.viewers[MEMBER].id}"


def _story_page(site) -> str:
    return f"/stories/{site.first_published('Story').slug}"


def _person_page(site) -> str:
    return f"/people/{site.first_published('Profile').slug}"


def _tag_page(site) -> str:
    return f"/tags/{site.first_published('Story').tags[0].slug}"


def _collection_edit_page(site) -> str:
    from sqlalchemy import select

    from kd import db
    from kd.collections.models import Collection
    with site.app.app_context():
        return f"/editor/collections/{db.session.scalars(select(Collection.id).order_by(Collection.id)).first()}"


def _embed_page(site) -> str:
    return f"/embed/stories/{site.first_published('Story').slug}"


def _translate_page(site) -> str:
    """An editor translates the newest published story (editors may translate anything)."""
    story = site.first_published("Story")
    return f"/translate/story/{story.id}/{'en' if story.language == 'sq' else 'sq'}"


def _translation_review_page(site) -> str:
    from sqlalchemy import select

    from kd import db
    from kd.bilingual.models import Translation
    with site.app.app_context():
        return f"/editor/translations/{db.session.scalars(select(Translation.id).order_by(Translation.id)).first()}"


PAGES = (
    PageKind("home", "/"),
    PageKind("story", _story_page),
    PageKind("profile", _person_page),
    PageKind("search", "/search?q=prishtine"),
    PageKind("tags", "/tags"),
    PageKind("places", "/from"),
    PageKind("fields", "/fields"),
    PageKind("stories", "/stories"),
    PageKind("people", "/people"),
    PageKind("tag", _tag_page),
    PageKind("diaspora", "/diaspora"),
    PageKind("actions", "/actions"),
    PageKind("collections", "/collections"),
    PageKind("collection", "/collections/kosovars-in-medicine"),
    PageKind("story-embed", _embed_page, viewers=(VISITOR,)),
    PageKind("editor-collections", "/editor/collections", viewers=(EDITOR,)),
    PageKind("editor-photos", "/editor/photos", viewers=(EDITOR,)),
    PageKind("editor-collection", _collection_edit_page, viewers=(EDITOR,)),
    PageKind("about", "/about"),
    PageKind("privacy", "/privacy"),
    PageKind("partners", "/partners"),
    PageKind("contact", "/contact"),
    PageKind("newsletter", "/newsletter/"),
    PageKind("my-submissions", "/my/submissions", viewers=(MEMBER,)),
    PageKind("welcome", "/account/welcome", viewers=(MEMBER,)),
    PageKind("new-profile", "/my/profiles/new", viewers=(MEMBER,)),
    PageKind("new-story", "/my/stories/new", viewers=(MEMBER,)),
    PageKind("new-story-errors", "/my/stories/new", viewers=(MEMBER,), status=400, submit_empty=True,
             screenshot=False),
    PageKind("editor-queue", "/editor/queue", viewers=(EDITOR,)),
    PageKind("needs-translation", "/translations/needed", viewers=(MEMBER,)),
    PageKind("my-translations", "/my/translations", viewers=(MEMBER,)),
    PageKind("translate", _translate_page, viewers=(EDITOR,)),
    PageKind("translation-review", _translation_review_page, viewers=(EDITOR,)),
    PageKind("translators", "/editor/translators", viewers=(EDITOR,)),
    PageKind("helpers", "/helpers?help=mentoring"),
    PageKind("impact", "/impact"),
    PageKind("follows", "/follows", viewers=(MEMBER,)),
    PageKind("requests", "/my/requests", viewers=(MEMBER,)),
    PageKind("editor-introductions", "/editor/introductions", viewers=(EDITOR,)),
    PageKind("login", "/account/login", viewers=(VISITOR,)),
    PageKind("login-errors", "/account/login", viewers=(VISITOR,), status=400, submit_empty=True,
             screenshot=False),
    PageKind("register", "/account/register", viewers=(VISITOR,)),
    PageKind("register-errors", "/account/register", viewers=(VISITOR,), status=400, submit_empty=True),
    PageKind("forgot-password", "/account/forgot", viewers=(VISITOR,)),
    PageKind("reset-password", "/account/reset/not-a-real-token", viewers=(VISITOR,), screenshot=False),
    PageKind("settings", "/account/settings", viewers=(MEMBER,)),
    PageKind("delete-account", "/account/delete", viewers=(MEMBER,)),
    PageKind("editor-dashboard", "/editor/", viewers=(EDITOR,)),
    PageKind("admin-users", "/admin/users", viewers=(ADMIN,)),
    PageKind("admin-user", _admin_user_page, viewers=(ADMIN,)),
    PageKind("not-found", "/no-such-page", status=404, screenshot=False),
)


@dataclass(frozen=True)
class PageVisit:
    kind: PageKind
    viewer: str
    language: str

    @property
    def id(self) -> str:
        return f"{self.kind.name}-{self.viewer}-{self.language}"


def visits(languages: tuple[str, ...] = LANGUAGES) -> list[PageVisit]:
    """Every page kind for every viewer, in each language."""
    return [PageVisit(kind, viewer, language)
            for kind in PAGES for viewer in kind.viewers for language in languages]


def first_views() -> list[PageVisit]:
    """Every page kind once, by its first viewer, in English."""
    return [PageVisit(kind, kind.viewers[0], "en") for kind in PAGES]
