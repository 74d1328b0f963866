"""`flask kd import-wordpress` on the shared WordPress 6.1 export (used as is) and on hostile exports."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kd import db
from kd.accounts.models import Role
from kd.audit.models import AuditEntry
from kd.content.states import ModerationState
from kd.media.models import Photo
from kd.pages.models import SitePage
from kd.stories.models import Story
from kd.tags.models import Tag
from kd.wordpress.convert import convert
from kd.wordpress.models import WordpressItem, WordpressRedirect

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "wordpress"
EXPORT, UPLOADS = SHARED / "export.xml", SHARED / "uploads"
PUBLISHED_POSTS = 12



@pytest.fixture(autouse=True)
def shared_export():
    """The real export lies in ../shared beside the clone: a skip on a developer's machine without it, a
    failure in CI (CI=true), where a skip would hide a missing checkout."""
    if not EXPORT.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the shared WordPress export is missing: {EXPORT}")
        pytest.skip("../shared/wordpress is not beside the clone")


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN, email="admin@example.org")


@pytest.fixture
def run_import(runner, admin):
    """Photos processed in this process (--jobs 1) unless a test asks for workers: spawning them per test
    would slow the suite; test_photo_workers_make_the_same_photos covers them."""
    def run(*extra, export=EXPORT, uploads=UPLOADS):
        args = ["kd", "import-wordpress", str(export), *(["--uploads", str(uploads)] if uploads else []),
                *([] if "--jobs" in extra else ["--jobs", "1"]), *extra]
        return runner.invoke(args=args)
    return run


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def counts(app) -> dict:
    with app.app_context():
        return {model.__name__: count(model) for model in (Story, Photo, Tag, WordpressItem, WordpressRedirect,
                                                           SitePage, AuditEntry)}


def uploaded_files(app) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"])
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_every_published_post_becomes_a_story_with_tags_photos_and_date(app, run_import, make_user):
    drita = make_user(email="Drita.Berisha@diaspora-archive.example")
    result = run_import()
    assert result.exit_code == 0, result.output
    assert f"Imported {PUBLISHED_POSTS + 1} items, 21 photos" in result.output
    assert "draft on WordPress, not published" in result.output
    assert "private on WordPress, not published" in result.output
    with app.app_context():
        stories = {story.title: story for story in db.session.scalars(select(Story))}
        assert len(stories) == PUBLISHED_POSTS and all(s.state is ModerationState.APPROVED for s in stories.values())
        assert "Three generations of the Gashi family in Chicago" not in stories
        consulate = stories["Leonora Dushi opens Kosovo's first honorary consulate in Stockholm"]
        assert consulate.published_at.isoformat() == "2013-03-12T09:24:00+00:00"
        assert consulate.submitted_by_id == drita.id
        assert {tag.name for tag in consulate.tags} == {"Success stories › Diplomacy", "Gjakovë", "Stockholm"}
        assert {tag.slug for tag in consulate.tags} >= {"gjakove", "success-stories-diplomacy"}
        assert "wp:" not in consulate.body and "[caption" not in consulate.body and "<" not in consulate.body
        assert "[Dagens Diaspora](https://www.dagensdiaspora.example/" in consulate.body
        photos = db.session.scalars(select(Photo).where(Photo.story_id == consulate.id)
                                    .order_by(Photo.position)).all()
        assert [photo.alt_text for photo in photos] == ["Waterfront of Strandvägen in Stockholm",
                                                        "Leonora Dushi in front of the consulate door"]
        assert photos[1].caption == "Leonora Dushi at the door of the new consulate."
        assert not any(photo.pending_review for photo in photos)
        kelmendi = stories['Kelmendi & Sons win the "Clean Water" award']
        assert kelmendi.summary and kelmendi.submitted_by_id is None
        assert db.session.scalars(select(WordpressItem.author_name)
                                  .where(WordpressItem.subject_id == kelmendi.id)).one() == "Agon Krasniqi"
        assert kelmendi.author_name == "Agon Krasniqi" and consulate.author_name == ""   # Drita has an account
        gallery = stories["Goalkeeper Driton Haxhiu wins the Zürich amateur cup for FC Limmat"]
        assert len(db.session.scalars(select(Photo).where(Photo.story_id == gallery.id)).all()) == 4
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)
                                 .where(AuditEntry.action == "stories.imported")) == PUBLISHED_POSTS
        assert db.session.scalars(select(SitePage.slug)).all() == ["about"]


ALBANIAN_POSTS = {8, 16, 22, 28, 34, 37}   # by reading them; the export marks no language


def languages(app) -> dict[int, str]:
    with app.app_context():
        rows = db.session.execute(select(WordpressItem.wp_id, Story.language)
                                  .join(Story, Story.id == WordpressItem.subject_id)
                                  .where(WordpressItem.subject_type == "stories"))
        return dict(rows.all())


def test_without_markers_or_detection_posts_take_the_exports_site_language(app, run_import):
    result = run_import()
    assert result.exit_code == 0, result.output
    assert set(languages(app).values()) == {"en"} and "the export's site language" in result.output


def test_detect_language_imports_the_albanian_posts_as_albanian(app, run_import):
    result = run_import("--detect-language")
    assert result.exit_code == 0, result.output
    found = languages(app)
    assert {wp_id for wp_id, code in found.items() if code == "sq"} == ALBANIAN_POSTS
    assert len(found) == PUBLISHED_POSTS and "Stories by language: en 6, sq 6" in result.output


def test_a_polylang_language_term_wins_over_the_detector(app, run_import, tmp_path):
    """Polylang writes each post's language as a term of the 'language' taxonomy."""
    real = EXPORT.read_bytes()
    marker = b"<wp:post_id>5</wp:post_id>"   # an English post, marked Albanian by the editor's plugin
    assert marker in real
    export = tmp_path / "polylang.xml"
    export.write_bytes(real.replace(marker, marker + b'<category domain="language" nicename="sq">'
                                    b"<![CDATA[Shqip]]></category>", 1))
    result = run_import("--detect-language", export=export)
    assert result.exit_code == 0, result.output
    assert languages(app)[5] == "sq" and "(sq, marked in the export;" in result.output


