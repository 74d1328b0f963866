from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField

from kd.accounts.models import Role
from kd.core.forms import select_choices

ROLE_LABELS = {Role.MEMBER: _l("Member"), Role.EDITOR: _l("Editor"), Role.ADMIN: _l("Admin")}


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=select_choices(
        (role.value, label) for role, label in ROLE_LABELS.items()))

