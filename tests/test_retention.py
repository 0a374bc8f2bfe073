"""Retention: the site's periods applied by the daily task, on a frozen clock, with a report."""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from community import services
from community.models import (
    DataExport,
    EventKind,
    Notification,
    Post,
    PrivacySettings,
    RetentionRun,
    Thread,
    User,
)
from community.services import privacy
from community.tasks import apply_retention
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import WatchedWord
from tests.factories import TEST_PASSWORD
from tests.helpers import answer, ask, converse, second_factor_passed

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 1, 3, 30, tzinfo=dt_timezone.utc)


@pytest.fixture
def frozen():
    """Pin django.utils.timezone.now, so rows are written and rules applied at chosen times."""

    def at(moment):
        return mock.patch("django.utils.timezone.now", return_value=moment)

    return at


@pytest.fixture
def space(space_factory):
    return space_factory(tier=Tier.TRANSFORMATION)


@pytest.fixture
def rules(db):
    settings_row = PrivacySettings.load()
    settings_row.conversation_retention_days = 365
    settings_row.held_post_retention_days = 90
    settings_row.notification_retention_days = 180
    settings_row.inactive_account_days = 730
    settings_row.inactive_warning_days = 30
    settings_row.save()
    return settings_row


def test_conversations_unpublished_posts_and_notifications_age_out(frozen, rules, people, space):
    with frozen(NOW - timedelta(days=400)):
        old_conversation = converse(space, people["member_a"], body="An old worry about school")
        services.conversation_note_add(counsellor=people["counsellor"], thread=old_conversation, body="Old internal note")
        WatchedWord.objects.create(pattern="vape*", action="require_approval")
        thread = ask(space, people["counsellor"], title="Chef schools?", body="Where to train?")
        old_rejected = answer(thread, people["member_b"], body="Old vapes answer")
        old_held = answer(thread, people["member_b"], body="Old vapes still waiting")
        old_published = answer(thread, people["member_b"], body="Old published answer")
        Notification.objects.create(
            recipient=people["member_a"], kind=EventKind.ENDORSED, event_key="old", verb="x", description="Old news",
            actor_content_type_id=1, actor_object_id="1",
        )
    moderation_services.item_reject(moderator=people["moderator"], item=old_rejected.moderation_items.get(), reason="spam")
    with frozen(NOW - timedelta(days=30)):
        new_conversation = converse(space, people["member_b"], body="A recent worry")
        new_rejected = answer(thread, people["member_a"], body="Recent vapes answer")
        Notification.objects.create(
            recipient=people["member_a"], kind=EventKind.ENDORSED, event_key="new", verb="x", description="Recent news",
            actor_content_type_id=1, actor_object_id="1",
        )
    moderation_services.item_reject(moderator=people["moderator"], item=new_rejected.moderation_items.get(), reason="spam")

    # The notification model's default clock is bound at import; date them by hand.
    Notification.objects.filter(event_key="old").update(timestamp=NOW - timedelta(days=400))
    Notification.objects.filter(event_key="new").update(timestamp=NOW - timedelta(days=30))
    with frozen(NOW):
        apply_retention.delay()
    run = RetentionRun.objects.get()
    assert run.ran_at == NOW
    assert run.removed["private_conversations"] == 1
    assert run.removed["unpublished_posts"] == 1
    assert run.removed["notifications"] == 1

    assert list(old_conversation.posts.values_list("body", flat=True)) == [""]
    assert not old_conversation.conversation.notes.exists()
    assert "worry" not in Thread.objects.get(pk=old_conversation.pk).title
    assert new_conversation.posts.get().body == "A recent worry"
    assert Post.objects.get(pk=old_rejected.pk).body == ""
    assert Post.objects.get(pk=old_held.pk).body == "Old vapes still waiting"  # still waiting for a moderator
    assert Post.objects.get(pk=old_published.pk).body == "Old published answer"
    assert Post.objects.get(pk=new_rejected.pk).body == "Recent vapes answer"
    assert list(Notification.objects.values_list("description", flat=True)) == ["Recent news"]

    # The next day's run finds nothing new to remove.
    with frozen(NOW + timedelta(days=1)):
        second = privacy.retention_apply()
    assert second.removed["private_conversations"] == 0 and second.removed["unpublished_posts"] == 0


def test_inactive_members_are_warned_then_erased_unless_they_come_back(
    frozen, rules, client, people, django_capture_on_commit_callbacks
):
    away, returns = people["member_a"], people["member_b"]
    User.objects.filter(pk__in=[away.pk, returns.pk]).update(last_login=NOW - timedelta(days=701))
    User.objects.filter(pk=people["counsellor"].pk).update(last_login=NOW - timedelta(days=2000))
    with frozen(NOW), django_capture_on_commit_callbacks(execute=True):
        privacy.retention_apply()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([away.email, returns.email])
    assert "log in" in mail.outbox[0].body.lower()
    away.refresh_from_db()
    assert away.erased_at is None and away.inactivity_warned_at == NOW

    assert client.login(username=returns.username, password=TEST_PASSWORD)  # coming back ends the countdown
    with frozen(NOW + timedelta(days=31)):
        run = privacy.retention_apply()
    assert run.removed["inactive_accounts_erased"] == 1
    away.refresh_from_db()
    returns.refresh_from_db()
    people["counsellor"].refresh_from_db()
    assert away.erased_at is not None and away.display_name == "Former member"
    assert returns.erased_at is None
    assert people["counsellor"].erased_at is None  # staff accounts are never erased for inactivity


def test_the_report_shows_what_was_removed_to_moderators_only(frozen, rules, client, people):
    with frozen(NOW):
        privacy.retention_apply()
    client.force_login(people["moderator"])
    second_factor_passed(client, people["moderator"])
    page = client.get(reverse("retention_report"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Notifications deleted" in content and "365 days" in content
    client.force_login(people["counsellor"])
    second_factor_passed(client, people["counsellor"])
    refused = client.get(reverse("retention_report"))
    assert refused.status_code in (302, 403) and "Notifications deleted" not in refused.content.decode()


def test_the_daily_task_is_scheduled(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "community.tasks.apply_retention" in schedule


def test_expired_exports_are_deleted(frozen, rules, people):
    with frozen(NOW - timedelta(days=5)):
        old = privacy.data_export_request(user=people["member_a"])
    with frozen(NOW - timedelta(hours=1)):
        fresh = privacy.data_export_request(user=people["member_b"])
    with frozen(NOW):
        run = privacy.retention_apply()
    assert run.removed["expired_exports"] == 1
    assert list(DataExport.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert old.pk != fresh.pk
