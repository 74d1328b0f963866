"""Factories for actions: a published action or a member's proposal, committed."""
from __future__ import annotations

import itertools
from datetime import date

import pytest

from kd import db
from kd.actions import services
from kd.actions.models import Action, ActionStatus, InstitutionKind


def action_fields(**overrides) -> dict:
    fields = dict(
        title_en="Ask Example Cloud to list Kosovo", title_sq="Kërkoji Example Cloud të shtojë Kosovën",
        target_name="Example Cloud", target_website="https://cloud.example.com",
        target_kind=InstitutionKind.COMPANY, problem_en="Kosovo is missing from the country list at sign-up.",
        problem_sq="Kosova mungon në listën e shteteve.", request_en="Please add Kosovo (XK) to your list.",
        request_sq="Ju lutem shtoni Kosovën (XK) në listë.", email_to="support@cloud.example.com",
        web_form_url="", social_account="@examplecloud", social_post_en="Please list Kosovo!",
        social_post_sq="Ju lutem shtoni Kosovën!", hashtag="KosovoOnTheMap", starts_on=date(2026, 1, 10))
    fields.update(overrides)
    return fields


@pytest.fixture
def make_action(app, make_user):
    """A published action (made by a fresh editor unless one is given); returns its id and slug."""
    counter = itertools.count(1)

    def make(editor=None, status: ActionStatus = ActionStatus.OPEN, **overrides) -> Action:
        from kd.accounts.models import Role

        editor = editor or make_user(role=Role.EDITOR)
        overrides.setdefault("title_en", f"Ask Example Cloud to list Kosovo {next(counter)}")
        with app.app_context():
            editor = db.session.merge(editor)
            with db.transaction():
                action = services.create_action(editor, action_fields(**overrides))
                if status is not ActionStatus.OPEN:
                    services.set_status(editor, action, status, date(2026, 2, 1) if status is ActionStatus.WON
                                        else None, "https://cloud.example.com/countries")
            db.session.expunge(action)
        return action
    return make
