"""The contact form and the editors' inbox of messages."""
