"""Every route, requested as each role: anonymous, member A (the owner), member B, editor and admin.

ACCESS says who may use each endpoint; a route missing from it fails test_every_route_is_in_the_matrix, so a
new route cannot ship without saying who may use it. GETs must give each role its expected answer. POSTs
must be refused without a CSRF token (400) for everyone, and refused with one for every role ACCESS keeps
out (the allowed roles' POSTs change state and are covered by each feature's own tests).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pytest
from PIL import Image

from kd import db
from kd.accounts.models import Role, User
from kd.actions import services as actions
from kd.bilingual.models import Translation
from kd.collections.models import Collection, CollectionItem
from kd.connections.models import HelpOffer, IntroductionRequest
from kd.contact.models import ContactMessage
from kd.content import changes
from kd.content.models import Revision
from kd.content.states import ModerationState
from kd.db import transaction, utcnow
from kd.media import services as media
from kd.pages.models import Partner
from kd.profiles.models import Profile, ProfileKind
from kd.reports.models import Report, ReportKind
from kd.search.service import rebuild as rebuild_search_index
from kd.stories.models import Story
from kd.tags.services import tags_for
from tests.conftest import CSRF_PATTERN, PASSWORD, action_fields

ROLES = ("anonymous", "member", "other", "editor", "admin")
LOGIN = "login"  # a redirect to /account/login
ANY_ANSWER = "any"  # public forms that answer each visitor in their own way; still never a 5xx


@dataclass(frozen=True)
class Access:
    """What each role gets from a GET, and the answer a POST with a valid CSRF token gets from a role kept out."""

    get: dict[str, int | str]
    refused_post: dict[str, int | str] = field(default_factory=dict)


def _roles(anonymous, member, other, editor, admin) -> dict[str, int | str]:
    return dict(zip(ROLES, (anonymous, member, other, editor, admin), strict=True))


PUBLIC = Access(get=_roles(200, 200, 200, 200, 200))
PUBLIC_FILE = PUBLIC
REDIRECT = Access(get=_roles(302, 302, 302, 302, 302))
SEE_OTHER = Access(get=_roles(303, 303, 303, 303, 303))
GUEST_FORM = Access(get=_roles(200, 302, 302, 302, 302))  # registering: a member is sent on
PUBLIC_FORM = Access(get=_roles(200, 200, 200, 200, 200))
BAD_TOKEN = Access(get=_roles(ANY_ANSWER, ANY_ANSWER, ANY_ANSWER, ANY_ANSWER, ANY_ANSWER))
# Member A's unapproved profile, story or action at its public address: A and the editors see it.
UNAPPROVED = Access(get=_roles(404, 200, 404, 200, 200))
MEMBER = Access(get=_roles(LOGIN, 200, 200, 200, 200), refused_post=_roles(LOGIN, None, None, None, None))
# Changing member A's own submission: nobody else, not even an editor, edits it in A's name.
OWNER = Access(get=_roles(LOGIN, 200, 403, 403, 403), refused_post=_roles(LOGIN, None, 403, 403, 403))
# The photos of member A's submission: A and the editors manage them; to anyone else they do not exist.
PHOTO_MANAGER = Access(get=_roles(LOGIN, 200, 404, 200, 200), refused_post=_roles(LOGIN, None, 404, None, None))
PHOTO_FILE = Access(get=_roles(404, 200, 404, 200, 200))
EDITOR = Access(get=_roles(LOGIN, 403, 403, 200, 200), refused_post=_roles(LOGIN, 403, 403, None, None))
ADMIN = Access(get=_roles(LOGIN, 403, 403, 403, 200), refused_post=_roles(LOGIN, 403, 403, 403, None))
# Asking member A's profile for an introduction: anyone but A (and B's request waits already: the page says so).
ASKER = Access(get=_roles(LOGIN, 403, 200, 200, 200), refused_post=_roles(LOGIN, 403, None, None, None))
# B's request to A: only A sees and answers it; to everyone else it does not exist.
ANSWERER = Access(get=_roles(LOGIN, 200, 404, 404, 404), refused_post=_roles(LOGIN, None, 404, 404, 404))

ACCESS: dict[str, Access] = {
    # accounts
    "accounts.register": GUEST_FORM, "accounts.login": PUBLIC_FORM, "accounts.forgot_password": PUBLIC_FORM,
    "accounts.confirm": BAD_TOKEN, "accounts.reset_password": BAD_TOKEN, "accounts.confirm_email_change": BAD_TOKEN,
    "accounts.logout": PUBLIC_FORM, "accounts.settings": MEMBER, "accounts.change_password": MEMBER,
    "accounts.change_email": MEMBER, "accounts.resend_confirmation": MEMBER, "accounts.welcome": PUBLIC,
    # actions
    "actions.index": PUBLIC, "actions.wins": PUBLIC, "actions.detail": PUBLIC, "actions.hashtag": PUBLIC,
    "actions.take_part": MEMBER, "actions.new": MEMBER, "actions.edit": EDITOR, "actions.change_status": EDITOR,
    "actions.queue": EDITOR, "actions.review": EDITOR,
    # admin
    "admin.users": ADMIN, "admin.user_detail": ADMIN, "admin.change_role": ADMIN, "admin.disable": ADMIN,
    "admin.enable": ADMIN, "admin.failed_jobs": ADMIN, "admin.job_action": ADMIN,
    # the JSON API
    "api.profiles": PUBLIC, "api.profile": PUBLIC, "api.stories": PUBLIC, "api.story": PUBLIC, "api.tags": PUBLIC,
    "api.collections": PUBLIC, "api.collection": PUBLIC, "api.openapi": PUBLIC, "api.actions": PUBLIC,
    "api.action": PUBLIC, "api.index": PUBLIC, "api.unknown": Access(get=_roles(404, 404, 404, 404, 404)),
    # Old WordPress addresses: a 301 for what an import remembered, else 404 for everyone.
    "wordpress.old_address": Access(get=_roles(404, 404, 404, 404, 404)),
    # browsing
    "browse.tags": PUBLIC, "browse.tag": PUBLIC, "browse.diaspora": PUBLIC, "browse.country": PUBLIC,
    "browse.map_svg": PUBLIC, "browse.field": PUBLIC, "browse.place": PUBLIC, "browse.places": PUBLIC,
    "browse.fields": PUBLIC,
    "browse.stories": PUBLIC, "browse.people": PUBLIC,
    # collections
    "collections.index": PUBLIC, "collections.show": PUBLIC, "collections.manage": EDITOR, "collections.new": EDITOR,
    "collections.edit": EDITOR, "collections.add_item": EDITOR, "collections.move_item": EDITOR,
    "collections.remove_item": EDITOR, "collections.cover": EDITOR, "collections.publish": EDITOR,
    "collections.delete": EDITOR,
    # connections: member A owns a profile that offers help, and member B asked A for an introduction
    "connections.offer": OWNER, "connections.ask": ASKER, "connections.requests": MEMBER,
    "connections.received": ANSWERER, "connections.accept": ANSWERER, "connections.decline": ANSWERER,
    "connections.report": ANSWERER,
    "connections.withdraw": Access(get={}, refused_post=_roles(LOGIN, 404, None, 404, 404)),
    "connections.outcome": BAD_TOKEN, "connections.helpers": PUBLIC, "connections.impact": PUBLIC,
    "connections.desk": EDITOR, "connections.suspend": EDITOR, "connections.lift": EDITOR,
    "connections.report_handled": EDITOR,
    # contact
    "contact.contact": PUBLIC_FORM, "contact.messages": EDITOR, "contact.close": EDITOR,
    # federation (ActivityPub): public documents; an actor or Article asked for as HTML is sent to its page;
    # the inboxes take signed POSTs only (tests/federation)
    "federation.webfinger": PUBLIC, "federation.nodeinfo_links": PUBLIC, "federation.nodeinfo": PUBLIC,
    "federation.actor": SEE_OTHER, "federation.outbox": PUBLIC, "federation.followers": PUBLIC,
    "federation.article": SEE_OTHER, "federation.inbox": Access(get={}), "federation.shared_inbox": Access(get={}),
    # feeds
    "feeds.stories": PUBLIC, "feeds.tag": PUBLIC, "feeds.country": PUBLIC, "feeds.collection": PUBLIC,
    "feeds.sitemap": PUBLIC, "feeds.robots": PUBLIC, "feeds.actions": PUBLIC, "feeds.field": PUBLIC,
    "feeds.place": PUBLIC, "feeds.profile": PUBLIC,
    # follows
    "follows.index": MEMBER, "follows.follow": MEMBER, "follows.unfollow": MEMBER, "follows.unsubscribe": BAD_TOKEN,
    "follows.unsubscribe_now": BAD_TOKEN,
    # photos
    "media.serve": PHOTO_FILE, "media.manage": PHOTO_MANAGER, "media.upload": PHOTO_MANAGER,
    "media.edit": PHOTO_MANAGER, "media.delete": PHOTO_MANAGER, "media.move": PHOTO_MANAGER,
    # moderation
    "moderation.dashboard": EDITOR, "moderation.queue": EDITOR, "moderation.bulk_confirm": EDITOR,
    "moderation.bulk_approve": EDITOR, "moderation.review": EDITOR, "moderation.decide": EDITOR,
    "moderation.release": EDITOR, "moderation.start_review": EDITOR, "moderation.verify": EDITOR,
    "moderation.unverify": EDITOR,
    "moderation.record_consent": EDITOR, "moderation.review_revision": EDITOR, "moderation.decide_revision": EDITOR,
    "moderation.merge": EDITOR, "moderation.photos": EDITOR, "moderation.decide_photo": EDITOR,
    # newsletter
    "newsletter.subscribe": PUBLIC_FORM, "newsletter.confirm_page": BAD_TOKEN, "newsletter.confirm": BAD_TOKEN,
    "newsletter.unsubscribe": BAD_TOKEN,
    "newsletter.unsubscribe_now": BAD_TOKEN, "newsletter.subscribers": ADMIN,
    # operations
    "ops.healthz": PUBLIC,
    # pages and partners
    "pages.about": PUBLIC, "pages.privacy": PUBLIC, "pages.partners": PUBLIC, "pages.logo": PUBLIC_FILE,
    "pages.edit_page": ADMIN, "pages.manage_partners": ADMIN, "pages.new_partner": ADMIN,
    "pages.edit_partner": ADMIN, "pages.move_partner": ADMIN, "pages.delete_partner": ADMIN,
    # privacy
    "privacy.download_data": MEMBER, "privacy.delete_account": MEMBER,
    # profiles
    "profiles.show": PUBLIC, "profiles.new": MEMBER, "profiles.edit": OWNER, "profiles.submit": OWNER,
    "profiles.withdraw": OWNER, "profiles.claim": MEMBER, "profiles.consent": BAD_TOKEN,
    # reports
    "reports.report": PUBLIC_FORM, "reports.correct": PUBLIC_FORM, "reports.thanks": PUBLIC,
    "reports.index": EDITOR, "reports.close": EDITOR,
    # search and sharing
    "search.results": PUBLIC, "sharing.card": PUBLIC_FILE, "sharing.site_card": PUBLIC_FILE,
    "sharing.embed_story": PUBLIC, "sharing.oembed": PUBLIC,
    # translations (kd/bilingual): member A is neither the author of story-1 nor a translator
    "bilingual.translate": EDITOR, "bilingual.claim": EDITOR, "bilingual.release": EDITOR,
    "bilingual.mine": MEMBER, "bilingual.volunteer": MEMBER, "bilingual.withdraw": OWNER,
    "bilingual.needed": MEMBER, "bilingual.review": EDITOR, "bilingual.start_review": EDITOR,
    "bilingual.release_review": EDITOR, "bilingual.decide": EDITOR, "bilingual.translators": EDITOR,
    "bilingual.decide_translator": EDITOR,
    # site
    "site.home": PUBLIC, "site.switch_language": PUBLIC_FORM, "site.choose_language": REDIRECT,
    "static": PUBLIC_FILE,
    # stories
    "stories.show": PUBLIC, "stories.detail": PUBLIC, "stories.new": MEMBER, "stories.edit": OWNER,
    "stories.find_profiles": MEMBER, "stories.submit": OWNER, "stories.withdraw": OWNER,
    "stories.my_submissions": MEMBER,
}
NOBODY = Access(get=_roles(404, 404, 404, 404, 404))
# Public addresses of member A's unapproved submissions and of a draft collection: the pages show them to A and
# the editors only, and nothing made for other sites (cards, embeds, oEmbed, feeds, the API) shows them at all.
UNAPPROVED_ADDRESSES: dict[str, Access] = {
    "/stories/draft-story": UNAPPROVED, "/stories/submitted-story": UNAPPROVED, "/people/draft-person": UNAPPROVED,
    "/actions/{proposed_slug}": UNAPPROVED, "/photos/profile/{draft_profile_id}": PHOTO_MANAGER,
    "/cards/stories/draft-story.png": NOBODY, "/cards/profiles/draft-person.png": NOBODY,
    "/embed/stories/draft-story": NOBODY, "/oembed?url=http://kd.test/stories/draft-story": NOBODY,
    "/api/v1/stories/draft-story": NOBODY, "/api/v1/profiles/draft-person": NOBODY,
    "/report/story/draft-story": NOBODY, "/correct/story/draft-story": NOBODY, "/report/profile/draft-person": NOBODY,
    "/collections/draft-collection": NOBODY, "/api/v1/collections/draft-collection": NOBODY,
    "/feeds/collections/draft-collection.atom": NOBODY, "/cards/collections/draft-collection.png": NOBODY,
    "/cards/actions/{proposed_slug}.png": NOBODY, "/api/v1/actions/{proposed_slug}": NOBODY,
}
# the one-click unsubscribes from a mail client (RFC 8058)
CSRF_EXEMPT = {"newsletter.unsubscribe_now", "follows.unsubscribe_now",
               # an HTTP Signature is the proof of who posts to an ActivityPub inbox
               "federation.inbox", "federation.shared_inbox"}


@dataclass
class World:
    """The rows every route's address is built from."""

    users: dict
    ids: dict


