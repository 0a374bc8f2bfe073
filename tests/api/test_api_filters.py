"""The API's list filters narrow as the web's do, and refuse a value they do not know (400, naming it)."""

import pytest

from community import selectors, services
from community.models import ReactionKind
from community.notify import events
from community.selectors import InboxTab, WallFilter
from community.tiers import Tier
from moderation import services as moderation_services
from tests.api.conftest import error
from tests.factories import UserFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_wall_filters_give_what_the_web_wall_gives(api, people, space_at):
    space = space_at(Tier.INTEGRATION)
    unanswered = ask(space, people["member_a"], title="Nobody answered this one")
    peers_only = ask(space, people["member_a"], title="Only peers answered this one")
    answer(peers_only, people["member_b"])
    with_counsellor = ask(space, people["member_b"], title="A counsellor answered this one")
    services.reaction_set(
        user=people["member_a"], post=answer(with_counsellor, people["counsellor"]), kind=ReactionKind.HELPFUL, on=True
    )
    client = api(people["member_a"])
    url = f"/api/v1/spaces/{space.pk}/threads/"

    assert ids(client.get(url, {"filter": "unanswered"})) == [unanswered.pk]
    assert ids(client.get(url, {"filter": "counsellor"})) == [with_counsellor.pk]
    assert ids(client.get(url)) == [with_counsellor.pk, peers_only.pk, unanswered.pk]  # newest first by default
    for wall_filter in WallFilter.ALL:
        web = [thread.pk for thread in selectors.wall_feed(user=people["member_a"], space=space, wall_filter=wall_filter)]
        assert ids(client.get(url, {"filter": wall_filter})) == web, wall_filter


def test_queue_filters_by_space_rule_reason_and_lane(api, people, space_factory):
    here = space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True, title="Here")
    there = space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True, title="There")
    phone = answer(ask(here, people["counsellor"]), UserFactory(), body="Call me on 20 12 34 56")
    crisis = answer(ask(there, people["counsellor"]), UserFactory(), body="I want to die")
    published = answer(ask(space_factory(tier=Tier.INTEGRATION), people["member_a"]), people["member_b"], body="Rude words")
    moderation_services.flag_create(user=people["member_a"], post=published, reason="bullying")
    client = api(people["counsellor"])

    def posts(**query):
        response = client.get("/api/v1/moderation/queue/", query)
        assert response.status_code == 200, response.content
        return {row["post"] for row in response.json()["results"]}

    assert posts() == {phone.pk, crisis.pk, published.pk}
    assert posts(space=there.pk) == {crisis.pk}
    assert posts(rule="personal_data") == {phone.pk}
    assert posts(lane="urgent") == {crisis.pk}
    assert posts(lane="normal") == {phone.pk, published.pk}
    assert posts(reason="bullying") == {published.pk}
    assert posts(space=here.pk, lane="urgent") == set()  # filters combine


def test_inbox_tabs_give_what_the_web_inbox_gives(api, people, space_at):
    space = space_at(Tier.APPLICATION)
    waiting_for_us = converse(space, people["member_a"])
    answered = converse(space, people["member_b"])
    services.post_create(author=people["counsellor"], thread=answered, body="Hello, let us talk.")
    client = api(people["counsellor"])

    unassigned = ids(client.get("/api/v1/conversations/", {"tab": "unassigned"}))
    assert waiting_for_us.pk in unassigned and answered.pk not in unassigned
    assert ids(client.get("/api/v1/conversations/")) == unassigned  # the unassigned tab by default
    for tab in InboxTab.ALL:
        web = [conversation.thread_id for conversation in selectors.team_conversations(user=people["counsellor"], tab=tab)]
        assert ids(client.get("/api/v1/conversations/", {"tab": tab})) == web, tab
    # A member has no tabs: the parameter does not widen or narrow their own list.
    assert ids(api(people["member_a"]).get("/api/v1/conversations/", {"tab": "waiting"})) == [waiting_for_us.pk]


def test_notifications_filter_unread(api, people, space_at):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    for helper in (people["member_b"], people["peer_guide"]):
        events.run("post_published", post_id=answer(thread, helper).pk)
    client = api(people["member_a"])
    everything = ids(client.get("/api/v1/notifications/"))
    assert len(everything) == 2
    assert client.post(f"/api/v1/notifications/{everything[0]}/read/").status_code == 200
    assert ids(client.get("/api/v1/notifications/", {"unread": "true"})) == everything[1:]
    assert ids(client.get("/api/v1/notifications/", {"unread": "false"})) == everything


def test_audit_and_sanctions_filter_by_member(api, people):
    warned, other = UserFactory(), UserFactory()
    for member in (warned, other):
        moderation_services.sanction_impose(moderator=people["moderator"], member=member, kind="warning", reason="Tone")
    client = api(people["moderator"])
    sanctions = client.get("/api/v1/moderation/sanctions/", {"member": warned.pk}).json()["results"]
    assert [row["member"] for row in sanctions] == [warned.pk]
    audit = client.get("/api/v1/moderation/audit/", {"member": warned.pk}).json()["results"]
    assert audit and {row["member"] for row in audit} == {warned.pk}


@pytest.mark.parametrize(
    "who, address, parameter",
    [
        ("member_a", "/api/v1/spaces/{space}/threads/?filter=popular", "filter"),
        ("counsellor", "/api/v1/moderation/queue/?rule=swearing", "rule"),
        ("counsellor", "/api/v1/moderation/queue/?lane=sideways", "lane"),
        ("counsellor", "/api/v1/moderation/queue/?reason=boring", "reason"),
        ("counsellor", "/api/v1/moderation/queue/?space=abc", "space"),
        ("counsellor", "/api/v1/moderation/queue/?space=0", "space"),
        ("counsellor", "/api/v1/conversations/?tab=everything", "tab"),
        ("member_a", "/api/v1/notifications/?unread=maybe", "unread"),
        ("counsellor", "/api/v1/moderation/audit/?member=-3", "member"),
        ("counsellor", "/api/v1/moderation/audit/?post=1.5", "post"),
        ("moderator", "/api/v1/moderation/sanctions/?member=99999999999999999999999", "member"),
    ],
)
def test_a_filter_value_nobody_knows_is_a_400_naming_it(api, people, space_at, who, address, parameter):
    space = space_at(Tier.INTEGRATION)
    response = api(people[who]).get(address.format(space=space.pk))
    assert response.status_code == 400, response.content
    body = error(response)
    assert list(body["fields"]) == [parameter]
    assert parameter in body["message"]
