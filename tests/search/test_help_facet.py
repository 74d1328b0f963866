"""The "can help with" facet (kd.connections registers it): counted and filtered on every backend, set
through the owner's form, gone when paused or unclaimed, labelled in the reader's language."""
from __future__ import annotations

from kd import db
from kd.connections.models import HelpOffer
from kd.content import changes
from kd.profiles.models import Profile
from tests.search.conftest import keys


def _offer_help(client, login, post, owner, profile, kinds, paused=False):
    login(owner)
    data = {"kinds": kinds, "languages": ["sq"], "note": ""}
    if paused:
        data["paused"] = "y"
    response = post(f"/my/profiles/{profile.id}/help", data)
    assert response.status_code == 302, response.get_data(as_text=True)


def test_offers_are_counted_and_filtered(client, login, post, make_user, make_profile, find):
    owner, other_owner = make_user(), make_user()
    doctor = make_profile(owner_id=owner.id, submitted_by=owner, name="Drita Krasniqi", field="medicine",
                          country_code="DE")
    investor = make_profile(owner_id=other_owner.id, submitted_by=other_owner, name="Arben Berisha",
                            field="business", country_code="DE")
    nobody = make_profile(name="Besa Gashi", country_code="DE")
    _offer_help(client, login, post, owner, doctor, ["mentoring", "speaking"])
    post("/account/logout")
    _offer_help(client, login, post, other_owner, investor, ["mentoring", "investing"])

    everyone = find(filters={"country": "DE"})
    assert keys(everyone) == {f"profiles:{p.id}" for p in (doctor, investor, nobody)}
    assert dict(everyone.facets["help"]) == {"mentoring": 2, "speaking": 1, "investing": 1}
    assert keys(find(filters={"help": "mentoring"})) == {f"profiles:{doctor.id}", f"profiles:{investor.id}"}
    assert keys(find(filters={"help": "investing", "country": "DE"})) == {f"profiles:{investor.id}"}
    assert keys(find("Drita", filters={"help": "investing"})) == set()
    assert keys(find(filters={"help": "mentoring", "field": "medicine"})) == {f"profiles:{doctor.id}"}


def test_a_paused_or_withdrawn_offer_leaves_the_facet(client, login, post, make_user, make_profile, find):
    owner = make_user()
    profile = make_profile(owner_id=owner.id, submitted_by=owner, name="Drita Krasniqi")
    _offer_help(client, login, post, owner, profile, ["mentoring"])
    assert keys(find(filters={"help": "mentoring"})) == {f"profiles:{profile.id}"}
    _offer_help(client, login, post, owner, profile, ["mentoring"], paused=True)
    assert keys(find(filters={"help": "mentoring"})) == set()
    _offer_help(client, login, post, owner, profile, ["hiring"])
    assert keys(find(filters={"help": "hiring"})) == {f"profiles:{profile.id}"}
    _offer_help(client, login, post, owner, profile, [])
    assert find(filters={"help": "hiring"}).total == 0


def test_an_unclaimed_profile_offers_nothing(app, make_profile, find):
    """An offer row left on a profile without an owner (the owner let go of it) is not indexed."""
    profile = make_profile(name="Drita Krasniqi")
    with app.app_context():
        db.session.add(HelpOffer(profile_id=profile.id, kinds=["mentoring"], languages=[], note=""))
        row = db.session.get(Profile, profile.id)
        row.headline = "Doctor"
        changes.changed(row)
        db.session.commit()
    assert find(filters={"help": "mentoring"}).total == 0
    assert find("Drita").total == 1


def test_the_results_page_offers_the_facet_in_both_languages(client, login, post, make_user, make_profile):
    owner = make_user()
    profile = make_profile(owner_id=owner.id, submitted_by=owner, name="Drita Krasniqi")
    _offer_help(client, login, post, owner, profile, ["mentoring"])
    page = client.get("/search?q=Drita").get_data(as_text=True)
    assert "Can help with" in page and "/search?q=Drita&amp;help=mentoring" in page and "Mentoring" in page
    filtered = client.get("/search?q=Drita&help=mentoring").get_data(as_text=True)
    assert "Remove filter: Mentoring" in filtered and "Drita Krasniqi" in filtered
    client.set_cookie("kd_lang", "sq", domain="kd.test")
    albanian = client.get("/search?q=Drita&help=mentoring").get_data(as_text=True)
    assert "Mund të ndihmojë me" in albanian and "Mentorim" in albanian


def test_an_unknown_kind_of_help_is_a_clear_400(client, make_profile):
    make_profile(name="Drita Krasniqi")
    response = client.get("/search?q=Drita&help=world-domination")
    assert response.status_code == 400
    assert "That filter is not one we know" in response.get_data(as_text=True)