@pytest.fixture
def world(app, make_user) -> World:
    for key in [key for key in app.config if key.endswith("_RATE_LIMIT")]:
        app.config[key] = "10000 per hour"  # hundreds of requests from one address
    users = {"member": make_user(display_name="Member A"), "other": make_user(display_name="Member B"),
             "editor": make_user(role=Role.EDITOR), "admin": make_user(role=Role.ADMIN)}
    with app.app_context(), transaction():
        ids = _rows(users)
    with app.app_context(), transaction():
        story = db.session.get(Story, ids["draft_story_id"])
        photo = media.add_photo(story, _jpeg(), "photo.jpg", media.PhotoDetails(alt_text="A photo"),
                                db.session.get(User, users["member"].id))
        db.session.flush()
        ids.update(photo_id=photo.id, photo_name=photo.variants[0]["webp"])
    with app.app_context():
        rebuild_search_index()  # the rows above bypass the services that index: /healthz would say so
    return World(users, ids)


def _rows(users) -> dict:
    member = users["member"]
    profile = Profile(kind=ProfileKind.PERSON, slug="person-1", name="Person", name_folded="person", country_code="DE",
                      field="medicine", municipality="gjakova", state=ModerationState.APPROVED, published_at=utcnow(),
                      tags=tags_for(["Mjekësi"]))
    story = Story(slug="story-1", title="Story", summary="Summary", body="Body", country_code="DE", field="medicine",
                  municipality="gjakova", state=ModerationState.APPROVED, published_at=utcnow(), profiles=[profile],
                  tags=tags_for(["Mjekësi"]))
    group, organisation = (Profile(kind=kind, slug=f"{kind.value}-a", name=f"The {kind.value}", name_folded=kind.value,
                                   state=ModerationState.APPROVED, published_at=utcnow())
                           for kind in (ProfileKind.GROUP, ProfileKind.ORGANISATION))
    draft_profile = Profile(kind=ProfileKind.PERSON, slug="draft-person", name="Draft Person",
                            name_folded="draft person", state=ModerationState.DRAFT, submitted_by_id=member.id)
    draft_story = Story(slug="draft-story", title="Draft story", state=ModerationState.DRAFT,
                        submitted_by_id=member.id)
    submitted = Story(slug="submitted-story", title="Submitted story", state=ModerationState.SUBMITTED,
                      submitted_by_id=member.id, submitted_at=utcnow())
    db.session.add_all([profile, story, group, organisation, draft_profile, draft_story, submitted])
    db.session.flush()
    for published in (profile, story, group, organisation):
        changes.announce(published)  # as the workflow does: tag links dated
    return {"profile_slug": profile.slug, "story_slug": story.slug, "tag_slug": "mjekesi", "group": group.slug,
            "organisation": organisation.slug, "draft_profile_id": draft_profile.id, "draft_story_id": draft_story.id,
            "submitted_story_id": submitted.id, "approved_profile_id": profile.id, "approved_story_id": story.id,
            **_editorial_rows(users, story), **_connection_rows(users)}


