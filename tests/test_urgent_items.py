"""Urgent items: an outcome before they close, bulk safety, re-alerts, the waiting timer and "needs you now"."""

import datetime
from datetime import UTC, time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site

from community.models import Conversation, ModerationState, Notification, Post
from community.roles import Role
from community.tiers import Tier
from moderation import services
from moderation.models import (
    AuditEntry,
    CounsellorDuty,
    Decision,
    ModerationItem,
    StaffedClosure,
    StaffedHours,
    StaffedSlot,
)
from tests.api.conftest import error
from tests.factories import UserFactory
from tests.helpers import SATURDAY_10, answer, ask, converse

pytestmark = pytest.mark.django_db

def staff_hours(time_zone="Europe/Copenhagen", weekdays=range(5), opens=time(9), closes=time(16), closed_days=()):
    setting = StaffedHours.for_site(Site.objects.get(is_default_site=True))
    setting.time_zone = time_zone
    setting.save()
    for weekday in weekdays:
        StaffedSlot.objects.create(hours=setting, weekday=weekday, opens=opens, closes=closes)
    for day in closed_days:
        StaffedClosure.objects.create(hours=setting, first_day=day, label="Holiday")
    return setting


@pytest.fixture
def space(space_factory):
    return space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)


@pytest.fixture
def crisis(space, people):
    """A member's wall answer with a crisis signal: held, and an urgent item."""
    thread = ask(space, people["counsellor"], title="Counsellor asks the space")
    post = answer(thread, people["member_a"], body="I want to kill myself")
    return ModerationItem.objects.get(post=post)


@pytest.fixture
def routine(space, people):
    thread = ask(space, people["counsellor"], title="A routine question")
    return ModerationItem.objects.get(post=answer(thread, UserFactory(), body="A routine answer, held by the space"))


@pytest.fixture
def personal(space, people):
    thread = ask(space, people["counsellor"], title="Where to call")
    return ModerationItem.objects.get(post=answer(thread, UserFactory(), body="My CPR is 070761-4285, call 20 12 34 56"))


# ---------------------------------------------------------------- an outcome before an urgent item closes


