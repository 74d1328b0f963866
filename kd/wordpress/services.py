"""Bringing a WordPress export into KD. prepare() reads and checks the whole export before anything is
written; import_item() brings in one post or page and is meant to run in a transaction of its own (the CLI
commits each one), so an interrupted run never leaves half a story. Nothing here commits."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from flask import current_app
from sqlalchemy import func, or_, select

from kd.accounts.models import Role, User
from kd.audit.services import record
from kd.content.states import ModerationState
from kd.core.errors import DomainError
from kd.core.text import normalise_space, slugify
from kd.db import session, unique_slug, utcnow
from kd.media import services as media
from kd.media.images import human_size
from kd.pages import services as pages
from kd.pages.defaults import PAGE_TITLES
from kd.stories import services as stories
from kd.stories.models import Story
from kd.tags.services import tag_for
from kd.wordpress import convert, language, wxr
from kd.wordpress.models import WordpressItem, WordpressRedirect
from kd.wordpress.photos import PhotoWork

STATES = {"approved": ModerationState.APPROVED, "submitted": ModerationState.SUBMITTED}
# WordPress page slugs that stand for one of KD's own site pages.
PAGE_SLUGS = {"about": "about", "about-us": "about", "rreth-nesh": "about", "privacy": "privacy",
              "privacy-policy": "privacy", "privatesia": "privacy"}
DEFAULT_CATEGORY = "uncategorized"
PHOTO_LIMIT = media.PHOTO_LIMITS["story"]
PHOTOS_AHEAD = 8


class WordpressError(DomainError):
    """The export cannot be imported as it is; nothing was written."""


@dataclass
class Options:
    uploads: Path | None = None
    state: ModerationState = ModerationState.APPROVED
    pages: bool = True
    dry_run: bool = False
    detect_language: bool = False
    jobs: int = 1            # processes that decode and encode photos (more than 1: worker processes)


@dataclass
class Report:
    imported: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    missing_files: list[tuple[str, str]] = field(default_factory=list)
    refused_photos: list[tuple[str, str]] = field(default_factory=list)
    not_brought: list[tuple[str, str]] = field(default_factory=list)   # parts of imported items KD has no place for
    photos: int = 0
    redirected: dict[str, str] = field(default_factory=dict)   # old address -> new one, once even in a dry run
    tags: set[str] = field(default_factory=set)
    languages: Counter[str] = field(default_factory=Counter)   # stories per language

    @property
    def redirects(self) -> int:
        return len(self.redirected)


@dataclass
class Plan:
    export: wxr.Export
    options: Options
    importer: User
    photos: PhotoWork
    report: Report = field(default_factory=Report)
    seen: dict[str, str] = field(default_factory=dict)   # 'id:25', 'guid:…' -> the label of the first such item
    converted: dict[int, convert.Converted] = field(default_factory=dict)   # items whose photos are started

    def items(self) -> Iterator[wxr.Item]:
        """In export order; with photo workers, the photos of the next PHOTOS_AHEAD items are under way."""
        items, started = self.export.items, 0
        for index, item in enumerate(items):
            while self.options.jobs > 1 and started < min(len(items), index + PHOTOS_AHEAD):
                _start_photos(self, items[started])
                started += 1
            yield item

    def close(self) -> None:
        self.photos.close()


def prepare(path: Path, options: Options, importer_email: str | None = None) -> Plan:
    """Read the export and check it whole: safe XML, files inside the uploads folder, an admin to record it."""
    try:
        export = wxr.read(path)
    except wxr.ExportRefused as error:
        raise WordpressError(str(error)) from error
    if options.uploads is not None and not options.uploads.is_dir():
        raise WordpressError(f"The uploads folder {options.uploads} does not exist.")
    for attachment in export.attachments.values():
        _refuse_climbing(attachment.file, attachment.wp_id)
    importer = _importer(importer_email)
    return Plan(export, options, importer, PhotoWork(current_app.config["MAX_IMAGE_PIXELS"], options.jobs))


def _refuse_climbing(relative: str, wp_id: int) -> None:
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if relative.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
        raise WordpressError(f"Attachment {wp_id} names the file {relative!r}, which is outside the uploads "
                             "folder; the import refuses such exports.")


def _importer(email: str | None) -> User:
    query = select(User).where(User.role == Role.ADMIN)
    if email:
        query = query.where(func.lower(User.email) == email.strip().lower())
    admin = session.scalars(query.order_by(User.id)).first()
    if admin is None:
        raise WordpressError(f"No admin account {email}." if email else
                             "An import is recorded under an admin account: create one first "
                             "(flask --app app kd create-admin EMAIL).")
    return admin


def import_item(plan: Plan, item: wxr.Item) -> None:
    """One post or page: imported, or skipped with a reason in the report."""
    reason = _skip_reason(plan, item)
    _see(plan, item)
    if reason:
        plan.report.skipped.append((_label(item), reason))
        return
    if item.post_type == "page":
        _import_page(plan, item)
    else:
        _import_post(plan, item)


def _label(item: wxr.Item) -> str:
    return f"{item.post_type} {item.wp_id} “{item.title or '(no title)'}”"


def _skip_reason(plan: Plan, item: wxr.Item) -> str:
    if item.post_type not in ("post", "page"):
        return f"a {item.post_type or 'nameless'} item, not a post or page"
    if item.post_type == "page" and not plan.options.pages:
        return "pages skipped (--pages skip)"
    if item.status != "publish":
        return f"{item.status or 'unknown'} on WordPress, not published"
    if item.password:
        return "password-protected on WordPress"
    if first := _first_of(plan, item):
        return f"a duplicate of {first} in this export (same post id or GUID)"
    if _already_imported(plan.export.site, item):
        return "already imported"
    if item.post_type == "page" and item.slug not in PAGE_SLUGS:
        return f"KD has no site page for /{item.slug}/ (it has {', '.join(PAGE_TITLES)})"
    return ""


def _keys(item: wxr.Item) -> list[str]:
    return [f"id:{item.wp_id}", *([f"guid:{item.guid}"] if item.guid else [])]


def _first_of(plan: Plan, item: wxr.Item) -> str:
    return next((plan.seen[key] for key in _keys(item) if key in plan.seen), "")


def _see(plan: Plan, item: wxr.Item) -> None:
    for key in _keys(item):
        plan.seen.setdefault(key, _label(item))


def _already_imported(site: str, item: wxr.Item) -> bool:
    same_post = (WordpressItem.site == site) & (WordpressItem.wp_id == item.wp_id)
    match = or_(same_post, WordpressItem.guid == item.guid) if item.guid else same_post
    return session.scalar(select(WordpressItem.id).where(match).limit(1)) is not None


def _import_post(plan: Plan, item: wxr.Item) -> None:
    converted = plan.converted.pop(item.wp_id, None) or convert.convert(item.content)
    author, author_name = _author(plan.export, item.author_login)
    code, found_by = _language(plan, item)
    story = _new_story(plan, item, converted, (author, author_name), code)
    _remember(plan, item, story, author_name)
    _add_photos(plan, item, story, converted.images)
    _post_redirects(plan, item, story)
    plan.report.languages[code] += 1
    if item.comments:
        plan.report.not_brought.append((_label(item), f"{item.comments} approved comments (KD has no comments)"))
    plan.report.imported.append(f"{_label(item)} -> /stories/{story.slug} ({code}, {found_by}; "
                                f"{len(story.tags)} tags; {_byline(author, author_name)})")


def _new_story(plan: Plan, item: wxr.Item, converted: convert.Converted, by: tuple[User | None, str],
               code: str) -> Story:
    """Built in its final state, as published elsewhere: the import is the decision, recorded as one.
    by: the author's KD account, or else the name WordPress gave them (shown on the story page)."""
    author, author_name = by
    state, when = plan.options.state, item.date or utcnow()
    story = Story(state=state, submitted_by_id=getattr(author, "id", None), submitted_at=when,
                  reviewed_by_id=plan.importer.id if state is ModerationState.APPROVED else None,
                  reviewed_at=utcnow() if state is ModerationState.APPROVED else None,
                  published_at=when if state is ModerationState.APPROVED else None,
                  title=normalise_space(item.title)[:200] or f"WordPress post {item.wp_id}",
                  language=code, author_name=author_name[:160])
    story.slug = unique_slug(Story, slugify(item.slug or story.title, max_length=100))
    session.add(story)
    session.flush()
    stories.apply_revision_data(story, {
        "summary": _summary(item, converted.markdown), "body": converted.markdown[:50000],
        "tags": _tag_names(plan, item)})
    record(plan.importer, "stories.imported", story, source="wordpress", wp_id=item.wp_id, guid=item.guid,
           state=state.value, author=item.author_login)
    return story


