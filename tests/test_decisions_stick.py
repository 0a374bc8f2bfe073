"""A moderator's decision sticks: an author cannot edit a post back into view without review."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from community import services
from community.models import HiddenReason, ModerationState, Post
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import ModerationItem, RejectionReason
from tests.factories import UserFactory
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(space_at):
    return space_at(Tier.INTEGRATION)


def _rejected(space, people, *, final=False):
    post = answer(ask(space, people["member_a"]), people["member_b"], body="Call me on 20 12 34 56")
    item = ModerationItem.objects.get(post=post, status="open")
    decision = moderation_services.item_reject(
        moderator=people["moderator"], item=item, reason=RejectionReason.HARMFUL, final=final
    )
    return Post.objects.get(pk=post.pk), decision


def test_an_edit_after_rejection_goes_back_to_the_queue_linked_to_the_decision(people, space, as_user):
    post, decision = _rejected(space, people)
    services.post_edit(editor=people["member_b"], post=post, body="A harmless one-word change")
    post.refresh_from_db()
    assert post.state == ModerationState.PENDING
    item = ModerationItem.objects.get(post=post, status="open")
    assert "edited_after_rejection" in item.rules
    assert item.previous_decision == decision
    # Visitors and other members still cannot read it.
    thread_url = reverse("thread_detail", args=[post.thread_id])
    assert "A harmless one-word change" not in as_user(None).get(thread_url).content.decode()
    assert "A harmless one-word change" not in as_user(people["peer_guide"]).get(thread_url).content.decode()
    # The queue says why the item is back.
    queue = as_user(people["moderator"]).get(reverse("moderation_queue")).content.decode()
    assert "Edited after rejection" in queue


def test_a_final_rejection_cannot_be_edited_at_all(people, space):
    post, _decision = _rejected(space, people, final=True)
    with pytest.raises(PermissionDenied, match="for good"):
        services.post_edit(editor=people["member_b"], post=post, body="Trying again with other words")
    post.refresh_from_db()
    assert post.state == ModerationState.REJECTED
    assert post.body == "Call me on 20 12 34 56"


def test_a_final_rejection_is_refused_through_the_api_too(people, space, client):
    post, _decision = _rejected(space, people, final=True)
    client.force_login(people["member_b"])
    response = client.patch(
        f"/api/v1/posts/{post.pk}/", {"body": "Trying again"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "for good" in response.json()["error"]["message"]


def test_an_edit_to_a_post_hidden_by_reports_is_reviewed_before_it_shows_again(people, space, settings, as_user):
    settings.MODERATION_FLAG_THRESHOLD = 2
    thread = ask(space, people["member_a"])
    post = answer(thread, people["member_b"], body="Something others reported")
    for _ in range(2):
        reporter = UserFactory()
        moderation_services.flag_create(user=reporter, post=post, reason="inappropriate")
    post.refresh_from_db()
    assert post.state == ModerationState.HIDDEN and post.hidden_reason == HiddenReason.FLAGGED
    services.post_edit(editor=people["member_b"], post=post, body="Something rewritten")
    post.refresh_from_db()
    assert post.state == ModerationState.PENDING
    assert "edited_after_hiding" in ModerationItem.objects.get(post=post, status="open").rules
    page = as_user(None).get(reverse("thread_detail", args=[thread.pk])).content.decode()
    assert "Something rewritten" not in page


def test_approving_the_edited_post_publishes_the_new_text(people, space, as_user):
    post, _decision = _rejected(space, people)
    services.post_edit(editor=people["member_b"], post=post, body="Ask in the school office instead")
    item = ModerationItem.objects.get(post=post, status="open")
    moderation_services.item_approve(moderator=people["moderator"], item=item)
    page = as_user(None).get(reverse("thread_detail", args=[post.thread_id])).content.decode()
    assert "Ask in the school office instead" in page
