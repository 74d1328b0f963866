"""The upload pipeline through the real page: formats, limits, metadata, orientation, sizes."""
from __future__ import annotations

import io
import struct
import time
import zlib
from pathlib import Path

import pillow_heif
import pytest
from PIL import ExifTags, Image

from kd.media.images import ImageRefused, ImageTooLarge, clean, variant_widths
from tests.conftest import image_bytes
from tests.media.conftest import stored_files

REFUSED_TYPE = "not a photo we can use"


@pytest.fixture
def story(owner, make_story):
    return make_story(submitted_by=owner)


@pytest.fixture
def logged_in(login, owner):
    login(owner)
    return owner


def _open_stored(app, key: str) -> Image.Image:
    return Image.open(io.BytesIO((Path(app.config["UPLOAD_DIR"]) / key).read_bytes()))


def _heic_bytes(size=(640, 480)) -> bytes:
    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", size, "#d0a650").save(buffer, "HEIF")
    return buffer.getvalue()


def _mpo_bytes() -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (640, 480), color) for color in ("#244aa5", "#d0a650")]
    frames[0].save(buffer, "MPO", save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    return buffer.getvalue()


@pytest.mark.parametrize("image_format, filename", [
    ("JPEG", "photo.jpg"), ("PNG", "photo.png"), ("WEBP", "photo.webp"), ("GIF", "photo.gif"),
    ("HEIF", "IMG_0001.HEIC"), ("MPO", "camera.jpg"),
])
def test_each_accepted_format_is_stored_as_webp_and_jpeg_sizes(app, logged_in, story, upload, photos,
                                                                image_format, filename):
    data = {"HEIF": _heic_bytes, "MPO": _mpo_bytes}.get(image_format, lambda: image_bytes(image_format))()
    response = upload(story, data, filename)
    assert response.status_code == 302, response.get_data(as_text=True)
    [photo] = photos(story)
    assert (photo.width, photo.height) == (640, 480)
    assert [variant["width"] for variant in photo.variants] == [320, 640]
    assert photo.original_path.startswith("private/")
    assert (Path(app.config["UPLOAD_DIR"]) / photo.original_path).is_file()
    assert _open_stored(app, f"public/{photo.variants[0]['webp']}").format == "WEBP"
    assert _open_stored(app, f"public/{photo.variants[0]['jpeg']}").format == "JPEG"
    assert photo.original_name == filename


def test_an_animated_gif_keeps_its_first_frame(app, logged_in, story, upload, photos):
    frames = [Image.new("RGB", (400, 300), color) for color in ("#ff0000", "#00ff00", "#0000ff")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert upload(story, buffer.getvalue(), "anim.gif").status_code == 302
    [photo] = photos(story)
    red, green, blue = _open_stored(app, f"public/{photo.variants[-1]['jpeg']}").convert("RGB").getpixel((200, 150))
    assert red > 200 and green < 50 and blue < 50


@pytest.mark.parametrize("content", [
    b"Just some text pretending to be a photo.\n",
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    b"<!doctype html><html><body><script>alert(1)</script></body></html>",
    b"\xff\xd8\xff\xe0" + b"\x00" * 200,
])
def test_a_file_named_jpg_that_is_not_an_image_is_refused(app, logged_in, story, upload, photos, content):
    response = upload(story, content, "holiday.jpg")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert REFUSED_TYPE in page or "damaged" in page
    assert 'value="Drita on stage in Zurich"' in page
    assert photos(story) == [] and stored_files(app) == []


@pytest.mark.parametrize("image_format", ["BMP", "TIFF", "ICO"])
def test_images_outside_the_allow_list_are_refused(app, logged_in, story, upload, photos, image_format):
    response = upload(story, image_bytes(image_format, (64, 64)), "photo.jpg")
    assert response.status_code == 400
    assert REFUSED_TYPE in response.get_data(as_text=True)
    assert photos(story) == [] and stored_files(app) == []


def _noise_jpeg(size=(400, 400)) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_a_file_over_the_upload_limit_is_refused_and_the_typed_text_kept(app, logged_in, story, upload, photos):
    data = _noise_jpeg()
    app.config["MAX_UPLOAD_BYTES"] = len(data) - 1000
    response = upload(story, data, caption="Kept caption")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "larger than" in page and 'value="Kept caption"' in page
    assert photos(story) == [] and stored_files(app) == []


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(app, logged_in, story, upload, photos):
    app.config["MAX_UPLOAD_BYTES"] = 1000
    response = upload(story, _noise_jpeg())
    assert response.status_code == 413
    assert "The file is too large" in response.get_data(as_text=True)
    assert photos(story) == [] and stored_files(app) == []


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_bomb(width: int, height: int) -> bytes:
    """A valid PNG header claiming a huge image, with a few bytes of (deflated zero) data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1000)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


def test_a_decompression_bomb_gets_a_clear_error_fast(app, logged_in, story, upload, photos):
    bomb = _png_bomb(30_000, 30_000)
    assert len(bomb) < 200
    with app.app_context():
        started = time.monotonic()
        with pytest.raises(ImageTooLarge):
            clean(bomb, app.config["MAX_IMAGE_PIXELS"])
        assert time.monotonic() - started < 0.5
    response = upload(story, bomb, "bomb.png")
    assert response.status_code == 400
    assert "too many pixels" in response.get_data(as_text=True)
    assert photos(story) == [] and stored_files(app) == []


def test_an_image_just_over_the_pixel_limit_is_refused(app, logged_in, story, upload, photos):
    app.config["MAX_IMAGE_PIXELS"] = 10_000
    response = upload(story, image_bytes("PNG", (150, 100)), "big.png")
    assert response.status_code == 400
    assert "too many pixels" in response.get_data(as_text=True)
    assert upload(story, image_bytes("PNG", (100, 100)), "ok.png").status_code == 302


def _jpeg_with_gps(size=(600, 400), orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (42.0, 39.0, 36.0),
                                  ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (21.0, 9.0, 54.0)}
    buffer = io.BytesIO()
    image = Image.new("RGB", size, "#244aa5")
    image.paste((208, 166, 80), (0, 0, size[0] // 4, size[1]))
    image.save(buffer, "JPEG", exif=exif, comment=b"secret comment")
    return buffer.getvalue()


def test_exif_and_gps_are_removed_from_the_original_and_every_size(app, logged_in, story, upload, photos):
    data = _jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert upload(story, data).status_code == 302
    [photo] = photos(story)
    for key in photo.file_keys():
        stored = _open_stored(app, key)
        assert not stored.getexif() and not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo), key
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(stored.info), (key, stored.info.keys())
        assert b"PhoneMaker" not in (Path(app.config["UPLOAD_DIR"]) / key).read_bytes()


def test_exif_orientation_is_applied(app, logged_in, story, upload, photos):
    assert upload(story, _jpeg_with_gps((600, 400), orientation=6)).status_code == 302
    [photo] = photos(story)
    assert (photo.width, photo.height) == (400, 600)
    largest = _open_stored(app, f"public/{photo.variants[-1]['jpeg']}")
    assert largest.size == (400, 600)
    red, green, blue = largest.convert("RGB").getpixel((200, 50))
    assert red > 150 and blue < 150, "the gold band on the left is rotated to the top"


def test_a_heic_whose_coded_size_lies_is_refused_not_a_500():
    """Found by tests/fuzz: the header (cropped by a clap box) says 24 x 16, the coded size is 16777280 x 64, and
    pillow-heif reports the decoder's refusal as a RuntimeError."""
    data = bytearray(_heic_bytes((24, 16)))
    coded_width = data.find(b"ispe") + 8
    data[coded_width] = 1
    with pytest.raises(ImageRefused, match="damaged"):
        clean(bytes(data), 40_000_000)


def test_an_image_too_narrow_for_its_stored_sizes_is_refused_not_a_500(app, logged_in, story, upload, photos):
    """Found by tests/fuzz: WebP cannot hold a size over 16383 pixels high, so a 24 x 20000 strip failed to save."""
    for data in (image_bytes("PNG", (24, 20_000)), _jpeg_with_gps((20_000, 24), orientation=6)):
        response = upload(story, data, "strip.png")
        assert response.status_code == 400
        assert "too long and narrow" in response.get_data(as_text=True)
    assert photos(story) == [] and stored_files(app) == []
    assert upload(story, image_bytes("PNG", (20_000, 24)), "banner.png").status_code == 302


@pytest.mark.parametrize("width, expected", [(2400, [320, 800, 1600]), (1600, [320, 800, 1600]),
                                             (500, [320, 500]), (120, [120])])
def test_derived_sizes_are_never_upscaled(app, logged_in, story, upload, photos, width, expected):
    assert variant_widths(width) == expected
    assert upload(story, image_bytes("JPEG", (width, width // 2))).status_code == 302
    [photo] = photos(story)
    for variant in photo.variants:
        for kind in ("webp", "jpeg"):
            assert _open_stored(app, f"public/{variant[kind]}").size == (variant["width"], variant["width"] // 2)
    assert [variant["width"] for variant in photo.variants] == expected


def test_files_are_named_by_content_hash(app, logged_in, story, upload, photos):
    assert upload(story, image_bytes("PNG", (300, 200))).status_code == 302
    [photo] = photos(story)
    assert len(photo.content_hash) == 64
    assert all(path.name.startswith(photo.content_hash) for path in stored_files(app))
    assert not any(path.name.startswith(".upload-") for path in stored_files(app))
