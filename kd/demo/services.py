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
from kd.core.moderated import ModerationState
from kd.core.passwords import hash_password
from kd.core.places import municipality
from kd.core.text import fold, slugify
from kd.db import session, transaction, utcnow
from kd.demo import data
from kd.media.queries import photos_of
from kd.media.services import add_generated_photo
from kd.profiles.models import Profile, ProfileKind
from kd.stories.models import Story, story_tags
from kd.tags.services import tags_for

DEMO_ACCOUNTS = (("admin", Role.ADMIN, "Admin KD"), ("editor", Role.EDITOR, "Editore Drita"),
                 ("member", Role.MEMBER, "Anëtar Arbër"))
PEOPLE = 24


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
        for index, profile in enumerate(profiles):
            _story(rng, index, profile, submitter, result)
        _demo_actions(find_by_email("editor@demo.kd-diaspora.org"), submitter, result)
        _demo_photos(profiles, submitter)
        _demo_collections(find_by_email("editor@demo.kd-diaspora.org"), result)
    return result


def _credentials_file() -> Path:
    return Path(current_app.config["INSTANCE_DIR"]) / "demo-logins.json"


def _demo_accounts() -> list[tuple[str, str, str]]:
    """Create the three demo accounts; passwords are kept in instance/ so every run can print them."""
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


def _person(rng: random.Random, index: int, submitter: User, result: SeedResult) -> Profile:
    name = f"{data.FIRST_NAMES[index % len(data.FIRST_NAMES)]} {data.SURNAMES[(index * 7) % len(data.SURNAMES)]}"
    field_code = list(data.FIELD_TEXT)[index % len(data.FIELD_TEXT)]
    headline_en, headline_sq, *_ = data.FIELD_TEXT[field_code]
    language = "sq" if index % 2 else "en"
    return _profile(rng, index, ProfileKind.PERSON, name, field_code,
                    headline_sq if language == "sq" else headline_en, language, submitter, result)


def _group(rng: random.Random, spec: tuple, submitter: User, result: SeedResult) -> Profile:
    kind, name, field_code, headline_en, headline_sq = spec
    index = PEOPLE + data.GROUPS.index(spec)
    language = "sq" if index % 2 else "en"
    return _profile(rng, index, ProfileKind(kind), name, field_code,
                    headline_sq if language == "sq" else headline_en, language, submitter, result)


def _profile(rng, index, kind, name, field_code, headline, language, submitter, result) -> Profile:
    slug = slugify(name)
    existing = session.scalars(select(Profile).where(Profile.slug == slug)).first()
    if existing is not None:
        result.existing += 1
        return existing
    country, city = data.RESIDENCES[index % len(data.RESIDENCES)]
    state = _state_for(index)
    profile = Profile(
        kind=kind, slug=slug, name=name, name_folded=fold(name), headline=headline, field=field_code,
        country_code=country, city=city, municipality=data.MUNICIPALITY_CODES[index % len(data.MUNICIPALITY_CODES)],
        bio=headline + ".", links=[], language=language, state=state, submitted_by_id=submitter.id,
        submitted_at=utcnow(), published_at=utcnow() - timedelta(days=index) if state is ModerationState.APPROVED
        else None, tags=tags_for(rng.sample(data.TAGS, 2)))
    session.add(profile)
    session.flush()
    sync_tag_dates(session, profile)
    result.created += 1
    return profile


def _story(rng: random.Random, index: int, profile: Profile, submitter: User, result: SeedResult) -> None:
    title_en, title_sq = data.STORY_TITLES[index % len(data.STORY_TITLES)]
    language = profile.language
    context = dict(name=profile.name, city=profile.city,
                   municipality=municipality(profile.municipality).name(language),
                   role=data.FIELD_TEXT.get(profile.field, ("", "", "professional", "profesioniste"))[
                       3 if language == "sq" else 2])
    title = (title_sq if language == "sq" else title_en).format(**context)
    slug = slugify(title)
    if session.scalars(select(Story.id).where(Story.slug == slug)).first() is not None:
        result.existing += 1
        return
    body = (data.BODY_SQ if language == "sq" else data.BODY_EN).format(**context)
    published = profile.state is ModerationState.APPROVED
    story = Story(
        slug=slug, title=title, summary=body.split("\n\n")[0][:500], body=body,
        achieved_on=date(2026, 1, 1) - timedelta(days=index * 17), field=profile.field,
        country_code=profile.country_code, city=profile.city, municipality=profile.municipality,
        language=language, state=profile.state, submitted_by_id=submitter.id, submitted_at=utcnow(),
        published_at=profile.published_at if published else None, profiles=[profile],
        tags=tags_for(rng.sample(data.TAGS, 3)))
    session.add(story)
    session.flush()
    session.execute(update(story_tags).where(story_tags.c.story_id == story.id)
                    .values(published_at=story.published_at))
    result.created += 1


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


def _demo_photos(profiles: list[Profile], submitter: User) -> None:
    """A drawn portrait for every profile, one or two pictures for every third one's stories;
    anything that already has photos is left alone."""
    for index, profile in enumerate(profiles):
        if not photos_of(profile):
            add_generated_photo(profile, submitter, profile.name)
        for story in profile.stories if index % 3 == 0 else []:
            if not photos_of(story):
                for number in range(1 + index % 2):
                    add_generated_photo(story, submitter, f"{profile.name} {number}")


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
