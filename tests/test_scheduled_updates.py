"""Updates scheduled for later, and members' proposals: discussion, notifications, "Your posts".

The clock is frozen with time-machine: a scheduled update goes live only when Wagtail's
``publish_scheduled`` (run by beat through ``cms.tasks.publish_scheduled``) finds its time has come.
"""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from wagtail.models import WorkflowState

from cms import tasks as cms_tasks
from cms.models import UpdatePage
from community.models import EventKind, Follow, FollowLevel, Notification, Thread
from community.tiers import Tier
from tests.factories import UpdatePageFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)
GO_LIVE = NOW + dt.timedelta(hours=2)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what happens after commit (the outbox's notification tasks, eagerly)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


def _schedule(space, owner, title="Apply for the summer school by Friday"):
    update = UpdatePageFactory(parent=space, owner=owner, live=False, title=title)
    update.go_live_at = GO_LIVE
    update.save_revision(user=owner).publish(user=owner)
    return UpdatePage.objects.get(pk=update.pk)


def test_the_beat_schedule_runs_publish_scheduled_every_minute():
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "cms.tasks.publish_scheduled")
    assert entry["schedule"] <= 60


def test_a_scheduled_update_has_no_discussion_until_it_goes_live(as_user, space, counsellor, member, committed):
    followers = [UserFactory(), UserFactory()]
    for person in followers:
        Follow.objects.create(user=person, space=space, level=FollowLevel.NORMAL)
    with time_machine.travel(NOW, tick=False):
        with committed():
            update = _schedule(space, counsellor)
        assert not update.live
        assert not Thread.objects.filter(update_page=update).exists()
        assert not Notification.objects.filter(event_key=f"update:{update.pk}").exists()
        # Beat runs before its time: nothing happens yet.
        with committed():
            cms_tasks.publish_scheduled()
        assert not UpdatePage.objects.get(pk=update.pk).live
        assert as_user(member).get(space.url).status_code == 200
        assert update.title not in as_user(member).get(space.url).content.decode()

    with time_machine.travel(GO_LIVE + dt.timedelta(minutes=1), tick=False):
        with committed():
            cms_tasks.publish_scheduled()
        update.refresh_from_db()
        assert update.live
        thread = Thread.objects.get(update_page=update)
        page = as_user(member).get(update.url).content.decode()
        assert "Join the discussion" in page
        # Followers hear once that it is live; the update's author is not told about their own update.
        notified = Notification.objects.filter(event_key=f"update:{update.pk}")
        assert sorted(notified.values_list("recipient_id", flat=True)) == sorted(p.pk for p in followers)
        assert set(notified.values_list("kind", flat=True)) == {EventKind.UPDATE_PUBLISHED}
        # Beat running again (or publish retried) neither opens a second thread nor notifies twice.
        with committed():
            cms_tasks.publish_scheduled()
            UpdatePage.objects.get(pk=update.pk).get_latest_revision().publish()
        assert Thread.objects.filter(update_page=update).count() == 1
        assert Thread.objects.get(update_page=update).pk == thread.pk
        assert Notification.objects.filter(event_key=f"update:{update.pk}").count() == len(followers)


def test_a_discussion_opened_early_stays_closed_until_the_update_is_live(as_user, space, counsellor, member):
    """Threads opened for a scheduled update before this fix: no one but counsellors can open or answer them."""
    with time_machine.travel(NOW, tick=False):
        update = _schedule(space, counsellor)
        # As the old signal handler did: a thread for a page that is not live.
        thread = Thread.objects.create(
            update_page=update, space=space, mode="update", title=update.title, author=counsellor, state="published"
        )
        client = as_user(member)
        assert client.get(reverse("thread_detail", args=[thread.pk])).status_code == 404
        response = client.post(reverse("thread_answer", args=[thread.pk]), {"body": "Is it open to everyone?"})
        assert response.status_code == 404
        assert thread.posts.count() == 0
        assert as_user(counsellor).get(reverse("thread_detail", args=[thread.pk])).status_code == 200


