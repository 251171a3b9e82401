"""Odd addresses a visitor or a robot may type: always the site's answer, never a 500."""

import pytest

URLS = [
    "/programme/seances/99999999999999999999999/",
    "/programme/seances/99999999999999999999999.ics",
    "/mini-conferences/99999999999999999999999/",
    "/mini-conferences/99999999999999999999999.ics",
    "/programme/9999-99-99/",
    "/programme/0000-01-01/",
    "/programme/0000-01-01.ics",
    "/lieux/%00/",
    "/langue/xx/",
    "/langue/en/?next=https://evil.example/",
    "/langue/en/?next=//evil.example/",
    "/inscription/" + "a" * 43 + "/",
    "/inscription/" + "a" * 43 + "/agenda.ics",
    "/inscription/" + "a" * 43 + "/attestation/",
    "/organisation/emargement/9999-99-99/matin/",
    "/organisation/emargement/mini-conference/99999999999999999999999/",
    "/appel-a-propositions/" + "a" * 43 + "/",
    "/?q=%ff%fe",
    "/programme/?page=-1",
]


@pytest.mark.parametrize("url", URLS)
def test_odd_addresses_never_give_a_server_error(client, admin_client, programme, url):
    assert client.get(url).status_code < 500
    assert admin_client.get(url).status_code < 500


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_language_switch_never_sends_visitors_to_another_site(client, db, target):
    response = client.get(f"/langue/en/?next={target}")
    assert response["Location"] == "/"
