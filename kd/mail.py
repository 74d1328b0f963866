"""Outgoing mail: SMTP when KD_SMTP_HOST is set, else .eml files in the outbox folder (and the log)."""
from __future__ import annotations

import email
import email.policy
import logging
import smtplib
import uuid
from email.message import EmailMessage
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

from kd.jobs import enqueue

log = logging.getLogger(__name__)


def send_templated(to: str, template: str, locale: str, headers: dict[str, str] | None = None,
                   **context) -> EmailMessage:
    """Render templates/email/<template>.{subject,txt,html} in the recipient's language and send."""
    with force_locale(locale):
        subject = render_template(f"email/{template}.subject.txt", **context).strip()
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
    return send(to, subject, text, html, headers=headers)


def send(to: str, subject: str, text: str, html: str | None = None,
         headers: dict[str, str] | None = None) -> EmailMessage:
    """headers: extra ones such as List-Unsubscribe or Reply-To."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{uuid.uuid4().hex}@kd>"
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    enqueue(deliver, bytes(message))
    return message


def deliver(raw_message: bytes) -> None:
    """Job: hand a rendered message to SMTP, or to the outbox folder when no SMTP is configured."""
    message = email.message_from_bytes(raw_message, policy=email.policy.default)
    if current_app.config.get("SMTP_HOST"):
        _send_smtp(message)
    else:
        _write_outbox(message)


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=20) as smtp:
        if config["SMTP_STARTTLS"]:
            smtp.starttls()
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"] or "")
        smtp.send_message(message)


def _write_outbox(message: EmailMessage) -> None:
    outbox = Path(current_app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{uuid.uuid4().hex}.eml"
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(bytes(message))
    temporary.replace(path)
    log.info("Mail to %s, %r, written to %s", message["To"], message["Subject"], path)
