"""Action factories live in tests/conftest.py (make_action, action_fields)."""
