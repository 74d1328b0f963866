"""No listing sorts a whole table: the newest-first statements the real query functions send are explained
on the test database and their plans must read an index in order.

SQLite: EXPLAIN QUERY PLAN must not say "USE TEMP B-TREE FOR ORDER BY" (nor "...RIGHT PART OF ORDER BY").
PostgreSQL: a few test rows make any plan cheap, so the planner would rightly pick a sequential scan and a
sort; with enable_seqscan and enable_bitmapscan off it must still find an index scan that yields the order
(a Sort node means no index can serve the listing). This checks that an index for the order exists, which is
what the migration promises; at scale the planner prefers it by itself (make bench shows the timings).
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from kd import db
from kd.browse import queries as browse
from kd.feeds import queries as feeds
from kd.moderation import queries as moderation_queries
from kd.profiles.models import Profile, ProfileKind
from kd.profiles.queries import claimable_by, linkable_profiles
from kd.site import queries as site
from kd.stories.models import Story
from kd.stories.queries import related_stories
from tests.perf.conftest import statements_of

LISTINGS = {
    "home: latest stories": lambda c: site.latest_stories(),
    "home: featured story": lambda c: site.featured_story(),
    "home: latest people": lambda c: site.latest_of_kinds((ProfileKind.PERSON,), 8),
    "home: latest organisations": lambda c: site.latest_of_kinds((ProfileKind.GROUP, ProfileKind.ORGANISATION), 6),
    "story page: related stories": lambda c: related_stories(db.session.get(Story, c["story_id"])),
    "country page": lambda c: browse.listing("country_code", "DE", 1),
    "field page": lambda c: browse.listing("field", "music", 2),
    "municipality page": lambda c: browse.listing("municipality", "gjakova", 1),
    "tag page": lambda c: browse.tag_listing(browse.tag_by_slug("jazz"), 1),
    "/stories": lambda c: browse.filtered_page(Story, {}, 1),
    "/stories?field=": lambda c: browse.filtered_page(Story, {"field": "music"}, 1),
    "/stories?country=&field=": lambda c: browse.filtered_page(Story, {"country_code": "DE", "field": "music"}, 1),
    "/people?country=": lambda c: browse.filtered_page(Profile, {"country_code": "DE"}, 1),
    "/people?kind=": lambda c: browse.filtered_page(Profile, {"kind": ProfileKind.ORGANISATION}, 1),
    "/people?municipality=": lambda c: browse.filtered_page(Profile, {"municipality": "gjakova"}, 1),
    "site feed": lambda c: feeds.latest_stories(),
    "country feed": lambda c: feeds.latest_stories(country="DE"),
}


@pytest.fixture
def corpus(make_profile, make_story) -> dict:
    people = [make_profile(country_code=code, field="music", municipality="gjakova", tags=("Jazz",))
              for code in ("DE", "CH", "DE")]
    stories = [make_story(country_code=code, field="music", municipality="gjakova", tags=("Jazz", "Film"),
                          profiles=people[:2]) for code in ("DE", "CH", "DE", "US")]
    return {"story_id": stories[0].id, "story_slug": stories[0].slug}


def plan(sql: str, parameters, bitmaps: bool = False) -> str:
    """bitmaps: let PostgreSQL combine indexes (a BitmapOr is how it serves `a = x OR b = y` from two indexes);
    a listing must not, as a bitmap scan loses the index's order."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        connection.execute(text(f"SET LOCAL enable_bitmapscan = {'on' if bitmaps else 'off'}"))
        rows = connection.exec_driver_sql(f"EXPLAIN {sql}", parameters)
        return "\n".join(row[0] for row in rows)
    rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)
    return "\n".join(row[-1] for row in rows)


def sorts_rows(found: str) -> bool:
    return "TEMP B-TREE FOR" in found and "ORDER BY" in found or " Sort " in f" {found} " or "-> Sort" in found


def newest_first(sent) -> list[tuple[str, object]]:
    """The listing statements themselves, not the relationship loads that follow a page of rows."""
    return [(sql, parameters) for sql, parameters in sent
            if "ORDER BY" in sql and "published_at DESC" in sql]


@pytest.mark.parametrize("name", list(LISTINGS))
def test_listing_reads_an_index_in_order(app, corpus, request, name):
    if name == "home: featured story":  # with no story photo at all it is answered without a listing
        request.getfixturevalue("attach_photo")(Story, corpus["story_slug"])
    with app.test_request_context():
        with statements_of(app) as sent:
            LISTINGS[name](corpus)
        listings = newest_first(sent)
        assert listings, f"{name}: no newest-first statement was sent"
        for sql, parameters in listings:
            found = plan(sql, parameters)
            assert not sorts_rows(found), f"{name} sorts rows:\n{sql}\n{found}"
            assert "pending_review (pending_review" not in found, f"{name} reads every public photo:\n{found}"
        db.session.rollback()


# The desk's and the member's own lookups: none may read a whole table (a scan of every story or profile grows
# with the corpus; the dashboard's claims did, before claimed_by_id had an index).
LOOKUPS = {
    "dashboard: an editor's claims": lambda user: moderation_queries.claimed_by(user, 30),
    "My submissions: nominations naming the member": lambda user: claimable_by(user),
    "story form: the member's own profiles": lambda user: linkable_profiles(user),
}
WHOLE_TABLE = re.compile(r"SCAN (profiles|stories)\b(?! USING)|Seq Scan on (profiles|stories)\b")


@pytest.mark.parametrize("name", list(LOOKUPS))
def test_the_desks_and_members_lookups_read_an_index(app, corpus, make_user, name):
    from kd.accounts.models import User

    member_id = make_user().id
    with app.test_request_context():
        member = db.session.get(User, member_id)
        with statements_of(app) as sent:
            LOOKUPS[name](member)
        for sql, parameters in sent:
            found = plan(sql, parameters, bitmaps=True)
            assert not WHOLE_TABLE.search(found), f"{name} reads a whole table:\n{sql}\n{found}"
        db.session.rollback()
