"""The read-only JSON API (/api/v1/) over approved profiles, stories and tags."""
