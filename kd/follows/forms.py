from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from kd.core.forms import select_choices
from kd.follows.models import FollowKind, Frequency

FREQUENCY_LABELS = {
    Frequency.IMMEDIATELY: _l("Immediately (as soon as something new is published)"),
    Frequency.DAILY: _l("Once a day"),
    Frequency.WEEKLY: _l("Once a week"),
    Frequency.NEVER: _l("Never (no digest mails)"),
}


class FrequencyForm(FlaskForm):
    frequency = SelectField(_l("How often should we mail you what is new?"),
                            choices=select_choices((frequency.value, label)
                                                   for frequency, label in FREQUENCY_LABELS.items()))

    @property
    def chosen(self) -> Frequency:
        return Frequency(self.frequency.data)


class FollowForm(FlaskForm):
    """The Follow / Unfollow button: the CSRF token and the page to return to."""

    next = HiddenField()


class UnsubscribeForm(FlaskForm):
    """One button; the signed link is the proof, so it also works as RFC 8058 one-click (see views)."""


KIND_LABELS = {
    FollowKind.TAG.value: _l("topic"),
    FollowKind.COUNTRY.value: _l("country of residence"),
    FollowKind.MUNICIPALITY.value: _l("municipality of origin"),
    FollowKind.FIELD.value: _l("field"),
    FollowKind.PROFILE.value: _l("profile"),
    FollowKind.COLLECTION.value: _l("collection"),
}
