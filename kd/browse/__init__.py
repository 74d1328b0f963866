"""Browsing approved content: tags, countries, fields, municipalities and the diaspora map."""
