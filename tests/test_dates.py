"""Dates and times read the way the reader's language writes them, on the site's clock.

A Dane reads "12/02/2036" as 12 February, and "6:29 a.m.." (UTC, with a doubled full stop) is
neither Nordic nor local; every language shows a 24-hour clock in settings.TIME_ZONE.
"""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from cms.dates import format_when
from moderation.models import Sanction
from moderation.policy import restriction_message

pytestmark = pytest.mark.django_db

# 15:29 UTC on 2 December 2036 is 16:29 in Copenhagen (the test settings' TIME_ZONE); in the future, so a
# sanction ending then is still in force.
MOMENT = datetime.datetime(2036, 12, 2, 15, 29, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "2. december 2036 kl. 16:29"),
        ("nb", "2. desember 2036 kl. 16:29"),
        ("sv", "2 december 2036 kl. 16:29"),
        ("fi", "2. joulukuuta 2036 kello 16.29"),
        ("en", "2 December 2036, 16:29"),
    ],
)
def test_a_moment_reads_in_the_language_on_the_sites_clock(settings, language, expected):
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    with translation.override(language):
        assert format_when(MOMENT) == expected


@pytest.mark.parametrize("language", ["en", "da", "sv", "fi", "nb"])
def test_no_language_writes_american_dates_or_a_twelve_hour_clock(language):
    with translation.override(language):
        written = [format_when(MOMENT, style) for style in ("datetime", "short", "date", "short_date", "time")]
    assert not any("12/02/2036" in text or "a.m." in text or "p.m." in text for text in written), written
    assert any("16" in text for text in written)


def test_the_moment_is_shown_in_the_sites_time_zone_even_when_another_is_active():
    with timezone.override("America/New_York"), translation.override("da"):
        assert format_when(MOMENT, "time") == "16:29"


def test_the_template_filter_is_the_same_helper():
    with translation.override("da"):
        rendered = Template('{% load when %}{{ moment|when }} / {{ moment|when:"short" }} / {{ nothing|when }}').render(
            Context({"moment": MOMENT, "nothing": None})
        )
    assert rendered == "2. december 2036 kl. 16:29 / 02.12.2036 16:29 / "


def test_a_sanctions_end_reads_in_danish_on_the_local_clock(member, moderator):
    sanction = Sanction.objects.create(member=member, kind="silence", reason="Spam.", ends_at=MOMENT, imposed_by=moderator)
    with translation.override("da"):
        text = restriction_message(sanction)
    assert "2. december 2036 kl. 16:29" in text
    assert "a.m." not in text and ".." not in text and "12/02/2036" not in text


def test_a_silenced_member_sees_the_end_in_their_language_on_every_page(client, login, member, moderator, home):
    member.preferred_language = "da"
    member.save(update_fields=["preferred_language"])
    Sanction.objects.create(member=member, kind="silence", reason="Spam.", ends_at=MOMENT, imposed_by=moderator)
    login(member)
    page = client.get("/").content.decode()
    assert "2. december 2036 kl. 16:29" in page
    assert "a.m." not in page and "12/02/2036" not in page


def test_english_pages_never_show_us_dates(client, login, member, moderator, home):
    Sanction.objects.create(member=member, kind="silence", reason="Spam.", ends_at=MOMENT, imposed_by=moderator)
    login(member)
    page = client.get("/account/posts/").content.decode()
    assert "2 December 2036, 16:29" in page
    assert "12/02/2036" not in page and "Dec. 2" not in page and "a.m." not in page