def test_the_comment_page_shows_the_updates_text(as_user, space, counsellor, member):
    update = UpdatePageFactory(
        parent=space, owner=counsellor, title="Open day", body="<p>The tech college opens its doors on Saturday.</p>"
    )
    update.deadline = dt.date(2027, 3, 3)
    update.save_revision(user=counsellor).publish()
    thread = Thread.objects.get(update_page=update)
    client = as_user(member)
    # A comment that fails (empty) lands on the thread page: the update's text is there to read.
    response = client.post(reverse("thread_answer", args=[thread.pk]), {"body": ""})
    assert response.status_code == 400
    assert "The tech college opens its doors on Saturday." in response.content.decode()
    page = client.get(reverse("thread_detail", args=[thread.pk])).content.decode()
    assert "The tech college opens its doors on Saturday." in page
    assert "2027" in page  # the deadline


def _propose(client, space, title):
    return client.post(
        reverse("update_propose", args=[space.pk]),
        {"title": title, "body": "Saturday 3 March, 10-14, at the tech college.", "deadline": ""},
    )


def _reject(proposal, counsellor, comment=""):
    workflow_state = WorkflowState.objects.get(object_id=str(proposal.pk), status="in_progress")
    task_state = workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, counsellor, "reject", comment=comment)


def test_a_members_proposal_shows_its_state_in_your_posts(as_user, space, member, counsellor, committed):
    client = as_user(member)
    with committed():
        _propose(client, space, "Open day at the tech college")
        _propose(client, space, "Career fair in the town hall")
    waiting = UpdatePage.objects.get(title="Open day at the tech college")
    sent_back = UpdatePage.objects.get(title="Career fair in the town hall")
    page = client.get(reverse("my_posts")).content.decode()
    assert "Updates you proposed" in page and page.count("Waiting for review.") == 2

    with committed():
        _reject(sent_back, counsellor, comment="We already posted about the fair last week.")
    page = client.get(reverse("my_posts")).content.decode()
    assert "Not published." in page and "We already posted about the fair last week." in page
    told = Notification.objects.get(recipient=member, event_key__startswith=f"update-proposal:{sent_back.pk}:rejected")
    assert "Career fair in the town hall" in told.description and told.kind == EventKind.MODERATION_DECISION

    with committed():
        waiting.get_latest_revision().publish(user=counsellor)
    page = client.get(reverse("my_posts")).content.decode()
    assert "Published." in page
    assert Notification.objects.filter(recipient=member, event_key=f"update-proposal:{waiting.pk}:published").count() == 1
    # Someone else does not see another member's proposals.
    other = as_user(UserFactory()).get(reverse("my_posts")).content.decode()
    assert "Open day at the tech college" not in other


def test_a_proposal_approved_for_later_is_shown_as_scheduled_and_its_author_told_when_live(
    as_user, space, member, counsellor, committed
):
    with time_machine.travel(NOW, tick=False):
        with committed():
            _propose(as_user(member), space, "Open day at the tech college")
        proposal = UpdatePage.objects.get(title="Open day at the tech college")
        proposal.go_live_at = GO_LIVE
        with committed():
            proposal.save_revision(user=counsellor).publish(user=counsellor)
        assert "It will be published on" in as_user(member).get(reverse("my_posts")).content.decode()
        assert not Notification.objects.filter(recipient=member, event_key__startswith="update-proposal:").exists()
    with time_machine.travel(GO_LIVE + dt.timedelta(minutes=1), tick=False):
        with committed():
            cms_tasks.publish_scheduled()
            cms_tasks.publish_scheduled()
    assert Notification.objects.filter(recipient=member, event_key=f"update-proposal:{proposal.pk}:published").count() == 1
    assert Thread.objects.get(update_page=proposal).author == member


def test_your_posts_needs_as_many_queries_for_one_proposal_as_for_many(as_user, space, member, count_queries):
    client = as_user(member)
    _propose(client, space, "Open day at the tech college")
    one = count_queries(lambda: client.get(reverse("my_posts")))
    for n in range(4):
        _propose(client, space, f"Career fair number {n} in the town hall")
    assert count_queries(lambda: client.get(reverse("my_posts"))) == one
