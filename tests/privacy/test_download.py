import io
import json
import zipfile
from datetime import UTC, datetime

from kd import db
from kd.audit.services import record
from kd.contact.models import ContactMessage
from kd.content.states import ModerationState
from kd.reports.models import Report, ReportKind


def _download(post):
    """The answer, read and closed (which closes the spooled zip behind it, as a WSGI server would)."""
    with post("/account/data") as response:
        response.get_data()
    return response


def _archive(response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_zip_holds_the_members_data_and_photo_files_and_nothing_of_others(
        app, make_user, login, post, make_profile, make_story, make_photo):
    member = make_user(display_name="Drita Krasniqi")
    other = make_user(display_name="Besa Other")
    own = make_profile(member, name="Drita Krasniqi")
    draft = make_story(member, title="A prize for heart research", state=ModerationState.DRAFT, profiles=[own],
                       tags=("science",))
    portrait = make_photo(own, member, color="#d0a650")
    theirs = make_profile(other, name="Besa Other")
    their_photo = make_photo(theirs, other, color="#112233")
    with app.app_context(), db.transaction():
        db.session.add(ContactMessage(name="Drita", email=member.email.upper(), subject="Hello", message="Hi"))
        db.session.add(ContactMessage(name="Besa", email=other.email, subject="Other", message="Not hers"))
        db.session.add(Report(kind=ReportKind.CORRECTION, message="Her correction", subject_type="profile",
                              subject_id=theirs.id, sender_id=member.id))
    login(member)

    response = _download(post)
    archive = _archive(response)
    data = json.loads(archive.read("data.json"))
    raw = archive.read("data.json").decode()

    assert response.mimetype == "application/zip"
    today = datetime.now(UTC).date().isoformat()
    assert f"attachment; filename=kd-data-{today}.zip" == response.headers["Content-Disposition"]
    assert data["format_version"] == 1
    assert data["account"]["email"] == member.email and data["account"]["display_name"] == "Drita Krasniqi"
    assert "password" not in raw and "$argon2" not in raw
    assert [(p["name"], p["state"], p["relation"], p["tags"]) for p in data["profiles"]] == [
        ("Drita Krasniqi", "approved", "owner", ["Medicine"])]
    [story] = data["stories"]
    assert (story["title"], story["state"], story["tags"]) == ("A prize for heart research", "draft", ["Science"])
    assert story["sources"][0]["url"].startswith("https://news.example.org/")
    assert story["profiles"] == [{"id": own.id, "name": "Drita Krasniqi"}] and story["id"] == draft.id
    [photo] = data["photos"]
    assert (photo["id"], photo["profile_id"], photo["alt_text"]) == (portrait.id, own.id, "A portrait")
    assert archive.read(photo["file"]) == portrait.original
    assert [m["message"] for m in data["contact_messages"]] == ["Hi"]
    assert [r["message"] for r in data["reports"]] == ["Her correction"]
    assert "Besa Other" not in raw and other.email not in raw and "Not hers" not in raw
    assert f"photos/{their_photo.id}.jpg" not in archive.namelist()
    assert sorted(archive.namelist()) == ["data.json", photo["file"]]


def test_activity_lists_what_the_member_did(app, make_user, login, post):
    member = make_user()
    with app.app_context(), db.transaction():
        record(member, "user.settings_changed", member, display_name="New Name")
    login(member)
    data = json.loads(_archive(_download(post)).read("data.json"))
    assert [(a["action"], a["details"]) for a in data["activity"]] == [
        ("user.settings_changed", {"display_name": "New Name"})]
    assert data["newsletter"] is None and data["revisions"] == [] and data["action_participations"] == []


def test_the_settings_page_offers_download_and_deletion(make_user, login, client):
    login(make_user())
    page = client.get("/account/settings").get_data(as_text=True)
    assert 'action="/account/data"' in page and ">Download my data</button>" in page
    assert 'href="/account/delete"' in page


def test_download_needs_login(client, post):
    response = _download(post)
    assert response.status_code == 302 and response.headers["Location"].startswith("/account/login")


def test_download_needs_the_csrf_token(make_user, login, client):
    login(make_user())
    response = client.post("/account/data")
    assert response.status_code == 400 and response.mimetype == "text/html"


def test_downloads_are_rate_limited_per_account(app, make_user, login, post):
    app.config["DATA_EXPORT_RATE_LIMIT"] = "2 per hour"
    login(make_user())
    assert [_download(post).status_code for _ in range(3)] == [200, 200, 429]


def test_an_unconfirmed_account_gets_nothing_kept_by_its_address(app, make_user, login, post):
    """Anyone can register with someone else's address; until it is confirmed, what was sent from it is not theirs."""
    from kd.newsletter.models import Subscriber
    squatter = make_user(email="drita@example.org", confirmed=False)
    with app.app_context(), db.transaction():
        db.session.add(ContactMessage(name="Drita", email="drita@example.org", subject="Private", message="Secret"))
        db.session.add(Subscriber(email="drita@example.org", locale="sq"))
    login(squatter)
    data = json.loads(_archive(_download(post)).read("data.json"))
    assert data["contact_messages"] == [] and data["newsletter"] is None
