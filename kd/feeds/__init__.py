"""Atom feeds of approved stories, sitemap.xml and robots.txt."""
