"""Stories of achievement, linked to profiles and tags."""
