"""The home page invites: "Ask a question", what was answered lately, coming deadlines, staffed hours."""

import datetime

import pytest
from django.utils import timezone

from community.models import Thread
from community.roles import Role
from community.tiers import Tier
from tests.factories import UpdatePageFactory, UserFactory
from tests.helpers import answer, ask
from tests.test_urgent_items import staff_hours

pytestmark = pytest.mark.django_db


def test_home_invites_a_member_to_ask_in_a_space_that_allows_it(client, login, member, space_at):
    wall = space_at(Tier.INTEGRATION, title="First job")
    private_only = space_at(Tier.APPLICATION, title="After school")
    space_at(Tier.EMERGENCE, title="News only")
    login(member)
    content = client.get("/").content.decode()
    assert 'href="#ask"' in content and "Ask a question" in content
    ask_section = content.split('id="ask"', 1)[1].split("</section>", 1)[0]
    assert f"/spaces/{wall.pk}/ask/" in ask_section
    assert f"/spaces/{private_only.pk}/write/" in ask_section
    assert f"/spaces/{private_only.pk}/ask/" not in ask_section  # its level does not open the wall
    assert "News only" not in ask_section


def test_home_lists_recently_answered_questions_that_everyone_may_see(client, space_at, member, counsellor):
    space = space_at(Tier.INTEGRATION, title="First job")
    answered = ask(space, member, title="Can I work evenings at 16?")
    answer(answered, counsellor)
    ask(space, UserFactory(), title="Nobody has answered this yet")
    held = ask(space, UserFactory(), title="Held for review")
    answer(held, counsellor)
    Thread.objects.filter(pk=held.pk).update(state="pending")
    private = ask(space, UserFactory(), title="Private conversation title")
    Thread.objects.filter(pk=private.pk).update(mode="conversation")

    content = client.get("/").content.decode()
    section = content.split('id="answered-heading"', 1)[1].split("</section>", 1)[0]
    assert "Can I work evenings at 16?" in section
    assert "Counsellor answered" in section and "First job" in section
    for hidden in ("Nobody has answered this yet", "Held for review", "Private conversation title"):
        assert hidden not in content


def test_home_shows_updates_with_a_coming_deadline_soonest_first(client, space_at, counsellor):
    space = space_at(Tier.EMERGENCE)
    today = timezone.localdate()
    UpdatePageFactory(parent=space, owner=counsellor, title="Apply by Friday", deadline=today + datetime.timedelta(days=3))
    UpdatePageFactory(parent=space, owner=counsellor, title="Open day next month", deadline=today + datetime.timedelta(days=30))
    UpdatePageFactory(parent=space, owner=counsellor, title="Closed last week", deadline=today - datetime.timedelta(days=7))
    UpdatePageFactory(parent=space, owner=counsellor, title="Just news")
    content = client.get("/").content.decode()
    section = content.split('id="deadlines-heading"', 1)[1].split("</section>", 1)[0]
    assert section.index("Apply by Friday") < section.index("Open day next month")
    assert "Closed last week" not in section and "Just news" not in section


def test_home_says_when_counsellors_are_here(client, clock, space_at):
    space_at(Tier.INTEGRATION)
    staff_hours()
    assert "Counsellors are here until 16:00." in client.get("/").content.decode()


def grow(home_spaces, n, counsellor):
    for space in home_spaces:
        for _ in range(n):
            if space.effective_tier >= Tier.INTEGRATION:
                answer(ask(space, UserFactory()), counsellor)
            UpdatePageFactory(parent=space, owner=counsellor, deadline=timezone.localdate() + datetime.timedelta(days=5))


@pytest.mark.parametrize("viewer", ["visitor", "member", "counsellor"])
def test_home_costs_the_same_queries_at_any_size(as_user, people, space_at, count_queries, viewer):
    counsellor = UserFactory(roles=[Role.COUNSELLOR])
    spaces = [space_at(Tier.INTEGRATION), space_at(Tier.TRANSFORMATION)]
    grow(spaces, 1, counsellor)
    client = as_user(None if viewer == "visitor" else people["member_a" if viewer == "member" else "counsellor"])
    client.get("/")
    small = count_queries(lambda: client.get("/"))
    more = [space_at(Tier.APPLICATION), space_at(Tier.INTEGRATION)]
    grow(spaces + more, 4, counsellor)
    client.get("/", {"warm": 1})  # CMS lists as warm as for the first count (another address: no page stored)
    assert count_queries(lambda: client.get("/")) == small
