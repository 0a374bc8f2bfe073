"""Small helpers for tests of the guidance modes."""

import datetime
import re

from community import services


def ask(space, author, title="How do I apply for EUX?", body="I want to know how applying works.", anonymous=False):
    return services.wall_question_ask(author=author, space=space, title=title, body=body, anonymous=anonymous)


def answer(thread, author, body="Ask the college's study counsellor.", parent=None):
    return services.post_create(author=author, thread=thread, body=body, parent=parent)


def converse(space, member, body="I am not sure what to choose after school."):
    return services.conversation_start(member=member, space=space, body=body)


def without_csrf(html: str) -> str:
    """Page text with the per-render CSRF tokens removed, so two renders compare equal."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# A Monday at 10:00 and a Saturday at 10:00 in Copenhagen (UTC+1 in December), for frozen clocks.
MONDAY_10 = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)
SATURDAY_10 = datetime.datetime(2026, 12, 12, 9, 0, tzinfo=datetime.UTC)


class Clock:
    """A settable "now" for tests; see the `clock` fixture in tests/conftest.py."""

    def __init__(self, now):
        self.now = now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)
