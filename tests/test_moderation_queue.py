"""Flags, the queue and its decisions, sanctions and the audit log."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from community.models import ModerationState, Post, PostRevision, SummaryRevision, Thread
from community.roles import Role
from community.tiers import Tier
from moderation import services
from moderation.models import AuditEntry, Decision, Flag, ModerationItem, Sanction
from moderation.models.audit import AppendOnly
from tests.factories import UserFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(space_factory):
    return space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)


@pytest.fixture
def held(space, people):
    """A member's answer held by the space's pre-moderation, with its queue item."""
    thread = ask(space, people["counsellor"], title="Counsellor asks the space")
    post = answer(thread, people["member_a"], body="Call me on 20 12 34 56 about it")
    return ModerationItem.objects.get(post=post)


def everything():
    """Counts that must never go down: moderation hides, it never deletes."""
    return (Post.objects.count(), Thread.objects.count(), PostRevision.objects.count(), AuditEntry.objects.count())


class TestFlags:
    @pytest.fixture
    def published(self, space_at, people):
        thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
        return answer(thread, people["member_b"], body="A rude answer")

    def test_a_flag_queues_the_post_with_its_reason(self, as_user, people, published):
        response = as_user(people["peer_guide"]).post(
            reverse("post_report", args=[published.pk]), {"reason": "bullying", "note": "Mean to the asker"}
        )
        assert response.status_code == 302
        item = ModerationItem.objects.get(post=published)
        assert item.rules == ["member_flag"] and not item.urgent
        assert Post.objects.get(pk=published.pk).state == ModerationState.PUBLISHED  # below the threshold

    def test_reaching_the_threshold_hides_the_post_until_reviewed(self, settings, people, published):
        settings.MODERATION_FLAG_THRESHOLD = 2
        services.flag_create(user=people["member_a"], post=published, reason="inappropriate")
        assert Post.objects.get(pk=published.pk).state == ModerationState.PUBLISHED
        services.flag_create(user=people["peer_guide"], post=published, reason="bullying")
        post = Post.objects.get(pk=published.pk)
        assert (post.state, post.hidden_reason) == (ModerationState.HIDDEN, "flagged")
        item = ModerationItem.objects.get(post=published)
        assert "flag_threshold" in item.rules
        services.item_approve(moderator=people["counsellor"], item=item)
        assert Post.objects.get(pk=published.pk).state == ModerationState.PUBLISHED

    def test_worried_about_this_person_goes_to_the_urgent_lane_without_hiding(self, people, published):
        services.flag_create(user=people["member_a"], post=published, reason="worried", note="They sound very low")
        item = ModerationItem.objects.get(post=published)
        assert item.urgent and item.rules == ["worried_flag"]
        assert Post.objects.get(pk=published.pk).state == ModerationState.PUBLISHED

    @pytest.mark.parametrize(
        ("who", "reason", "error"),
        [
            ("member_b", "spam", PermissionDenied),  # their own post
            ("member_a", "nonsense", ValidationError),
        ],
    )
    def test_bad_flags_are_refused(self, people, published, who, reason, error):
        with pytest.raises(error):
            services.flag_create(user=people[who], post=published, reason=reason)
        assert not Flag.objects.exists() and not ModerationItem.objects.exists()

    def test_flagging_twice_is_refused(self, people, published):
        services.flag_create(user=people["member_a"], post=published, reason="spam")
        with pytest.raises(ValidationError, match="already reported"):
            services.flag_create(user=people["member_a"], post=published, reason="spam")
        assert Flag.objects.count() == 1

    def test_private_messages_cannot_be_flagged(self, as_user, people, space_at):
        thread = converse(space_at(Tier.APPLICATION), people["member_a"])
        response = as_user(people["counsellor"]).post(reverse("post_report", args=[thread.posts.get().pk]), {"reason": "spam"})
        assert response.status_code == 403


class TestDecisions:
    def test_approve_publishes_and_tells_the_author(self, people, held, django_capture_on_commit_callbacks):
        from community.models import Notification

        with django_capture_on_commit_callbacks(execute=True):
            services.item_approve(moderator=people["counsellor"], item=held)
        post = Post.objects.get(pk=held.post_id)
        assert post.state == ModerationState.PUBLISHED and post.state_reason == ""
        assert ModerationItem.objects.get(pk=held.pk).status == "resolved"
        notice = Notification.objects.get(recipient=people["member_a"], kind="moderation_decision")
        assert "is published" in notice.description

    def test_reject_with_a_reason_the_author_reads(self, as_user, people, held, django_capture_on_commit_callbacks):
        from community.models import Notification

        with django_capture_on_commit_callbacks(execute=True):
            services.item_reject(moderator=people["counsellor"], item=held, reason="personal_data", note="Remove the number.")
        post = Post.objects.get(pk=held.post_id)
        assert post.state == ModerationState.REJECTED
        assert "shares personal data" in post.state_reason and "Remove the number." in post.state_reason
        own = as_user(people["member_a"]).get(reverse("my_posts")).content.decode()
        assert "Not published." in own and "Remove the number." in own and "Edit and send again" in own
        assert Notification.objects.filter(recipient=people["member_a"], kind="moderation_decision").exists()

    def test_the_author_reads_the_reason_in_their_own_language(self, people, held):
        from django.utils import translation

        from moderation.models import RejectionReason

        people["member_a"].preferred_language = "sv"
        people["member_a"].save(update_fields=["preferred_language"])
        with translation.override("en"):  # the moderator works in English
            services.item_reject(moderator=people["counsellor"], item=held, reason="harmful")
        with translation.override("sv"):
            swedish = RejectionReason.HARMFUL.explanation
        reason = Post.objects.get(pk=held.post_id).state_reason
        assert reason == swedish and "Your post could hurt" not in reason

    def test_edit_and_approve_shows_the_author_what_changed(self, as_user, people, held):
        services.item_edit_and_approve(moderator=people["counsellor"], item=held, body="Call me about it")
        post = Post.objects.get(pk=held.post_id)
        assert post.state == ModerationState.PUBLISHED and post.body == "Call me about it"
        assert post.revisions.get().body == "Call me on 20 12 34 56 about it"
        own = as_user(people["member_a"]).get(reverse("my_posts")).content.decode()
        assert "What the moderator changed" in own and "20 12 34 56" in own and "A moderator edited this post" in own

    def test_escalate_hands_the_item_to_a_colleague_and_keeps_it_open(self, people, held):
        services.item_escalate(moderator=people["counsellor"], item=held, to_user_id=people["moderator"].pk, note="Please look")
        item = ModerationItem.objects.get(pk=held.pk)
        assert item.status == "open" and item.escalated_to == people["moderator"] and item.handled_by == people["moderator"]
        with pytest.raises(ValidationError, match="is handling this item"):
            services.item_approve(moderator=people["counsellor"], item=item)
        services.item_approve(moderator=people["moderator"], item=item)

    def test_deciding_twice_is_refused_with_who_decided(self, people, held):
        services.item_approve(moderator=people["counsellor"], item=held)
        with pytest.raises(ValidationError, match=f"{people['counsellor'].display_name} already decided this item"):
            services.item_reject(moderator=people["moderator"], item=held, reason="spam")
        assert Post.objects.get(pk=held.post_id).state == ModerationState.PUBLISHED
        assert Decision.objects.count() == 1

    def test_a_colleague_handling_an_item_is_not_overridden(self, people, held):
        services.item_claim(moderator=people["moderator"], item=held)
        with pytest.raises(ValidationError, match="Sofia Lind is handling this item right now"):
            services.item_approve(moderator=people["counsellor"], item=held)
        # ...but after the handling window a colleague may pick it up.
        ModerationItem.objects.filter(pk=held.pk).update(handled_since=timezone.now() - datetime.timedelta(hours=1))
        services.item_approve(moderator=people["counsellor"], item=held)

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [({"reason": ""}, "reason"), ({"reason": "because"}, "reason")],
    )
    def test_rejecting_needs_a_known_reason(self, people, held, kwargs, field):
        with pytest.raises(ValidationError) as caught:
            services.item_reject(moderator=people["counsellor"], item=held, **kwargs)
        assert field in caught.value.message_dict
        assert ModerationItem.objects.get(pk=held.pk).status == "open"

    @pytest.mark.parametrize("role", ["member_a", "member_b", "peer_guide"])
    def test_members_cannot_decide(self, people, held, role):
        for call in (
            lambda: services.item_approve(moderator=people[role], item=held),
            lambda: services.item_reject(moderator=people[role], item=held, reason="spam"),
            lambda: services.item_edit_and_approve(moderator=people[role], item=held, body="x"),
            lambda: services.items_bulk_decide(moderator=people[role], item_ids=[held.pk], action="approve"),
        ):
            with pytest.raises(PermissionDenied):
                call()
        assert ModerationItem.objects.get(pk=held.pk).status == "open"

    @pytest.mark.parametrize("role", ["member_a", "peer_guide"])
    def test_members_never_reach_the_queue_pages(self, as_user, people, held, role):
        client = as_user(people[role])
        for url in (reverse("moderation_queue"), reverse("moderation_item", args=[held.pk]), reverse("moderation_audit")):
            assert client.get(url).status_code == 302  # to the admin log-in, like any non-staff
        assert client.post(reverse("moderation_approve", args=[held.pk])).status_code == 302
        assert ModerationItem.objects.get(pk=held.pk).status == "open"

    def test_bulk_approve_and_reject(self, people, space):
        thread = ask(space, people["counsellor"], title="Counsellor asks the space")
        items = [ModerationItem.objects.get(post=answer(thread, UserFactory(), body=f"Answer {n}")) for n in range(4)]
        result = services.items_bulk_decide(moderator=people["counsellor"], item_ids=[i.pk for i in items[:2]], action="approve")
        assert (result.decided, result.skipped, result.problems) == (2, [], [])
        services.item_approve(moderator=people["moderator"], item=items[2])
        result = services.items_bulk_decide(
            moderator=people["counsellor"], item_ids=[items[2].pk, items[3].pk, 999999], action="reject", reason="off_topic"
        )
        assert result.decided == 1 and len(result.problems) == 2
        assert Post.objects.get(pk=items[3].post_id).state == ModerationState.REJECTED

    def test_a_held_summary_revision_becomes_current_when_approved(self, people, space):
        from community import services as community_services

        thread = ask(space, people["counsellor"], title="Counsellor asks the space")
        revision = community_services.summary_revise(editor=people["peer_guide"], thread=thread, body="A peer guide's summary")
        assert revision.state == ModerationState.PENDING
        item = ModerationItem.objects.get(summary_revision=revision)
        services.item_approve(moderator=people["counsellor"], item=item)
        assert SummaryRevision.objects.get(pk=revision.pk).state == ModerationState.PUBLISHED
        assert thread.summary.current_id == revision.pk

    def test_moderation_never_deletes(self, people, space):
        thread = ask(space, people["counsellor"], title="Counsellor asks the space")
        posts = [answer(thread, UserFactory(), body=f"Answer number {n} with 20 12 34 56") for n in range(5)]
        items = [ModerationItem.objects.get(post=post) for post in posts]
        counts_before = everything()
        services.item_approve(moderator=people["counsellor"], item=items[0])
        services.item_reject(moderator=people["counsellor"], item=items[1], reason="spam")
        services.item_edit_and_approve(moderator=people["counsellor"], item=items[2], body="Edited")
        services.item_escalate(moderator=people["counsellor"], item=items[3], to_user_id=people["moderator"].pk, note="You")
        services.items_bulk_decide(moderator=people["moderator"], item_ids=[items[3].pk, items[4].pk], action="reject", reason="harmful")
        posts_now, threads_now, revisions_now, audit_now = everything()
        assert (posts_now, threads_now) == counts_before[:2]
        assert revisions_now == counts_before[2] + 1  # the edited post's original text
        assert audit_now > counts_before[3]


class TestQueuePage:
    def test_urgent_first_then_oldest(self, as_user, people, space):
        thread = ask(space, people["counsellor"], title="Counsellor asks the space")
        old = answer(thread, UserFactory(), body="The oldest held answer")
        ModerationItem.objects.filter(post=old).update(created_at=timezone.now() - datetime.timedelta(days=2))
        answer(thread, UserFactory(), body="A newer held answer")
        answer(thread, UserFactory(), body="I want to die")
        page = as_user(people["counsellor"]).get(reverse("moderation_queue")).content.decode()
        assert page.index("I want to die") < page.index("The oldest held answer") < page.index("A newer held answer")
        assert "Urgent" in page and "In the queue for 2" in page

    def test_filters(self, as_user, people, space, space_factory):
        other = space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True, title="Other space")
        answer(ask(space, people["counsellor"], title="Counsellor asks here"), UserFactory(), body="Here, 20 12 34 56")
        answer(ask(other, people["counsellor"], title="Counsellor asks there"), UserFactory(), body="There")
        client = as_user(people["counsellor"])
        by_space = client.get(reverse("moderation_queue"), {"space": other.pk}).content.decode()
        assert "There" in by_space and "20 12 34 56" not in by_space
        by_rule = client.get(reverse("moderation_queue"), {"rule": "personal_data"}).content.decode()
        assert "20 12 34 56" in by_rule and "<p>There</p>" not in by_rule

    def test_working_through_items_stays_on_the_queue_page(self, as_user, people, held):
        client = as_user(people["counsellor"])
        queue_url = reverse("moderation_queue") + "?lane=normal"
        response = client.post(reverse("moderation_reject", args=[held.pk]), {"reason": "personal_data", "next": queue_url})
        assert response.status_code == 302 and response["Location"] == queue_url

    def test_a_refused_decision_shows_the_reason_on_the_queue_page(self, as_user, people, held):
        services.item_approve(moderator=people["moderator"], item=held)
        response = as_user(people["counsellor"]).post(reverse("moderation_approve", args=[held.pk]))
        assert response.status_code == 400
        assert "Sofia Lind already decided this item" in response.content.decode()

    def test_query_count_is_the_same_for_a_short_and_a_long_queue(self, as_user, people, space, count_queries):
        thread = ask(space, people["counsellor"], title="Counsellor asks the space")

        def grow(n):
            for index in range(n):
                answer(thread, UserFactory(), body="I want to die" if index % 3 == 0 else "Call 20 12 34 56")

        grow(3)
        client = as_user(people["counsellor"])
        url = reverse("moderation_queue")
        client.get(url)
        small = count_queries(lambda url=url: client.get(url))
        grow(12)
        assert count_queries(lambda url=url: client.get(url)) == small

    @pytest.mark.parametrize("url", ["/api/v1/moderation/queue/", "moderation_queue"])
    def test_a_queue_page_is_read_in_its_written_join_order_and_the_setting_is_undone(self, as_user, people, held, url):
        """PostgreSQL planned the page's 14 joins afresh on every request (20 ms at a million posts)."""
        statements = []

        def record(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        client = as_user(people["counsellor"])
        with connection.execute_wrapper(record):
            response = client.get(url if url.startswith("/") else reverse(url))
        assert response.status_code == 200
        assert "Call me on" in response.content.decode()
        settings_made = [sql for sql in statements if "join_collapse_limit" in sql]
        if connection.vendor == "postgresql":
            assert settings_made == ["SET LOCAL join_collapse_limit = 1", "SET LOCAL join_collapse_limit TO DEFAULT"]
            page_read = next(n for n, sql in enumerate(statements) if "moderation_moderationitem" in sql and "LIMIT" in sql)
            assert statements.index(settings_made[0]) < page_read < statements.index(settings_made[1])
            with connection.cursor() as cursor:
                cursor.execute("SHOW join_collapse_limit")
                assert cursor.fetchone()[0] == "8"
        else:
            assert settings_made == []

    def test_every_item_offers_every_colleague_but_oneself_to_escalate_to(self, as_user, people, space):
        """The colleague list is rendered once per page, and every item still shows all of it."""
        UserFactory(display_name="Bo & <Co>", roles=[Role.COUNSELLOR])
        UserFactory(display_name="Left Already", roles=[Role.COUNSELLOR], is_active=False)
        thread = ask(space, people["counsellor"], title="Counsellor asks the space")
        items = [answer(thread, people["member_a"], body=f"Call me on 20 12 34 5{n}") for n in range(2)]
        page = as_user(people["counsellor"]).get(reverse("moderation_queue")).content.decode()
        selects = re.findall(r'<select name="to_user" id="escalate-to-(\d+)">(.*?)</select>', page, re.S)
        assert {int(pk) for pk, _options in selects} == {ModerationItem.objects.get(post=post).pk for post in items}
        for _pk, options in selects:
            names = re.findall(r'<option value="\d+">([^<]*)</option>', options)
            assert names == ["Bo &amp; &lt;Co&gt;", "Sofia Lind"]  # by name; not oneself, not a former colleague

    def test_item_page_shows_context_history_and_rules(self, as_user, people, held):
        page = as_user(people["counsellor"]).get(reverse("moderation_item", args=[held.pk])).content.decode()
        assert "Counsellor asks the space" in page  # the thread
        assert "recent posts" in page  # the author's history
        assert "Personal data" in page and "a phone number" in page  # the rule that fired, and what it found


class TestSanctions:
    def test_silence_refuses_public_writes_with_the_end_and_reason(self, as_user, people, space_at):
        space = space_at(Tier.INTEGRATION)
        thread = ask(space, people["counsellor"], title="Counsellor asks the space")
        services.sanction_impose(moderator=people["moderator"], member=people["member_a"], kind="silence", reason="Repeated insults", days=7)
        client = as_user(people["member_a"])
        response = client.post(reverse("thread_answer", args=[thread.pk]), {"body": "Hello?"})
        assert response.status_code == 403
        content = response.content.decode()
        assert "You can&#x27;t post until" in content and "Repeated insults" in content
        assert not Post.objects.filter(author=people["member_a"]).exists()
        # Safeguarding is never cut off: a silenced member can still write to the counsellors.
        response = client.post(reverse("conversation_new", args=[space.pk]), {"body": "Can we talk?"})
        assert response.status_code == 302
        # And they see the sanction and its end.
        assert "Repeated insults" in client.get(reverse("my_posts")).content.decode()
        assert "You can&#x27;t post until" in client.get("/").content.decode()

    def test_suspension_ends_the_session_and_refuses_log_in(self, client, as_user, people):
        services.sanction_impose(moderator=people["moderator"], member=people["member_a"], kind="suspension", reason="Threats", days=30)
        as_user(people["member_a"])
        response = client.get("/", follow=True)
        assert "Your account is suspended until" in response.content.decode()
        assert "_auth_user_id" not in client.session
        from tests.factories import TEST_PASSWORD

        response = client.post(reverse("account_login"), {"username": people["member_a"].username, "password": TEST_PASSWORD})
        assert response.status_code == 200
        assert "Your account is suspended until" in response.content.decode() and "Threats" in response.content.decode()

    def test_a_warning_restricts_nothing(self, people, space_at):
        services.sanction_impose(moderator=people["moderator"], member=people["member_a"], kind="warning", reason="Be kind")
        assert answer(ask(space_at(Tier.INTEGRATION), people["member_b"]), people["member_a"]).state == "published"

    def test_a_silence_ends_by_itself_and_can_be_revoked(self, people, space_at):
        sanction = services.sanction_impose(moderator=people["moderator"], member=people["member_a"], kind="silence", reason="x", days=1)
        thread = ask(space_at(Tier.INTEGRATION), people["member_b"])
        Sanction.objects.filter(pk=sanction.pk).update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
        people["member_a"].__dict__.pop("_restriction_cache", None)
        answer(thread, people["member_a"])
        second = services.sanction_impose(moderator=people["moderator"], member=people["member_a"], kind="silence", reason="y", days=3)
        services.sanction_revoke(moderator=people["moderator"], sanction=second)
        with pytest.raises(ValidationError, match="no longer active"):
            services.sanction_revoke(moderator=people["moderator"], sanction=second)

    @pytest.mark.parametrize(
        ("kwargs", "field"),
        [
            ({"kind": "silence", "reason": "x", "days": None}, "days"),
            ({"kind": "silence", "reason": "x", "days": 0}, "days"),
            ({"kind": "silence", "reason": "x", "days": 9999}, "days"),
            ({"kind": "ban", "reason": "x"}, "kind"),
            ({"kind": "warning", "reason": ""}, "reason"),
        ],
    )
    def test_bad_sanctions_are_refused(self, people, kwargs, field):
        with pytest.raises(ValidationError) as caught:
            services.sanction_impose(moderator=people["moderator"], member=people["member_a"], **kwargs)
        assert field in caught.value.message_dict
        assert not Sanction.objects.exists()

    def test_only_moderators_sanction_and_never_staff(self, as_user, people):
        with pytest.raises(PermissionDenied):
            services.sanction_impose(moderator=people["counsellor"], member=people["member_a"], kind="warning", reason="x")
        with pytest.raises(ValidationError):
            services.sanction_impose(moderator=people["moderator"], member=people["counsellor"], kind="warning", reason="x")
        assert as_user(people["counsellor"]).get(reverse("moderation_sanctions")).status_code == 403
        assert not Sanction.objects.exists()

    def test_the_sanctions_page(self, as_user, people):
        client = as_user(people["moderator"])
        response = client.post(
            reverse("moderation_sanctions"),
            {"member": people["member_a"].username, "kind": "silence", "days": "3", "reason": "Spamming the wall"},
        )
        assert response.status_code == 302
        assert "Spamming the wall" in client.get(reverse("moderation_sanctions")).content.decode()


class TestAuditLog:
    def test_it_is_append_only(self, people, held):
        entry = AuditEntry.objects.first()
        entry.data = {"changed": True}
        with pytest.raises(AppendOnly):
            entry.save()
        with pytest.raises(AppendOnly):
            entry.delete()
        with pytest.raises(AppendOnly):
            AuditEntry.objects.all().delete()
        with pytest.raises(AppendOnly):
            AuditEntry.objects.update(data={})

    def test_verdicts_decisions_and_sanctions_are_logged_and_filterable(self, as_user, people, held):
        services.item_reject(moderator=people["counsellor"], item=held, reason="personal_data")
        services.sanction_impose(moderator=people["moderator"], member=people["member_a"], kind="warning", reason="Careful")
        actions = list(AuditEntry.objects.filter(member=people["member_a"]).values_list("action", flat=True))
        assert set(actions) >= {"screened", "rejected", "sanctioned"}
        page = as_user(people["counsellor"]).get(reverse("moderation_audit"), {"member": people["member_a"].pk}).content.decode()
        assert "Rejected" in page and "Sanction imposed" in page
        by_post = as_user(people["counsellor"]).get(reverse("moderation_audit"), {"post": held.post_id}).content.decode()
        assert "Sanction imposed" not in by_post and "Rejected" in by_post

    def test_audit_and_sanction_pages_cost_the_same_at_any_size(self, as_user, people, count_queries):
        client = as_user(people["moderator"])

        def grow(n):
            for _ in range(n):
                member = UserFactory()
                services.sanction_impose(moderator=people["moderator"], member=member, kind="warning", reason="x")

        grow(2)
        for url in (reverse("moderation_audit"), reverse("moderation_sanctions")):
            client.get(url)
            small = count_queries(lambda url=url: client.get(url))
            grow(6)
            assert count_queries(lambda url=url: client.get(url)) == small


def test_the_queue_filters_by_report_reason(as_user, people, space_at):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    bullying = answer(thread, people["member_b"], body="A bullying answer")
    spam = answer(thread, people["peer_guide"], body="A spammy answer")
    services.flag_create(user=people["member_a"], post=bullying, reason="bullying")
    services.flag_create(user=people["member_a"], post=spam, reason="spam")
    page = as_user(people["counsellor"]).get(reverse("moderation_queue"), {"reason": "bullying"}).content.decode()
    assert "A bullying answer" in page and "A spammy answer" not in page


def test_moderators_manage_watched_words_and_counsellors_do_not(as_user, people):
    url = reverse("wagtailsnippets_moderation_watchedword:add")
    client = as_user(people["moderator"])
    response = client.post(url, {"pattern": "bully*", "action": "require_approval", "language": "", "replacement": "", "is_active": "on"})
    assert response.status_code == 302
    from moderation.models import WatchedWord

    assert WatchedWord.objects.filter(pattern="bully*").exists()
    assert as_user(people["counsellor"]).get(url).status_code == 302  # turned away to the dashboard
    assert WatchedWord.objects.count() == 1
