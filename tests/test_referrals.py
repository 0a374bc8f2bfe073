"""Referrals (the Navigator seed): the register moderators keep, referring from a conversation, follow-up reminders."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from community import selectors, services
from community.demo_referrals import DEMO_SERVICES, seed_referral_services
from community.models import ConversationEvent, EventKind, Notification, Referral, ReferralService
from community.roles import Role
from community.tiers import Tier
from tests.factories import UserFactory
from tests.helpers import converse

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def frozen(at):
    return mock.patch("django.utils.timezone.now", return_value=at)


@pytest.fixture
def service(db):
    return ReferralService.objects.create(
        name="Ohjaamo Helsinki",
        helps_with="Study, work, housing and wellbeing for under-30s.",
        contact="https://ohjaamot.fi/",
        hours="Mon–Fri 10–16",
        region="Uusimaa",
        language="fi",
    )


@pytest.fixture
def thread(space_at, people):
    return converse(space_at(Tier.APPLICATION), people["member_a"], body="I dropped out and don't know what to do now.")


def test_moderators_keep_the_register_in_the_admin_and_counsellors_do_not(as_user, people):
    url = reverse("wagtailsnippets_community_referralservice:add")
    data = {"name": "BUP Stockholm", "helps_with": "Child and youth psychiatry.", "contact": "1177", "hours": "", "region": "Stockholm", "language": "sv", "is_active": "on"}
    assert as_user(people["moderator"]).post(url, data).status_code == 302
    assert ReferralService.objects.filter(name="BUP Stockholm", region="Stockholm").exists()
    assert as_user(people["counsellor"]).get(url).status_code == 302  # turned away
    assert as_user(people["counsellor"]).post(url, {**data, "name": "Not allowed"}).status_code == 302
    assert not ReferralService.objects.filter(name="Not allowed").exists()


def test_a_counsellor_refers_the_member_sees_the_service_and_a_follow_up_falls_due_after_7_days(
    as_user, people, thread, service, django_capture_on_commit_callbacks
):
    counsellor, member = people["counsellor"], people["member_a"]
    with frozen(NOW), django_capture_on_commit_callbacks(execute=True):
        response = as_user(counsellor).post(
            reverse("conversation_refer", args=[thread.pk]), {"service": service.pk, "note": "Ask for the study coach."}
        )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.follow_up_at == NOW + datetime.timedelta(days=7)
    assert ConversationEvent.objects.filter(kind="referred", note=str(service)).exists()
    assert Notification.objects.filter(recipient=member, kind=EventKind.REFERRED).exists()

    page = as_user(member).get(reverse("conversation_detail", args=[thread.pk])).content.decode()
    for detail in ("Ohjaamo Helsinki", "Study, work, housing", "https://ohjaamot.fi/", "Mon–Fri 10–16", "Uusimaa", "Ask for the study coach."):
        assert detail in page
    assert "follow up on" not in page  # the reminder is the counsellor's

    with frozen(NOW + datetime.timedelta(days=6, hours=23)):
        assert list(selectors.followups_due_for_user(user=counsellor)) == []
        assert "No follow-ups due." in as_user(counsellor).get(reverse("follow_ups")).content.decode()
    with frozen(NOW + datetime.timedelta(days=7)):
        assert list(selectors.followups_due_for_user(user=counsellor)) == [referral]
        page = as_user(counsellor).get(reverse("follow_ups")).content.decode()
        assert "Ohjaamo Helsinki" in page and member.display_name in page
        # Another counsellor's list is theirs: this reminder is not in it.
        assert list(selectors.followups_due_for_user(user=people["moderator"])) == []
        refused = as_user(UserFactory(roles=[Role.COUNSELLOR])).post(reverse("referral_follow_up_done", args=[referral.pk]))
        assert refused.status_code == 403 and "who made the referral" in refused.content.decode()
        as_user(counsellor).post(reverse("referral_follow_up_done", args=[referral.pk]))
        assert list(selectors.followups_due_for_user(user=counsellor)) == []


def test_the_follow_up_time_is_configurable(settings, people, thread, service):
    settings.REFERRAL_FOLLOW_UP_DAYS = 3
    with frozen(NOW):
        referral = services.referral_create(counsellor=people["counsellor"], thread=thread, service_id=service.pk)
        custom = services.referral_create(counsellor=people["counsellor"], thread=thread, service_id=service.pk, follow_up_days=14)
    assert referral.follow_up_at == NOW + datetime.timedelta(days=3)
    assert custom.follow_up_at == NOW + datetime.timedelta(days=14)


def test_members_and_strangers_cannot_refer_or_see_follow_ups(as_user, people, thread, service):
    client = as_user(people["member_a"])
    refused = client.post(reverse("conversation_refer", args=[thread.pk]), {"service": service.pk})
    assert refused.status_code == 403 and "Only counsellors" in refused.content.decode()
    stranger = as_user(people["member_b"]).post(reverse("conversation_refer", args=[thread.pk]), {"service": service.pk})
    assert stranger.status_code == 404
    follow_ups = as_user(people["member_a"]).get(reverse("follow_ups"))
    assert follow_ups.status_code == 403 and "Ohjaamo" not in follow_ups.content.decode()
    assert not Referral.objects.exists()


def test_a_bad_service_is_a_form_error(as_user, people, thread):
    response = as_user(people["counsellor"]).post(reverse("conversation_refer", args=[thread.pk]), {"service": "999"})
    assert response.status_code == 400 and "Choose a service from the register." in response.content.decode()
    assert not Referral.objects.exists()


def test_the_demo_register_covers_the_five_nordic_countries_and_seeds_once():
    assert seed_referral_services() == len(DEMO_SERVICES)
    assert seed_referral_services() == 0
    assert set(ReferralService.objects.values_list("region", flat=True)) == {"Denmark", "Sweden", "Finland", "Norway", "Iceland"}
    assert ReferralService.objects.filter(contact__contains="116 111").count() >= 3
