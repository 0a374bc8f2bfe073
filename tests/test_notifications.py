"""Notifications: each event reaches exactly the right people, leaks nothing, and arrives once."""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from community import services
from community.models import EventKind, Follow, FollowLevel, Notification, NotificationSettings
from community.notify import events
from community.notify import mail as notify_mail
from community.roles import Role
from community.tiers import Tier
from moderation import services as moderation_services
from tests.factories import UpdatePageFactory, UserFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what happens after commit (the notification tasks, eagerly)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def received(kind=None, **filters):
    """{recipient id: kind} of the notifications written."""
    notifications = Notification.objects.filter(**filters)
    if kind is not None:
        notifications = notifications.filter(kind=kind)
    return {n.recipient_id: n.kind for n in notifications}


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


def follower(thread=None, space=None, level=FollowLevel.NORMAL):
    user = UserFactory()
    Follow.objects.create(user=user, thread=thread, space=space, level=level)
    return user


class TestWall:
    def test_an_answer_reaches_the_asker_and_the_threads_followers_only(self, committed, people, space):
        thread = ask(space, people["member_a"])
        normal, watching = follower(thread), follower(thread, level=FollowLevel.WATCHING)
        muted = follower(thread, level=FollowLevel.MUTED)
        space_follower = follower(space=space)
        with committed():
            post = answer(thread, people["member_b"])
        assert received(event_key=f"post:{post.pk}") == {
            people["member_a"].pk: EventKind.ANSWER_ON_MY_QUESTION,
            normal.pk: EventKind.POST_IN_FOLLOWED_THREAD,
            watching.pk: EventKind.POST_IN_FOLLOWED_THREAD,
        }
        assert muted.pk not in received() and space_follower.pk not in received()
        assert people["member_b"].pk not in received()  # never about one's own post

    def test_a_reply_reaches_the_answers_author_and_watchers(self, committed, people, space):
        thread = ask(space, people["member_a"])
        first = answer(thread, people["member_b"])
        normal, watching = follower(thread), follower(thread, level=FollowLevel.WATCHING)
        with committed():
            reply = answer(thread, people["peer_guide"], parent=first)
        assert received(event_key=f"post:{reply.pk}") == {
            people["member_b"].pk: EventKind.REPLY_TO_MY_ANSWER,
            watching.pk: EventKind.POST_IN_FOLLOWED_THREAD,
        }
        assert normal.pk not in received(event_key=f"post:{reply.pk}")

    def test_the_asker_who_muted_their_thread_hears_nothing(self, committed, people, space):
        thread = ask(space, people["member_a"])
        Follow.objects.filter(user=people["member_a"], thread=thread).update(level=FollowLevel.MUTED)
        with committed():
            answer(thread, people["member_b"])
        assert people["member_a"].pk not in received()

    def test_new_questions_reach_those_watching_the_space(self, committed, people, space):
        watching, normal = follower(space=space, level=FollowLevel.WATCHING), follower(space=space)
        with committed():
            thread = ask(space, people["member_a"])
        assert received(event_key=f"post:{thread.posts.get().pk}") == {watching.pk: EventKind.QUESTION_IN_FOLLOWED_SPACE}
        assert normal.pk not in received()

    def test_an_anonymous_askers_name_is_in_no_notification(self, committed, people, space):
        thread = ask(space, people["member_a"], anonymous=True)
        first = answer(thread, people["member_b"])
        watchers = [follower(thread, level=FollowLevel.WATCHING), follower(space=space, level=FollowLevel.WATCHING)]
        with committed():
            answer(thread, people["member_a"], body="Thanks, that helps", parent=first)
            ask(space, people["member_a"], title="Another anonymous question", anonymous=True)
        texts = list(Notification.objects.values_list("description", flat=True))
        assert texts and all(people["member_a"].display_name not in text for text in texts)
        assert any("Anonymous member" in text for text in texts)
        assert {n.recipient_id for n in Notification.objects.all()} >= {people["member_b"].pk, *[w.pk for w in watchers]}

    def test_a_held_post_notifies_nobody_until_it_is_approved(self, committed, people, space_factory):
        space = space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)
        thread = ask(space, people["counsellor"], title="Counsellors ask")
        watcher = follower(thread, level=FollowLevel.WATCHING)
        with committed():
            held = answer(thread, people["member_b"], body="Held until approved")
        assert held.state == "pending"
        assert not Notification.objects.filter(event_key=f"post:{held.pk}").exists()
        item = held.moderation_items.get()
        with committed():
            moderation_services.item_approve(moderator=people["moderator"], item=item)
        assert received(event_key=f"post:{held.pk}") == {
            people["counsellor"].pk: EventKind.ANSWER_ON_MY_QUESTION,
            watcher.pk: EventKind.POST_IN_FOLLOWED_THREAD,
        }

    def test_endorsed_helped_and_summary(self, committed, people, space):
        thread = ask(space, people["member_a"])
        post = answer(thread, people["member_b"])
        watcher = follower(thread, level=FollowLevel.WATCHING)
        with committed():
            endorsement = services.endorsement_add(endorser=people["counsellor"], post=post)
            services.helped_mark_set(user=people["member_a"], post=post, helped=True)
            revision = services.summary_revise(editor=people["counsellor"], thread=thread, body="In short.")
        assert received(event_key=f"endorsement:{endorsement.pk}") == {people["member_b"].pk: EventKind.ENDORSED}
        assert received(event_key=f"helped:{post.pk}") == {people["member_b"].pk: EventKind.MARKED_HELPFUL}
        assert received(event_key=f"summary:{revision.pk}") == {
            people["member_a"].pk: EventKind.SUMMARY_UPDATED,
            watcher.pk: EventKind.SUMMARY_UPDATED,
        }


