"""Admin pages: users, roles, disabled accounts. State changes go through accounts services."""