class TestUrgentOutcome:
    @pytest.mark.parametrize("decide", ["approve", "reject", "edit"])
    def test_closing_an_urgent_item_without_an_outcome_is_refused_and_changes_nothing(self, people, crisis, decide):
        calls = {
            "approve": lambda **kw: services.item_approve(item=crisis, **kw),
            "reject": lambda **kw: services.item_reject(item=crisis, reason="safety", **kw),
            "edit": lambda **kw: services.item_edit_and_approve(item=crisis, body="I feel low", **kw),
        }
        audit_before = AuditEntry.objects.count()
        with pytest.raises(ValidationError) as refused:
            calls[decide](moderator=people["counsellor"])
        assert "record the outcome" in refused.value.message_dict["outcome"][0]
        item = ModerationItem.objects.get(pk=crisis.pk)
        assert (item.status, item.outcome) == ("open", "")
        assert Post.objects.get(pk=crisis.post_id).state == ModerationState.PENDING
        assert not Decision.objects.filter(item=crisis).exists() and AuditEntry.objects.count() == audit_before

    def test_referred_needs_to_whom(self, people, crisis):
        with pytest.raises(ValidationError) as refused:
            services.item_reject(moderator=people["counsellor"], item=crisis, reason="safety", outcome="referred")
        assert "referred_to" in refused.value.message_dict
        assert ModerationItem.objects.get(pk=crisis.pk).status == "open"

    def test_the_outcome_is_stored_and_in_the_audit_log(self, people, crisis):
        services.item_reject(
            moderator=people["counsellor"], item=crisis, reason="safety", outcome="referred", referred_to="School nurse Eva"
        )
        item = ModerationItem.objects.get(pk=crisis.pk)
        assert (item.status, item.outcome, item.outcome_referred_to) == ("resolved", "referred", "School nurse Eva")
        entry = AuditEntry.objects.get(item=crisis, action="urgent_outcome")
        assert entry.actor == people["counsellor"] and entry.member == people["member_a"]
        assert entry.data == {"outcome": "referred", "referred_to": "School nurse Eva"}

    def test_routine_items_need_no_outcome(self, people, routine):
        services.item_approve(moderator=people["counsellor"], item=routine)
        assert ModerationItem.objects.get(pk=routine.pk).outcome == ""

    def test_web_refuses_without_and_records_with_an_outcome(self, as_user, people, crisis):
        client = as_user(people["counsellor"])
        refused = client.post(reverse("moderation_approve", args=[crisis.pk]), {"note": ""})
        assert refused.status_code == 400
        assert "This item is urgent. Before closing it, record the outcome" in refused.content.decode()
        assert ModerationItem.objects.get(pk=crisis.pk).status == "open"
        done = client.post(reverse("moderation_reject", args=[crisis.pk]), {"reason": "safety", "outcome": "reached_out"})
        assert done.status_code == 302
        assert ModerationItem.objects.get(pk=crisis.pk).outcome == "reached_out"
        log = client.get(reverse("moderation_audit"), {"post": crisis.post_id}).content.decode()
        assert "Outcome of an urgent item" in log
        assert f"{people['counsellor'].display_name} closed an urgent item: Reached out to the member." in log

    def test_the_queue_offers_the_outcome_and_writing_privately_before_the_decision(self, as_user, people, crisis, routine):
        page = as_user(people["counsellor"]).get(reverse("moderation_queue")).content.decode()
        urgent_part = page[page.index(f'id="item-{crisis.pk}"') : page.index(f'id="item-{routine.pk}"')]
        reach_out = urgent_part.index(f'href="/counsellor/reach-out/?post={crisis.post_id}"')
        outcome = urgent_part.index('name="outcome" value="no_risk"')
        assert reach_out < outcome < urgent_part.index(">Approve<") and outcome < urgent_part.index(">Reject<")
        assert "Write privately to this member" in urgent_part
        routine_part = page[page.index(f'id="item-{routine.pk}"') :]
        assert 'name="outcome"' not in routine_part.split("</li>")[0]  # routine items decide in one click

    def test_the_item_page_shows_the_outcome_form_and_timer(self, as_user, people, crisis):
        ModerationItem.objects.filter(pk=crisis.pk).update(created_at=crisis.created_at - datetime.timedelta(minutes=23))
        page = as_user(people["counsellor"]).get(reverse("moderation_item", args=[crisis.pk])).content.decode()
        assert "waiting 23 min" in page and "What was done for the member?" in page

    def test_api_refuses_without_and_records_with_an_outcome(self, people, crisis, api):
        client = api(people["counsellor"])
        url = reverse("api_queue_decision", args=[crisis.pk])
        refused = client.post(url, {"action": "approve"}, format="json")
        assert refused.status_code == 400
        assert "record the outcome" in error(refused)["fields"]["outcome"][0]
        bad = client.post(url, {"action": "approve", "outcome": "nothing"}, format="json")
        assert bad.status_code == 400 and "outcome" in error(bad)["fields"]
        done = client.post(url, {"action": "reject", "reason": "safety", "outcome": "already_in_contact"}, format="json")
        assert done.status_code == 201
        item = client.get(reverse("api_queue_item", args=[crisis.pk])).json()
        assert item["outcome"] == "already_in_contact" and item["status"] == "resolved"
        assert AuditEntry.objects.filter(item=crisis, action="urgent_outcome", data__outcome="already_in_contact").exists()

    def test_timer_shows_in_the_queue(self, as_user, people, crisis):
        ModerationItem.objects.filter(pk=crisis.pk).update(created_at=crisis.created_at - datetime.timedelta(minutes=75))
        page = as_user(people["counsellor"]).get(reverse("moderation_queue")).content.decode()
        assert "waiting 1 h 15 min" in page


