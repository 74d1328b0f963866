"""Connections: what a profile\x27s owner can help with, and introductions brokered with consent."""