def _connection_rows(users) -> dict:
    """Member A's published profile offering help, and member B's open request to it."""
    member, other = users["member"], users["other"]
    profile = Profile(kind=ProfileKind.PERSON, slug="member-a", name="Member A", name_folded="member a",
                      state=ModerationState.APPROVED, published_at=utcnow(), owner_id=member.id,
                      submitted_by_id=member.id)
    db.session.add(profile)
    db.session.flush()
    request = IntroductionRequest(profile_id=profile.id, owner_id=member.id, asker_id=other.id,
                                  about_asker="A student", request="Advice", reason="Your work")
    db.session.add_all([HelpOffer(profile_id=profile.id, kinds=["mentoring"]), request])
    db.session.flush()
    return {"helper_profile_id": profile.id, "request_id": request.id}


def _editorial_rows(users, story: Story) -> dict:
    """Collections, a partner, a message, a report, a revision and actions: what editors and admins act on."""
    published = Collection(slug="published-collection", title_en="Published", published_at=utcnow(),
                           items=[CollectionItem(position=0, story=story)])
    draft = Collection(slug="draft-collection", title_en="Draft", items=[CollectionItem(story=story)])
    partner = Partner(name="Partner", logo_data=b"RIFF", logo_hash="abc123")
    message = ContactMessage(name="Ana", email="ana@example.org", subject="Hi", message="Hello")
    report = Report(kind=ReportKind.REPORT, message="Wrong", subject_type="story", subject_id=story.id)
    revision = Revision(subject_type="story", subject_id=story.id, data={"title": "New"},
                        submitted_by_id=users["member"].id)
    translation = Translation(subject_type="story", subject_id=story.id, language="sq", title="Tregim",
                              state=ModerationState.SUBMITTED, submitted_by_id=users["member"].id,
                              submitted_at=utcnow())
    db.session.add_all([published, draft, partner, message, report, revision, translation])
    public_action = actions.create_action(db.session.merge(users["editor"]), action_fields())
    proposed = actions.propose_action(db.session.merge(users["member"]), action_fields(title_en="A proposal"))
    db.session.flush()
    return {"collection_slug": published.slug, "draft_collection_id": draft.id, "item_id": draft.items[0].id,
            "partner_id": partner.id, "message_id": message.id, "report_id": report.id, "revision_id": revision.id,
            "translation_id": translation.id,
            "action_slug": public_action.slug, "proposed_slug": proposed.slug, "proposed_id": proposed.id,
            "hashtag": public_action.hashtag_slug}


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#244aa5").save(buffer, "JPEG")
    return buffer.getvalue()


