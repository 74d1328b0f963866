"""Sharing: preview metadata (Open Graph, Twitter, JSON-LD), share cards, share links, embeds and oEmbed."""
