"""The stretches of a long text around a query's words: what a highlighter analyses instead of the whole text
(shared by the embedded engines, whose highlighters cost per word analysed)."""
from __future__ import annotations

from kd.core.text import fold

OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def passages_with(text: str, words: list[str], most: int = 3, reach: int = 110) -> str:
    """Short stretches of text around the first matches of the query's words (folded; their first five
    letters, so stems match too), for the highlighter to analyse instead of the whole body."""
    stems = [word[:5] for word in words if len(word) > 1 and word.upper() not in OPERATORS]
    folded = fold(text)
    if not stems or len(folded) != len(text):  # folding changed lengths (ß -> ss): positions would drift
        return text
    starts = sorted(set(position for stem in stems for position in _first_positions(folded, stem, most)))[:most]
    windows = [_window(text, left, right) for left, right in _merged_spans(starts, reach, len(text))]
    return " … ".join(windows) or text  # no literal match (a synonym, say): the whole text, as before


def _merged_spans(starts: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """The stretches around each match, overlapping ones merged: no passage is shown twice."""
    spans: list[tuple[int, int]] = []
    for start in starts:
        left, right = max(0, start - reach), min(length, start + reach)
        if spans and left <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], right))
        else:
            spans.append((left, right))
    return spans


def _window(text: str, left: int, right: int) -> str:
    """text[left:right], without the partial words at a cut edge."""
    window = text[left:right]
    if left > 0:
        window = window.split(" ", 1)[-1]
    if right < len(text):
        window = window.rsplit(" ", 1)[0]
    return window


def _first_positions(folded: str, stem: str, most: int) -> list[int]:
    positions, start = [], folded.find(stem)
    while start != -1 and len(positions) < most:
        positions.append(start)
        start = folded.find(stem, start + len(stem))
    return positions
