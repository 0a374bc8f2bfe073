"""Dates and times as the reader's language writes them, always in the site's time zone.

The one helper for "when" on pages, in messages and in e-mails: the format comes from the
active language's locale formats (cms/formats overrides Django's where they are US-like or
lack the "kl." Nordic readers expect), the clock is 24-hour in every interface language, and
a moment is shown in settings.TIME_ZONE whatever time zone it was stored or computed in.
"""

import datetime

from django.utils import formats, timezone

STYLES = {
    "datetime": "DATETIME_FORMAT",  # 2. december 2026 kl. 16:29
    "short": "SHORT_DATETIME_FORMAT",  # 02.12.2026 16:29
    "date": "DATE_FORMAT",  # 2. december 2026
    "short_date": "SHORT_DATE_FORMAT",  # 02.12.2026
    "time": "TIME_FORMAT",  # 16:29
}


def format_when(value, style: str = "datetime") -> str:
    """``value`` (a datetime or date) in the active language's ``style``; "" for nothing."""
    if value is None or value == "":
        return ""
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r}; use one of {sorted(STYLES)}")
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value, timezone.get_default_timezone())
    if style == "time":
        return formats.time_format(value, STYLES[style])
    return formats.date_format(value, STYLES[style])