def test_the_wordpress_author_shows_on_the_story_page_when_no_account_matches(client, run_import, make_user):
    make_user(email="drita.berisha@diaspora-archive.example")
    assert run_import().exit_code == 0
    agon = client.get("/stories/kelmendi-sons-win-the-clean-water-award").get_data(as_text=True)
    assert 'class="byline">By Agon Krasniqi<' in agon
    drita = client.get("/stories/driton-haxhiu-fc-limmat-cup").get_data(as_text=True)
    assert "byline" not in drita and "Drita Berisha" not in drita   # her KD account is not made public


def test_the_byline_is_translated(client, run_import):
    assert run_import().exit_code == 0
    client.set_cookie("kd_lang", "sq", domain="kd.test")
    page = client.get("/stories/kelmendi-sons-win-the-clean-water-award").get_data(as_text=True)
    assert 'class="byline">Nga Agon Krasniqi<' in page


def test_the_report_names_everything_skipped_missing_left_behind_and_redirected(run_import):
    result = run_import()
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Imported 13 items, 21 photos, 15 tags; 90 old addresses redirect; 2 skipped, 0 files missing, " \
           "0 photos refused." in out
    assert "post 39 “Three generations of the Gashi family in Chicago”: draft on WordPress, not published" in out
    assert "post 33 “Shënime të brendshme: kontaktet për intervista”: private on WordPress, not published" in out
    assert "2 approved comments (KD has no comments)" in out
    assert "  - /stories/driton-haxhiu-fc-limmat-cup <- ?p=11, /driton-haxhiu-fc-limmat-cup/, " in out
    assert "  - /tags/success-stories-diplomacy <- /category/success-stories/diplomacy/" in out
    assert "  - /about <- ?p=4, ?page_id=4, /about-us/" in out
    assert "by Agon Krasniqi, no KD account" in out