def _summary(item: wxr.Item, markdown: str) -> str:
    excerpt = convert.plain(item.excerpt)
    return (excerpt or convert.first_sentence(convert.plain(_markdown_text(markdown))))[:500]


def _markdown_text(markdown: str) -> str:
    from kd.core.markdown import plain_text
    return plain_text(markdown)


def _language(plan: Plan, item: wxr.Item) -> tuple[str, str]:
    """The post's language and how it was found: a plugin's marker on the post (Polylang's 'language'
    term), the detector when --detect-language asks for it, the export's site language, the KD default."""
    languages = tuple(current_app.config["LANGUAGES"])
    marked = _language_code(item.language, languages)
    if marked:
        return marked, "marked in the export"
    if plan.options.detect_language:
        detected = language.detect(f"{item.title}\n{convert.plain(item.content)}", languages)
        if detected:
            return detected, "detected"
    site = _language_code(plan.export.language, languages)
    if site:
        return site, "the export's site language"
    return current_app.config["BABEL_DEFAULT_LOCALE"], "KD's default language"


def _language_code(marker: str, languages: tuple[str, ...]) -> str:
    code = marker.replace("_", "-").split("-")[0].lower()
    return code if code in languages else ""


def _author(export: wxr.Export, login: str) -> tuple[User | None, str]:
    """The KD account with the WordPress author's email, else only their name (no account is made)."""
    author = export.authors.get(login)
    if author is None:
        return None, login
    user = session.scalars(select(User).where(func.lower(User.email) == author.email.lower())).first() \
        if author.email else None
    return user, "" if user else (author.display_name or login)


