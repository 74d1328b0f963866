"""Mails about introductions, sent after the commit, each in its recipient's language."""
from __future__ import annotations

from flask import url_for

from kd.connections.models import IntroductionRequest
from kd.connections.queries import editors
from kd.connections.services import outcome_token
from kd.mail import send_templated


def _send(user, template: str, introduction: IntroductionRequest, **context) -> None:
    send_templated(user.email, template, user.locale or "en", introduction=introduction, **context)


def tell_owner(introduction: IntroductionRequest) -> None:
    _send(introduction.owner, "introduction_request", introduction,
          link=url_for("connections.received", request_id=introduction.id, _external=True))


def introduce(introduction: IntroductionRequest) -> None:
    """Each gets the other's name and address: only now, after the owner accepted."""
    _send(introduction.asker, "introduction_made", introduction, other=introduction.owner, asked=True)
    _send(introduction.owner, "introduction_made", introduction, other=introduction.asker, asked=False)


def tell_declined(introduction: IntroductionRequest) -> None:
    _send(introduction.asker, "introduction_declined", introduction,
          reason=introduction.decline_reason if introduction.share_reason else "")


def tell_expired(introduction: IntroductionRequest) -> None:
    _send(introduction.asker, "introduction_expired", introduction)


def tell_editors(introduction: IntroductionRequest) -> None:
    link = url_for("connections.desk", _external=True)
    for editor in editors():
        _send(editor, "introduction_reported", introduction, link=link)


def ask_how_it_went(introduction: IntroductionRequest) -> None:
    for user, other in ((introduction.asker, introduction.owner), (introduction.owner, introduction.asker)):
        token = outcome_token(introduction, user.id)
        links = {answer: url_for("connections.outcome", token=token, answer=answer, _external=True)
                 for answer in ("yes", "no", "not_yet")}
        _send(user, "introduction_follow_up", introduction, other=other, links=links)