def test_a_post_twice_in_one_export_is_imported_once_and_reported(app, run_import, tmp_path):
    real = EXPORT.read_bytes()
    start = real.rindex(b"<item>", 0, real.index(b"<wp:post_id>5</wp:post_id>"))
    end = real.index(b"</item>", start) + len(b"</item>")
    export = tmp_path / "twice.xml"
    export.write_bytes(real[:end] + real[start:end] + real[end:])
    result = run_import(export=export)
    assert result.exit_code == 0, result.output
    assert "a duplicate of post 5 “Leonora Dushi opens" in result.output
    with app.app_context():
        assert count(Story) == PUBLISHED_POSTS


def photo_files(app) -> list[tuple]:
    with app.app_context():
        return sorted(db.session.execute(select(Photo.content_hash, Photo.original_path, Photo.width, Photo.height,
                                                Photo.alt_text, Photo.position)).all())


def test_photo_workers_make_the_same_photos(app, run_import, monkeypatch):
    """--jobs 2 decodes and resizes in worker processes: the same files, rows and report as in one process."""
    from kd.wordpress.photos import PhotoWork

    real_result, from_workers = PhotoWork.result, []

    def result(work, path):
        from_workers.append(path in work._futures)
        return real_result(work, path)
    monkeypatch.setattr(PhotoWork, "result", result)
    first = run_import("--jobs", "2")
    assert first.exit_code == 0, first.output
    assert len(from_workers) == 21 and all(from_workers)
    with_workers, files = photo_files(app), sorted(uploaded_files(app))
    with app.app_context():
        db.session.execute(Photo.__table__.delete())
        for model in (WordpressRedirect, WordpressItem, Story, SitePage):
            db.session.execute(model.__table__.delete())
        db.session.commit()
    for path in uploaded_files(app):
        path.unlink()
    second = run_import("--jobs", "1")
    assert second.exit_code == 0, second.output
    assert len(with_workers) == 21 and photo_files(app) == with_workers and sorted(uploaded_files(app)) == files
    report = lambda output: [line for line in output.splitlines() if not line.startswith("Importing")]  # noqa: E731
    assert report(first.output) == report(second.output)


def test_imported_photos_lose_their_exif(app, run_import):
    from PIL import Image

    assert run_import().exit_code == 0
    with app.app_context():
        for photo in db.session.scalars(select(Photo)):
            with Image.open(Path(app.config["UPLOAD_DIR"]) / photo.original_path) as image:
                assert not image.getexif(), photo.original_name


def test_imported_stories_are_found_by_search(client, run_import):
    assert run_import().exit_code == 0
    page = client.get("/search?q=Haxhiu").get_data(as_text=True)
    assert "/stories/driton-haxhiu-fc-limmat-cup" in page


def test_the_import_announces_its_stories_in_batches_not_per_post(app, run_import):
    """One content_changed (one search-index write) per batch of posts: a write per post made an import
    of 1,000 posts take minutes."""
    from kd.content import changes

    sent = []
    receiver = lambda _session, changes: sent.append(len(changes))  # noqa: E731
    changes.content_changed.connect(receiver)
    try:
        assert run_import().exit_code == 0
    finally:
        changes.content_changed.disconnect(receiver)
    assert len(sent) == 1 and sent[0] >= PUBLISHED_POSTS


@pytest.mark.parametrize("old, new", [
    ("/driton-haxhiu-fc-limmat-cup/", "/stories/driton-haxhiu-fc-limmat-cup"),
    ("/goalkeeper-driton-haxhiu-wins-the-zurich-amateur-cup-for-fc-limmat/", "/stories/driton-haxhiu-fc-limmat-cup"),
    ("/2014/06/20/driton-haxhiu-fc-limmat-cup/", "/stories/driton-haxhiu-fc-limmat-cup"),
    ("/category/sport/driton-haxhiu-fc-limmat-cup/", "/stories/driton-haxhiu-fc-limmat-cup"),
    ("/?p=11", "/stories/driton-haxhiu-fc-limmat-cup"),
    ("/%c3%a7mim-i-art%c3%ab-p%c3%abr-xhudisten-erza-byty%c3%a7i/", "/stories/cmim-i-arte-per-xhudisten-erza-bytyci"),
    ("/category/success-stories/diplomacy/", "/tags/success-stories-diplomacy"),
    ("/tag/cmime/", "/tags/cmime"),
    ("/about-us/", "/about"),
])
def test_old_addresses_answer_301(client, run_import, old, new):
    assert run_import().exit_code == 0
    response = client.get(old)
    assert response.status_code == 301 and response.headers["Location"].endswith(new)
    assert client.get(response.headers["Location"]).status_code == 200


