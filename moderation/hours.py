"""Staffed hours as a pure function: open now? until when? when next open?

No models here: the caller passes a ``Schedule`` (built from the Wagtail
setting by ``moderation.selectors.staffed_schedule``) and the time, so every
rule is tested with plain values and a fixed clock.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import gettext as _

# Look this far ahead for the next opening: long enough for a summer closure.
HORIZON_DAYS = 70


@dataclass(frozen=True)
class Slot:
    weekday: int  # Monday is 0
    opens: time
    closes: time  # earlier than ``opens``: open past midnight


@dataclass(frozen=True)
class Closure:
    first_day: date
    last_day: date | None = None

    def covers(self, day: date) -> bool:
        return self.first_day <= day <= (self.last_day or self.first_day)


@dataclass(frozen=True)
class Schedule:
    time_zone: str = "Europe/Copenhagen"
    slots: tuple[Slot, ...] = ()
    closures: tuple[Closure, ...] = field(default_factory=tuple)

    @property
    def configured(self) -> bool:
        return bool(self.slots)


@dataclass(frozen=True)
class HoursStatus:
    """``until`` and ``next_open`` are in the schedule's time zone."""

    configured: bool
    open: bool
    until: datetime | None = None
    next_open: datetime | None = None


def _openings(schedule: Schedule, start_day: date, days: int):
    zone = ZoneInfo(schedule.time_zone)
    for offset in range(days):
        day = start_day + timedelta(days=offset)
        if any(closure.covers(day) for closure in schedule.closures):
            continue
        for slot in schedule.slots:
            if slot.weekday != day.weekday():
                continue
            opens = datetime.combine(day, slot.opens, tzinfo=zone)
            closes_day = day + timedelta(days=1) if slot.closes <= slot.opens else day
            yield opens, datetime.combine(closes_day, slot.closes, tzinfo=zone)


def _merged(openings):
    """Back-to-back or overlapping openings read as one ("here until 20:00", not "until 16:00")."""
    merged: list[list[datetime]] = []
    for opens, closes in sorted(openings):
        if merged and opens <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], closes)
        else:
            merged.append([opens, closes])
    return merged


def status_at(schedule: Schedule, now: datetime) -> HoursStatus:
    """Is the team staffed at ``now`` (an aware datetime), until when, and when does it open next?"""
    if not schedule.configured:
        return HoursStatus(configured=False, open=False)
    local = now.astimezone(ZoneInfo(schedule.time_zone))
    # From yesterday: a slot open past midnight may still be running.
    for opens, closes in _merged(_openings(schedule, local.date() - timedelta(days=1), HORIZON_DAYS)):
        if opens <= local < closes:
            return HoursStatus(configured=True, open=True, until=closes)
        if opens > local:
            return HoursStatus(configured=True, open=False, next_open=opens)
    return HoursStatus(configured=True, open=False)


def staffed_since(schedule: Schedule, since: datetime, now: datetime) -> timedelta:
    """How long the team has been staffed between ``since`` and ``now``: an urgent item's waiting time in staffed hours."""
    if not schedule.configured:
        return max(now - since, timedelta(0))
    zone = ZoneInfo(schedule.time_zone)
    start, end = since.astimezone(zone), now.astimezone(zone)
    total = timedelta(0)
    days = (end.date() - start.date()).days + 2
    for opens, closes in _merged(_openings(schedule, start.date() - timedelta(days=1), days)):
        overlap = min(closes, end) - max(opens, start)
        if overlap > timedelta(0):
            total += overlap
    return total


def _clock(moment: datetime) -> str:
    return formats.time_format(moment, "G:i")


def describe(status: HoursStatus, now: datetime) -> str:
    """What a member reads: "Counsellors are here until 16:00." / "Counsellors are back Monday at 9:00."."""
    if not status.configured:
        return ""
    if status.open:
        return _("Counsellors are here until %(time)s.") % {"time": _clock(status.until)}
    if status.next_open is None:
        return _("Counsellors are away for now.")
    opens = status.next_open
    today = now.astimezone(opens.tzinfo).date()
    if opens.date() == today:
        return _("Counsellors are back today at %(time)s.") % {"time": _clock(opens)}
    if opens.date() == today + timedelta(days=1):
        return _("Counsellors are back tomorrow at %(time)s.") % {"time": _clock(opens)}
    if opens.date() < today + timedelta(days=7):
        return _("Counsellors are back %(day)s at %(time)s.") % {"day": formats.date_format(opens, "l"), "time": _clock(opens)}
    return _("Counsellors are back on %(date)s at %(time)s.") % {
        "date": formats.date_format(opens, "DATE_FORMAT"),
        "time": _clock(opens),
    }
