import pytest

from kd import db
from kd.content.states import ModerationState as S
from kd.profiles.models import Profile, ProfileKind
from kd.profiles.queries import likely_duplicates
from tests.profiles.conftest import profile_form


@pytest.mark.parametrize(("existing", "typed"), [
    ("Arbër Gashi", "Arber Gashi"),
    ("Çelik Berisha", "Celik Berisha"),
    ("Qendra Kulturore Priština", "Qendra Kulturore Prishtina"),
    ("Drita Krasniqi", "Krasniqi Drita"),
    ("Drita Krasniqi", "Drita Krasnići"),
    ("Džemajl Đurić", "Xhemajl Gjuriq"),
    ("Vjosa  OSMANI", "vjosa osmani"),
])
def test_likely_duplicates_match_albanian_spellings(app, existing, typed):
    with app.app_context():
        profile = Profile(kind=ProfileKind.PERSON, slug="existing", name=existing)
        db.session.add(profile)
        db.session.commit()
        assert [found.name for found in likely_duplicates(typed)] == [existing]
        assert likely_duplicates(typed, exclude_id=profile.id) == []


def test_different_names_are_not_duplicates(app):
    with app.app_context():
        db.session.add(Profile(kind=ProfileKind.PERSON, slug="drita", name="Drita Krasniqi"))
        db.session.commit()
        assert likely_duplicates("Drita Gashi") == []
        assert likely_duplicates("Drita") == []
        assert likely_duplicates("   ") == []


def test_member_sees_published_duplicates_after_submitting(app, make_user, make_profile, login, client, post):
    published = make_profile(state=S.APPROVED, name="Drita Krasniqi")
    hidden = make_profile(make_user(), state=S.SUBMITTED, name="Krasniqi Drita")
    login(make_user())
    response = post("/my/profiles/new", profile_form(name="Drita Krasnići", action="submit"), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "may be the same as a profile" in page
    assert f"/people/{published.slug}" in page and f"/people/{hidden.slug}" not in page


def test_a_draft_shows_no_duplicate_notice(make_user, make_profile, login, post):
    make_profile(state=S.APPROVED, name="Drita Krasniqi")
    login(make_user())
    page = post("/my/profiles/new", profile_form(), follow_redirects=True).get_data(as_text=True)
    assert "may be the same as a profile" not in page