class TestUpdates:
    def test_an_update_reaches_the_spaces_followers_but_not_those_who_muted_it(self, committed, people, space):
        followers = [follower(space=space), follower(space=space, level=FollowLevel.WATCHING)]
        muted = follower(space=space, level=FollowLevel.MUTED)
        stranger = UserFactory()
        update = UpdatePageFactory(parent=space, owner=people["counsellor"], live=False)
        with committed():
            update.save_revision(user=people["counsellor"]).publish()
        assert set(received(event_key=f"update:{update.pk}")) == {f.pk for f in followers}
        assert muted.pk not in received() and stranger.pk not in received()
        # Publishing an edit does not notify again.
        with committed():
            update.save_revision(user=people["counsellor"]).publish()
        assert Notification.objects.filter(event_key=f"update:{update.pk}").count() == 2


class TestConversations:
    def test_a_new_conversation_reaches_every_counsellor_and_no_member(self, committed, people, space):
        with committed():
            thread = converse(space, people["member_a"], body="Something private about my family")
        assert received() == {
            people["counsellor"].pk: EventKind.CONVERSATION_NEW,
            people["moderator"].pk: EventKind.CONVERSATION_NEW,
        }
        # A counsellor answers: only the member hears.
        with committed():
            reply = services.post_create(author=people["counsellor"], thread=thread, body="Tell me more")
        assert received(event_key=f"post:{reply.pk}") == {people["member_a"].pk: EventKind.CONVERSATION_REPLY}
        # The member writes again: only the counsellor who has it (answering claimed it).
        with committed():
            again = services.post_create(author=people["member_a"], thread=thread, body="More detail")
        assert received(event_key=f"post:{again.pk}") == {people["counsellor"].pk: EventKind.CONVERSATION_MESSAGE}

    def test_reopening_and_handing_over(self, committed, people, space):
        thread = converse(space, people["member_a"])
        services.conversation_conclude(counsellor=people["counsellor"], thread=thread)
        with committed():
            again = services.post_create(author=people["member_a"], thread=thread, body="I'm back")
        assert set(received(event_key=f"post:{again.pk}")) == {people["counsellor"].pk, people["moderator"].pk}
        assert set(received(event_key=f"post:{again.pk}").values()) == {EventKind.CONVERSATION_NEW}
        with committed():
            services.conversation_hand_over(counsellor=people["counsellor"], thread=thread, to_user_id=people["moderator"].pk, note="Yours")
        assert received(kind=EventKind.CONVERSATION_HANDED_TO_ME) == {people["moderator"].pk: EventKind.CONVERSATION_HANDED_TO_ME}


