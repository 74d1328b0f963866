"""Follows: members follow a tag, a country, a municipality, a field, a profile or a collection, and get digests."""
