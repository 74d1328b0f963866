"""The search sink. It knows no feature: features register DocumentSources (kd.search.registry) and the app
factory subscribes the index to content_changed (kd.content.changes). The PostgreSQL backend writes the
changes just before the content's transaction commits, the embedded ones (Whoosh, tantivy) only after the
commit (either way nothing reaches the index on rollback).
"""
