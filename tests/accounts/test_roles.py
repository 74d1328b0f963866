import pytest

from kd.accounts.models import Role

EDITOR_URLS = ["/editor/"]
ADMIN_URLS = ["/admin/users"]


@pytest.mark.parametrize("url", EDITOR_URLS + ADMIN_URLS)
def test_anonymous_visitor_is_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login")


@pytest.mark.parametrize("url", EDITOR_URLS + ADMIN_URLS)
def test_member_gets_403(client, login, make_user, url):
    login(make_user(role=Role.MEMBER))
    response = client.get(url)
    assert response.status_code == 403
    assert "does not have the role" in response.get_data(as_text=True)


def test_editor_opens_editor_pages_but_not_admin_pages(client, login, make_user):
    login(make_user(role=Role.EDITOR))
    assert client.get("/editor/").status_code == 200
    assert client.get("/admin/users").status_code == 403


def test_admin_opens_both(client, login, make_user):
    login(make_user(role=Role.ADMIN))
    assert client.get("/editor/").status_code == 200
    assert client.get("/admin/users").status_code == 200
