"""Staffed hours (the Navigator model): open now, until when, when next; what members read; out-of-hours items."""

import datetime
from datetime import UTC, date, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from community.tiers import Tier
from moderation import hours
from moderation.models import ModerationItem, StaffedHours
from tests.helpers import SATURDAY_10, answer, ask, converse
from tests.test_urgent_items import staff_hours

WEEKDAYS_9_16 = tuple(hours.Slot(day, time(9), time(16)) for day in range(5))
CPH = ZoneInfo("Europe/Copenhagen")


def at(year, month, day, hour, minute=0, zone=CPH):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


def said(schedule, now):
    with translation.override("en"):
        return hours.describe(hours.status_at(schedule, now), now)


class TestTheRule:
    schedule = hours.Schedule("Europe/Copenhagen", WEEKDAYS_9_16)

    @pytest.mark.parametrize(
        ("now", "text"),
        [
            (at(2026, 12, 7, 10), "Counsellors are here until 16:00."),  # Monday morning
            (at(2026, 12, 7, 8, 30), "Counsellors are back today at 9:00."),
            (at(2026, 12, 7, 16), "Counsellors are back tomorrow at 9:00."),  # closing time is closed
            (at(2026, 12, 11, 17), "Counsellors are back Monday at 9:00."),  # Friday evening
            (at(2026, 12, 12, 11), "Counsellors are back Monday at 9:00."),  # Saturday
        ],
    )
    def test_open_until_and_back_at(self, now, text):
        assert said(self.schedule, now) == text

    def test_status_values(self):
        status = hours.status_at(self.schedule, at(2026, 12, 11, 17))
        assert (status.open, status.next_open) == (False, at(2026, 12, 14, 9))
        status = hours.status_at(self.schedule, at(2026, 12, 7, 10))
        assert (status.open, status.until) == (True, at(2026, 12, 7, 16))

    def test_a_holiday_closes_a_weekday(self):
        schedule = hours.Schedule("Europe/Copenhagen", WEEKDAYS_9_16, (hours.Closure(date(2026, 12, 24), date(2026, 12, 25)),))
        assert said(schedule, at(2026, 12, 24, 10)) == "Counsellors are back Monday at 9:00."  # Thu 24 and Fri 25 closed
        assert said(schedule, at(2026, 12, 23, 17)) == "Counsellors are back Monday at 9:00."
        assert said(schedule, at(2026, 12, 28, 10)) == "Counsellors are here until 16:00."

    def test_a_long_closure_names_the_date(self):
        schedule = hours.Schedule("Europe/Copenhagen", WEEKDAYS_9_16, (hours.Closure(date(2026, 7, 1), date(2026, 7, 31)),))
        assert said(schedule, at(2026, 7, 6, 10)) == "Counsellors are back on 3 August 2026 at 9:00."

    def test_the_time_zone_decides(self):
        """The same instant: 8:30 in Copenhagen (not yet open), 9:30 in Helsinki (open)."""
        instant = datetime.datetime(2026, 12, 7, 7, 30, tzinfo=UTC)
        copenhagen = hours.Schedule("Europe/Copenhagen", WEEKDAYS_9_16)
        helsinki = hours.Schedule("Europe/Helsinki", WEEKDAYS_9_16)
        assert said(copenhagen, instant) == "Counsellors are back today at 9:00."
        assert said(helsinki, instant) == "Counsellors are here until 16:00."
        assert hours.status_at(helsinki, instant).until == datetime.datetime(2026, 12, 7, 14, 0, tzinfo=UTC)

    def test_an_evening_shift_past_midnight_and_back_to_back_slots(self):
        schedule = hours.Schedule(
            "Europe/Copenhagen",
            (hours.Slot(4, time(20), time(2)), hours.Slot(0, time(9), time(12)), hours.Slot(0, time(12), time(16))),
        )
        assert said(schedule, at(2026, 12, 12, 1)) == "Counsellors are here until 2:00."  # Saturday 1:00
        assert said(schedule, at(2026, 12, 7, 10)) == "Counsellors are here until 16:00."

    def test_no_hours_configured_says_nothing(self):
        assert said(hours.Schedule(), at(2026, 12, 7, 10)) == ""

    def test_staffed_time_between_two_moments(self):
        schedule = hours.Schedule("Europe/Copenhagen", WEEKDAYS_9_16)
        assert hours.staffed_since(schedule, at(2026, 12, 11, 15, 50), at(2026, 12, 14, 9, 20)) == datetime.timedelta(minutes=30)
        assert hours.staffed_since(hours.Schedule(), at(2026, 12, 7, 10), at(2026, 12, 7, 11)) == datetime.timedelta(hours=1)