def test_unknown_old_addresses_stay_404(client, run_import):
    assert run_import().exit_code == 0
    assert client.get("/no-such-post/").status_code == 404
    assert client.get("/?p=999").status_code == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_other_methods_on_unknown_addresses_are_404_not_405(client, method):
    """The catch-all for old addresses is a GET rule; without care every POST to a made-up address was a 405."""
    assert client.open("/no-such-post/", method=method).status_code == 404
    assert client.open("/2019/06/12/nothing/here", method=method).status_code == 404


def test_a_real_page_keeps_its_405(client):
    assert client.post("/search").status_code == 405
    assert client.post("/stories/some-story").status_code == 405


def test_a_second_run_adds_nothing(app, run_import):
    assert run_import().exit_code == 0
    before, files = counts(app), sorted(uploaded_files(app))
    again = run_import()
    assert again.exit_code == 0, again.output
    assert "Imported 0 items" in again.output and again.output.count("already imported") == PUBLISHED_POSTS + 1
    assert "0 old addresses redirect; 15 skipped" in again.output
    assert counts(app) == before and sorted(uploaded_files(app)) == files


def test_dry_run_writes_nothing(app, run_import):
    before = counts(app)
    result = run_import("--dry-run")
    assert result.exit_code == 0, result.output
    assert "DRY RUN" in result.output and f"Would import {PUBLISHED_POSTS + 1} items" in result.output
    assert counts(app) == before and uploaded_files(app) == []


def test_submitted_state_and_skipped_pages(app, run_import):
    result = run_import("--as-state", "submitted", "--pages", "skip")
    assert result.exit_code == 0, result.output
    assert "pages skipped (--pages skip)" in result.output
    with app.app_context():
        assert {story.state for story in db.session.scalars(select(Story))} == {ModerationState.SUBMITTED}
        assert count(SitePage) == 0


def test_a_missing_file_is_reported_not_fatal(app, run_import, tmp_path):
    partial = tmp_path / "partial-uploads"
    shutil.copytree(UPLOADS / "2013", partial / "2013")
    result = run_import(uploads=partial)
    assert result.exit_code == 0, result.output
    assert "Missing files (not in --uploads):" in result.output and "2019/06/jeta-hoti-maratona-stockholm.jpg" in result.output
    with app.app_context():
        assert count(Story) == PUBLISHED_POSTS and 0 < count(Photo) < 21


