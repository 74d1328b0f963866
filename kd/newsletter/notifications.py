"""Newsletter mails; every one carries a one-click unsubscribe link and the List-Unsubscribe headers."""
from __future__ import annotations

from contextlib import nullcontext

from flask import current_app, has_request_context, url_for

from kd.mail import send_templated
from kd.newsletter import services
from kd.newsletter.models import Subscriber


def site_links():
    """Mailed links need the site's address; outside a request (the CLI) it comes from KD_SITE_URL."""
    if has_request_context():
        return nullcontext()
    return current_app.test_request_context("/", base_url=current_app.config["SITE_URL"])


def send_to_subscriber(subscriber: Subscriber, template: str, **context) -> None:
    with site_links():
        unsubscribe = url_for("newsletter.unsubscribe", token=services.unsubscribe_token(subscriber),
                              _external=True)
        headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        send_templated(subscriber.email, template, subscriber.locale, headers=headers, unsubscribe=unsubscribe,
                       **context)


def send_confirmation(subscriber: Subscriber) -> None:
    with site_links():
        link = url_for("newsletter.confirm", token=services.confirmation_token(subscriber), _external=True)
        send_to_subscriber(subscriber, "newsletter_confirm", link=link)
