"""Role checks: decorators for views (anonymous visitors go to log in, the wrong role gets 403) and the
services' own checks, which raise PermissionDenied with a message."""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user

from kd.core.errors import PermissionDenied
from kd.extensions import login_manager


def _require(predicate):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not predicate(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


login_required = _require(lambda user: True)
confirmed_required = _require(lambda user: user.email_confirmed)
editor_required = _require(lambda user: user.is_editor)
admin_required = _require(lambda user: user.is_admin)


def acting_user():
    """The logged-in user object itself (not the proxy), to hand to services."""
    return current_user._get_current_object()


def require_editor(user) -> None:
    if not getattr(user, "is_editor", False):
        raise PermissionDenied(_("Only editors can do this."))


def require_confirmed(user) -> None:
    if not user.email_confirmed:
        raise PermissionDenied(_("Please confirm your email address before you submit."))
