from __future__ import annotations

from flask import Blueprint, render_template

from kd.core.auth import editor_required
from kd.moderation.queries import waiting_counts

bp = Blueprint("moderation", __name__, url_prefix="/editor")


@bp.get("/")
@editor_required
def dashboard():
    return render_template("moderation/dashboard.html", counts=waiting_counts())
