"""`make bench-import`: time `flask kd import-wordpress` on a generated export of --posts posts, each with one
small JPEG (featured image) in a generated uploads folder, and print posts/s and images/s.

    python -m bench.bench_wordpress_import --posts 1000

Everything lives under --workdir (default instance/bench-import/, git-ignored): its own SQLite database (or
--database-url), uploads, search index, export.xml and uploads copy.
"""
from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from kd import create_app, db  # noqa: E402
from kd.accounts.models import Role, User  # noqa: E402
from kd.media.models import Photo  # noqa: E402
from kd.migrate import upgrade  # noqa: E402
from kd.stories.models import Story  # noqa: E402

WORDS = ("diaspora Prishtinë Pejë Gjakovë Zürich Stockholm çmim shkencë muzikë mjek inxhiniere studente "
         "award team city family school research concert marathon consulate").split()
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example</link><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>
<wp:author><wp:author_login><![CDATA[bench]]></wp:author_login><wp:author_email><![CDATA[bench@bench.example]]>
</wp:author_email><wp:author_display_name><![CDATA[Bench Author]]></wp:author_display_name></wp:author>
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--workdir", default=str(ROOT / "instance" / "bench-import"))
    parser.add_argument("--database-url", default="", help="default: SQLite in --workdir")
    parser.add_argument("--jobs", type=int, default=0, help="the import's --jobs (default: its own default)")
    parser.add_argument("--image-size", default="320x240", help="WIDTHxHEIGHT of the generated photos")
    return parser.parse_args()


def small_jpeg(rng: random.Random, size: tuple[int, int] = (320, 240)) -> bytes:
    image = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    for _ in range(12):
        x, y = rng.randrange(size[0] - 20), rng.randrange(size[1] - 20)
        image.paste(tuple(rng.randrange(256) for _ in range(3)), (x, y, x + 20, y + 20))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def item(post_id: int, body: str, rng: random.Random) -> str:
    title = f"{sentence(rng, 6)[:-1]} {post_id}"
    tags = "".join(f'<category domain="post_tag" nicename="{word.lower()}"><![CDATA[{word}]]></category>'
                   for word in rng.sample(WORDS[:9], 2) if word.isascii())
    return f"""<item><title><![CDATA[{title}]]></title><link>https://bench.example/post-{post_id}/</link>
<dc:creator><![CDATA[bench]]></dc:creator><guid isPermaLink="false">https://bench.example/?p={post_id}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date><![CDATA[2020-01-02 10:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2020-01-02 09:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[post-{post_id}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>{tags}
<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[{post_id + 1}]]></wp:meta_value></wp:postmeta>
</item>
<item><title><![CDATA[image-{post_id}]]></title><guid isPermaLink="false">https://bench.example/wp-content/uploads/2020/01/image-{post_id}.jpg</guid>
<content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id + 1}</wp:post_id><wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>{post_id}</wp:post_parent>
<wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[2020/01/image-{post_id}.jpg]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Photo {post_id}]]></wp:meta_value></wp:postmeta>
</item>
"""


def generate(workdir: Path, posts: int, size: tuple[int, int]) -> tuple[Path, Path]:
    rng = random.Random(18)
    uploads = workdir / "wp-uploads" / "2020" / "01"
    uploads.mkdir(parents=True)
    parts = [HEAD]
    for number in range(posts):
        post_id = 100 + 2 * number
        (uploads / f"image-{post_id}.jpg").write_bytes(small_jpeg(rng, size))
        body = "".join(f"<!-- wp:paragraph --><p>{escape(sentence(rng))} <strong>{escape(sentence(rng, 4))}</strong>"
                       f"</p><!-- /wp:paragraph -->\n" for _ in range(5))
        parts.append(item(post_id, body, rng))
    parts.append("</channel></rss>\n")
    export = workdir / "export.xml"
    export.write_text("".join(parts), encoding="utf-8")
    return export, workdir / "wp-uploads"


def main() -> None:
    args = parse_args()
    workdir = Path(args.workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    width, height = (int(side) for side in args.image_size.lower().split("x"))
    export, uploads = generate(workdir, args.posts, (width, height))
    app = create_app({"DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'kd.sqlite3'}",
                      "UPLOAD_DIR": str(workdir / "uploads"), "SEARCH_INDEX_DIR": str(workdir / "index"),
                      "INSTANCE_DIR": str(workdir / "instance"), "JOBS_INLINE": True})
    with app.app_context():
        upgrade("head")
        db.session.add(User(role=Role.ADMIN, email="admin@bench.example", display_name="Admin",
                            email_confirmed=True, password_hash="x"))
        db.session.commit()
    started = time.perf_counter()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    result = app.test_cli_runner().invoke(args=["kd", "import-wordpress", str(export), "--uploads", str(uploads),
                                                *jobs])
    seconds = time.perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(result.output)
    with app.app_context():
        stories, photos = (db.session.query(model).count() for model in (Story, Photo))
    print(next(line for line in result.output.splitlines() if line.startswith("Imported")))
    print(f"{stories} posts and {photos} images in {seconds:.1f} s: {stories / seconds:.1f} posts/s, "
          f"{photos / seconds:.1f} images/s")


if __name__ == "__main__":
    main()
