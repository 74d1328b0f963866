"""WordPress post HTML (block-editor comments, classic HTML, [caption] and [gallery] shortcodes) to KD Markdown.
Images are taken out of the text and returned separately: on KD they become the story's photos."""
from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from bs4 import BeautifulSoup
from markdownify import markdownify

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]")
_SHORTCODE = re.compile(r"\[/?[a-zA-Z_][\w-]*(?:\s[^\]]*)?\]")
_ATTACHMENT_ID = re.compile(r"(?:attachment_|wp-image-)(\d+)")
_IDS = re.compile(r'ids="([\d,\s]+)"')
_BLANK_LINES = re.compile(r"\n{3,}")
# Elements whose content is no text for a reader: gone with what they hold (the Markdown renderer would
# show raw HTML as text anyway, never run it).
_DROPPED = ["script", "style", "iframe", "noscript", "object", "embed", "form", "svg", "video", "audio"]
_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)", re.S)


@dataclass(frozen=True)
class ImageRef:
    """An image the post shows: by attachment id when WordPress marked it, else by its address."""

    attachment_id: int | None
    src: str = ""
    alt: str = ""
    caption: str = ""


@dataclass(frozen=True)
class Converted:
    markdown: str
    images: list[ImageRef]


def convert(html: str) -> Converted:
    images: list[ImageRef] = []
    text = _COMMENT.sub("", html or "")
    text = _CAPTION.sub(lambda match: _caption(match, images), text)
    text = _GALLERY.sub(lambda match: _gallery(match, images), text)
    text = _SHORTCODE.sub("", text)
    soup = BeautifulSoup(_paragraphs(text), "html.parser")
    for figure in soup.find_all("figure"):
        caption = figure.find("figcaption")
        for img in figure.find_all("img"):
            images.append(_image(img, caption.get_text(" ", strip=True) if caption else ""))
        figure.decompose()
    for img in soup.find_all("img"):
        images.append(_image(img, ""))
        img.decompose()
    for element in soup.find_all(_DROPPED):
        element.decompose()
    markdown = markdownify(str(soup), heading_style="ATX", bullets="-")
    return Converted(_tidy(markdown), images)


def _caption(match: re.Match, images: list[ImageRef]) -> str:
    attributes, inner = match.group(1), match.group(2)
    soup = BeautifulSoup(inner, "html.parser")
    caption = soup.get_text(" ", strip=True)
    for img in soup.find_all("img"):
        images.append(_image(img, caption, attributes))
    return "\n\n"


def _gallery(match: re.Match, images: list[ImageRef]) -> str:
    ids = _IDS.search(match.group(1))
    for number in (ids.group(1).split(",") if ids else []):
        if number.strip().isdigit():
            images.append(ImageRef(int(number)))
    return "\n\n"


def _image(img, caption: str, hints: str = "") -> ImageRef:
    marker = _ATTACHMENT_ID.search(" ".join(img.get("class", [])) + " " + hints)
    return ImageRef(int(marker.group(1)) if marker else None, img.get("src", ""), img.get("alt", "").strip(),
                    caption.strip())


def _paragraphs(text: str) -> str:
    """Classic-editor posts have no <p>: WordPress's wpautop makes paragraphs of blank-line-separated text."""
    if "<p" in text:
        return text
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join(block if block.startswith("<") and not block.startswith(("<a", "<em", "<strong"))
                   else f"<p>{block}</p>" for block in blocks)


def _tidy(markdown: str) -> str:
    lines = [line.rstrip() for line in markdown.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def plain(html: str) -> str:
    return " ".join(unescape(BeautifulSoup(_COMMENT.sub("", html or ""), "html.parser").get_text(" ")).split())


def first_sentence(text: str, limit: int = 500) -> str:
    match = _SENTENCE.match(text)
    sentence = (match.group(1) if match else text).strip()
    return sentence if len(sentence) <= limit else sentence[:limit - 1].rsplit(" ", 1)[0] + "…"
