"""A new e-mail address is used only after it is confirmed from a link sent to it; the old one is told."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from community import services
from community.models import User

pytestmark = pytest.mark.django_db

PROFILE = "/account/profile/"


def change(client, user, email):
    return client.post(
        PROFILE,
        {"display_name": user.display_name, "email": email, "preferred_language": user.preferred_language},
        follow=True,
    )


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/email/confirm/[^\s]+/)", message.body).group(1)


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_the_new_address_waits_for_its_link_and_the_old_one_is_told(client, login, member, django_capture_on_commit_callbacks):
    old = member.email
    login(member)
    with django_capture_on_commit_callbacks(execute=True):
        page = change(client, member, "new-home@example.org").content.decode()
    assert "We have sent a link to new-home@example.org" in page
    member.refresh_from_db()
    assert (member.email, member.pending_email) == (old, "new-home@example.org")
    # Still the old address until then: it is where password resets go.
    assert User.objects.filter(email=old).exists()

    [notice] = sent_to(old)
    assert "new-home@example.org" in notice.body and "change your password" in notice.body
    [confirmation] = sent_to("new-home@example.org")
    assert "Confirm your new e-mail address" in confirmation.subject

    response = client.get(link_in(confirmation), follow=True)
    assert "your new e-mail address is confirmed" in response.content.decode()
    member.refresh_from_db()
    assert (member.email, member.pending_email, member.email_verified) == ("new-home@example.org", "", True)
    # A link works once: the change it confirmed is done.
    assert client.get(link_in(confirmation)).status_code == 400


def test_a_taken_address_gets_the_same_answer_and_is_told_by_e_mail_only(client, login, member, member_b, django_capture_on_commit_callbacks):
    login(member)
    with django_capture_on_commit_callbacks(execute=True):
        free = change(client, member, "free@example.org").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        taken = change(client, member, member_b.email.upper()).content.decode()

    def answer(page, address):
        return re.sub(re.escape(address), "ADDRESS", page, flags=re.I)

    main = re.compile(r"<main.*</main>", re.S)
    assert re.sub(r'value="[^"]+"', "", main.search(answer(free, "free@example.org")).group(0)) == re.sub(
        r'value="[^"]+"', "", main.search(answer(taken, member_b.email)).group(0)
    )
    [told] = [m for m in mail.outbox if m.to[0].lower() == member_b.email.lower()]
    assert "There already is an account with it" in told.body and "/account/email/confirm/" not in told.body
    member.refresh_from_db()
    assert member.email != member_b.email


def test_a_link_for_a_change_since_replaced_is_refused(client, login, member, django_capture_on_commit_callbacks):
    login(member)
    with django_capture_on_commit_callbacks(execute=True):
        change(client, member, "first@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        change(client, member, "second@example.org")
    first_link = link_in(sent_to("first@example.org")[0])
    assert client.get(first_link).status_code == 400
    member.refresh_from_db()
    assert member.pending_email == "second@example.org"


def test_someone_else_cannot_use_a_forged_or_foreign_link(client, member, member_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.email_change_request(user=member, new_email="mine@example.org")
    link = link_in(sent_to("mine@example.org")[0])
    forged = link.replace("/confirm/", "/confirm/x")
    assert client.get(forged).status_code == 400
    assert client.get(reverse("account_email_change_confirm", args=["not-a-token"])).status_code == 400
    # The link changes only the account that asked, even opened while logged in as someone else.
    client.force_login(member_b)
    client.get(link)
    member.refresh_from_db()
    member_b.refresh_from_db()
    assert member.email == "mine@example.org" and member_b.email != "mine@example.org"


def test_saving_the_profile_otherwise_keeps_the_change_waiting(client, login, member, django_capture_on_commit_callbacks):
    login(member)
    with django_capture_on_commit_callbacks(execute=True):
        change(client, member, "maybe@example.org")
    link = link_in(sent_to("maybe@example.org")[0])
    client.post(PROFILE, {"display_name": "Snow Owl", "email": member.email, "preferred_language": "en"})
    member.refresh_from_db()
    assert (member.display_name, member.pending_email) == ("Snow Owl", "maybe@example.org")
    client.get(link)
    member.refresh_from_db()
    assert member.email == "maybe@example.org"


def test_the_api_keeps_the_new_address_pending_too(member, django_capture_on_commit_callbacks):
    _instance, token = AuthToken.objects.create(user=member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    old = member.email
    with django_capture_on_commit_callbacks(execute=True):
        body = api.patch("/api/v1/me/", {"email": "api-new@example.org"}, format="json").json()
    assert (body["email"], body["pending_email"]) == (old, "api-new@example.org")
    assert sent_to("api-new@example.org") and sent_to(old)
    # Changing something else leaves the change waiting.
    body = api.patch("/api/v1/me/", {"preferred_language": "da"}, format="json").json()
    assert (body["email"], body["pending_email"]) == (old, "api-new@example.org")


def test_a_taken_address_by_api_answers_like_a_free_one(member, member_b):
    _instance, token = AuthToken.objects.create(user=member)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.patch("/api/v1/me/", {"email": member_b.email}, format="json")
    assert response.status_code == 200 and response.json()["pending_email"] == member_b.email


def test_a_bad_address_is_a_form_error(client, login, member):
    login(member)
    response = client.post(PROFILE, {"display_name": member.display_name, "email": "not-an-address", "preferred_language": "en"})
    assert response.status_code == 200 and "Enter a valid email address" in response.content.decode()
    member.refresh_from_db()
    assert member.pending_email == ""