@pytest.mark.django_db
class TestWhatMembersSee:
    @pytest.fixture
    def space(self, space_factory):
        return space_factory(tier=Tier.TRANSFORMATION)

    def test_in_hours_on_the_ask_and_write_forms(self, clock, as_user, people, space):
        staff_hours()
        client = as_user(people["member_a"])
        for url in (reverse("wall_ask", args=[space.pk]), reverse("conversation_new", args=[space.pk])):
            assert "Counsellors are here until 16:00." in client.get(url).content.decode()

    def test_out_of_hours_on_the_forms(self, clock, as_user, people, space):
        staff_hours()
        clock.now = SATURDAY_10
        page = as_user(people["member_a"]).get(reverse("conversation_new", args=[space.pk])).content.decode()
        assert "Counsellors are back Monday at 9:00." in page

    def test_helsinki_hours_read_in_helsinki_time(self, clock, as_user, people, space):
        staff_hours(time_zone="Europe/Helsinki", opens=time(12), closes=time(18))
        page = as_user(people["member_a"]).get(reverse("wall_ask", args=[space.pk])).content.decode()
        assert "Counsellors are back today at 12:00." in page  # 10:00 in Copenhagen is 11:00 in Helsinki

    def test_a_crisis_post_out_of_hours_shows_help_lines_first_and_says_when_counsellors_are_back(
        self, clock, as_user, people, space
    ):
        staff_hours()
        clock.now = SATURDAY_10
        thread = ask(space, people["member_b"])
        response = as_user(people["member_a"]).post(
            reverse("thread_answer", args=[thread.pk]), {"body": "I want to kill myself"}, follow=True
        )
        page = response.content.decode()
        assert "there day and night" in page
        lines, back = page.index("help-resource"), page.index("The counsellors are not here right now.")
        assert lines < back and "Counsellors are back Monday at 9:00." in page
        assert "get in touch with you as soon as possible" not in page  # no promise of a quick answer at the weekend
        assert ModerationItem.objects.get(post__thread=thread, post__author=people["member_a"]).out_of_hours

    def test_a_crisis_post_in_hours_keeps_the_warm_notice_with_the_hours(self, clock, as_user, people, space):
        staff_hours()
        thread = ask(space, people["member_b"])
        response = as_user(people["member_a"]).post(
            reverse("thread_answer", args=[thread.pk]), {"body": "I want to kill myself"}, follow=True
        )
        page = response.content.decode()
        assert page.index("get in touch with you as soon as possible") < page.index("help-resource")
        assert "Counsellors are here until 16:00." in page
        assert not ModerationItem.objects.get(post__thread=thread, post__author=people["member_a"]).out_of_hours

    def test_on_a_holiday_items_are_out_of_hours(self, clock, people, space):
        staff_hours(closed_days=[date(2026, 12, 7)])
        thread = converse(space, people["member_a"], body="I don't want to live anymore")
        item = ModerationItem.objects.get(post=thread.posts.get())
        assert item.urgent and item.out_of_hours

    def test_without_hours_nothing_is_out_of_hours_or_shown(self, clock, as_user, people, space):
        post = answer(ask(space, people["member_b"]), people["member_a"], body="I want to die")
        assert not ModerationItem.objects.get(post=post).out_of_hours
        assert "counsellor-hours" not in as_user(people["member_a"]).get(reverse("wall_ask", args=[space.pk])).content.decode()

    def test_the_api_tells_anyone(self, clock, api):
        staff_hours()
        body = api().get(reverse("api_staffed_hours")).json()
        assert body["open"] is True and body["text"] == "Counsellors are here until 16:00."
        assert body["until"].startswith("2026-12-07T16:00:00+01:00")


@pytest.mark.django_db
class TestTheSetting:
    def test_moderators_edit_staffed_hours_and_counsellors_do_not(self, as_user, people):
        site = Site.objects.get(is_default_site=True)
        url = reverse("wagtailsettings:edit", args=["moderation", "staffedhours", site.pk])
        page = as_user(people["moderator"]).get(url)
        assert page.status_code == 200 and "Weekly opening hours" in page.content.decode()
        refused = as_user(people["counsellor"]).get(url, follow=True)
        assert "Weekly opening hours" not in refused.content.decode()
        assert "permission" in refused.content.decode().lower()

    def test_an_unknown_time_zone_is_refused(self, home):
        from django.core.exceptions import ValidationError

        setting = StaffedHours.for_site(Site.objects.get(is_default_site=True))
        setting.time_zone = "Mars/Olympus"
        with pytest.raises(ValidationError, match="Europe/Helsinki"):
            setting.full_clean()