def _byline(author: User | None, author_name: str) -> str:
    if author is not None:
        return f"by the KD account {author.email}"
    return f"by {author_name}, no KD account" if author_name else "no author"


def _tag_names(plan: Plan, item: wxr.Item) -> list[str]:
    names = [_term_name(plan.export, taxonomy, slug) for taxonomy, slug in item.terms
             if taxonomy in ("category", "post_tag") and slug != DEFAULT_CATEGORY]
    plan.report.tags.update(name for name in names if name)
    return [name for name in names if name]


def _term_name(export: wxr.Export, taxonomy: str, slug: str) -> str:
    """Categories are flattened: a child keeps its parents' names ('Success stories › Diplomacy')."""
    term = export.terms.get((taxonomy, slug))
    if term is None:
        return slug.replace("-", " ")
    names, seen = [term.name], {term.slug}
    while term.parent and term.parent not in seen:
        parent = export.terms.get((taxonomy, term.parent))
        if parent is None:
            break
        names.insert(0, parent.name)
        seen.add(parent.slug)
        term = parent
    return " › ".join(names)[:80]


def _remember(plan: Plan, item: wxr.Item, subject, author_name: str = "") -> None:
    session.add(WordpressItem(site=plan.export.site, wp_id=item.wp_id, guid=item.guid[:500],
                              subject_type=getattr(subject, "__tablename__", "site_pages"),
                              subject_id=subject.id, author_name=author_name[:160]))


# Photos ------------------------------------------------------------------------------------------------

