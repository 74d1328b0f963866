"""The search sink. Services call schedule_upsert()/schedule_delete() inside their transaction; the
PostgreSQL backend writes the changes just before that transaction commits, the Whoosh backend only after
the commit (either way nothing reaches the index on rollback).

Public API (stable; other features import only these names):
    schedule_upsert(obj)   an approved Profile or Story changed: (re)index it
    schedule_delete(obj)   it is no longer public (unpublished, withdrawn, merged, deleted)
"""
from __future__ import annotations

from kd.search.hooks import schedule_delete, schedule_upsert

__all__ = ["schedule_upsert", "schedule_delete"]
