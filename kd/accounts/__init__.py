"""Accounts: registration, confirmation, login, passwords, settings."""
