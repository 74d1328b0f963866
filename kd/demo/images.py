"""Demo pictures drawn offline with Pillow: portraits, landscapes for stories, logo marks.

Each returns JPEG bytes without metadata; kd.media.services stores them through the upload pipeline."""
from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

PALETTES = (((36, 74, 165), (18, 38, 92)), ((190, 92, 60), (110, 40, 30)), ((46, 125, 110), (20, 64, 58)),
            ((120, 80, 160), (60, 36, 92)), ((200, 150, 60), (130, 84, 24)), ((70, 90, 110), (30, 40, 52)),
            ((170, 60, 100), (90, 24, 52)), ((80, 140, 70), (36, 72, 30)))
SKIN = ((241, 204, 176), (224, 178, 140), (198, 150, 112), (160, 112, 80), (232, 190, 160))
HAIR = ((40, 28, 22), (70, 46, 30), (110, 74, 40), (30, 30, 34), (150, 110, 70), (90, 90, 92))
GOLD, WHITE = (208, 166, 80), (255, 255, 255)


def initials_of(text: str) -> str:
    return "".join(word[0] for word in text.split()[:2] if word[:1].isalnum()).upper() or "KD"


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def _gradient(size, top, bottom, angle=0) -> Image.Image:
    mask = Image.linear_gradient("L").rotate(angle).resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def draw_portrait(seed_text: str, size: tuple[int, int] = (480, 480)) -> bytes:
    """A head-and-shoulders silhouette on a coloured background, with initials on the shirt."""
    rng = random.Random(seed_text)
    light, deep = rng.choice(PALETTES)
    width, height = size
    image = _gradient(size, light, deep, rng.choice((0, 45, 90)))
    draw = ImageDraw.Draw(image)
    for _circle in range(3):
        radius = rng.randint(width // 6, width // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=tuple(min(255, c + 18) for c in light))
    skin, hair = rng.choice(SKIN), rng.choice(HAIR)
    shirt = rng.choice([palette[1] for palette in PALETTES if palette[0] != light])
    cx, head = width / 2, width * rng.uniform(0.17, 0.2)
    head_y = height * 0.42
    draw.ellipse((cx - width * 0.36, height * 0.72, cx + width * 0.36, height * 1.3), fill=shirt)
    draw.rectangle((cx - head * 0.35, head_y + head * 0.7, cx + head * 0.35, height * 0.78), fill=skin)
    if rng.random() < 0.5:  # long hair behind the head
        draw.rounded_rectangle((cx - head * 1.15, head_y - head * 1.05, cx + head * 1.15, head_y + head * 1.5),
                               radius=int(head), fill=hair)
    draw.ellipse((cx - head * 0.85, head_y - head, cx + head * 0.85, head_y + head), fill=skin)
    draw.chord((cx - head * 0.92, head_y - head * 1.12, cx + head * 0.92, head_y + head * 0.5), 180, 360, fill=hair)
    font = ImageFont.load_default(size=height // 12)
    draw.text((cx, height * 0.9), initials_of(seed_text), fill=GOLD, font=font, anchor="mm")
    return _jpeg(image.filter(ImageFilter.SMOOTH))


def draw_landscape(seed_text: str, size: tuple[int, int] = (720, 480)) -> bytes:
    """Sky, sun, layered hills and sometimes a skyline or a lake: a stand-in for a story's photo."""
    rng = random.Random(seed_text)
    width, height = size
    dusk = rng.random() < 0.35
    sky_top, sky_low = ((60, 50, 110), (240, 150, 90)) if dusk else ((70, 130, 200), (190, 220, 240))
    image = _gradient(size, sky_top, sky_low)
    draw = ImageDraw.Draw(image)
    sun_x, sun_y, sun_r = rng.randint(width // 8, width * 7 // 8), rng.randint(height // 8, height // 3), height // 12
    draw.ellipse((sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r),
                 fill=(250, 200, 120) if dusk else (255, 240, 190))
    base = rng.choice(((70, 120, 70), (90, 110, 60), (60, 100, 90), (110, 100, 70)))
    for layer in range(4):
        shade = tuple(max(0, int(c * (1.25 - layer * 0.22))) for c in base)
        horizon = height * (0.5 + layer * 0.11)
        amplitude, phase, waves = height * rng.uniform(0.04, 0.12), rng.uniform(0, 6.3), rng.uniform(1.0, 3.0)
        points = [(x, horizon - amplitude * math.sin(phase + waves * x / width * math.pi))
                  for x in range(0, width + 20, 20)]
        draw.polygon([(0, height), *points, (width, height)], fill=shade)
        if layer == 1 and rng.random() < 0.5:
            x = 0
            while x < width:
                block_w, block_h = rng.randint(18, 46), rng.randint(30, int(height * 0.3))
                top = horizon - block_h
                draw.rectangle((x, top, x + block_w, horizon + 10), fill=(60, 60, 80) if dusk else (120, 130, 150))
                x += block_w + rng.randint(2, 30)
    if rng.random() < 0.4:
        draw.ellipse((width * 0.1, height * 0.82, width * 0.9, height * 1.1), fill=(80, 130, 180))
    return _jpeg(image.filter(ImageFilter.SMOOTH))


def draw_logo(seed_text: str, size: tuple[int, int] = (480, 480)) -> bytes:
    """A logo mark: a coloured shape with initials, and a ring of small stars or dots."""
    rng = random.Random(seed_text)
    light, deep = rng.choice(PALETTES)
    width, height = size
    image = Image.new("RGB", size, WHITE if rng.random() < 0.6 else (245, 240, 230))
    draw = ImageDraw.Draw(image)
    cx, cy, radius = width / 2, height / 2, width * 0.36
    shape = rng.choice(("circle", "square", "hexagon", "shield"))
    if shape == "circle":
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=deep)
    elif shape == "square":
        draw.rounded_rectangle((cx - radius, cy - radius, cx + radius, cy + radius), radius=int(radius / 4), fill=deep)
    elif shape == "hexagon":
        draw.regular_polygon((cx, cy, radius * 1.08), n_sides=6, rotation=30, fill=deep)
    else:
        draw.polygon([(cx - radius, cy - radius), (cx + radius, cy - radius), (cx + radius, cy + radius * 0.2),
                      (cx, cy + radius * 1.1), (cx - radius, cy + radius * 0.2)], fill=deep)
    ring = radius * 0.8
    for index in range(6 if rng.random() < 0.5 else 12):
        count = 6 if index < 6 else 12
        angle = -math.pi / 2 + (index - (count - 1) / 2) * 0.22
        x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        draw.regular_polygon((x, y, radius / 14), n_sides=5, fill=GOLD)
    font = ImageFont.load_default(size=int(radius * 0.7))
    draw.text((cx, cy + radius * 0.12), initials_of(seed_text), fill=light if sum(light) > 300 else WHITE,
              font=font, anchor="mm")
    return _jpeg(image)
