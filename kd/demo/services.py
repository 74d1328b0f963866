"""seed(): demo accounts and content, idempotent (existing slugs and emails are left alone)."""
from __future__ import annotations

import json
import random
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update

from kd.accounts.models import Role, User
from kd.accounts.services import find_by_email
from kd.browse.services import sync_tag_dates
from kd.content.states import ModerationState
from kd.core.passwords import hash_password
from kd.core.places import municipality
from kd.core.text import fold, slugify
from kd.db import session, transaction, utcnow
from kd.demo import data
from kd.demo import images as demo_images
from kd.demo.connections import seed_connections
from kd.demo.translations import seed_translations
from kd.media.models import PhotoPermission
from kd.media.queries import photos_of
from kd.media.services import PhotoDetails, add_generated_photo
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story, story_tags
from kd.tags.services import tags_for

DEMO_ACCOUNTS = (("admin", Role.ADMIN, "Admin KD"), ("editor", Role.EDITOR, "Editore Drita"),
                 ("member", Role.MEMBER, "Anëtar Arbër"), ("translator", Role.MEMBER, "Përkthyese Teuta"))
PEOPLE = 50


def _stories_per_profile(index: int, profile: Profile) -> int:
    return min(len(_achievements(profile)), 3 if index % 4 == 0 else 2)


@dataclass
class SeedResult:
    created: int = 0
    existing: int = 0
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def seed() -> SeedResult:
    result = SeedResult()
    with transaction():
        result.logins = _demo_accounts()
        submitter = find_by_email("member@demo.kd-diaspora.org")
        rng = random.Random(2026)
        profiles = [_person(rng, index, submitter, result) for index in range(PEOPLE)]
        profiles += [_group(rng, spec, submitter, result) for spec in data.GROUPS]
        stories, translated = [], []
        for index, profile in enumerate(profiles):
            for offset in range(_stories_per_profile(index, profile)):
                story = _story(rng, index, profile, submitter, result, len(stories), offset)
                if story is not None:
                    stories.append(story)
                    translated.append((story, profile, index, offset))
        editor = find_by_email("editor@demo.kd-diaspora.org")
        _demo_actions(editor, submitter, result)
        _demo_photos(profiles, stories, editor, submitter)
        _demo_collections(find_by_email("editor@demo.kd-diaspora.org"), result)
        seed_connections(profiles)
        seed_translations([(story, _story_version(profile, index, offset)) for story, profile, index, offset
                           in translated], [(profile, _profile_version(profile, index))
                                            for index, profile in enumerate(profiles)],
                          editor, find_by_email("translator@demo.kd-diaspora.org"))
    return result


def _credentials_file() -> Path:
    return Path(current_app.config["INSTANCE_DIR"]) / "demo-logins.json"


