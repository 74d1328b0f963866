"""Drawing a card: photo or initials on the left, title and headline on the right, a brand strip below."""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageDraw, ImageFont, ImageOps

WIDTH, HEIGHT, STRIP = 1200, 630, 90
BLUE, GOLD, INK, WHITE = (36, 74, 165), (208, 166, 80), (29, 36, 51), (255, 255, 255)
FONTS = Path(__file__).parent / "fonts"


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def wrap(text: str, typeface: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to a pixel width; the last line ends with … when text is cut."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if typeface.getlength(candidate) <= width:
            current = candidate
            continue
        lines.append(current or word)
        current = word if current else ""
    lines.append(current)
    lines = [line for line in lines if line]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and typeface.getlength(lines[-1] + "…") > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] = lines[-1].rstrip() + "…"
    return lines


def render_card(title: str, subtitle: str, label: str, photo: BinaryIO | Path | None = None,
                brand: str = "") -> bytes:
    card = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(card)
    left = _photo_panel(card, photo, title)
    _text_block(draw, left + 56, title, subtitle, label)
    _brand_strip(draw, brand)
    buffer = io.BytesIO()
    card.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _photo_panel(card: Image.Image, photo: BinaryIO | Path | None, title: str) -> int:
    side = HEIGHT - STRIP
    if photo is not None:
        with Image.open(photo) as source:
            card.paste(ImageOps.fit(source.convert("RGB"), (side, side)), (0, 0))
        return side
    panel = Image.new("RGB", (side, side), BLUE)
    draw = ImageDraw.Draw(panel)
    initials = "".join(word[0] for word in title.split()[:2]).upper() or "KD"
    draw.text((side / 2, side / 2), initials, font=font(190, bold=True), fill=GOLD, anchor="mm")
    card.paste(panel, (0, 0))
    return side


def _text_block(draw: ImageDraw.ImageDraw, x: int, title: str, subtitle: str, label: str) -> None:
    width = WIDTH - x - 56
    draw.text((x, 60), label.upper(), font=font(26, bold=True), fill=BLUE)
    y = 110
    title_font = font(54, bold=True)
    for line in wrap(title, title_font, width, 4):
        draw.text((x, y), line, font=title_font, fill=INK)
        y += 66
    subtitle_font = font(30)
    for line in wrap(subtitle, subtitle_font, width, 3):
        draw.text((x, y + 20), line, font=subtitle_font, fill=(79, 88, 104))
        y += 40


def _brand_strip(draw: ImageDraw.ImageDraw, brand: str) -> None:
    top = HEIGHT - STRIP
    draw.rectangle((0, top, WIDTH, HEIGHT), fill=BLUE)
    draw.rectangle((0, top, WIDTH, top + 8), fill=GOLD)
    for index in range(6):  # six stars of the flag, as small gold dots
        cx = WIDTH - 330 + index * 52
        draw.ellipse((cx - 9, top + 40 - 9, cx + 9, top + 40 + 9), fill=GOLD)
    draw.text((56, top + 49), brand, font=font(34, bold=True), fill=WHITE, anchor="lm")
