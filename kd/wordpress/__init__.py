"""Importing a WordPress (WXR) export: posts become stories, old addresses answer 301."""
