"""Sign-up, log-in, log-out, password change and reset, profile: the member's own account."""

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from community.models import User
from community.roles import GROUP_NAMES, Role
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("account_sign_up")
LOG_IN = reverse("account_login")
LOG_OUT = reverse("account_logout")


def sign_up_data(**overrides):
    data = {
        "username": "newbie",
        "display_name": "Polar Fox",
        "email": "newbie@example.org",
        "password1": "lingonberry-kayak-42",
        "password2": "lingonberry-kayak-42",
        "preferred_language": "en",
        "birth_year": "2008",
    }
    data.update(overrides)
    return data


class TestSignUp:
    def test_a_young_person_signs_up_as_a_member_confirms_the_address_and_logs_in(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(SIGN_UP, sign_up_data(), follow=True)
        user = User.objects.get(username="newbie")
        assert user.display_name == "Polar Fox"
        assert list(user.groups.values_list("name", flat=True)) == [GROUP_NAMES[Role.MEMBER]]
        assert user.check_password("lingonberry-kayak-42")
        assert not user.email_verified
        assert "Check your e-mail" in response.content.decode()
        (message,) = mail.outbox
        assert message.to == ["newbie@example.org"]
        link = re.search(r"https?://\S+/account/verify/\S+/", message.body).group(0)
        response = client.get(urlparse(link).path, follow=True)
        user.refresh_from_db()
        assert user.email_verified
        assert "your e-mail address is confirmed" in response.content.decode()
        response = client.post(LOG_IN, {"username": "newbie", "password": "lingonberry-kayak-42"}, follow=True)
        assert get_user(client).pk == user.pk
        assert "Signed in as Polar Fox" in response.content.decode()

    def test_a_wrong_or_tampered_verification_link_is_refused(self, client):
        response = client.get(reverse("account_verify_email", args=["not-a-token"]))
        assert response.status_code == 400 and "not valid any more" in response.content.decode()

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"display_name": "polar.fox"}, "This display name is taken"),
            ({"display_name": "Anna Berg"}, "This display name is taken"),
            ({"display_name": "AnnaBerg_official"}, "Display names cannot suggest that you are staff"),
            ({"display_name": "Anna Berg 2"}, "looks too much like a counsellor"),
            ({"display_name": "Αnna Berg"}, "one alphabet"),  # Greek capital alpha
            ({"display_name": "Anna\u200dBerg"}, "invisible characters or text-direction controls"),
            ({"display_name": "\u202egreB annA"}, "invisible characters or text-direction controls"),
        ],
    )
    def test_duplicate_and_spoofing_display_names_are_refused(self, client, counsellor, overrides, message):
        UserFactory(display_name="Polar Fox")
        response = client.post(SIGN_UP, sign_up_data(username="second", email="second@example.org", **overrides))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not User.objects.filter(username="second").exists()

    @pytest.mark.parametrize(
        ("password", "message"),
        [
            ("short1!", "This password is too short"),
            ("password1234", "This password is too common"),
            ("83749201937465", "This password is entirely numeric"),
            ("newbie2026", "The password is too similar to the username"),
            ("polarfox2026", "The password is too similar to the display name"),
        ],
    )
    def test_weak_passwords_are_refused_with_the_reason(self, client, password, message):
        response = client.post(SIGN_UP, sign_up_data(password1=password, password2=password))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not User.objects.filter(username="newbie").exists()

    def test_passwords_that_differ_are_refused(self, client):
        response = client.post(SIGN_UP, sign_up_data(password2="lingonberry-kayak-43"))
        assert "The two passwords are not the same." in response.content.decode()
        assert not User.objects.exists()

    def test_a_taken_username_or_email_is_told_by_e_mail_only(self, client, django_capture_on_commit_callbacks):
        """No account enumeration: the page answers the same; the address's owner hears what happened."""
        UserFactory(username="Newbie", email="NEWBIE@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            taken = client.post(SIGN_UP, sign_up_data())
            fresh = client.post(SIGN_UP, sign_up_data(username="freshname", email="fresh@example.org", display_name="Snow Hare"))
        assert taken.status_code == fresh.status_code == 200
        for response in (taken, fresh):
            content = response.content.decode()
            assert "Check your e-mail" in content
            assert "taken" not in content and "already exists" not in content
        assert User.objects.filter(username__iexact="newbie").count() == 1
        assert not User.objects.filter(email__iexact="newbie@example.org").exclude(username="Newbie").exists()
        to_owner = next(m for m in mail.outbox if m.to == ["newbie@example.org"])
        assert "There already is an account with it" in to_owner.body
        # A taken username with a new address: that address is told, no account is made.
        with django_capture_on_commit_callbacks(execute=True):
            client.post(SIGN_UP, sign_up_data(email="other@example.org", display_name="Arctic Tern"))
        assert not User.objects.filter(email="other@example.org").exists()
        assert "username you chose is taken" in next(m for m in mail.outbox if m.to == ["other@example.org"]).body

    def test_every_problem_is_reported_at_once(self, client):
        UserFactory(username="newbie")
        response = client.post(SIGN_UP, sign_up_data(display_name="x", password1="abc", password2="abc"))
        content = response.content.decode()
        assert "This username is taken." not in content  # never on the page (no account enumeration)
        assert "A display name must be 3 to 30 characters long." in content
        assert "This password is too short" in content

    def test_the_form_marks_the_wrong_field_for_screen_readers(self, client):
        response = client.post(SIGN_UP, sign_up_data(display_name="ab"))
        content = response.content.decode()
        assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_display_name"', content)
        assert 'role="alert"' in content


class TestLogInAndOut:
    def test_log_in_with_the_right_password(self, client, member):
        response = client.post(LOG_IN, {"username": member.username, "password": TEST_PASSWORD})
        assert response.status_code == 302
        assert get_user(client).pk == member.pk

    def test_a_wrong_password_gets_a_clear_error_and_no_session(self, client, member):
        response = client.post(LOG_IN, {"username": member.username, "password": "not-the-password"})
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
        assert not get_user(client).is_authenticated

    def test_log_out_needs_a_post_and_ends_the_session(self, client, login, member):
        login(member)
        assert client.get(LOG_OUT).status_code == 405
        response = client.post(LOG_OUT, follow=True)
        assert not get_user(client).is_authenticated
        assert "You are logged out." in response.content.decode()

    def test_log_in_only_redirects_to_this_site(self, client, member):
        response = client.post(
            LOG_IN, {"username": member.username, "password": TEST_PASSWORD, "next": "https://evil.example/"}
        )
        assert response["Location"] == "/"


class TestPasswordReset:
    def test_reset_by_e_mail_link_then_log_in_with_the_new_password(self, client, member):
        response = client.post(reverse("account_password_reset"), {"email": member.email.upper()})
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [member.email]
        assert member.username in message.body
        link = re.search(r"https?://[^/]+(/account/password/reset/\S+/)", message.body).group(1)

        form_page = client.get(link, follow=True)
        assert "Choose a new password" in form_page.content.decode()
        set_password_url = form_page.redirect_chain[-1][0]
        done = client.post(
            set_password_url, {"new_password1": "cloudberry-ferry-77", "new_password2": "cloudberry-ferry-77"}
        )
        assert done.status_code == 302
        assert client.login(username=member.username, password="cloudberry-ferry-77")
        assert not client.login(username=member.username, password=TEST_PASSWORD)

    def test_an_unknown_address_sends_nothing_and_reveals_nothing(self, client, member):
        response = client.post(reverse("account_password_reset"), {"email": "nobody@example.org"}, follow=True)
        assert mail.outbox == []
        assert "If an account uses that address" in response.content.decode()

    def test_a_used_link_no_longer_works(self, client, member):
        client.post(reverse("account_password_reset"), {"email": member.email})
        link = re.search(r"https?://[^/]+(/account/password/reset/\S+/)", mail.outbox[0].body).group(1)
        set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
        client.post(set_password_url, {"new_password1": "cloudberry-ferry-77", "new_password2": "cloudberry-ferry-77"})
        response = client.get(link, follow=True)
        assert "This link does not work any more" in response.content.decode()


class TestPasswordChange:
    def test_change_needs_the_old_password(self, client, login, member):
        login(member)
        url = reverse("account_password_change")
        wrong = client.post(
            url, {"old_password": "guess", "new_password1": "cloudberry-ferry-77", "new_password2": "cloudberry-ferry-77"}
        )
        assert "Your old password was entered incorrectly" in wrong.content.decode()
        right = client.post(
            url,
            {"old_password": TEST_PASSWORD, "new_password1": "cloudberry-ferry-77", "new_password2": "cloudberry-ferry-77"},
        )
        assert right.status_code == 302
        member.refresh_from_db()
        assert member.check_password("cloudberry-ferry-77")

    def test_anonymous_visitors_are_sent_to_log_in(self, client):
        response = client.get(reverse("account_password_change"))
        assert response.status_code == 302
        assert response["Location"].startswith(LOG_IN)


class TestProfile:
    def test_a_member_changes_display_name_email_and_language(self, client, login, member):
        login(member)
        response = client.post(
            reverse("account_profile"),
            {"display_name": "Northern Star", "email": "star@example.org", "preferred_language": "sv"},
            follow=True,
        )
        member.refresh_from_db()
        # The address changes only once the link sent to it is opened (tests/test_email_change.py).
        assert (member.display_name, member.pending_email, member.preferred_language) == (
            "Northern Star",
            "star@example.org",
            "sv",
        )
        assert '<html lang="sv">' in response.content.decode()

    def test_a_member_cannot_switch_to_a_counsellors_name(self, client, login, member, counsellor):
        login(member)
        old_name = member.display_name
        response = client.post(
            reverse("account_profile"),
            {"display_name": "anna_berg", "email": member.email, "preferred_language": "en"},
        )
        assert "This display name is taken" in response.content.decode()
        member.refresh_from_db()
        assert member.display_name == old_name

    def test_anonymous_visitors_are_sent_to_log_in(self, client):
        response = client.get(reverse("account_profile"))
        assert response.status_code == 302
        assert response["Location"].startswith(LOG_IN)


class TestNoAccountEnumeration:
    def test_log_in_answers_alike_for_a_wrong_password_and_an_unknown_username(self, client, member):
        wrong = client.post(LOG_IN, {"username": member.username, "password": "not-it"}).content.decode()
        unknown = client.post(LOG_IN, {"username": "nobody-here", "password": "not-it"}).content.decode()
        strip = lambda html: re.sub(r'value="[^"]*"', "", html)  # noqa: E731 (the typed username and CSRF token)
        assert strip(wrong) == strip(unknown)

    def test_reset_answers_alike_for_a_known_and_an_unknown_address(self, client, member):
        known = client.post(reverse("account_password_reset"), {"email": member.email})
        unknown = client.post(reverse("account_password_reset"), {"email": "nobody@example.org"})
        assert known.status_code == unknown.status_code == 302
        assert known["Location"] == unknown["Location"]
