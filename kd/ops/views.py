from __future__ import annotations

from flask import Blueprint, jsonify

from kd.extensions import limiter
from kd.ops.health import check_all

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
@limiter.exempt
def healthz():
    """200 when every part works (an index still to be built or inline jobs count as working)."""
    checks = check_all()
    healthy = all(not value.startswith("error") for value in checks.values())
    response = jsonify(status="ok" if healthy else "error", checks=checks)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if healthy else 503
