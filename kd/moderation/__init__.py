"""Moderation: the editors' dashboard and queue; the only feature that publishes or rejects."""