def test_an_interrupted_run_leaves_no_half_imported_story(app, run_import, monkeypatch):
    from kd.wordpress import services

    real, calls = services._post_redirects, []

    def fail_on_third(plan, item, story):
        calls.append(item.wp_id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(plan, item, story)
    monkeypatch.setattr(services, "_post_redirects", fail_on_third)
    run_import()
    with app.app_context():
        assert count(Story) == 2 and count(WordpressItem) == 3    # the page and two posts
        assert db.session.scalar(select(func.count()).select_from(Photo).where(Photo.story_id.is_(None),
                                                                                Photo.profile_id.is_(None))) == 0
    monkeypatch.setattr(services, "_post_redirects", real)
    assert run_import().exit_code == 0
    with app.app_context():
        assert count(Story) == PUBLISHED_POSTS


def test_no_admin_no_import(app, runner):
    result = runner.invoke(args=["kd", "import-wordpress", str(EXPORT)])
    assert result.exit_code == 1 and "create-admin" in result.output


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss><channel><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version>
<item><title>&lol3;</title></item></channel></rss>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><wp:wxr_version xmlns:wp="http://wordpress.org/export/1.2/">1.2</wp:wxr_version>
<item><title>&secret;</title></item></channel></rss>"""


def hostile(name: str, tmp_path: Path) -> Path:
    real = EXPORT.read_bytes()
    data = {
        "billion laughs": BILLION_LAUGHS.encode(),
        "external entity": EXTERNAL_ENTITY.encode(),
        "truncated": real[:len(real) // 2],
        "non-UTF-8": real.replace("Çmime".encode(), "Çmime".encode("latin-1")),
        "climbing path": real.replace(b"<![CDATA[2013/03/stockholm-strandvagen-consulate.jpg]]>",
                                      b"<![CDATA[../../../etc/passwd]]>", 1),
        "not an export": b"<?xml version='1.0'?><html><body>hello</body></html>",
    }[name]
    path = tmp_path / "hostile.xml"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, message", [
    ("billion laughs", "declares entities"),
    ("external entity", "declares entities"),
    ("truncated", "not well-formed XML"),
    ("non-UTF-8", "is not UTF-8"),
    ("climbing path", "outside the uploads folder"),
    ("not an export", "not a WordPress export"),
])
def test_hostile_exports_fail_clearly_and_change_nothing(app, run_import, tmp_path, name, message):
    before = counts(app)
    result = run_import(export=hostile(name, tmp_path))
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output
    assert counts(app) == before and uploaded_files(app) == []


def test_convert_block_markup_captions_and_galleries():
    html = ('<!-- wp:paragraph --><p>One. <strong>Two</strong></p><!-- /wp:paragraph -->'
            '[caption id="attachment_7" width="300"]<img src="x-300x225.jpg" alt="Door" /> The door.[/caption]'
            '[gallery ids="13,14"]<figure><img src="/wp-content/uploads/a.jpg" alt="A"/>'
            '<figcaption>Cap</figcaption></figure><script>alert(1)</script>')
    converted = convert(html)
    assert converted.markdown == "One. **Two**"
    assert [(ref.attachment_id, ref.alt, ref.caption) for ref in converted.images] == [
        (7, "Door", "The door."), (13, "", ""), (14, "", ""), (None, "A", "Cap")]


def test_password_protected_posts_and_climbing_image_addresses_in_text(app, run_import, tmp_path):
    real = EXPORT.read_bytes()
    marker = b"<wp:post_id>25</wp:post_id>"
    protected = real.replace(marker, marker + b"<wp:post_password><![CDATA[secret]]></wp:post_password>", 1)
    climbing = protected.replace(b"<h2>Nga Boni", b'<img src="https://diaspora-archive.example/wp-content/'
                                 b'uploads/../../../../etc/hostname" alt="x"><h2>Nga Boni', 1)
    export = tmp_path / "export.xml"
    export.write_bytes(climbing)
    result = run_import(export=export)
    assert result.exit_code == 0, result.output
    assert "password-protected on WordPress" in result.output
    assert "../../../../etc/hostname: outside the uploads folder; refused" in result.output
    with app.app_context():
        assert count(Story) == PUBLISHED_POSTS - 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_1_gb_image_is_refused_by_its_size_unread(app, run_import, tmp_path, jobs):
    uploads = tmp_path / "uploads"
    shutil.copytree(UPLOADS, uploads)
    huge = uploads / "2019/06/jeta-hoti-maratona-stockholm.jpg"
    with huge.open("r+b") as file:
        file.truncate(1 << 30)   # sparse: a gigabyte on paper, nothing on the disk
    result = run_import("--jobs", jobs, uploads=uploads)
    assert result.exit_code == 0, result.output
    assert "2019/06/jeta-hoti-maratona-stockholm.jpg: 1024 MB, more than 10 MB" in result.output
    with app.app_context():
        assert count(Story) == PUBLISHED_POSTS and count(Photo) == 20
