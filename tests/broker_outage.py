"""One scenario for the broker-outage tests: members post, answer, write privately; moderators decide.

``tests/test_outbox.py`` runs it with the broker failing inside the test process (SQLite, eager tasks);
``tests/integration/test_broker_outage.py`` with Celery pointed at a closed port and a real worker.
Every request must succeed; afterwards the relay must deliver exactly ``expected`` notifications.
"""

from rest_framework.test import APIClient

from community.models import Follow, FollowLevel, Notification
from community.tiers import Tier
from moderation.models import ModerationItem
from tests.factories import UserFactory


def client(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def run(space_factory, people) -> tuple[list[int], set[tuple[int, str]]]:
    """Do the requests; return their status codes and the (recipient, kind) notifications they must cause."""
    wall = space_factory(tier=Tier.INTEGRATION)
    held = space_factory(tier=Tier.INTEGRATION, premoderate_all_posts=True)
    watchers = [UserFactory(), UserFactory()]
    for person in watchers:
        Follow.objects.create(user=person, space=wall, level=FollowLevel.WATCHING)
    member_a, member_b = client(people["member_a"]), client(people["member_b"])
    counsellor, moderator = client(people["counsellor"]), client(people["moderator"])
    staff = {people["counsellor"].pk, people["moderator"].pk}
    statuses = []

    def call(api, url, data):
        response = api.post(url, data, format="json")
        statuses.append(response.status_code)
        return response.json()

    # A member asks on the wall (its watchers hear of it), another answers (the asker hears of it).
    question = call(member_a, f"/api/v1/spaces/{wall.pk}/threads/", {"title": "Evening work at 16?", "body": "May I?"})
    call(member_b, f"/api/v1/threads/{question['id']}/posts/", {"body": "Yes, within limits."})
    # A member writes privately (every counsellor hears of a new conversation).
    call(member_b, "/api/v1/conversations/", {"space": wall.pk, "body": "I cannot choose a school."})
    # A member in crisis: counsellors are alerted at once.
    call(member_b, f"/api/v1/threads/{question['id']}/posts/", {"body": "I want to kill myself"})
    # Held answers in a pre-moderated space; moderators approve one and reject the other.
    asked = call(counsellor, f"/api/v1/spaces/{held.pk}/threads/", {"title": "Which programme?", "body": "Tell us."})
    first = call(member_a, f"/api/v1/threads/{asked['id']}/posts/", {"body": "Nursing, I think."})
    second = call(member_b, f"/api/v1/threads/{asked['id']}/posts/", {"body": "Buy cheap essays here."})
    approve_item = ModerationItem.objects.get(post_id=first["id"]).pk
    reject_item = ModerationItem.objects.get(post_id=second["id"]).pk
    call(moderator, f"/api/v1/moderation/queue/{approve_item}/decision/", {"action": "approve"})
    call(moderator, f"/api/v1/moderation/queue/{reject_item}/decision/", {"action": "reject", "reason": "spam"})
    call(moderator, "/api/v1/moderation/sanctions/", {"member": people["member_b"].pk, "kind": "warning", "reason": "Spam."})

    a, b = people["member_a"].pk, people["member_b"].pk
    expected = {
        *((person.pk, "question_in_followed_space") for person in watchers),
        (a, "answer_on_my_question"),
        *((pk, "conversation_new") for pk in staff),
        *((pk, "urgent_item") for pk in staff),
        (a, "moderation_decision"),
        (people["counsellor"].pk, "answer_on_my_question"),
        (b, "post_in_followed_thread"),  # member B answered in that thread too, so follows it
        (b, "moderation_decision"),
        (b, "sanction"),
    }
    return statuses, expected


def delivered() -> list[tuple[int, str]]:
    """Every notification written, doubles included (a list, not a set)."""
    return list(Notification.objects.values_list("recipient_id", "kind"))