# ---------------------------------------------------------------- bulk decisions are safe


class TestBulk:
    def test_bulk_approve_skips_urgent_and_personal_data_items(self, people, crisis, routine, personal):
        result = services.items_bulk_decide(
            moderator=people["counsellor"], item_ids=[crisis.pk, routine.pk, personal.pk], action="approve"
        )
        assert result.decided == 1
        assert {(s["id"], s["why"]) for s in result.skipped} == {(crisis.pk, "urgent"), (personal.pk, "personal_data")}
        assert Post.objects.get(pk=personal.post_id).state == ModerationState.PENDING  # the CPR number stays unpublished
        assert Post.objects.get(pk=crisis.post_id).state == ModerationState.PENDING
        assert Post.objects.get(pk=routine.post_id).state == ModerationState.PUBLISHED

    def test_confirmed_items_are_decided_and_urgent_ones_need_an_outcome(self, people, crisis, personal):
        result = services.items_bulk_decide(
            moderator=people["counsellor"], item_ids=[crisis.pk, personal.pk], action="reject", reason="safety",
            confirmed_ids=[crisis.pk, personal.pk],
        )
        assert result.decided == 1 and result.skipped == []
        assert result.problems == [f"#{crisis.pk}: " + result.problems[0].split(": ", 1)[1]] and "outcome" in result.problems[0]
        assert ModerationItem.objects.get(pk=crisis.pk).status == "open"
        result = services.items_bulk_decide(
            moderator=people["counsellor"], item_ids=[crisis.pk], action="reject", reason="safety",
            confirmed_ids=[crisis.pk], outcome="no_risk",
        )
        assert result.decided == 1 and ModerationItem.objects.get(pk=crisis.pk).outcome == "no_risk"

    def test_web_bulk_says_which_were_skipped_and_why(self, as_user, people, crisis, routine, personal):
        client = as_user(people["counsellor"])
        queue = client.get(reverse("moderation_queue")).content.decode()
        assert f'name="confirm" value="{crisis.pk}"' in queue and f'name="confirm" value="{personal.pk}"' in queue
        assert f'name="confirm" value="{routine.pk}"' not in queue
        response = client.post(
            reverse("moderation_bulk"), {"items": [crisis.pk, routine.pk, personal.pk], "action": "approve"}, follow=True
        )
        page = response.content.decode()
        assert "1 item decided." in page
        assert f"#{crisis.pk} was skipped: it is urgent" in page and f"#{personal.pk} was skipped: it holds personal data" in page
        response = client.post(
            reverse("moderation_bulk"),
            {"items": [personal.pk], "confirm": [personal.pk], "action": "reject", "reason": "personal_data"},
            follow=True,
        )
        assert "1 item decided." in response.content.decode()
        assert Post.objects.get(pk=personal.post_id).state == ModerationState.REJECTED

    def test_api_bulk_skips_unless_confirmed(self, people, crisis, routine, personal, api):
        client = api(people["counsellor"])
        body = client.post(
            reverse("api_queue_bulk"), {"items": [crisis.pk, routine.pk, personal.pk], "action": "approve"}, format="json"
        ).json()
        assert body["decided"] == 1 and {s["why"] for s in body["skipped"]} == {"urgent", "personal_data"}
        body = client.post(
            reverse("api_queue_bulk"),
            {"items": [crisis.pk], "confirm": [crisis.pk], "action": "approve", "outcome": "reached_out"},
            format="json",
        ).json()
        assert body == {"decided": 1, "skipped": [], "problems": []}

    @pytest.mark.parametrize("bad", [["abc"], ["3", "x"], ["-1"]])
    def test_non_numeric_ids_are_a_clear_400(self, as_user, people, routine, bad, api):
        response = as_user(people["counsellor"]).post(reverse("moderation_bulk"), {"items": bad, "action": "approve"})
        assert response.status_code == 400
        assert "Item ids are whole numbers" in response.content.decode()
        response = api(people["counsellor"]).post(reverse("api_queue_bulk"), {"items": bad, "action": "approve"}, format="json")
        assert response.status_code == 400 and "items" in error(response)["fields"]
        with pytest.raises(ValidationError) as refused:
            services.items_bulk_decide(moderator=people["counsellor"], item_ids=[routine.pk, *bad], action="approve")
        assert "items" in refused.value.message_dict
        assert ModerationItem.objects.get(pk=routine.pk).status == "open"

    def test_bad_confirm_ids_are_refused_too(self, as_user, people, routine):
        response = as_user(people["counsellor"]).post(
            reverse("moderation_bulk"), {"items": [routine.pk], "confirm": ["seven"], "action": "approve"}
        )
        assert response.status_code == 400 and "seven" in response.content.decode()


