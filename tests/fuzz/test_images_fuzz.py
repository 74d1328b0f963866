"""The image pipeline on hostile bytes: a clean image without metadata, or ImageRefused, never another error."""
from __future__ import annotations

import io
from functools import cache

import pillow_heif
from hypothesis import event, example, given
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageCms

from kd.media.images import CleanImage, ImageRefused, clean, encode_original, encode_variants
from tests.fuzz.conftest import fuzz

MAX_PIXELS = 1_000_000  # small enough that a mutated header cannot make a property slow
MAGIC = [b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"GIF87a",
         b"RIFF\x00\x00\x00\x00WEBPVP8 ", b"RIFF\xff\xff\xff\xffWEBPVP8X", b"\x00\x00\x00\x18ftypheic", b"II*\x00",
         b"BM", b"%PDF-", b"<svg"]
METADATA_KEYS = {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "dpi", "transparency"}


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (42.0, 39.0, 36.0)}
    return exif


def _saved(image_format: str, mode: str = "RGB", **options) -> bytes:
    buffer = io.BytesIO()
    image = Image.linear_gradient("L").resize((24, 16)).convert(mode)
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def _animated_gif() -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("P", (16, 12), index) for index in (1, 2, 3)]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=50, loop=0, comment=b"hi")
    return buffer.getvalue()


@cache
def seeds() -> tuple[bytes, ...]:
    """Small valid uploads of every accepted format, most with EXIF (GPS and orientation) or a profile."""
    pillow_heif.register_heif_opener()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return (_saved("JPEG", exif=_exif(), comment=b"secret", icc_profile=icc, progressive=True),
            _saved("JPEG", mode="L"), _saved("PNG", mode="RGBA", exif=_exif()), _saved("PNG", mode="P"),
            _saved("PNG", mode="LA"), _saved("GIF", mode="P", transparency=0), _animated_gif(),
            _saved("WEBP", mode="RGBA", exif=_exif(), lossless=True), _saved("WEBP", quality=50),
            _saved("HEIF", exif=_exif()), _saved("MPO", exif=_exif()))


@st.composite
def mutated_images(draw) -> bytes:
    """A valid seed with a few byte-level mutations: flips, overwrites, insertions, cuts and repeats."""
    data = bytearray(draw(st.sampled_from(seeds())))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data) - 1) | st.integers(min(16, len(data) - 1), len(data) - 1))
        change = draw(st.sampled_from(["flip", "overwrite", "insert", "cut", "truncate", "repeat"]))
        if change == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif change == "overwrite":
            patch = draw(st.binary(min_size=1, max_size=8) | st.sampled_from([b"\xff\xff", b"\x00\x00\x00\x00",
                                                                             b"\x7f\xff\xff\xff"]))
            data[at:at + len(patch)] = patch
        elif change == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif change == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        elif change == "truncate":
            del data[max(1, at):]
        else:
            data[at:at] = data[at:at + draw(st.integers(1, 256))]
        if not data:
            data = bytearray(b"\x00")
    return bytes(data)


RANDOM_BYTES = st.one_of(st.binary(min_size=1, max_size=2048),
                         st.tuples(st.sampled_from(MAGIC), st.binary(max_size=512)).map(b"".join))


def _assert_clean_or_refused(data: bytes) -> None:
    try:
        cleaned = clean(data, MAX_PIXELS)
    except ImageRefused as refusal:
        event(f"refused: {refusal.message}")
        return
    event("cleaned")
    _assert_without_metadata(cleaned)
    original = Image.open(io.BytesIO(encode_original(cleaned).data))
    assert not original.getexif() and not METADATA_KEYS & set(original.info) - {"dpi", "transparency"}
    assert encode_variants(cleaned)


def _assert_without_metadata(cleaned: CleanImage) -> None:
    assert isinstance(cleaned, CleanImage)
    assert cleaned.image.mode in ("RGB", "RGBA")
    assert 0 < cleaned.width * cleaned.height <= MAX_PIXELS
    assert not cleaned.image.getexif(), dict(cleaned.image.getexif())
    assert not METADATA_KEYS & set(cleaned.image.info), cleaned.image.info.keys()


def test_every_seed_is_a_valid_image_with_metadata_that_clean_removes():
    """Guards the mutation property: its seeds are real, accepted uploads carrying EXIF to strip."""
    with_exif = 0
    for seed in seeds():
        with_exif += bool(Image.open(io.BytesIO(seed)).getexif())
        _assert_without_metadata(clean(seed, MAX_PIXELS))
    assert with_exif >= 4


@fuzz
@given(mutated_images())
def test_mutated_images_are_cleaned_or_refused(data):
    _assert_clean_or_refused(data)


@fuzz
@given(RANDOM_BYTES)
@example(b"\xff\xd8\xff\xe0" + b"\x00" * 200)
@example(b"GIF89a\xff\xff\xff\xff")
def test_random_bytes_are_refused_or_cleaned(data):
    _assert_clean_or_refused(data)
