"""The shared life of moderated content: states and moves, revisions, slugs and redirects, subject kinds."""
