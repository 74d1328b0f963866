"""Mail about a profile, sent after the transaction that prompted it has committed."""
from __future__ import annotations

from flask import current_app, url_for

from kd.mail import send_templated
from kd.profiles.models import Profile
from kd.profiles.services import consent_token


def send_consent_request(profile: Profile, nominator) -> None:
    """Ask the nominated person, in the profile's language, to agree or decline through a signed link."""
    link = url_for("profiles.consent", token=consent_token(profile), _external=True)
    days = current_app.config["CONSENT_TOKEN_MAX_AGE"] // (24 * 3600)
    send_templated(profile.subject_email, "nomination_consent", profile.language or "en", profile=profile,
                   nominator=nominator, link=link, days=days)