def _add_photos(plan: Plan, item: wxr.Item, story: Story, refs: list[convert.ImageRef]) -> None:
    wanted = _photo_sources(plan.export, item, refs)
    for index, (relative, details) in enumerate(wanted):
        if index >= PHOTO_LIMIT:
            plan.report.refused_photos.append((relative, f"a story keeps at most {PHOTO_LIMIT} photos"))
            continue
        _add_photo(plan, item, story, relative, details)


def _photo_sources(export: wxr.Export, item: wxr.Item, refs) -> list[tuple[str, media.PhotoDetails]]:
    """The featured image first, then the images of the text, each file once."""
    found: dict[str, media.PhotoDetails] = {}
    featured = export.attachments.get(item.thumbnail_id) if item.thumbnail_id else None
    if featured is not None:
        found[featured.file] = _details(featured, None, item.title)
    for ref in refs:
        attachment = export.attachments.get(ref.attachment_id) if ref.attachment_id else None
        relative = attachment.file if attachment else _original_of(wxr.uploads_relative(ref.src) or "")
        if relative and relative not in found or relative and ref.caption and not found[relative].caption:
            found[relative] = _details(attachment, ref, item.title)
    return list(found.items())


def _original_of(relative: str) -> str:
    """'2019/06/a-300x225.jpg' -> '2019/06/a.jpg': the upload, not a size WordPress made of it."""
    import re
    return re.sub(r"-\d+x\d+(\.\w+)$", r"\1", relative)


def _details(attachment: wxr.Attachment | None, ref: convert.ImageRef | None, title: str) -> media.PhotoDetails:
    alt = (attachment.alt if attachment else "") or (ref.alt if ref else "") or title
    caption = (ref.caption if ref else "") or (convert.plain(attachment.caption) if attachment else "")
    return media.PhotoDetails(alt_text=normalise_space(alt)[:300], caption=normalise_space(caption)[:300])


def _start_photos(plan: Plan, item: wxr.Item) -> None:
    """Hand the files of a post that will be imported to the photo workers, ahead of its turn."""
    if item.wp_id in plan.converted or item.post_type != "post" or _skip_reason(plan, item):
        return
    converted = plan.converted[item.wp_id] = convert.convert(item.content)
    for relative, _details in _photo_sources(plan.export, item, converted.images)[:PHOTO_LIMIT]:
        path, refusal = _usable_file(plan, relative)
        if path is not None and not refusal:
            plan.photos.ahead(path)


def _usable_file(plan: Plan, relative: str) -> tuple[Path | None, str]:
    """The file to bring in, or why not: refused (outside the folder, too large), or None if missing."""
    path, refusal = _uploaded_file(plan, relative)
    if path is None or refusal:
        return path, refusal
    size, limit = path.stat().st_size, current_app.config["MAX_UPLOAD_BYTES"]
    return path, f"{human_size(size)}, more than {human_size(limit)}" if size > limit else ""


def _add_photo(plan: Plan, item: wxr.Item, story: Story, relative: str, details: media.PhotoDetails) -> None:
    path, refusal = _usable_file(plan, relative)
    if refusal:
        plan.report.refused_photos.append((relative, refusal))
        return
    if path is None:
        plan.report.missing_files.append((_label(item), relative))
        return
    try:
        photo = media.add_generated_photo(story, plan.importer, plan.photos.result(path), details,
                                          original_name=PurePosixPath(relative).name)
    except media.PhotoNotStored:
        raise
    except DomainError as error:
        plan.report.refused_photos.append((relative, error.message))
        return
    record(plan.importer, "photo.imported", photo, source="wordpress", file=relative)
    plan.report.photos += 1


def _uploaded_file(plan: Plan, relative: str) -> tuple[Path | None, str]:
    """The file under --uploads (None if absent), or why it is refused: a path that climbs out of the folder,
    by '..' or through a symbolic link. (Attachments were checked before the import began; this catches
    image addresses written in a post's text.)"""
    uploads = plan.options.uploads
    if uploads is None or not relative:
        return None, ""
    try:
        _refuse_climbing(relative, 0)
    except WordpressError:
        return None, "outside the uploads folder; refused"
    root = uploads.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        return None, "leads outside the uploads folder; refused"
    return (path if path.is_file() else None), ""


