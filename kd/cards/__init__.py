"""Share cards: 1200x630 preview images for profiles, stories and collections, drawn with Pillow.
Fonts: DejaVu Sans (free licence, see fonts/LICENSE-DejaVu.txt), which covers ë, ç and the rest."""
