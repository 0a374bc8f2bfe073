"""Content-Security-Policy on every page, no inline script on the site, Referrer-Policy and Permissions-Policy."""

import re

import pytest

from community.tiers import Tier
from tests.helpers import ask

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|nonce)=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.fixture
def site_pages(space_at, people):
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_a"])
    return ["/", space.url, thread.get_absolute_url(), "/search/?q=work", "/account/log-in/", "/account/sign-up/"]


def test_every_site_page_has_a_strict_policy_and_no_inline_script(client, site_pages, as_user, people):
    for browser in (client, as_user(people["member_a"])):
        for path in site_pages:
            response = browser.get(path)
            assert response.status_code in (200, 302), path  # a member signed in is sent on from the log-in page
            policy = directives(response)
            assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], path
            assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], path
            assert policy["frame-ancestors"] == ["'self'"] and policy["base-uri"] == ["'self'"], path
            assert not INLINE_SCRIPT.search(response.content.decode()), path
            assert response["Referrer-Policy"] == "same-origin"
            assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_a_nonce_is_fresh_for_every_response(client, settings):
    settings.CONTENT_SECURITY_POLICY = settings.CONTENT_SECURITY_POLICY  # the configured policy, unchanged
    first, second = client.get("/account/log-in/"), client.get("/account/log-in/")
    assert first["Content-Security-Policy"]
    nonces = [re.search(r"'nonce-([^']+)'", r["Content-Security-Policy"]) for r in (first, second)]
    if all(nonces):  # a nonce appears only once a template asked for one
        assert nonces[0].group(1) != nonces[1].group(1)


def test_the_wagtail_admin_and_api_docs_get_what_they_need_and_no_more(as_user, people):
    counsellor = as_user(people["counsellor"])
    for path in ("/admin/", "/admin/login/", "/api/v1/docs/"):
        response = counsellor.get(path)
        assert response.status_code in (200, 302), path
        policy = directives(response)
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], path
        assert policy["object-src"] == ["'none'"] and policy["default-src"] == ["'self'"], path


def test_the_api_docs_start_swagger_from_a_file_not_an_inline_script(client):
    page = client.get("/api/v1/docs/").content.decode()
    assert not INLINE_SCRIPT.search(page)
