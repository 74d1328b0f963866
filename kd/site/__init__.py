"""The public front: home page and the language switch."""
