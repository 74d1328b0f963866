"""One word per kind of moderated content, stored wherever a row names its subject (revisions, redirects).

A model declares its kind with @subject_kind("profile"); kind_of() and model_of() answer from that, so no
code has to work out "which kind is this object" from its class or table name.
"""
from __future__ import annotations

# The CHECK constraints on stored subject types list exactly these (migration 0012).
SUBJECT_KINDS = ("profile", "story", "action")

# The kinds that have revisions, redirects and reports (actions are edited by editors in place).
PAGE_KINDS = ("profile", "story")

_models: dict[str, type] = {}


def kind_check(column: str) -> str:
    """The CHECK constraint's condition: the column holds one of PAGE_KINDS."""
    return f"{column} IN ({', '.join(repr(kind) for kind in PAGE_KINDS)})"


def subject_kind(kind: str):
    """Class decorator: the model's kind, registered so that model_of(kind) finds it."""
    if kind not in SUBJECT_KINDS:
        raise ValueError(f"unknown subject kind {kind!r}")

    def register(model: type) -> type:
        model.subject_kind = kind
        _models[kind] = model
        return model
    return register


def kind_of(subject) -> str:
    return type(subject).subject_kind


def model_of(kind: str) -> type | None:
    return _models.get(kind)