# ---------------------------------------------------------------- re-alerts, with a frozen clock


def realerts(kind_of_people=None):
    rows = Notification.objects.filter(event_key__startswith="urgent-realert:")
    return sorted((n.event_key.rsplit(":", 1)[1], n.recipient_id) for n in rows)


class TestRealerts:
    @pytest.fixture
    def team(self, people):
        on_duty = UserFactory(display_name="On Duty", roles=[Role.COUNSELLOR])
        CounsellorDuty.objects.create(counsellor=on_duty, on_duty=True)
        CounsellorDuty.objects.create(counsellor=people["counsellor"], on_duty=False)
        return {"on_duty": on_duty, **people}

    def run(self, capture):
        with capture(execute=True):
            return services.urgent_items_realert()

    def test_on_duty_counsellors_first_then_moderators_each_once(
        self, clock, settings, team, space, django_capture_on_commit_callbacks
    ):
        settings.MODERATION_URGENT_REALERT_MINUTES, settings.MODERATION_URGENT_MODERATORS_MINUTES = 15, 30
        staff_hours()
        with django_capture_on_commit_callbacks(execute=True):
            post = answer(ask(space, team["counsellor"], title="Anyone?"), team["member_a"], body="I want to die")
        item = ModerationItem.objects.get(post=post)
        assert not item.out_of_hours
        clock.advance(minutes=14)
        assert self.run(django_capture_on_commit_callbacks) == [] and realerts() == []
        clock.advance(minutes=2)
        assert self.run(django_capture_on_commit_callbacks) == [(item.pk, "counsellors")]
        assert realerts() == [("counsellors", team["on_duty"].pk)]  # not the counsellor off duty, not yet moderators
        clock.advance(minutes=5)
        assert self.run(django_capture_on_commit_callbacks) == []
        clock.advance(minutes=10)
        assert self.run(django_capture_on_commit_callbacks) == [(item.pk, "moderators")]
        assert realerts() == sorted([("counsellors", team["on_duty"].pk), ("moderators", team["moderator"].pk)])
        clock.advance(hours=1)
        assert self.run(django_capture_on_commit_callbacks) == []
        assert len(realerts()) == 2
        notice = Notification.objects.get(event_key=f"urgent-realert:{item.pk}:counsellors")
        assert "Still waiting" in notice.description and notice.url == reverse("moderation_item", args=[item.pk])
        assert AuditEntry.objects.filter(item=item, action="realerted").count() == 2

    def test_a_closed_item_is_not_realerted(self, clock, team, crisis, django_capture_on_commit_callbacks):
        services.item_reject(moderator=team["counsellor"], item=crisis, reason="safety", outcome="no_risk")
        clock.advance(hours=2)
        assert self.run(django_capture_on_commit_callbacks) == [] and realerts() == []

    def test_the_clock_runs_in_staffed_hours_only(self, clock, settings, team, space, django_capture_on_commit_callbacks):
        settings.MODERATION_URGENT_REALERT_MINUTES = 15
        staff_hours()
        clock.now = SATURDAY_10
        post = answer(ask(space, team["counsellor"], title="Weekend"), team["member_a"], body="I want to die")
        item = ModerationItem.objects.get(post=post)
        assert item.out_of_hours
        clock.advance(hours=5)  # still Saturday: nobody is staffed
        assert self.run(django_capture_on_commit_callbacks) == []
        clock.now = datetime.datetime(2026, 12, 14, 8, 10, tzinfo=UTC)  # Monday 9:10 Copenhagen: 10 staffed minutes
        assert self.run(django_capture_on_commit_callbacks) == []
        clock.advance(minutes=6)
        assert self.run(django_capture_on_commit_callbacks) == [(item.pk, "counsellors")]

    def test_with_nobody_on_duty_every_counsellor_hears(self, clock, people, crisis, django_capture_on_commit_callbacks):
        clock.advance(minutes=16)
        self.run(django_capture_on_commit_callbacks)
        assert {person for level, person in realerts()} == {people["counsellor"].pk, people["moderator"].pk}

    def test_the_beat_task_is_scheduled_and_runs(self, settings, clock, crisis, django_capture_on_commit_callbacks):
        from moderation.tasks import realert_waiting_urgent_items

        assert settings.CELERY_BEAT_SCHEDULE["urgent-realerts"]["task"] == "moderation.tasks.realert_waiting_urgent_items"
        clock.advance(minutes=20)
        with django_capture_on_commit_callbacks(execute=True):
            realert_waiting_urgent_items.delay()
        assert ModerationItem.objects.get(pk=crisis.pk).realerted_counsellors_at == clock.now


