"""One rate limit for every submission a member sends (profiles and stories together)."""
from __future__ import annotations

from flask import current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from kd.extensions import limiter


def member_key() -> str:
    if current_user.is_authenticated:
        return f"member:{current_user.id}"
    return f"address:{get_remote_address()}"


def _only_finding() -> bool:
    """The story form's Find button re-renders the form with matching profiles and saves nothing."""
    return request.form.get("action") == "find"


submission_limit = limiter.shared_limit(lambda: current_app.config["SUBMIT_RATE_LIMIT"], scope="submissions",
                                        key_func=member_key, methods=["POST"], exempt_when=_only_finding)
