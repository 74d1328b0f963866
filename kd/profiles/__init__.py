"""Profiles of people, groups and organisations linked to Kosovo."""
