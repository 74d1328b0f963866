"""One structured (JSON) log line per request, tagged with a request id that is also sent back."""
from __future__ import annotations

import json
import logging
import re
import time
import uuid

from flask import Flask, g, request
from flask_login import current_user

from kd.core.visitors import may_be_logged_in

log = logging.getLogger("kd.request")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def install(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)


def request_id() -> str:
    return getattr(g, "request_id", "-")


def _start() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    response.headers["X-Request-ID"] = request_id()
    elapsed = (time.perf_counter() - getattr(g, "request_started", time.perf_counter())) * 1000
    member = may_be_logged_in() and current_user.is_authenticated  # no login cookie: no user to load
    log.info(json.dumps({
        "request_id": request_id(), "method": request.method, "path": request.path,
        "status": response.status_code, "ms": round(elapsed, 1), "ip": request.remote_addr,
        "user": current_user.get_id().split(":")[0] if member else None,
    }))
    return response
