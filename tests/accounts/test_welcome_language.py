"""The welcome after logging in speaks the member's language, like every page after it (issue 17)."""
import pytest


@pytest.mark.parametrize("locale, welcome", [("sq", "Mirë se u kthyet, Drita."), ("en", "Welcome back, Drita.")])
def test_welcome_back_in_the_members_language(client, post, make_user, locale, welcome):
    user = make_user(display_name="Drita", locale=locale)
    other = "en" if locale == "sq" else "sq"
    response = post("/account/login", {"email": user.email, "password": "correct horse battery"},
                    headers={"Accept-Language": other}, follow_redirects=True)
    assert welcome in response.get_data(as_text=True)
