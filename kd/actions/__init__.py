"""Digital diplomacy actions: requests the diaspora sends to institutions, taking part, wins, hashtags."""