# ---------------------------------------------------------------- duty


class TestDuty:
    def test_a_counsellor_goes_on_and_off_duty_on_the_site_and_by_api(self, as_user, people, api):
        client = as_user(people["counsellor"])
        response = client.post(reverse("counsellor_duty"), {"on_duty": "1"}, follow=True)
        assert "You are on duty" in response.content.decode()
        assert CounsellorDuty.objects.get(counsellor=people["counsellor"]).on_duty
        token = api(people["counsellor"])
        assert token.get(reverse("api_counsellor_duty")).json() == {"on_duty": True}
        assert token.post(reverse("api_counsellor_duty"), {"on_duty": False}, format="json").json() == {"on_duty": False}
        assert not CounsellorDuty.objects.get(counsellor=people["counsellor"]).on_duty
        assert AuditEntry.objects.filter(action="duty_changed", actor=people["counsellor"]).count() == 2

    def test_a_bad_value_is_a_clear_400(self, as_user, people, api):
        response = as_user(people["counsellor"]).post(reverse("counsellor_duty"), {"on_duty": "maybe"})
        assert response.status_code == 400 and "Say true (on duty) or false (off duty)." in response.content.decode()
        response = api(people["counsellor"]).post(reverse("api_counsellor_duty"), {"on_duty": "maybe"}, format="json")
        assert response.status_code == 400 and "on_duty" in response.json()["error"]["fields"]

    @pytest.mark.parametrize("role", ["member_a", "peer_guide"])
    def test_members_cannot_go_on_duty(self, as_user, people, api, role):
        response = as_user(people[role]).post(reverse("counsellor_duty"), {"on_duty": "1"})
        assert response.status_code == 403 and "Only counsellors go on and off duty." in response.content.decode()
        response = api(people[role]).post(reverse("api_counsellor_duty"), {"on_duty": True}, format="json")
        assert response.status_code == 403 and response.json()["error"]["message"] == "Only counsellors go on and off duty."
        assert not CounsellorDuty.objects.exists()


# ---------------------------------------------------------------- needs you now


def _conversation(space, member, minutes_ago, body="I am not sure what to choose after school."):
    thread = converse(space, member, body=body)
    type(thread).objects.filter(pk=thread.pk).update(
        created_at=thread.created_at - datetime.timedelta(minutes=minutes_ago)
    )
    return thread


