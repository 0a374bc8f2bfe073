"""Details that stay with the people they concern, on the web and through the API alike:
an anonymous asker who edits the co-constructed answer, why a post was changed, and links
to actions the policy would refuse."""

import pytest
from django.urls import reverse

from community import services
from community.roles import Role
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import ModerationItem
from tests.api.conftest import error
from tests.factories import UserFactory
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def anonymous_editor_thread(people, space_at):
    """A peer guide asks anonymously at level 4, then edits the co-constructed answer of their own thread."""
    space = space_at(Tier.TRANSFORMATION)
    asker = people["peer_guide"]
    thread = ask(space, asker, anonymous=True, title="Can I change school mid-year?")
    peer_answer = answer(thread, people["member_b"])
    services.summary_revise(editor=people["counsellor"], thread=thread, body="Talk to both schools first.", cited_post_ids=[peer_answer.pk])
    services.summary_revise(editor=asker, thread=thread, body="Talk to both schools first, early.", based_on=1)
    return thread


def test_an_anonymous_asker_who_edits_the_summary_stays_anonymous_to_peers(api, people, anonymous_editor_thread):
    thread, asker = anonymous_editor_thread, people["peer_guide"]
    peer = api(people["member_b"])
    summary = peer.get(f"/api/v1/threads/{thread.pk}/summary/").json()
    assert summary["current"]["editor"] == "Anonymous member"
    assert summary["current"]["editor_role"] == "member"  # a peer guide badge would narrow it down
    versions = peer.get(f"/api/v1/threads/{thread.pk}/summary/revisions/").json()
    assert [version["editor"] for version in versions] == ["Anonymous member", people["counsellor"].display_name]
    page = peer.get(f"/threads/{thread.pk}/summary/history/")
    history = page.content.decode()
    assert "Version 2 by Anonymous member" in history and asker.display_name not in history


def test_counsellors_and_the_asker_see_who_edited(api, people, anonymous_editor_thread):
    thread, asker = anonymous_editor_thread, people["peer_guide"]
    for viewer in (people["counsellor"], asker):
        summary = api(viewer).get(f"/api/v1/threads/{thread.pk}/summary/").json()
        assert summary["current"]["editor"] == asker.display_name


def test_why_a_post_was_changed_is_for_its_author_and_counsellors(api, as_user, people, space_factory):
    space = space_factory(tier=Tier.INTEGRATION, premoderate_all_posts=True)
    thread = ask(space, people["counsellor"])
    held = answer(thread, people["member_a"], body="Call me on 20 12 34 56 about it.")
    item = ModerationItem.objects.get(post=held)
    moderation_services.item_edit_and_approve(moderator=people["moderator"], item=item, body="Ask me here about it.")
    reason = "A moderator edited this post before publishing it."

    def reason_for(user):
        posts = api(user).get(f"/api/v1/threads/{thread.pk}/posts/").json()["results"]
        return next(post["status_reason"] for post in posts if post["id"] == held.pk)

    assert reason_for(people["member_a"]) == reason
    assert reason_for(people["counsellor"]) == reason
    assert reason_for(people["member_b"]) == ""
    assert reason_for(None) == ""
    assert reason not in as_user(people["member_b"]).get(thread.get_absolute_url()).content.decode()
    assert reason in as_user(people["member_a"]).get(thread.get_absolute_url()).content.decode()


def test_a_silenced_member_is_not_offered_to_edit_a_held_post(as_user, people, space_factory):
    space = space_factory(tier=Tier.INTEGRATION, premoderate_all_posts=True)
    answer(ask(space, people["counsellor"]), people["member_a"], body="My held answer")
    client = as_user(people["member_a"])
    assert "Edit and send again" in client.get(reverse("my_posts")).content.decode()
    moderation_services.sanction_impose(moderator=people["moderator"], member=people["member_a"], kind="silence", reason="Tone", days=2)
    page = client.get(reverse("my_posts")).content.decode()
    assert "My held answer" in page
    assert "Edit and send again" not in page and "Edit your post" not in page


def test_the_inbox_offers_to_write_only_where_the_policy_allows_it(as_user, people, space_at):
    open_space, closed_space = space_at(Tier.APPLICATION), space_at(Tier.EMERGENCE)
    page = as_user(people["member_a"]).get(reverse("inbox")).content.decode()
    assert reverse("conversation_new", args=[open_space.pk]) in page
    assert reverse("conversation_new", args=[closed_space.pk]) not in page
    counsellor_page = as_user(UserFactory(roles=[Role.COUNSELLOR])).get(reverse("inbox")).content.decode()
    assert reverse("conversation_new", args=[open_space.pk]) not in counsellor_page  # counsellors answer, not start


def test_the_api_wall_opens_with_the_level_as_on_the_web(api, people, space_at):
    space = space_at(Tier.APPLICATION)
    response = api(people["member_a"]).get(f"/api/v1/spaces/{space.pk}/threads/")
    assert response.status_code == 403
    body = error(response)
    assert body["code"] == "feature_unavailable" and "It opens at level 3" in body["message"]
