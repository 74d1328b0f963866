"""The documents built from plain column reads (kd/stories, kd/profiles documents) are exactly those the ORM
rows gave before, for every kind of row: tags with ë and ç, public and hidden profiles, sources, help offers,
translations (their texts join the body)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from kd import db
from kd.bilingual.models import Translation
from kd.connections.models import HelpOffer
from kd.content.states import ModerationState
from kd.profiles.models import Profile, ProfileKind
from kd.search import documents
from kd.search.backend import MULTI_VALUED, IndexDocument
from kd.search.registry import FACET_VALUES
from kd.stories.models import Story, StorySource, story_profiles


@pytest.fixture
def search_backend() -> str:
    return "whoosh"  # documents are the same for every backend; the database under them matters


def _translated(session: Session, kind: str, subject_id: int) -> list[str]:
    rows = session.scalars(select(Translation).where(Translation.subject_type == kind,
                                                     Translation.subject_id == subject_id,
                                                     Translation.state == ModerationState.APPROVED))
    texts = []
    for row in rows:
        texts += [row.title, row.summary, row.body, row.headline, row.bio]
        texts += [value for photo in (row.photo_texts or {}).values() for value in photo.values()]
    return [text for text in texts if text]


def _orm_story(session: Session, story: Story) -> IndexDocument:
    """The document as kd/stories/documents.py built it from an ORM row before the column reads."""
    return IndexDocument(
        kind="story", id=story.id, slug=story.slug, name=", ".join(p.name for p in story.profiles if p.is_public),
        title=story.title, summary=story.summary,
        body=" ".join(filter(None, (story.body, story.city, *_translated(session, "story", story.id)))),
        country=story.country_code or "", field=story.field or "", municipality=story.municipality or "",
        tag_slugs=tuple(tag.slug for tag in story.tags), tag_names=tuple(tag.name for tag in story.tags),
        published_at=story.published_at, updated_at=story.updated_at, language=story.language)


def _orm_profile(session: Session, profile: Profile) -> IndexDocument:
    return IndexDocument(
        kind=profile.kind.value, id=profile.id, slug=profile.slug, name=profile.name, title=profile.headline,
        summary="",
        body=" ".join(filter(None, (profile.bio, profile.city, *_translated(session, "profile", profile.id)))),
        country=profile.country_code or "", field=profile.field or "", municipality=profile.municipality or "",
        tag_slugs=tuple(tag.slug for tag in profile.tags), tag_names=tuple(tag.name for tag in profile.tags),
        published_at=profile.published_at, updated_at=profile.updated_at, language=profile.language)


def _orm_documents(session: Session, table: str) -> list[IndexDocument]:
    model, build = (Story, _orm_story) if table == "stories" else (Profile, _orm_profile)
    options = [selectinload(Story.profiles), selectinload(Story.tags)] if model is Story else [
        selectinload(Profile.tags)]
    rows = session.scalars(select(model).where(model.state == ModerationState.APPROVED).order_by(model.id)
                           .options(*options))
    docs = [build(session, row) for row in rows]
    for (source_table, facet), values in FACET_VALUES.items():
        if source_table == table and docs:
            found = values(session, [doc.id for doc in docs])
            docs = [replace(doc, **{MULTI_VALUED[facet]: found.get(doc.id, ())}) for doc in docs]
    return docs


def _translation(kind: str, subject_id: int, language: str, state=ModerationState.APPROVED, **texts) -> Translation:
    published = db.utcnow() if state is ModerationState.APPROVED else None
    return Translation(subject_type=kind, subject_id=subject_id, language=language, state=state,
                       published_at=published, **texts)


@pytest.fixture
def varied_rows(app, make_user, make_profile, make_story):
    owner, other = make_user(), make_user()
    drita = make_profile(name="Drita Krasniqi", city="Prishtinë", bio="Mjeke në **Gjakovë**.", headline="Kardiologe",
                         country_code="XK", field="medicine", municipality="gjakove", tags=("Mjekësi", "Çmime"),
                         owner_id=owner.id, language="sq")
    hidden = make_profile(name="Hidden Person", state=ModerationState.SUBMITTED)
    group = make_profile(name="Shoqata Ç", kind=ProfileKind.GROUP, tags=("art",), owner_id=other.id)
    organisation = make_profile(name="Org", kind=ProfileKind.ORGANISATION, city="", bio="")
    surgery = make_story(title="Zemra e Zürichut", summary="Çmim", body="Një **histori**.", city="Zürich",
                         profiles=(group, hidden, drita), tags=("Çmime", "Mjekësi", "art"), country_code="CH",
                         field="medicine", language="sq")
    bare = make_story(title="Bare", summary="", body="", profiles=(hidden,))
    make_story(title="Draft", state=ModerationState.DRAFT, profiles=(drita,), tags=("art",))
    with app.app_context():
        db.session.add_all([
            HelpOffer(profile_id=drita.id, kinds=["speaking", "mentoring"]),
            HelpOffer(profile_id=group.id, kinds=["hosting"], paused=True),
            HelpOffer(profile_id=organisation.id, kinds=["hiring"]),  # no owner: not live
            StorySource(story_id=surgery.id, url="https://news.example.org/a", title="Press", position=0),
            _translation("story", surgery.id, "en", title="Heart of Zurich", summary="A prize",
                         body="A *story*.", photo_texts={"7": {"alt_text": "Drita smiling", "caption": "In Zürich"}}),
            _translation("story", surgery.id, "de", state=ModerationState.SUBMITTED, title="Nicht sichtbar"),
            _translation("profile", drita.id, "en", headline="Cardiologist", bio="A doctor in Gjakova."),
            _translation("story", bare.id, "en", title="Only a title"),
        ])
        for position, profile in enumerate((group, hidden, drita)):  # the story form leaves them all 0
            db.session.execute(update(story_profiles).values(position=position).where(
                story_profiles.c.story_id == surgery.id, story_profiles.c.profile_id == profile.id))
        db.session.commit()


@pytest.mark.usefixtures("varied_rows")
@pytest.mark.parametrize("table", ["profiles", "stories"])
def test_column_reads_build_the_documents_the_orm_rows_did(app, monkeypatch, table):
    monkeypatch.setattr(documents, "BATCH", 2)  # batches end inside the rows
    with app.app_context(), Session(bind=app.extensions["kd.engine"]) as session:
        expected = _orm_documents(session, table)
        built = list(documents.all_approved(session, table))
        again = documents.approved_documents(session, table, [doc.id for doc in expected] + [10_000])
    assert len(expected) >= 2
    assert built == expected
    assert again == expected


@pytest.mark.usefixtures("varied_rows")
def test_the_varied_rows_reach_the_documents(app):
    """Guards the comparison above: the rows do carry what it compares."""
    with app.app_context(), Session(bind=app.extensions["kd.engine"]) as session:
        stories = list(documents.all_approved(session, "stories"))
        profiles = list(documents.all_approved(session, "profiles"))
    surgery = stories[0]
    assert surgery.name == "Shoqata Ç, Drita Krasniqi"  # in the story's order, the hidden one left out
    assert set(surgery.tag_slugs) == {"art", "cmime", "mjekesi"}
    assert "Heart of Zurich" in surgery.body and "In Zürich" in surgery.body and "Nicht" not in surgery.body
    assert [doc.help_kinds for doc in profiles] == [("mentoring", "speaking"), (), ()]
    assert "A doctor in Gjakova." in profiles[0].body