def _demo_accounts() -> list[tuple[str, str, str]]:
    """Create the demo accounts; passwords are kept in instance/ so every run can print them."""
    path = _credentials_file()
    known = json.loads(path.read_text()) if path.exists() else {}
    logins = []
    for name, role, display in DEMO_ACCOUNTS:
        email = f"{name}@demo.kd-diaspora.org"
        user = find_by_email(email)
        if user is None or email not in known:
            known[email] = secrets.token_urlsafe(9)
            user = user or User(email=email, display_name=display, role=role, email_confirmed=True,
                                email_confirmed_at=utcnow(), locale=None)
            user.password_hash = hash_password(known[email])
            session.add(user)
        logins.append((name, email, known[email]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(known, indent=2))
    path.chmod(0o600)
    return logins


def _state_for(index: int) -> ModerationState:
    if index % 11 == 5:
        return ModerationState.SUBMITTED
    if index % 13 == 7:
        return ModerationState.CHANGES_REQUESTED
    return ModerationState.APPROVED


def _story_state(profile: Profile, number: int) -> ModerationState:
    """Stories of unpublished profiles share their state; a few of published profiles' stories wait too."""
    if profile.state is not ModerationState.APPROVED:
        return profile.state
    if number % 17 == 4:
        return ModerationState.SUBMITTED
    if number % 19 == 9:
        return ModerationState.CHANGES_REQUESTED
    return ModerationState.APPROVED


def _person_name(index: int) -> tuple[str, str]:
    first, gender = data.FIRST_NAMES[index % len(data.FIRST_NAMES)]
    surname = data.SURNAMES[(index * 7 + index // len(data.FIRST_NAMES)) % len(data.SURNAMES)]
    return f"{first} {surname}", gender


def _person(rng: random.Random, index: int, submitter: User, result: SeedResult) -> Profile:
    name, gender = _person_name(index)
    field_code = list(data.FIELDS)[(index * 5) % len(data.FIELDS)]
    headline_en, headline_m, headline_f = data.FIELDS[field_code]["headlines"][index // 3 % 2]
    language = "sq" if index % 2 else "en"
    headline = (headline_f if gender == "f" else headline_m) if language == "sq" else headline_en
    return _profile(index, ProfileKind.PERSON, name, field_code, headline, language, submitter, result, gender)


def _group(rng: random.Random, spec: tuple, submitter: User, result: SeedResult) -> Profile:
    kind, name, field_code, headline_en, headline_sq = spec
    index = PEOPLE + data.GROUPS.index(spec)
    language = "sq" if index % 2 else "en"
    return _profile(index, ProfileKind(kind), name, field_code,
                    headline_sq if language == "sq" else headline_en, language, submitter, result, "")


def _article(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _place(index: int) -> tuple[tuple[str, str, str, str], str]:
    return (data.RESIDENCES[(index * 5) % len(data.RESIDENCES)],
            data.MUNICIPALITY_CODES[(index * 3 + index // 20) % len(data.MUNICIPALITY_CODES)])


def _context(profile: Profile, index: int, gender: str, language: str) -> dict:
    (_country, _city, city_en, city_sq), _code = _place(index)
    role_en, role_m, role_f = data.FIELDS[profile.field]["role"]
    return dict(name=profile.name, city=city_sq if language == "sq" else city_en,
                municipality=municipality(profile.municipality).name(language), year=2016 + index % 10,
                year_moved=1990 + index % 25, year_founded=1995 + index % 20, role_a=_article(role_en),
                role_sq=role_f if gender == "f" else role_m)


def _fill(pair: tuple[str, str], language: str, context: dict) -> str:
    return pair[1 if language == "sq" else 0].format(**context)


def _profile(index, kind, name, field_code, headline, language, submitter, result, gender) -> Profile:
    slug = slugify(name)
    existing = session.scalars(select(Profile).where(Profile.slug == slug)).first()
    if existing is not None:
        result.existing += 1
        existing.demo_gender = gender
        return existing
    (country, city, _en, _sq), municipality_code = _place(index)
    state = _state_for(index)
    rng = random.Random(slug)
    profile = Profile(
        kind=kind, slug=slug, name=name, name_folded=fold(name), headline=headline, field=field_code,
        country_code=country, city=city, municipality=municipality_code, links=[], language=language, state=state,
        submitted_by_id=submitter.id, submitted_at=utcnow(),
        published_at=utcnow() - timedelta(days=index) if state is ModerationState.APPROVED else None,
        tags=tags_for([data.FIELDS[field_code]["tag"], rng.choice(data.TAGS)]))
    context = _context(profile, index, gender, language)
    origins = data.PERSON_ORIGINS if kind is ProfileKind.PERSON else data.GROUP_ORIGINS
    achievement = _achievements(profile)[index % len(_achievements(profile))]
    # The headline is shown above the bio (and in search hits): the bio does not repeat it.
    parts = [_fill(rng.choice(origins), language, context), _fill(achievement[2:], language, context)]
    profile.bio = " ".join(parts[: 1 + index % 2])
    profile.demo_gender = gender
    session.add(profile)
    session.flush()
    sync_tag_dates(session, profile)
    result.created += 1
    return profile


def _achievements(profile: Profile) -> list[tuple[str, str, str, str]]:
    if profile.kind is ProfileKind.PERSON:
        return data.FIELDS[profile.field]["achievements"]
    return data.GROUP_ACHIEVEMENTS


def _story(rng: random.Random, index: int, profile: Profile, submitter: User, result: SeedResult,
           number: int = 0, offset: int = 0) -> Story | None:
    """The profile's offset-th story; number counts stories over the whole seed (states, dates)."""
    language = profile.language
    achievements = _achievements(profile)
    achievement = achievements[(index + offset) % len(achievements)]
    context = _context(profile, index, getattr(profile, "demo_gender", ""), language)
    title = _fill(achievement[:2], language, context)
    slug = slugify(title)
    existing = session.scalars(select(Story).where(Story.slug == slug)).first()
    if existing is not None:
        result.existing += 1
        return existing
    summary, body = story_texts(slug, profile, achievement, context, language)
    rng = random.Random(slug)
    state = _story_state(profile, number)
    published_at = utcnow() - timedelta(days=number) if state is ModerationState.APPROVED else None
    story = Story(
        slug=slug, title=title, summary=summary[:500], body=body,
        achieved_on=date(2026, 1, 1) - timedelta(days=number * 11 + rng.randint(0, 10)), field=profile.field,
        country_code=profile.country_code, city=profile.city, municipality=profile.municipality,
        language=language, state=state, submitted_by_id=submitter.id, submitted_at=utcnow(),
        published_at=published_at, profiles=[profile],
        tags=tags_for([data.FIELDS[profile.field]["tag"], *rng.sample(data.TAGS, 2)]))
    session.add(story)
    session.flush()
    session.execute(update(story_tags).where(story_tags.c.story_id == story.id)
                    .values(published_at=story.published_at))
    result.created += 1
    return story


def _story_version(profile: Profile, index: int, offset: int):
    """language -> {title, summary, body} of the profile's offset-th story, composed in that language."""
    def texts(language: str) -> dict[str, str]:
        achievements = _achievements(profile)
        achievement = achievements[(index + offset) % len(achievements)]
        original = _context(profile, index, getattr(profile, "demo_gender", ""), profile.language)
        slug = slugify(_fill(achievement[:2], profile.language, original))
        context = _context(profile, index, getattr(profile, "demo_gender", ""), language)
        summary, body = story_texts(slug, profile, achievement, context, language)
        return {"title": _fill(achievement[:2], language, context), "summary": summary, "body": body}
    return texts


def _profile_version(profile: Profile, index: int):
    """language -> {headline, bio} of a profile, composed in that language as _profile() composes it."""
    def texts(language: str) -> dict[str, str]:
        gender = getattr(profile, "demo_gender", "")
        context = _context(profile, index, gender, language)
        rng = random.Random(profile.slug)
        origins = data.PERSON_ORIGINS if profile.kind is ProfileKind.PERSON else data.GROUP_ORIGINS
        achievement = _achievements(profile)[index % len(_achievements(profile))]
        parts = [_fill(rng.choice(origins), language, context), _fill(achievement[2:], language, context)]
        return {"headline": _headline(profile, index, gender, language), "bio": " ".join(parts[: 1 + index % 2])}
    return texts


def _headline(profile: Profile, index: int, gender: str, language: str) -> str:
    if profile.kind is not ProfileKind.PERSON:
        _kind, _name, _field, headline_en, headline_sq = data.GROUPS[index - PEOPLE]
        return headline_sq if language == "sq" else headline_en
    headline_en, headline_m, headline_f = data.FIELDS[profile.field]["headlines"][index // 3 % 2]
    return (headline_f if gender == "f" else headline_m) if language == "sq" else headline_en


def story_texts(slug: str, profile: Profile, achievement, context: dict, language: str) -> tuple[str, str]:
    """The summary and body, drawn from the sentence pairs by a generator seeded with the slug: the same
    draws in the other language give the story's translation (kd/demo/translations.py)."""
    rng = random.Random(slug)
    person = profile.kind is ProfileKind.PERSON
    origins = data.PERSON_ORIGINS if person else data.GROUP_ORIGINS
    paths = data.PATHS[:4] if person else data.PATHS[4:]
    summary = _fill(achievement[2:], language, context)
    opening = [_fill(rng.choice(origins), language, context)]
    if rng.random() < 0.7:
        opening.append(_fill(rng.choice(paths), language, context))
    paragraphs = [summary, " ".join(opening)]
    if rng.random() < 0.75:
        paragraphs.append(f"> “{_fill(rng.choice(data.QUOTES), language, context)}”")
    if rng.random() < 0.8:
        paragraphs.append(_fill(rng.choice(data.CLOSINGS), language, context))
    return summary[:500], "\n\n".join(paragraphs)


def _demo_actions(editor: User, submitter: User, result: SeedResult) -> None:
    """Digital diplomacy actions, through the actions services (so they are audited); skipped if present."""
    from kd.actions import services as actions
    from kd.actions.models import Action, ActionStatus, InstitutionKind
    from kd.demo.action_data import ACTIONS

    for spec in ACTIONS:
        if session.scalars(select(Action.id).where(Action.slug == spec["slug"])).first() is not None:
            result.existing += 1
            continue
        fields = {name: spec[name] for name in actions.EDITABLE_FIELDS}
        fields["target_kind"] = InstitutionKind(spec["target_kind"])
        action = (actions.propose_action(submitter, fields) if spec["proposal"]
                  else actions.create_action(editor, fields))
        action.slug = spec["slug"]
        if spec["status"] == "won":
            actions.set_status(editor, action, ActionStatus.WON, spec["won_on"], spec["evidence_url"])
        result.created += 1


def _demo_photos(profiles: list[Profile], stories: list[Story], editor: User, submitter: User) -> None:
    """A portrait for most people, a logo for every group and organisation, pictures for every third story.
    Photos of published content count as approved (an editor added them); subjects that already have photos
    are left alone, except that photos an older seed left waiting for review on published content are approved."""
    for index, profile in enumerate(profiles):
        person = profile.kind is ProfileKind.PERSON
        if person and index % 8 == 3:
            continue
        details = PhotoDetails(
            alt_text=_fill(PORTRAIT_ALT if person else LOGO_ALT, profile.language, {"name": profile.name}),
            credit=DEMO_CREDIT, permission=PhotoPermission.OWN)
        draw = demo_images.draw_portrait if person else demo_images.draw_logo
        _demo_photo(profile, lambda profile=profile, draw=draw: draw(profile.name), details, editor, submitter,
                    "portrait.jpg" if person else "logo.jpg")
    for number, story in enumerate(stories):
        if number % 3:
            continue
        for picture in range(2 if number % 9 == 0 else 1):
            details = PhotoDetails(
                alt_text=_fill(LANDSCAPE_ALT, story.language, {"title": story.title})[:300],
                caption=story.city, credit=DEMO_CREDIT, permission=PhotoPermission.OWN)
            _demo_photo(story, lambda story=story, picture=picture: demo_images.draw_landscape(
                f"{story.slug}-{picture}"), details, editor, submitter, "landscape.jpg", count=picture + 1)


DEMO_CREDIT = "KD (demo illustration)"
PORTRAIT_ALT = ("Drawn portrait of {name}", "Portret i vizatuar: {name}")
LOGO_ALT = ("Logo of {name}", "Logoja: {name}")
LANDSCAPE_ALT = ("Drawn landscape of hills and sky for the story “{title}”",
                 "Peizazh i vizatuar me kodra dhe qiell për historinë “{title}”")


def _demo_photo(subject, draw, details: PhotoDetails, editor: User, submitter: User, name: str,
                count: int = 1) -> None:
    existing = photos_of(subject)
    if len(existing) >= count:
        if subject.is_public:
            for photo in existing:
                photo.pending_review = False
        return
    add_generated_photo(subject, editor if subject.is_public else submitter, draw(), details, name)


DEMO_COLLECTIONS = (
    {"title_en": "Kosovars in medicine", "title_sq": "Kosovarët në mjekësi", "field": "medicine",
     "introduction_en": "Doctors, nurses and researchers of the diaspora, from Zurich to Stockholm.",
     "introduction_sq": "Mjekë, infermierë dhe studiues të diasporës, nga Cyrihu në Stokholm."},
    {"title_en": "Diaspora in Switzerland", "title_sq": "Diaspora në Zvicër", "country": "CH",
     "introduction_en": "People and organisations of the Kosovo diaspora who live in Switzerland.",
     "introduction_sq": "Njerëz dhe organizata të diasporës së Kosovës që jetojnë në Zvicër."},
)


def _demo_collections(editor: User, result: SeedResult) -> None:
    """Two featured collections built through the collections services; skipped if present."""
    from kd.collections import services as collections
    from kd.collections.models import Collection

    for spec in DEMO_COLLECTIONS:
        if session.scalars(select(Collection.id).where(Collection.slug == slugify(spec["title_en"]))).first():
            result.existing += 1
            continue
        fields = {name: spec[name] for name in ("title_en", "title_sq", "introduction_en", "introduction_sq")}
        collection = collections.create_collection(editor, {**fields, "featured": True})
        for subject in _collection_members(spec)[:6]:
            collections.add_item(editor, collection, f"/{'stories' if isinstance(subject, Story) else 'people'}/"
                                                     f"{subject.slug}")
        if collection.items:
            collections.publish(editor, collection)
        result.created += 1


def _collection_members(spec: dict) -> list:
    approved = Story.state == ModerationState.APPROVED
    if "field" in spec:
        return list(session.scalars(select(Story).where(approved, Story.field == spec["field"]).order_by(Story.id)))
    return list(session.scalars(select(Profile).where(Profile.state == ModerationState.APPROVED,
                                                      Profile.country_code == spec["country"],
                                                      Profile.kind == ProfileKind.PERSON).order_by(Profile.id)))
