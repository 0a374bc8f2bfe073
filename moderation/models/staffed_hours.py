"""When the counsellor team is staffed (the Finnish Navigator model), and who is on duty now."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Give a time zone such as Europe/Copenhagen or Europe/Helsinki."), code="invalid")


@register_setting(icon="time")
class StaffedHours(ClusterableModel, BaseSiteSetting):
    """When counsellors answer: weekly opening hours, holiday closures and the time zone they are in.

    With no weekly hours at all, the service says nothing about hours and
    urgent items are re-alerted at any time.
    """

    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Copenhagen",
        validators=[validate_time_zone],
        help_text=_("The hours below are in this time zone, e.g. Europe/Copenhagen or Europe/Helsinki."),
    )

    panels = [
        FieldPanel("time_zone"),
        InlinePanel("slots", label=_("Weekly opening hours")),
        InlinePanel("closures", label=_("Holiday closures")),
    ]

    class Meta:
        verbose_name = _("counsellors' staffed hours")


class StaffedSlot(Orderable):
    """One opening on a weekday, e.g. Monday 9:00–16:00."""

    hours = ParentalKey(StaffedHours, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=_("Earlier than the opening time: open past midnight."))

    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]

    def clean(self):
        if self.opens is not None and self.opens == self.closes:
            raise ValidationError({"closes": _("Closing time must differ from the opening time.")})


class StaffedClosure(Orderable):
    """Days the team is closed whatever the weekly hours say (public holidays, the summer break)."""

    hours = ParentalKey(StaffedHours, on_delete=models.CASCADE, related_name="closures")
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"), null=True, blank=True, help_text=_("Empty: one day."))
    label = models.CharField(_("what for"), max_length=100, blank=True)

    panels = [FieldPanel("first_day"), FieldPanel("last_day"), FieldPanel("label")]

    def clean(self):
        if self.last_day and self.first_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day cannot be before the first day.")})


class CounsellorDuty(models.Model):
    """Whether a counsellor is on duty now: who is re-alerted first about an urgent item."""

    counsellor = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="duty")
    on_duty = models.BooleanField(_("on duty"), default=False, db_index=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("counsellor on duty")
        verbose_name_plural = _("counsellors on duty")

    def __str__(self) -> str:
        return f"Duty of counsellor {self.counsellor_id}: {'on' if self.on_duty else 'off'}"
