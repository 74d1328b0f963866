"""Curated collections: editors gather approved profiles and stories under a title and an introduction."""
