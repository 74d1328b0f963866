"""Shared building blocks that know no feature."""
