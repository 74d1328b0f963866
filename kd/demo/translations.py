"""Demo translations: a few published stories and profiles translated by the demo translator and approved
by the demo editor through the real services, one waiting in the editors' queue, one out of date after an
edit, and the rest left untranslated (the Needs-translation list). The texts are the demo's own sentence
pairs composed in the other language, so each translation says what its original says."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from kd.accounts.models import User
from kd.bilingual import services
from kd.bilingual.fields import other_languages
from kd.bilingual.models import Translation
from kd.content.kinds import kind_of
from kd.content.states import ModerationState
from kd.db import session

Versions = list[tuple[object, Callable[[str], dict[str, str]]]]
TRANSLATED_STORIES, TRANSLATED_PROFILES = 6, 3


def seed_translations(stories: Versions, profiles: Versions, editor: User, translator: User) -> None:
    if not services.is_translator(translator):
        services.grant_translator(translator, editor)
    published = [pair for pair in stories if pair[0].is_public][::7]
    for subject, texts in published[:TRANSLATED_STORIES]:
        _translate(subject, texts, editor, translator)
    waiting = published[TRANSLATED_STORIES: TRANSLATED_STORIES + 1]
    for subject, texts in waiting:
        _translate(subject, texts, None, translator)
    for subject, texts in [pair for pair in profiles if pair[0].is_public][::9][:TRANSLATED_PROFILES]:
        _translate(subject, texts, editor, translator)


def _translate(subject, texts: Callable[[str], dict[str, str]], editor: User | None, translator: User) -> None:
    """Skipped when the item has a translation already (the seed runs again)."""
    if session.scalar(select(Translation.id).where(Translation.subject_type == kind_of(subject),
                                                   Translation.subject_id == subject.id)) is not None:
        return
    language = other_languages(subject.language)[0]
    translation = services.save_translation(subject, translator, language, texts(language), submit=True)
    if editor is not None:
        services.decide_translation(translation, "approve", editor)
    assert translation.state in (ModerationState.APPROVED, ModerationState.SUBMITTED)
