"""The mail confirming a deletion, sent to the old address after the deletion has committed."""
from __future__ import annotations

from flask import url_for

from kd.mail import send_templated
from kd.privacy.services import DeletedAccount


def send_account_deleted(deleted: DeletedAccount) -> None:
    send_templated(deleted.email, "account_deleted", deleted.locale, deleted=deleted,
                   contact_link=url_for("contact.contact", _external=True))