def address(rule, world: World) -> str:
    """The rule's path with real ids and slugs, plus the query string a page would add."""
    i, users = world.ids, world.users
    values = {
        "token": "not-a-real-token", "slug": i["story_slug"], "story_id": i["draft_story_id"],
        "profile_id": i["draft_profile_id"], "collection_id": i["draft_collection_id"], "item_id": i["item_id"],
        "move": "up", "user_id": users["member"].id, "job_id": "no-such-job", "action": "requeue",
        "action_id": i["proposed_id"], "tag": i["hashtag"], "photo_id": i["photo_id"],
        "name": i["photo_name"], "kind": "story", "subject_id": i["draft_story_id"], "revision_id": i["revision_id"],
        "message_id": i["message_id"], "report_id": i["report_id"], "partner_id": i["partner_id"],
        "request_id": i["request_id"], "translation_id": i["translation_id"], "language": "sq",
        "logo_hash": "abc123", "filename": "favicon.svg", "code": "de", "decision": "approve",
    }
    values.update(RULE_VALUES.get(rule.rule, lambda ids: {})(i))
    path = re.sub(r"<(?:[^:<>]+:)?([a-z_]+)>", lambda match: str(values[match.group(1)]), rule.rule)
    return path + QUERIES.get(rule.endpoint, "")


