"""A synthetic corpus in a separate database: Albanian and English names, ~300-word stories."""
from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from kd.accounts.models import Role, User
from kd.core.fields import FIELDS
from kd.core.places import MUNICIPALITIES
from kd.migrate import upgrade
from kd.profiles.models import Profile, profile_tags
from kd.stories.models import Story, story_profiles, story_tags
from kd.tags.models import Tag

FIRST = ("Arben Besnik Dardan Drita Vjosa Teuta Ilir Agron Blerta Shpresa Fatmir Liridona Albulena Valon Rina "
         "Genta Kushtrim Edona Driton Arta Luan Mimoza Leutrim Fjolla Donika Anna James Maria David Sarah "
         "Michael Laura Thomas Emma Daniel Sophie Lukas Mia Jonas Lea").split()
LAST = ("Krasniqi Gashi Berisha Morina Hoxha Shala Bytyqi Kelmendi Rexhepi Ahmeti Hasani Thaçi Çeliku Dema "
        "Kastrati Rugova Sejdiu Mustafa Zeqiri Osmani Smith Müller Johnson Schmidt Brown Fischer Wilson Weber").split()
WORDS = ("the and of to in a is that for on with as was by at from his her their this which an be has had "
         "students university research company founded award prize music film football team doctor hospital "
         "engineer software startup community school teacher festival concert album novel poet painter "
         "exhibition science physics medicine surgery clinic court lawyer election parliament minister city "
         "village family war refugee migration diaspora homeland language culture tradition history future "
         "shkollë universitet studentët çmim muzikë film futboll mjek spital inxhinier kompani komunitet "
         "mësues festival koncert album roman poet piktor ekspozitë shkencë fizikë mjekësi gjykatë avokat "
         "zgjedhje qytet fshat familje luftë emigrim diasporë atdhe gjuhë kulturë traditë histori ardhmëri "
         "Prishtinë Pristina Prizren Pejë Peja Gjakovë Gjakova Mitrovicë Ferizaj Gjilan Podujevë Berlin Zurich "
         "Stockholm Vienna London Munich Geneva Hamburg Chicago Toronto Oslo Brussels çelës çelik").split()
COUNTRIES = ("DE", "DE", "DE", "CH", "CH", "US", "SE", "AT", "GB", "FR", "IT", "BE", "NO", "FI", "NL", "CA",
             "XK", "AL", "TR", "AU", "DK", "SI", "HR", "IE")
TAG_COUNT = 200
EPOCH = datetime(2015, 1, 1, tzinfo=UTC)


SYLLABLES = ("ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sha she ta te ti to "
             "va ve vi zo").split()


def _vocabulary() -> tuple[list[str], list[float]]:
    """Real words scattered among 20,000 made-up ones, with Zipf-like frequencies as in real text."""
    rng = random.Random(11)
    made_up = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(30_000)}
    vocabulary = sorted(made_up)[:20_000]
    rng.shuffle(vocabulary)
    for word in WORDS:
        vocabulary.insert(rng.randint(0, 3000) if len(word) > 3 else rng.randint(0, 30), word)
    weights, total = [], 0.0
    for rank in range(len(vocabulary)):
        total += 1 / (rank + 1)
        weights.append(total)
    return vocabulary, weights


VOCABULARY, CUMULATIVE_WEIGHTS = _vocabulary()


def text(rng: random.Random, words: int) -> str:
    chosen = rng.choices(VOCABULARY, cum_weights=CUMULATIVE_WEIGHTS, k=words)
    return ". ".join(" ".join(chosen[i:i + 12]).capitalize() for i in range(0, words, 12)) + "."


def tag_names() -> list[str]:
    return [f"{word}-{number}" if number else word for number in range(20) for word in WORDS[25:35]][:TAG_COUNT]


def _rows_in_chunks(engine: Engine, table, rows, size: int = 5000) -> None:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            with engine.begin() as connection:
                connection.execute(insert(table), chunk)
            chunk = []
    if chunk:
        with engine.begin() as connection:
            connection.execute(insert(table), chunk)


def seed(engine: Engine, profiles: int, stories: int, seed_value: int = 5) -> None:
    upgrade(url=engine.url.render_as_string(hide_password=False))  # the real schema, as migrations build it
    rng = random.Random(seed_value)
    with engine.begin() as connection:
        connection.execute(insert(User.__table__), [{"email": "editor@bench.example.org", "display_name": "Editor",
                                                     "password_hash": "x", "role": Role.EDITOR.value,
                                                     "email_confirmed": True, "login_token": "t"}])
        connection.execute(insert(Tag.__table__), [{"id": i + 1, "slug": name, "name": name.capitalize()}
                                                   for i, name in enumerate(tag_names())])
    _rows_in_chunks(engine, Profile.__table__, (_profile(rng, i, profiles) for i in range(1, profiles + 1)))
    _rows_in_chunks(engine, profile_tags, ({"profile_id": i, "tag_id": t, "published_at": _published(i, profiles)}
                                           for i in range(1, profiles + 1)
                                           for t in rng.sample(range(1, TAG_COUNT + 1), 2)))
    _rows_in_chunks(engine, Story.__table__, (_story(rng, i, stories) for i in range(1, stories + 1)))
    _rows_in_chunks(engine, story_profiles, ({"story_id": i, "profile_id": rng.randint(1, profiles), "position": 0}
                                             for i in range(1, stories + 1)))
    _rows_in_chunks(engine, story_tags, ({"story_id": i, "tag_id": t, "published_at": _published(i, stories)}
                                         for i in range(1, stories + 1)
                                         for t in rng.sample(range(1, TAG_COUNT + 1), 3)))


def _published(number: int, total: int) -> datetime:
    return EPOCH + timedelta(minutes=number * (5 * 365 * 24 * 60 // max(total, 1)))


def _profile(rng: random.Random, number: int, total: int) -> dict:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return {"id": number, "kind": "person", "slug": f"p-{number}", "name": name, "name_folded": name.casefold(),
            "headline": text(rng, 8), "field": rng.choice(list(FIELDS)), "country_code": rng.choice(COUNTRIES),
            "city": "", "municipality": rng.choice(MUNICIPALITIES).code, "bio": text(rng, 80), "links": [],
            "state": "approved", "language": rng.choice(("en", "sq")), "moderation_message": "",
            "published_at": _published(number, total), "created_at": EPOCH, "updated_at": EPOCH}


def _story(rng: random.Random, number: int, total: int) -> dict:
    return {"id": number, "slug": f"s-{number}", "title": text(rng, 7).rstrip("."), "summary": text(rng, 30),
            "body": text(rng, 300), "field": rng.choice(list(FIELDS)), "country_code": rng.choice(COUNTRIES),
            "city": "", "municipality": rng.choice(MUNICIPALITIES).code, "state": "approved",
            "language": rng.choice(("en", "sq")), "moderation_message": "",
            "published_at": _published(number, total), "created_at": EPOCH, "updated_at": EPOCH}