# Pages and redirects ------------------------------------------------------------------------------------

def _import_page(plan: Plan, item: wxr.Item) -> None:
    slug = PAGE_SLUGS[item.slug]
    body = convert.convert(item.content).markdown
    code, found_by = _language(plan, item)
    from kd.pages.queries import site_page
    current = site_page(slug)
    body_en = body if code == "en" else (current.body_en if current else "")
    body_sq = body if code == "sq" else (current.body_sq if current else "")
    page = pages.save_page(plan.importer, slug, body_en, body_sq)
    session.flush()
    record(plan.importer, "site_page.imported", page, source="wordpress", wp_id=item.wp_id, language=code)
    _remember(plan, item, page)
    _redirect(plan, _paths_of(plan.export, item), "page", page.id, f"/{slug}")
    plan.report.imported.append(f"{_label(item)} -> /{slug} ({code}, {found_by})")


def _post_redirects(plan: Plan, item: wxr.Item, story: Story) -> None:
    _redirect(plan, _paths_of(plan.export, item), "story", story.id, f"/stories/{story.slug}")
    for taxonomy, slug in item.terms:
        if taxonomy in ("category", "post_tag") and slug != DEFAULT_CATEGORY:
            tag = tag_for(_term_name(plan.export, taxonomy, slug))
            if tag is not None:
                _redirect(plan, _archive_paths(plan.export, taxonomy, slug), "tag", tag.id, f"/tags/{tag.slug}")


def _paths_of(export: wxr.Export, item: wxr.Item) -> list[str]:
    """/%postname%/, /YYYY/MM/DD/slug/, /category/…/slug/, the item's own link and ?p=ID."""
    paths = [f"?p={item.wp_id}", f"?page_id={item.wp_id}" if item.post_type == "page" else ""]
    link = link_path(item.link, export.site)
    paths.append(link)
    for slug in filter(None, [item.slug, *item.old_slugs]):
        paths += [f"/{slug}/", f"/{item.local_day}/{slug}/"]
        paths += [f"{_category_path(export, term)}{slug}/" for taxonomy, term in item.terms if taxonomy == "category"]
    return [path for path in paths if path]


def _archive_paths(export: wxr.Export, taxonomy: str, slug: str) -> list[str]:
    if taxonomy == "post_tag":
        return [f"/tag/{slug}/", f"?tag={slug}"]
    return [_category_path(export, slug), f"/category/{slug}/", f"?category_name={slug}"]


def _category_path(export: wxr.Export, slug: str) -> str:
    chain, term = [slug], export.terms.get(("category", slug))
    while term is not None and term.parent and term.parent not in chain:
        chain.insert(0, term.parent)
        term = export.terms.get(("category", term.parent))
    return "/category/" + "/".join(chain) + "/"


def link_path(link: str, site: str) -> str:
    from urllib.parse import unquote, urlsplit
    parts = urlsplit(link)
    if not link or (site and not link.startswith(site)):
        return ""
    return normalise_path(unquote(parts.path)) + (f"?{parts.query}" if parts.query else "") \
        if parts.path not in ("", "/") else (f"?{parts.query}" if parts.query else "")


def normalise_path(path: str) -> str:
    """One spelling for lookups: lower-case, one slash at each end ('/A/b' -> '/a/b/'); queries as they are."""
    if path.startswith("?"):
        return path
    inner = path.strip("/").lower()
    return f"/{inner}/" if inner else "/"


def _redirect(plan: Plan, paths: list[str], target_type: str, target_id: int, target: str) -> None:
    for path in dict.fromkeys(normalise_path(path) for path in paths):
        if len(path) > 500 or path == "/":
            continue
        existing = session.scalars(select(WordpressRedirect).where(WordpressRedirect.old_path == path)).first()
        if existing is None:
            session.add(WordpressRedirect(old_path=path, target_type=target_type, target_id=target_id))
            session.flush()
            plan.report.redirected[path] = target
