"""The live site the browser talks to: the app behind werkzeug's threaded server on 127.0.0.1.

It runs in the test process, so tests can make accounts and read the outbox directly. The server
thread and the tests each get their own database session (db.session is thread-scoped).
"""
from __future__ import annotations

import email
import email.policy
import itertools
import threading
from pathlib import Path

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.serving import make_server

from kd import db
from kd.accounts.models import Role, User
from kd.content.states import ModerationState
from kd.core.passwords import hash_password
from kd.profiles.models import Profile
from kd.stories.models import Story

PASSWORD = "correct horse battery"
VIEWER_ROLES = {"member": Role.MEMBER, "editor": Role.EDITOR, "admin": Role.ADMIN}


class LiveSite:
    def __init__(self, app: Flask):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="kd-live-site", daemon=True)
        self._numbers = itertools.count(1)
        self.viewers: dict[str, User] = {}

    def start(self) -> LiveSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)

    def make_user(self, role: Role = Role.MEMBER, confirmed: bool = True, **fields) -> User:
        """A fresh account with PASSWORD: tests that change an account use their own."""
        number = next(self._numbers)
        fields.setdefault("email", f"e2e-user{number}@example.org")
        fields.setdefault("display_name", f"E2E User {number}")
        with self.app.app_context():
            user = User(role=role, email_confirmed=confirmed, password_hash=hash_password(PASSWORD), **fields)
            db.session.add(user)
            db.session.commit()
            db.session.expunge(user)
        return user

    def add_viewers(self) -> None:
        """The accounts the page checks log in as; nothing may change them."""
        for name, role in VIEWER_ROLES.items():
            self.viewers[name] = self.make_user(role, email=f"{name}@e2e.example.org",
                                                display_name=f"E2E {name.title()}")

    def user(self, email_address: str) -> User | None:
        with self.app.app_context():
            user = db.session.scalars(select(User).filter_by(email=email_address)).first()
            if user is not None:
                db.session.expunge(user)
            return user

    def first_published(self, model_name: str):
        """The newest approved story or profile of the demo content (with its tags loaded)."""
        model = {"Story": Story, "Profile": Profile}[model_name]
        with self.app.app_context():
            found = db.session.scalars(select(model).where(model.state == ModerationState.APPROVED)
                                       .options(selectinload(model.tags)).order_by(model.id)).first()
            db.session.expunge_all()
            return found

    def mail_to(self, address: str) -> list[email.message.EmailMessage]:
        """Messages in the outbox for address, oldest first."""
        folder = Path(self.app.config["MAIL_OUTBOX_DIR"])
        files = sorted(folder.glob("*.eml"), key=lambda path: path.stat().st_mtime_ns) if folder.exists() else []
        messages = [email.message_from_bytes(path.read_bytes(), policy=email.policy.default) for path in files]
        return [message for message in messages if message["To"] == address]
