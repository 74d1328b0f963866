"""An owner with a published profile that offers help, and a member who asks."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from kd import db
from kd.connections.models import HelpOffer, IntroductionRequest, RequestState
from kd.content.states import ModerationState

ASK = {"about_asker": "A medical student in Prishtina, third year.",
       "request": "Half an hour of advice on residency applications in Germany.",
       "reason": "You did your residency in Berlin.", "consent": "y"}


@pytest.fixture
def owner(make_user):
    return make_user(display_name="Drita Owner", email="drita@example.org")


@pytest.fixture
def asker(make_user):
    return make_user(display_name="Arben Asker", email="arben@example.org")


@pytest.fixture
def helper_profile(app, make_profile, owner):
    """Drita's published profile (medicine, Germany), offering mentoring in Albanian and German."""
    profile = make_profile(submitted_by=owner, state=ModerationState.APPROVED, owner_id=owner.id, name="Drita Krasniqi",
                           country_code="DE", field="medicine")
    with app.app_context():
        db.session.add(HelpOffer(profile_id=profile.id, kinds=["mentoring"], languages=["sq", "de"],
                                 note="Happy to mentor young doctors."))
        db.session.commit()
    return profile


@pytest.fixture
def ask_as(client, login, post):
    """ask_as(user, profile, **changes): log in as user and send the ask form."""
    def ask(user, profile, **changes):
        post("/account/logout")
        login(user)
        return post(f"/introductions/ask/{profile.id}", {**ASK, **changes})
    return ask


@pytest.fixture
def requests_of(app):
    def found(**where) -> list[IntroductionRequest]:
        with app.app_context():
            rows = list(db.session.scalars(select(IntroductionRequest).filter_by(**where)
                                           .order_by(IntroductionRequest.id)))
            for row in rows:
                db.session.expunge(row)
            return rows
    return found


OPEN = RequestState.OPEN
