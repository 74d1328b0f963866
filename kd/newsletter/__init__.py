"""The newsletter: double opt-in subscriptions, one-click unsubscribe and the digest."""
