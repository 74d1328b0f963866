"""Hostile ids and NUL bytes end in a 4xx, never a 500."""
from __future__ import annotations


def test_an_id_beyond_64_bits_is_not_found(client):
    assert client.get(f"/partners/{2**70}/logo-x.webp").status_code == 404


def test_a_nul_byte_in_a_form_field_is_refused_with_a_message(client, post):
    response = post("/account/login", {"email": "a\x00@example.org", "password": "x"})
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)