class TestModeration:
    def test_decisions_sanctions_urgent_and_escalations(self, committed, people, space_factory):
        space = space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)
        thread = ask(space, people["counsellor"], title="Counsellors ask")
        held = answer(thread, people["member_b"], body="Held")
        with committed():
            moderation_services.item_reject(moderator=people["counsellor"], item=held.moderation_items.get(), reason="spam")
            moderation_services.sanction_impose(moderator=people["moderator"], member=people["member_b"], kind="warning", reason="Please stop")
            urgent = answer(thread, people["member_a"], body="I want to die")
            moderation_services.item_escalate(
                moderator=people["counsellor"], item=urgent.moderation_items.get(), to_user_id=people["moderator"].pk, note="Please"
            )
        assert received(kind=EventKind.MODERATION_DECISION) == {people["member_b"].pk: EventKind.MODERATION_DECISION}
        assert received(kind=EventKind.SANCTION) == {people["member_b"].pk: EventKind.SANCTION}
        assert set(received(kind=EventKind.URGENT_ITEM)) == {people["counsellor"].pk, people["moderator"].pk}
        assert received(kind=EventKind.ESCALATED_TO_ME) == {people["moderator"].pk: EventKind.ESCALATED_TO_ME}


class TestDelivery:
    def test_a_write_that_rolls_back_dispatches_nothing(self, django_capture_on_commit_callbacks, people, space):
        thread = ask(space, people["member_a"])
        with mock.patch("community.tasks.deliver_event.apply_async") as delay:
            with django_capture_on_commit_callbacks(execute=True):
                with pytest.raises(RuntimeError):
                    with transaction.atomic():
                        answer(thread, people["member_b"])
                        raise RuntimeError("something failed later in the request")
            assert delay.call_count == 0
            with django_capture_on_commit_callbacks(execute=True):
                answer(thread, people["member_b"])
            assert delay.call_count == 1

    def test_running_an_event_twice_notifies_once(self, committed, people, space):
        thread = ask(space, people["member_a"])
        followers = [follower(thread) for _ in range(5)]
        with committed():
            post = answer(thread, people["member_b"])
        events.run("post_published", post_id=post.pk)  # a redelivered task
        events.run("post_published", post_id=post.pk)
        assert Notification.objects.filter(event_key=f"post:{post.pk}").count() == len(followers) + 1

    def test_fan_out_in_chunks(self, committed, settings, people, space):
        settings.NOTIFICATION_CHUNK_SIZE = 7
        followers = [follower(space=space) for _ in range(30)]
        update = UpdatePageFactory(parent=space, owner=people["counsellor"], live=False)
        with committed():
            update.save_revision(user=people["counsellor"]).publish()
        assert set(received(event_key=f"update:{update.pk}")) == {f.pk for f in followers}

    def test_each_person_reads_it_in_their_own_language(self, committed, people, space):
        swedish = follower(space=space)
        swedish.preferred_language = "sv"
        swedish.save()
        english = follower(space=space)
        update = UpdatePageFactory(parent=space, owner=people["counsellor"], live=False, title="Open day")
        with committed():
            update.save_revision(user=people["counsellor"]).publish()
        sv_text = Notification.objects.get(recipient=swedish).description
        en_text = Notification.objects.get(recipient=english).description
        assert en_text.startswith("New update in") and not sv_text.startswith("New update in")


