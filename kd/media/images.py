"""The Pillow pipeline: identify by content, refuse bombs, orient, strip metadata, encode sizes.

Nothing here touches the database or the disk; services.py stores what this returns.
"""
from __future__ import annotations

import hashlib
import io
import struct
import warnings
from dataclasses import dataclass
from typing import BinaryIO

import pillow_heif
from flask_babel import gettext as _
from PIL import Image, ImageCms, ImageOps

from kd.core.errors import DomainError

pillow_heif.register_heif_opener()

OPENERS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF")
# MPO is how Pillow's JPEG opener names the multi-picture JPEGs many phones and cameras write.
ALLOWED_FORMATS = (*OPENERS, "MPO")
WIDTHS = (320, 800, 1600)
WEBP_MAX_SIDE, JPEG_MAX_SIDE = 16383, 65500
# Cleaned originals keep a lossless or high-quality copy in a format close to the upload's.
ORIGINAL_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "HEIF": "JPEG", "PNG": "PNG", "GIF": "PNG", "WEBP": "WEBP"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# RuntimeError: how pillow-heif reports a HEIC it cannot decode (limits exceeded, broken boxes).
# Pillow's parsers raise assorted errors on crafted files (the fuzz tests found IndexError in the PNG one).
DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, RuntimeError, struct.error, IndexError, KeyError,
                 TypeError, ZeroDivisionError, Image.DecompressionBombError)
_SRGB = ImageCms.createProfile("sRGB")


class ImageRefused(DomainError):
    """The upload is not an image we accept; the message says why."""


class ImageTooLarge(ImageRefused):
    status_code = 413


@dataclass(frozen=True)
class CleanImage:
    """Oriented pixels without any metadata, and the format the upload really was."""

    image: Image.Image
    source_format: str

    @property
    def width(self) -> int:
        return self.image.width

    @property
    def height(self) -> int:
        return self.image.height


@dataclass(frozen=True)
class Original:
    """The cleaned full-size image as stored privately; its sha256 names every file made from it."""

    extension: str
    data: bytes

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    webp: bytes
    jpeg: bytes


@dataclass(frozen=True)
class Processed:
    """Everything the pipeline makes of one upload, ready to be stored."""

    width: int
    height: int
    original: Original
    variants: list[Variant]


def process(data: bytes, max_pixels: int) -> Processed:
    """The whole CPU work of a photo, bytes in and files out: no app, database or disk, so a bulk import
    can run it in worker processes. Raises ImageRefused as clean() does."""
    cleaned = clean(data, max_pixels)
    return Processed(cleaned.width, cleaned.height, encode_original(cleaned), encode_variants(cleaned))


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """The whole upload, refused as soon as it is longer than max_bytes."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageTooLarge(_("The file is larger than %(size)s. Please choose a smaller one.",
                              size=human_size(max_bytes)))
    if not data:
        raise ImageRefused(_("The file is empty."))
    return data


def human_size(size: int) -> str:
    return f"{size / 1048576:.0f} MB" if size >= 1048576 else f"{max(1, size // 1024)} KB"


def clean(data: bytes, max_pixels: int) -> CleanImage:
    """Identify, check and decode the upload; apply EXIF orientation and drop all metadata."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # Pillow's notes on damaged metadata, dropped here anyway
        source_format = _verified_format(data, max_pixels)
        image = _oriented(_decode_first_frame(data, max_pixels))
        if not _fits_encoders(image):
            raise ImageRefused(_("The image is too long and narrow. Please upload a cropped version."))
        return CleanImage(_without_metadata(_to_srgb(image)), source_format)


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Open (header only) with the pixel limit enforced before any pixel is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=OPENERS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(max_pixels) from error
    except DECODE_ERRORS as error:
        raise ImageRefused(_("This file is not a photo we can use. Please upload a JPEG, PNG, WebP, "
                             "GIF or HEIC image.")) from error
    if image.width * image.height > max_pixels:
        raise _too_many_pixels(max_pixels)
    return image


def _too_many_pixels(max_pixels: int) -> ImageTooLarge:
    return ImageTooLarge(_("The image has too many pixels (at most %(megapixels)s megapixels). Please "
                           "upload a smaller version.", megapixels=f"{max_pixels / 1_000_000:g}"))


def _damaged() -> ImageRefused:
    return ImageRefused(_("The image seems damaged or incomplete. Please try another file."))


def _verified_format(data: bytes, max_pixels: int) -> str:
    image = _open(data, max_pixels)
    source_format = image.format
    if source_format not in ALLOWED_FORMATS:
        raise ImageRefused(_("This kind of image is not accepted. Please upload a JPEG, PNG, WebP, GIF or "
                             "HEIC image."))
    try:
        image.verify()
    except DECODE_ERRORS as error:
        raise _damaged() from error
    return source_format


def _decode_first_frame(data: bytes, max_pixels: int) -> Image.Image:
    """verify() leaves the image unusable, so open again; animations keep their first frame."""
    image = _open(data, max_pixels)
    try:
        image.seek(0)
        image.load()
        return image.convert("RGBA" if _has_alpha(image) else "RGB")
    except DECODE_ERRORS as error:
        raise _damaged() from error


def _fits_encoders(image: Image.Image) -> bool:
    """Every stored size can be written: WebP sizes at most 16383 pixels high, JPEG at most 65500 a side."""
    tallest = round(image.height * min(image.width, max(WIDTHS)) / image.width)
    return tallest <= WEBP_MAX_SIDE and max(image.size) <= JPEG_MAX_SIDE


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _oriented(image: Image.Image) -> Image.Image:
    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # noqa: BLE001 - malformed EXIF must not refuse an otherwise good photo
        return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Phones tag photos with wide-gamut profiles; convert to sRGB before the profile is dropped."""
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    try:
        return ImageCms.profileToProfile(image, io.BytesIO(icc), _SRGB, outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _without_metadata(image: Image.Image) -> Image.Image:
    """A fresh image with the pixels alone: no EXIF (GPS included), ICC, XMP or comments."""
    fresh = Image.new(image.mode, image.size)
    fresh.paste(image)
    return fresh


def encode_original(cleaned: CleanImage) -> Original:
    """The full-size cleaned image, kept privately."""
    image_format = ORIGINAL_FORMATS[cleaned.source_format]
    if image_format == "JPEG" and cleaned.image.mode == "RGBA":
        image_format = "PNG"
    options = {"JPEG": {"quality": 92}, "WEBP": {"quality": 92}, "PNG": {"optimize": False}}[image_format]
    return Original(EXTENSIONS[image_format], _encode(cleaned.image, image_format, **options))


def variant_widths(width: int) -> list[int]:
    """The standard widths, capped at the image's own: never upscaled."""
    return sorted({min(target, width) for target in WIDTHS})


def encode_variants(cleaned: CleanImage) -> list[Variant]:
    return [_variant(cleaned.image, width) for width in variant_widths(cleaned.width)]


def _variant(image: Image.Image, width: int) -> Variant:
    height = max(1, round(image.height * width / image.width))
    resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS,
                                                              reducing_gap=3.0)
    webp = _encode(resized, "WEBP", quality=80, method=3)
    jpeg = _encode(_flattened(resized), "JPEG", quality=82, optimize=True, progressive=True)
    return Variant(width, height, webp, jpeg)


def _flattened(image: Image.Image) -> Image.Image:
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _encode(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()
