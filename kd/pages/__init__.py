"""Admin-edited pages: About, Privacy and the partners and supporters page."""
