"""Stories going out: in the transaction that changes a story (content_changing), each actor a public story
belongs to sends a Create to its followers once (a Publication row), and each actor that had sent it sends a
Delete when the story is no longer public or no longer belongs to it."""
from __future__ import annotations

from kd.db import session, utcnow
from kd.federation import documents, queries
from kd.federation.actors import LocalActor, actors_of_story
from kd.federation.delivery import kick, schedule
from kd.federation.models import Publication
from kd.stories.models import Story


def schedule_story_deliveries(_session, changes: list[tuple[str, str, int]]) -> None:
    """Receives content_changing (inside the transaction, before the commit): the deliveries are written
    with the change itself, so a crash never publishes a story without them or sends them for a rollback."""
    for story_id in _story_ids(changes):
        fan_out(story_id)


def send_story_deliveries(_session, changes: list[tuple[str, str, int]]) -> None:
    """Receives content_changed (after the commit): a worker sends what was written."""
    if _story_ids(changes):
        kick()


def _story_ids(changes) -> list[int]:
    return sorted({row_id for _operation, table, row_id in changes if table == "stories"})


def fan_out(story_id: int) -> int:
    """Schedule the Creates and Deletes the story's state asks for, in the caller's transaction."""
    published = {publication.username: publication for publication in queries.publications_of(story_id)}
    if not published and not queries.has_followers():
        return 0  # nobody to tell (a bulk import on a site nobody follows yet costs two queries a story)
    story = session.get(Story, story_id)
    current = {actor.username: actor for actor in actors_of_story(story)} if story and story.is_public else {}
    count = sum(_create(actor, story, published.get(name)) for name, actor in current.items())
    return count + sum(_delete(publication) for name, publication in published.items()
                       if name not in current and publication.deleted_at is None)


def _create(actor: LocalActor, story: Story, publication: Publication | None) -> int:
    if publication is not None and publication.deleted_at is None:
        return 0
    if publication is None:
        session.add(Publication(username=actor.username, story_id=story.id))
    else:
        publication.deleted_at = None
    return schedule(actor.username, queries.follower_inboxes(actor.username), documents.create(actor, story))


def _delete(publication: Publication) -> int:
    publication.deleted_at = utcnow()
    actor = LocalActor(publication.username)
    return schedule(actor.username, queries.follower_inboxes(actor.username),
                    documents.delete(actor, publication.story_id))

