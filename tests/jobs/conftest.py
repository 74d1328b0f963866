"""The Redis worker app (redis_app) lives in tests/conftest.py."""
