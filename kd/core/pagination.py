"""Page numbers from the query string, and what a template needs to draw page links."""
from __future__ import annotations

import math
from dataclasses import dataclass

from flask import abort, request

from kd.core.text import is_whole_number

MAX_PAGE = 10_000


def page_number(arg: str = "page") -> int:
    """The requested page; a malformed or absurd value is a 400, not a 500."""
    raw = request.args.get(arg, "1")
    if not is_whole_number(raw) or not 1 <= int(raw) <= MAX_PAGE:
        abort(400)
    return int(raw)


@dataclass(frozen=True)
class Page:
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages
