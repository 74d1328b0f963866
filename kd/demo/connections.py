"""Demo help offers and a few past introductions (with outcomes, so /impact has figures to show)."""
from __future__ import annotations

import secrets
from datetime import timedelta

from kd.accounts.models import Role, User
from kd.accounts.services import find_by_email
from kd.connections.models import HelpOffer, IntroductionRequest, Outcome, RequestState
from kd.content.states import ModerationState
from kd.core.passwords import hash_password
from kd.db import session, utcnow
from kd.profiles.models import Profile, ProfileKind

# (help kinds, languages, note): offered by the owners of the first approved people.
OFFERS = (
    (["mentoring", "advising"], ["sq", "de", "en"], "Happy to mentor young doctors from Kosovo."),
    (["speaking", "hosting"], ["sq", "en"], "Glad to speak at schools and host visiting delegations."),
    (["hiring", "mentoring"], ["sq", "de"], "Our company takes interns from Kosovo every summer."),
    (["investing", "advising"], ["sq", "en", "fr"], ""),
    (["volunteering"], ["sq", "it"], "Weekends only."),
)
# (days ago asked, days to answer or None, final state, asker's outcome)
PAST = ((120, 3, RequestState.INTRODUCED, Outcome.YES), (95, 6, RequestState.INTRODUCED, Outcome.NOT_YET),
        (70, 2, RequestState.DECLINED, None), (40, None, RequestState.EXPIRED, None),
        (20, 1, RequestState.INTRODUCED, None), (2, None, RequestState.OPEN, None))


def seed_connections(profiles: list[Profile]) -> None:
    """Owners for the first approved people, their offers, and requests from the demo member (idempotent)."""
    people = [profile for profile in profiles if profile.kind is ProfileKind.PERSON
              and profile.state is ModerationState.APPROVED][:len(OFFERS)]
    if len(people) < len(OFFERS) or session.get(HelpOffer, people[0].id) is not None:
        return
    for number, (profile, (kinds, languages, note)) in enumerate(zip(people, OFFERS, strict=True), start=1):
        profile.owner_id = profile.owner_id or _helper(number, profile.name).id
        session.add(HelpOffer(profile_id=profile.id, kinds=kinds, languages=languages, note=note))
    asker = find_by_email("member@demo.kd-diaspora.org")
    for profile, (days, answer_days, state, outcome) in zip(people * 2, PAST, strict=False):
        asked = utcnow() - timedelta(days=days)
        answered = asked + timedelta(days=answer_days if answer_days is not None else 30)
        session.add(IntroductionRequest(
            profile_id=profile.id, owner_id=profile.owner_id, asker_id=asker.id, state=state,
            about_asker="A member of the demo site, studying in Prishtina.",
            request="Half an hour of advice about working in the diaspora.", reason="Your story on KD.",
            created_at=asked, answered_at=None if state is RequestState.OPEN else answered, asker_outcome=outcome,
            follow_up_sent_at=answered + timedelta(days=14) if outcome else None))
    session.flush()


def _helper(number: int, name: str) -> User:
    """A demo account that owns a profile (no password anyone knows)."""
    email = f"helper{number}@demo.kd-diaspora.org"
    user = find_by_email(email) or User(email=email, display_name=name, role=Role.MEMBER, email_confirmed=True,
                                        email_confirmed_at=utcnow(), password_hash=hash_password(secrets.token_hex(16)))
    session.add(user)
    session.flush()
    return user
