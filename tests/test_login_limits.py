"""Log-in limits (django-axes) on the web, the API and the Wagtail admin; the client address from trusted proxies only."""

import time
from unittest import mock

import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient

from cms.client_ip import client_ip
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WAIT = "try again in 15 minutes"


def api_login(username, password, forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return APIClient().post("/api/v1/auth/token/", {"username": username, "password": password}, format="json", **extra)


class TestApi:
    @pytest.mark.parametrize("proxies", [0, 1])
    def test_after_20_wrong_passwords_the_right_one_is_refused_whatever_x_forwarded_for_says(self, settings, member, proxies):
        settings.TRUSTED_PROXY_COUNT = proxies
        for attempt in range(20):
            # A rotating header: with one trusted proxy the client's own part is on the left, and ignored.
            api_login(member.username, f"guess-{attempt}", forwarded_for=f"10.0.{attempt}.1, 192.0.2.{attempt}")
        response = api_login(member.username, TEST_PASSWORD, forwarded_for="203.0.113.99")
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "locked_out"
        assert WAIT in response.json()["error"]["message"]
        assert int(response["Retry-After"]) == 15 * 60
        assert "token" not in response.json()

    def test_the_lockout_ends_after_the_wait(self, member):
        for attempt in range(10):
            api_login(member.username, f"guess-{attempt}")
        assert api_login(member.username, TEST_PASSWORD).status_code == 429
        later = time.time() + 16 * 60
        with mock.patch("django.core.cache.backends.locmem.time.time", return_value=later):
            response = api_login(member.username, TEST_PASSWORD)
        assert response.status_code == 200 and response.json()["token"]

    def test_a_few_mistakes_do_not_lock_anyone_out(self, member):
        for attempt in range(3):
            assert api_login(member.username, f"guess-{attempt}").status_code == 400
        assert api_login(member.username, TEST_PASSWORD).status_code == 200

    def test_one_address_guessing_many_accounts_is_locked_out(self, db):
        people = [UserFactory() for _ in range(11)]
        for person in people[:10]:
            api_login(person.username, "guess")
        response = api_login(people[10].username, TEST_PASSWORD)
        assert response.status_code == 429 and WAIT in response.json()["error"]["message"]

    def test_the_login_throttle_counts_the_client_not_its_header(self, monkeypatch, member):
        from rest_framework.throttling import SimpleRateThrottle

        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"writes": "3/min", "login": "3/min"})
        statuses = [api_login(member.username, "guess", forwarded_for=f"198.51.100.{n}").status_code for n in range(4)]
        assert statuses[-1] == 429


class TestWeb:
    def test_the_site_log_in_locks_out_with_a_clear_message(self, client, member):
        for attempt in range(10):
            response = client.post("/account/log-in/", {"username": member.username, "password": f"guess-{attempt}"})
        response = client.post("/account/log-in/", {"username": member.username, "password": TEST_PASSWORD})
        assert response.status_code == 429
        page = response.content.decode()
        assert "Logging in is paused" in page and WAIT in page
        assert "_auth_user_id" not in client.session

    def test_the_wagtail_admin_log_in_locks_out_too(self, client, counsellor):
        for attempt in range(10):
            client.post("/admin/login/", {"username": counsellor.username, "password": f"guess-{attempt}"})
        response = client.post("/admin/login/", {"username": counsellor.username, "password": TEST_PASSWORD})
        assert response.status_code == 429 and WAIT in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_the_lockout_is_per_account_across_web_and_api(self, client, member):
        for attempt in range(10):
            client.post("/account/log-in/", {"username": member.username, "password": f"guess-{attempt}"})
        assert api_login(member.username, TEST_PASSWORD, forwarded_for="203.0.113.7").status_code == 429


class TestClientAddress:
    def request(self, remote="198.51.100.1", forwarded=None):
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)

    def test_without_trusted_proxies_the_header_is_ignored(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        assert client_ip(self.request(forwarded="1.2.3.4")) == "198.51.100.1"

    def test_behind_one_proxy_the_address_it_saw_counts(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(self.request(forwarded="6.6.6.6, 203.0.113.5")) == "203.0.113.5"

    def test_behind_two_proxies_the_outer_ones_entry_counts(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        assert client_ip(self.request(forwarded="6.6.6.6, 203.0.113.5, 10.0.0.2")) == "203.0.113.5"

    def test_a_request_that_bypassed_the_proxies_is_known_by_its_socket(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        assert client_ip(self.request(forwarded="6.6.6.6")) == "198.51.100.1"
