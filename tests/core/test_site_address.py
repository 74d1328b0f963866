"""Absolute addresses come from KD_SITE_URL; a request for a host the site does not serve is refused."""
from __future__ import annotations

import pytest

from config import load_config
from tests.conftest import CSRF_PATTERN


def test_a_forged_host_is_refused(client):
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
def test_local_names_are_served_but_links_and_cache_stay_on_the_site(client, host):
    page = client.get("/", headers={"Host": host})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f"//{host}" not in html
    assert 'href="http://kd.test/' in html
    assert "X-Cache" not in client.get("/", headers={"Host": host}).headers


def test_mailed_links_use_the_site_address(client, make_user, outbox):
    user, local = make_user(), "http://localhost"
    page = client.get("/account/forgot", base_url=local).get_data(as_text=True)
    token = CSRF_PATTERN.search(page).group(1)
    client.post("/account/forgot", data={"csrf_token": token, "email": user.email}, base_url=local)
    body = outbox()[-1].get_body(preferencelist=("plain",)).get_content()
    assert "http://kd.test/account/reset/" in body and "localhost" not in body


def test_trusted_hosts_follow_the_site_address(monkeypatch):
    monkeypatch.setenv("KD_SITE_URL", "https://kd.example:8443/")
    assert load_config({"SECRET_KEY": "x"})["TRUSTED_HOSTS"] == ["kd.example", "127.0.0.1", "localhost"]
    monkeypatch.setenv("KD_TRUSTED_HOSTS", "a.example, b.example")
    assert load_config({"SECRET_KEY": "x"})["TRUSTED_HOSTS"] == ["a.example", "b.example"]
