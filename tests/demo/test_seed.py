"""seed-demo builds a showcase: enough varied bilingual content, approved photos with stored files."""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import func, select

from kd import db
from kd.content.states import ModerationState
from kd.demo import data
from kd.demo import images as demo_images
from kd.demo.services import seed
from kd.media.models import Photo
from kd.media.storage import get_storage
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story

APPROVED = ModerationState.APPROVED


@pytest.fixture
def seeded(app):
    with app.app_context():
        result = seed()
        yield result


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_enough_profiles_and_stories_in_every_state(seeded):
    assert _count(Profile) >= 60 and _count(Story, Story.state == APPROVED) >= 80
    kinds = set(db.session.scalars(select(Profile.kind)))
    assert kinds == {ProfileKind.PERSON, ProfileKind.GROUP, ProfileKind.ORGANISATION}
    assert _count(Story, Story.state == ModerationState.SUBMITTED) >= 3
    assert _count(Story, Story.state == ModerationState.CHANGES_REQUESTED) >= 3
    assert _count(Profile, Profile.state == ModerationState.SUBMITTED) >= 1


def test_places_and_tags_are_shared_by_several_items(seeded):
    approved = list(db.session.scalars(select(Story).where(Story.state == APPROVED)))
    countries = {story.country_code for story in approved}
    assert {"DE", "CH", "US", "SE", "AT", "GB", "FR", "IT", "BE", "NO", "CA", "XK"} <= countries
    for code in countries:
        assert sum(story.country_code == code for story in approved) >= 2
    municipalities = {story.municipality for story in approved}
    assert len(municipalities) >= 18
    assert all(sum(story.municipality == code for story in approved) >= 2 for code in municipalities)
    tag_counts: dict[str, int] = {}
    for story in approved:
        assert story.tags
        for tag in story.tags:
            tag_counts[tag.id] = tag_counts.get(tag.id, 0) + 1
    assert len(tag_counts) >= 10 and min(tag_counts.values()) >= 3


def test_texts_are_varied_and_bilingual(seeded):
    stories = list(db.session.scalars(select(Story)))
    assert len({story.body for story in stories}) >= 0.9 * len(stories)
    assert len({story.title for story in stories}) == len(stories)
    languages = {story.language for story in stories}
    assert languages == {"en", "sq"}
    albanian = " ".join(story.body for story in stories if story.language == "sq")
    assert "ë" in albanian and "ç" in albanian
    english = " ".join(story.body + " " + story.title for story in stories if story.language == "en")
    assert not re.search(r"\ba (?!eu)[aeiou]|\ban [^aeiou\W]", english, re.IGNORECASE)
    assert "{" not in english + albanian
    organisations = db.session.scalars(select(Profile).where(Profile.kind != ProfileKind.PERSON))
    for profile in organisations:
        for story in profile.stories:
            assert "as a child" not in story.body and "was born" not in story.body


def test_bios_do_not_repeat_the_headline_shown_above_them(seeded):
    for profile in db.session.scalars(select(Profile)):
        assert profile.bio and profile.headline.rstrip(".") not in profile.bio, profile.slug


def test_approved_content_has_public_photos_with_stored_files(seeded):
    storage = get_storage()
    approved_profiles = list(db.session.scalars(select(Profile).where(Profile.state == APPROVED)))
    with_photo = [profile for profile in approved_profiles if _count(Photo, Photo.profile_id == profile.id)]
    assert len(with_photo) >= 0.8 * len(approved_profiles)
    for profile in approved_profiles:
        if profile.kind is not ProfileKind.PERSON:
            assert profile in with_photo
    story_photos = _count(Photo, Photo.story_id.in_(select(Story.id).where(Story.state == APPROVED)))
    assert story_photos >= 20
    photos = list(db.session.scalars(select(Photo)))
    public = [photo for photo in photos if photo.is_public]
    assert len(public) >= 60
    assert not [photo for photo in photos if photo.subject.is_public and photo.pending_review]
    for photo in photos:
        assert len(photo.variants) >= 2 and photo.alt_text
        assert all(storage.exists(key) for key in photo.file_keys())


def test_stored_images_carry_no_exif(seeded):
    storage = get_storage()
    for photo in db.session.scalars(select(Photo).limit(10)):
        for key in photo.file_keys():
            with storage.open(key) as stream:
                image = Image.open(io.BytesIO(stream.read()))
                assert not image.getexif() and "exif" not in image.info


def test_seeding_twice_keeps_the_content_and_photos(app, seeded):
    counts = (_count(Profile), _count(Story), _count(Photo))
    again = seed()
    assert again.created == 0 and again.logins == seeded.logins
    assert counts == (_count(Profile), _count(Story), _count(Photo))


def test_drawings_differ_by_seed_and_are_jpeg():
    for draw in (demo_images.draw_portrait, demo_images.draw_landscape, demo_images.draw_logo):
        first, second = draw("Arbër Gashi"), draw("Fondacioni Çelësi")
        assert first != second and Image.open(io.BytesIO(first)).format == "JPEG"
    assert demo_images.initials_of("Fondacioni Çelësi") == "FÇ"


def test_demo_names_are_unique():
    from kd.demo.services import PEOPLE, _person_name

    names = [_person_name(index)[0] for index in range(PEOPLE)] + [group[1] for group in data.GROUPS]
    assert len(set(names)) == len(names)


def test_some_profiles_offer_help_and_past_introductions_give_impact_figures(app, seeded, client):
    from kd.connections.models import HelpOffer, IntroductionRequest

    assert _count(HelpOffer) >= 5 and _count(IntroductionRequest) >= 5
    assert all(offer.profile.owner_id for offer in db.session.scalars(select(HelpOffer)))
    assert "Median time to an answer" in client.get("/impact").get_data(as_text=True)
    assert client.get("/helpers?help=mentoring").get_data(as_text=True).count('class="card"') >= 2


def test_a_few_items_are_translated_and_most_are_not(seeded, client):
    from kd.bilingual.models import Translation
    from kd.bilingual.queries import NeedsFilters, needs_translation

    translations = list(db.session.scalars(select(Translation)))
    approved = [row for row in translations if row.state is APPROVED]
    assert len(approved) >= 6 and any(row.subject_type == "profile" for row in approved)
    assert any(row.state is ModerationState.SUBMITTED for row in translations)
    story = db.session.get(Story, next(row.subject_id for row in approved if row.subject_type == "story"))
    translation = next(row for row in approved if row.subject_id == story.id and row.subject_type == "story")
    assert translation.language != story.language and translation.title != story.title
    page = client.get(f"/stories/{story.slug}?lang={translation.language}").get_data(as_text=True)
    assert translation.title in page
    _items, untranslated = needs_translation(NeedsFilters(), ("en", "sq"), 1, 20)
    assert untranslated > 50
    assert seed().created == 0 and len(list(db.session.scalars(select(Translation)))) == len(translations)