RULE_VALUES = {
    **{f"/translate/<any(profile, story):kind>/<int:subject_id>/<any(en, sq):language>{tail}":
       (lambda i: {"subject_id": i["approved_story_id"]}) for tail in ("", "/claim", "/release")},
    "/editor/translators/<int:user_id>/<any(grant, revoke):decision>": lambda i: {"decision": "grant"},
    "/my/profiles/<int:profile_id>/help": lambda i: {"profile_id": i["helper_profile_id"]},
    "/introductions/ask/<int:profile_id>": lambda i: {"profile_id": i["helper_profile_id"]},
    "/introductions/outcome/<token>/<any(yes, no, not_yet):answer>": lambda i: {"answer": "yes"},
    "/api/v1/<path:_rest>": lambda i: {"_rest": "no/such/thing"},
    "/<path:old_path>": lambda i: {"old_path": "2019/06/12/no-such-post/"},
    "/people/<slug>": lambda i: {"slug": i["profile_slug"]},
    "/groups/<slug>": lambda i: {"slug": i["group"]},
    "/organisations/<slug>": lambda i: {"slug": i["organisation"]},
    "/api/v1/profiles/<slug>": lambda i: {"slug": i["profile_slug"]},
    "/api/v1/collections/<slug>": lambda i: {"slug": i["collection_slug"]},
    "/collections/<slug>": lambda i: {"slug": i["collection_slug"]},
    "/feeds/collections/<slug>.atom": lambda i: {"slug": i["collection_slug"]},
    "/tags/<slug>": lambda i: {"slug": i["tag_slug"]},
    "/feeds/tags/<slug>.atom": lambda i: {"slug": i["tag_slug"]},
    "/actions/<slug>": lambda i: {"slug": i["action_slug"]},
    "/actions/<slug>/take-part": lambda i: {"slug": i["action_slug"]},
    "/actions/<slug>/edit": lambda i: {"slug": i["action_slug"]},
    "/actions/<slug>/status": lambda i: {"slug": i["action_slug"]},
    "/cards/<any(profiles, stories, collections, actions):kind>/<slug>.png": lambda i: {"kind": "stories"},
    "/api/v1/actions/<slug>": lambda i: {"slug": i["action_slug"]},
    "/editor/review/<any(profile, story):kind>/<int:subject_id>": lambda i: {"subject_id": i["submitted_story_id"]},
    "/editor/review/<any(profile, story):kind>/<int:subject_id>/decide":
        lambda i: {"subject_id": i["submitted_story_id"]},
    "/editor/review/<any(profile, story):kind>/<int:subject_id>/release":
        lambda i: {"subject_id": i["submitted_story_id"]},
    "/editor/review/story/<int:subject_id>/verify": lambda i: {"subject_id": i["approved_story_id"]},
    "/editor/review/story/<int:subject_id>/unverify": lambda i: {"subject_id": i["approved_story_id"]},
    "/editor/review/profile/<int:subject_id>/consent": lambda i: {"subject_id": i["approved_profile_id"]},
    "/language/<code>": lambda i: {"code": "sq"},
    "/editor/collections/<int:collection_id>/<any(publish, unpublish):move>": lambda i: {"move": "unpublish"},
    "/from/<code>": lambda i: {"code": "gjakova"},
    "/fields/<code>": lambda i: {"code": "medicine"},
    "/follows/<any(tag, country, municipality, field, profile, collection):kind>/<key>":
        lambda i: {"kind": "field", "key": "medicine"},
    "/follows/<int:follow_id>/remove": lambda i: {"follow_id": 1},
    "/feeds/from/<code>.atom": lambda i: {"code": "gjakova"},
    "/actors/<username>": lambda i: {"username": "kd"},
    "/actors/<username>/outbox": lambda i: {"username": "gjakova"},
    "/actors/<username>/followers": lambda i: {"username": "kd"},
    "/actors/<username>/inbox": lambda i: {"username": "kd"},
    "/actors/<username>/stories/<int:story_id>": lambda i: {"username": "kd", "story_id": i["approved_story_id"]},
    "/feeds/fields/<code>.atom": lambda i: {"code": "medicine"},
    "/feeds/profiles/<slug>.atom": lambda i: {"slug": i["profile_slug"]},
    "/admin/pages/<any(about, privacy):slug>": lambda i: {"slug": "about"},
    "/report/<any(profile, story):kind>/<slug>": lambda i: {"slug": i["story_slug"]},
    "/correct/<any(profile, story):kind>/<slug>": lambda i: {"slug": i["story_slug"]},
}
QUERIES = {"federation.webfinger": "?resource=acct:gjakova@kd.test", "search.results": "?q=person", "sharing.oembed": "?url=http://kd.test/stories/story-1"}