class TestNeedsYouNow:
    @pytest.fixture
    def waiting(self, space, people):
        thread = ask(space, people["counsellor"], title="Counsellor asks the space")
        old = answer(thread, people["member_a"], body="I want to die")
        ModerationItem.objects.filter(post=old).update(
            created_at=ModerationItem.objects.get(post=old).created_at - datetime.timedelta(hours=1)
        )
        answer(thread, people["member_b"], body="I cut myself again")
        old_talk = _conversation(space, people["member_a"], 180, body="Old unclaimed question about school")
        _conversation(space, people["member_b"], 5, body="A brand new question")
        return {"old_talk": old_talk}

    def test_the_page_lists_urgent_items_and_old_unclaimed_conversations_oldest_first(self, as_user, people, waiting):
        page = as_user(people["counsellor"]).get(reverse("needs_you_now")).content.decode()
        assert "Urgent items in the queue" in page and "Conversations nobody has claimed" in page
        assert page.index("Urgent items in the queue") < page.index("Conversations nobody has claimed")
        assert reverse("conversation_detail", args=[waiting["old_talk"].pk]) in page
        assert page.count('href="/admin/moderation/queue/') >= 2
        assert 'class="now-link">Needs you now <span class="badge badge--urgent">3</span>' in page  # the site header badge

    def test_the_api_has_the_same_groups(self, people, waiting, api):
        body = api(people["counsellor"]).get(reverse("api_counsellor_now")).json()
        assert body["count"] == 3
        groups = {group["key"]: group for group in body["groups"]}
        assert list(groups) == ["urgent_items", "urgent_conversations", "followups_due", "unclaimed_conversations"]
        urgent = groups["urgent_items"]["entries"]
        assert urgent[0]["since"] < urgent[1]["since"]  # oldest first
        assert [entry["id"] for entry in groups["unclaimed_conversations"]["entries"]] == [waiting["old_talk"].pk]

    def test_a_claimed_conversation_leaves_the_list(self, people, waiting):
        Conversation.objects.filter(pk=waiting["old_talk"].pk).update(assigned_to=people["counsellor"])
        from moderation.selectors import needs_you_now_for_user

        groups = {group.key: group for group in needs_you_now_for_user(user=people["counsellor"])}
        assert groups["unclaimed_conversations"].count == 0

    def test_the_admin_dashboard_and_menu_show_it(self, as_user, people, waiting):
        page = as_user(people["counsellor"]).get(reverse("wagtailadmin_home")).content.decode()
        assert "now-panel-heading" in page and "Conversations nobody has claimed (1)" in page
        assert "Needs you now (3)" in page

    @pytest.mark.parametrize("role", ["member_a", "peer_guide"])
    def test_members_are_refused(self, as_user, people, waiting, api, role):
        response = as_user(people[role]).get(reverse("needs_you_now"))
        content = response.content.decode()
        assert response.status_code == 403 and "Only counsellors and moderators" in content
        assert "Old unclaimed question" not in content and "Counsellor asks the space" not in content
        response = api(people[role]).get(reverse("api_counsellor_now"))
        assert response.status_code == 403 and "Only counsellors and moderators" in response.json()["error"]["message"]
        assert "now-link" not in as_user(people[role]).get("/").content.decode()

    def test_query_counts_stay_the_same_at_two_sizes(self, as_user, people, space, count_queries, api):
        def grow(n):
            thread = ask(space, people["counsellor"], title=f"Thread for {n}")
            for index in range(n):
                answer(thread, UserFactory(), body="I want to die")
                _conversation(space, UserFactory(), 120 + index)

        grow(2)
        client = as_user(people["counsellor"])
        token = api(people["counsellor"])
        client.get(reverse("needs_you_now"))
        token.get(reverse("api_counsellor_now"))
        web, by_api = count_queries(lambda: client.get(reverse("needs_you_now"))), count_queries(
            lambda: token.get(reverse("api_counsellor_now"))
        )
        grow(10)
        assert count_queries(lambda: client.get(reverse("needs_you_now"))) == web
        assert count_queries(lambda: token.get(reverse("api_counsellor_now"))) == by_api
