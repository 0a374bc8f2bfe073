"""Staff log in with a second step (an authenticator app's code, or a one-time backup code), because
they read minors' private messages; members are never asked."""

import datetime
import re

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from community.roles import Role
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import authenticator_code

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/admin/", "/counsellor/conversations/", "/admin/moderation/queue/"]


@pytest.fixture
def admin_user(db):
    return UserFactory(display_name="Site administrator", is_superuser=True, is_staff=True, roles=[])


def password_log_in(client, user):
    response = client.post("/account/log-in/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content
    return response


def with_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def give_code(client, code, next_url=""):
    return client.post("/account/two-factor/", {"code": code, "next": next_url})


def enrol(client, user) -> list[str]:
    """Set up an app from the set-up page, as a staff member would; returns the backup codes shown."""
    page = client.get("/account/two-factor/set-up/")
    assert page.status_code == 200
    response = client.post("/account/two-factor/set-up/", {"code": authenticator_code(user)})
    assert response.status_code == 200
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())


# ---------------------------------------------------------------- setting up


@pytest.mark.parametrize("who", ["counsellor", "moderator", "admin_user"])
def test_staff_without_an_app_must_set_one_up_before_anything_else(client, request, who):
    user = request.getfixturevalue(who)
    password_log_in(client, user)
    for path in ["/", *STAFF_PAGES]:
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/account/two-factor/set-up/"), path

    page = client.get("/account/two-factor/set-up/").content.decode()
    assert "<svg" in page and "QR code for your authenticator app" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'<code class="secret-key"[^>]*>([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    assert device.config_url.split("secret=")[1].startswith(secret)  # the key typed by hand is the QR code's

    refused = client.post("/account/two-factor/set-up/", {"code": "000000"})
    assert refused.status_code == 200 and "That code is not right" in refused.content.decode()
    assert client.get("/counsellor/conversations/").status_code == 302

    # A wrong code makes the next try wait a second (django-otp's throttle); try again after it.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3), tick=True):
        codes = enrol(client, user)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    for path in STAFF_PAGES:
        assert client.get(path).status_code == 200, path
    # Shown once: the page is not there to come back to, and the codes are not cached.
    assert client.get("/account/two-factor/set-up/").status_code == 302


def test_a_password_alone_cannot_replace_the_app(client, counsellor):
    with_app(counsellor)
    password_log_in(client, counsellor)
    response = client.get("/account/two-factor/set-up/")
    assert response.status_code == 302 and response.url.startswith("/account/two-factor/")
    client.post("/account/two-factor/set-up/", {"code": "123456"})
    assert TOTPDevice.objects.filter(user=counsellor).count() == 1


# ---------------------------------------------------------------- the code after the password


def test_staff_with_an_app_are_refused_staff_pages_until_they_give_its_code(client, counsellor):
    with_app(counsellor)
    password_log_in(client, counsellor)
    for path in STAFF_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == f"/account/two-factor/?next={path.replace('/', '%2F')}"
    assert client.get("/account/two-factor/").status_code == 200

    response = give_code(client, authenticator_code(counsellor), next_url="/counsellor/conversations/")
    assert response.status_code == 302 and response.url == "/counsellor/conversations/"
    for path in STAFF_PAGES:
        assert client.get(path).status_code == 200, path


