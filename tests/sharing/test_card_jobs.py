from pathlib import Path

from sqlalchemy import select

from kd import db
from kd.content import changes
from kd.db import transaction
from kd.jobs.queue import queue
from kd.jobs.worker import run
from kd.stories.models import Story


def cards(app) -> list[Path]:
    return sorted((Path(app.config["UPLOAD_DIR"]) / "cards").glob("*.png"))


def publish_change(app, slug: str) -> None:
    """What a service does when it publishes: schedule the change, which the commit hands on."""
    with app.app_context(), transaction():
        changes.changed(db.session.scalars(select(Story).where(Story.slug == slug)).one())


def test_a_worker_draws_the_cards_of_published_content_in_each_language(redis_app, make_content):
    make_content(title="Doktoresha në Zürich")
    with redis_app.app_context():
        queue().empty()  # the factory's own announcement queued the first cards; this test is about the change
    publish_change(redis_app, "story-1")
    with redis_app.app_context():
        assert queue().count == 1
    assert cards(redis_app) == []  # not drawn inside the request
    run(redis_app, burst=True)
    assert len(cards(redis_app)) == 2  # English and Albanian labels


def test_without_a_queue_cards_wait_for_their_first_request(app, client, make_content):
    make_content()
    publish_change(app, "story-1")
    assert cards(app) == []
    response = client.get("/cards/stories/story-1.png")
    response.close()
    assert response.status_code == 200 and len(cards(app)) == 1
