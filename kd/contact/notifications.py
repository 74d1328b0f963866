"""The mail to every editor and admin about a new message, sent after it is stored."""
from __future__ import annotations

from flask import url_for

from kd.contact.models import ContactMessage
from kd.contact.services import editors
from kd.mail import send_templated


def tell_editors(message: ContactMessage) -> None:
    link = url_for("contact.messages", _external=True)
    for editor in editors():
        send_templated(editor.email, "contact_message", editor.locale or "en", headers={"Reply-To": message.email},
                       message=message, link=link)