def test_the_wagtail_admin_log_in_leads_to_the_code_too(client, moderator):
    with_app(moderator)
    response = client.post("/admin/login/", {"username": moderator.username, "password": TEST_PASSWORD, "next": "/admin/"}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/two-factor/?next=")
    assert "Two-factor log-in" in response.content.decode()
    give_code(client, authenticator_code(moderator))
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_message(client, counsellor):
    with_app(counsellor)
    password_log_in(client, counsellor)
    for code in ["000000", "12345", "not-a-code", ""]:
        response = give_code(client, code)
        assert response.status_code == 200
        page = response.content.decode()
        assert "That code is not right" in page or "This field is required" in page or "Too many wrong codes" in page
    assert client.get("/counsellor/conversations/").status_code == 302


def test_repeated_wrong_codes_make_even_the_right_one_wait(client, counsellor):
    device = with_app(counsellor)
    password_log_in(client, counsellor)
    give_code(client, "000000")
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # As after ten wrong codes in a row: the wait has doubled to over eight minutes.
    device.throttling_failure_count = 10
    device.save()
    response = give_code(client, authenticator_code(counsellor))
    assert response.status_code == 200
    assert re.search(r"Too many wrong codes. Please wait \d+ seconds", response.content.decode())
    assert client.get("/admin/").status_code == 302


def test_a_code_works_once(client, counsellor):
    with_app(counsellor)
    password_log_in(client, counsellor)
    code = authenticator_code(counsellor)
    give_code(client, code)
    client.post("/account/log-out/")
    password_log_in(client, counsellor)
    # Someone who saw the code over a shoulder cannot replay it.
    assert "That code is not right" in give_code(client, code).content.decode()


def test_a_member_is_never_asked(client, member):
    password_log_in(client, member)
    assert client.get("/account/profile/").status_code == 200
    assert client.get("/inbox/").status_code == 200
    assert client.get("/account/two-factor/").status_code == 302
    assert client.get("/account/two-factor/set-up/").status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()


def test_switched_off_for_a_private_demo_staff_are_not_asked(client, counsellor, settings):
    settings.STAFF_MFA_REQUIRED = False
    password_log_in(client, counsellor)
    assert client.get("/counsellor/conversations/").status_code == 200


# ---------------------------------------------------------------- backup codes


def test_a_backup_code_works_once(client, counsellor):
    password_log_in(client, counsellor)
    codes = enrol(client, counsellor)
    client.post("/account/log-out/")

    password_log_in(client, counsellor)
    response = give_code(client, codes[0].upper(), next_url="/admin/")  # as typed from paper
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert "9 backup codes left" in client.get("/account/profile/").content.decode()
    assert StaticToken.objects.filter(device__user=counsellor).count() == 9
    client.post("/account/log-out/")

    password_log_in(client, counsellor)
    assert "That code is not right" in give_code(client, codes[0]).content.decode()
    assert client.get("/admin/").status_code == 302
    StaticDevice.objects.filter(user=counsellor).update(throttling_failure_count=0)  # not testing the wait here
    assert give_code(client, codes[1]).status_code == 302


def test_new_backup_codes_replace_the_old_ones(client, counsellor):
    password_log_in(client, counsellor)
    old = enrol(client, counsellor)
    response = client.post("/account/two-factor/backup-codes/")
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/account/log-out/")
    password_log_in(client, counsellor)
    assert "That code is not right" in give_code(client, old[0]).content.decode()


# ---------------------------------------------------------------- the API


def token_request(user, **extra):
    return APIClient().post("/api/v1/auth/token/", {"username": user.username, "password": TEST_PASSWORD, **extra}, format="json")


def test_a_staff_token_needs_the_code(counsellor):
    with_app(counsellor)
    missing = token_request(counsellor)
    assert missing.status_code == 403
    assert missing.json()["error"]["code"] == "second_factor_required"
    assert "otp_code" in missing.json()["error"]["message"]

    wrong = token_request(counsellor, otp_code="000000")
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid_otp_code"
    assert not AuthToken.objects.filter(user=counsellor).exists()

    device = TOTPDevice.objects.get(user=counsellor)
    device.throttling_failure_count = 0  # the wrong code's one-second wait is not what this tests
    device.save()
    right = token_request(counsellor, otp_code=authenticator_code(counsellor))
    assert right.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {right.json()['token']}")
    assert client.get("/api/v1/me/").status_code == 200


def test_a_staff_token_waits_after_many_wrong_codes(counsellor):
    device = with_app(counsellor)
    device.throttling_failure_count = 10
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    response = token_request(counsellor, otp_code=authenticator_code(counsellor))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Too many wrong codes" in response.json()["error"]["message"]


def test_staff_without_an_app_are_told_to_set_it_up_on_the_website(moderator):
    response = token_request(moderator)
    assert response.status_code == 403 and response.json()["error"]["code"] == "second_factor_setup_required"


def test_a_members_token_needs_no_code(member):
    assert token_request(member).status_code == 200


def test_a_staff_token_made_before_keeps_working(counsellor):
    _instance, token = AuthToken.objects.create(user=counsellor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/me/").status_code == 200


def test_an_unverified_staff_session_is_refused_by_the_api_with_the_reason(client, counsellor):
    with_app(counsellor)
    password_log_in(client, counsellor)
    response = client.get("/api/v1/me/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "second_factor_required"


def test_wrong_user_refused_staff_role_matrix(client):
    """Peer guides are members: they are not asked, and still cannot reach the admin."""
    guide = UserFactory(roles=[Role.MEMBER, Role.PEER_GUIDE])
    password_log_in(client, guide)
    assert client.get("/account/two-factor/set-up/").status_code == 302
    assert client.get("/admin/").status_code in (302, 403)


def test_an_administrator_resets_a_lost_phone(client, counsellor):
    with_app(counsellor)
    AuthToken.objects.create(user=counsellor)
    call_command("staff_second_factor_reset", counsellor.username, verbosity=0)
    assert not AuthToken.objects.filter(user=counsellor).exists()
    password_log_in(client, counsellor)
    assert client.get("/admin/").url.startswith("/account/two-factor/set-up/")