class Visitor:
    """One role's browser: its own cookies, logged in unless anonymous."""

    def __init__(self, app, user):
        self.client = app.test_client()
        if user is not None:
            response = self.client.post("/account/login", data={"email": user.email, "password": PASSWORD,
                                                                 "csrf_token": self.csrf_token()})
            assert response.status_code == 302, response.get_data(as_text=True)

    def csrf_token(self) -> str:
        return CSRF_PATTERN.search(self.client.get("/contact").get_data(as_text=True)).group(1)


def answer_of(response) -> int | str:
    response.close()  # file responses hold their file open until closed
    if response.status_code == 302 and "/account/login" in response.headers.get("Location", ""):
        return LOGIN
    return response.status_code


def rules_with(app, method: str) -> list:
    return sorted((rule for rule in app.url_map.iter_rules() if method in rule.methods), key=lambda rule: rule.rule)


def test_every_route_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(ACCESS) == set(), "new routes: say who may use them in ACCESS"
    assert set(ACCESS) - endpoints == set(), "ACCESS names routes that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_get_answers_per_role(app, world, role):
    visitor = Visitor(app, world.users.get(role))
    wrong = []
    for rule in rules_with(app, "GET"):
        expected = ACCESS[rule.endpoint].get[role]
        url = address(rule, world)
        got = answer_of(visitor.client.get(url))
        if got != expected and not (expected == ANY_ANSWER and (got == LOGIN or got < 500)):
            wrong.append(f"GET {url} ({rule.endpoint}): expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_unapproved_content_stays_with_its_owner_and_the_editors(app, world, role):
    visitor = Visitor(app, world.users.get(role))
    wrong = []
    for template, access in UNAPPROVED_ADDRESSES.items():
        url = template.format(**world.ids)
        got = answer_of(visitor.client.get(url))
        if got != access.get[role]:
            wrong.append(f"GET {url}: expected {access.get[role]}, got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_posts_without_a_csrf_token_are_refused(app, world, role):
    visitor = Visitor(app, world.users.get(role))
    wrong = []
    for rule in rules_with(app, "POST"):
        if rule.endpoint in CSRF_EXEMPT:
            continue
        url = address(rule, world)
        got = answer_of(visitor.client.post(url))
        if got != 400:
            wrong.append(f"POST {url} ({rule.endpoint}) without CSRF: expected 400, got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_posts_from_a_role_kept_out_are_refused(app, world, role):
    visitor = Visitor(app, world.users.get(role))
    token, wrong, checked = visitor.csrf_token(), [], 0
    for rule in rules_with(app, "POST"):
        expected = ACCESS[rule.endpoint].refused_post.get(role)
        if expected is None:
            continue
        url = address(rule, world)
        got = answer_of(visitor.client.post(url, data={"csrf_token": token}))
        checked += 1
        if got != expected:
            wrong.append(f"POST {url} ({rule.endpoint}): expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)
    assert checked or role == "admin", "every role but admin is kept out of some POST route"