class TestPreferencesAndEmail:
    def test_chosen_kinds_also_come_by_email_and_others_do_not(self, committed, as_user, people, space):
        client = as_user(people["member_a"])
        response = client.post(
            reverse("notification_settings"), {"email_kinds": [EventKind.ANSWER_ON_MY_QUESTION], "digest": "off"}
        )
        assert response.status_code == 302
        thread = ask(space, people["member_a"])
        question = thread.posts.get()
        with committed():
            answer(thread, people["member_b"])
            services.reaction_set(user=people["member_b"], post=question, kind="me_too", on=True)
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [people["member_a"].email]
        assert "answered your question" in mail.outbox[0].subject
        notification = Notification.objects.get(recipient=people["member_a"])
        assert notification.emailed
        # Another event of a kind not chosen: no e-mail.
        follower_space = Follow.objects.create(user=people["member_a"], space=space)
        update = UpdatePageFactory(parent=space, owner=people["counsellor"], live=False)
        with committed():
            update.save_revision(user=people["counsellor"]).publish()
        assert len(mail.outbox) == 1
        assert follower_space.pk

    def test_unknown_kinds_and_digests_are_refused(self, as_user, people):
        client = as_user(people["member_a"])
        response = client.post(reverse("notification_settings"), {"email_kinds": ["urgent_item", "nonsense"], "digest": "hourly"})
        assert response.status_code == 400
        content = response.content.decode()
        assert "Unknown kinds of notification: nonsense, urgent_item." in content  # members get no counsellor kinds
        assert "Choose no digest, daily or weekly." in content
        assert not NotificationSettings.objects.exists()

    def test_follow_levels_are_set_on_the_settings_page(self, as_user, people, space):
        thread = ask(space, people["member_a"])
        follow = Follow.objects.get(user=people["member_a"], thread=thread)
        as_user(people["member_a"]).post(
            reverse("notification_settings"), {"digest": "off", f"follow-{follow.pk}": FollowLevel.MUTED}
        )
        assert Follow.objects.get(pk=follow.pk).level == FollowLevel.MUTED

    def test_daily_digest_groups_unread_notifications_by_kind_once(self, committed, people, space):
        NotificationSettings.objects.create(user=people["member_a"], digest="daily")
        NotificationSettings.objects.create(user=people["member_b"], digest="weekly")
        thread = ask(space, people["member_a"])
        Follow.objects.create(user=people["member_a"], space=space)
        with committed():
            first = answer(thread, people["member_b"], body="First answer")
            answer(thread, people["peer_guide"], body="Second answer")
            services.endorsement_add(endorser=people["counsellor"], post=answer(thread, people["member_a"], body="Mine"))
            UpdatePageFactory(parent=space, owner=people["counsellor"], live=False, title="Fair").save_revision(
                user=people["counsellor"]
            ).publish()
        Notification.objects.filter(recipient=people["member_a"], event_key=f"post:{first.pk}").update(unread=False)

        assert notify_mail.send_digests(frequency="daily") == 1
        assert len(mail.outbox) == 1
        body = mail.outbox[0].body
        assert mail.outbox[0].to == [people["member_a"].email]
        assert "3 things you have missed" in mail.outbox[0].subject
        for heading in ("Someone answered my question", "My answer was endorsed", "New updates in spaces I follow"):
            assert body.count(heading) == 1
        assert "First answer" not in body  # already read
        # Run again (a second beat, or a retried task): nothing new is sent.
        assert notify_mail.send_digests(frequency="daily") == 0
        assert len(mail.outbox) == 1


class TestCentre:
    def test_list_open_and_mark_read(self, committed, as_user, people, space):
        thread = ask(space, people["member_a"])
        with committed():
            post = answer(thread, people["member_b"])
        client = as_user(people["member_a"])
        page = client.get("/").content.decode()
        assert 'aria-label="1 unread"' in page
        notification = Notification.objects.get(recipient=people["member_a"])
        listing = client.get(reverse("notifications")).content.decode()
        assert "answered your question" in listing and "notification--unread" in listing
        response = client.get(reverse("notification_open", args=[notification.pk]))
        assert response["Location"] == f"/threads/{thread.pk}/#post-{post.pk}"
        assert not Notification.objects.get(pk=notification.pk).unread
        Notification.objects.filter(pk=notification.pk).update(unread=True)
        client.post(reverse("notifications_read_all"))
        assert not Notification.objects.filter(recipient=people["member_a"], unread=True).exists()

    def test_someone_elses_notification_is_404(self, committed, as_user, people, space):
        thread = ask(space, people["member_a"])
        with committed():
            answer(thread, people["member_b"])
        notification = Notification.objects.get(recipient=people["member_a"])
        client = as_user(people["member_b"])
        assert client.get(reverse("notification_open", args=[notification.pk])).status_code == 404
        assert client.post(reverse("notification_read", args=[notification.pk])).status_code == 404
        assert Notification.objects.get(pk=notification.pk).unread

    def test_list_and_unread_count_cost_the_same_at_any_size(self, committed, as_user, people, space, count_queries):
        thread = ask(space, people["member_a"])

        def grow(n):
            with committed():
                for _ in range(n):
                    answer(thread, UserFactory(roles=[Role.MEMBER]))

        grow(2)
        client = as_user(people["member_a"])
        for url in (reverse("notifications"), "/"):
            client.get(url)
            small = count_queries(lambda url=url: client.get(url))
            grow(9)
            assert count_queries(lambda url=url: client.get(url)) == small


def test_following_a_thread_at_a_level_from_its_page(as_user, people, space_at):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    client = as_user(people["member_b"])
    client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1"})
    assert Follow.objects.get(user=people["member_b"], thread=thread).level == FollowLevel.NORMAL
    client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1", "level": "watching"})
    assert Follow.objects.get(user=people["member_b"], thread=thread).level == FollowLevel.WATCHING
    response = client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1", "level": "loud"})
    assert response.status_code == 400 and "Choose watching, normal or muted." in response.content.decode()
    client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "0"})
    assert not Follow.objects.filter(user=people["member_b"], thread=thread).exists()
