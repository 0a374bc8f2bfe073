"""English as read on a Nordic site: day before month, a 24-hour clock, no US "12/02/2026".

Django's own "en" formats are American (month first, "6:29 a.m."); these override only the
date and time formats and leave everything else (number formats, input formats) to Django.
"""

DATE_FORMAT = "j F Y"  # 2 December 2026
TIME_FORMAT = "H:i"  # 16:29
DATETIME_FORMAT = "j F Y, H:i"  # 2 December 2026, 16:29
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"  # 2 Dec 2026: never ambiguous, unlike 12/02/2026
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
