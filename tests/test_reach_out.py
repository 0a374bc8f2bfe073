"""Counsellors reach out: a private conversation with a member, from a post, a flag, a queue item or their
history, in any space whatever its level (safety before levels)."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cms.models import CommunitySpacePage
from community import policy, selectors, services
from community.models import Conversation, EventKind, Mode, ModerationState, Notification, Thread
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import ModerationItem
from tests.factories import UserFactory
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db

LEVELS = [Tier.EMERGENCE, Tier.APPLICATION, Tier.INTEGRATION, Tier.TRANSFORMATION]


def lower_to(space, tier):
    """Wall posts need level 3; a space may be lowered afterwards, its posts stay."""
    CommunitySpacePage.objects.filter(pk=space.pk).update(tier=tier)
    return CommunitySpacePage.objects.get(pk=space.pk)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def wall_post(space_at, people, tier, *, anonymous=False):
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_a"], title="Everything feels heavy", body="I don't know what to do.", anonymous=anonymous)
    return lower_to(space, tier), thread.posts.get()


def starting_point(kind, space_at, people, tier):
    """The post a counsellor starts from: a post, a flagged post, a queue item's post; or None for the member's history."""
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_a"], title="Everything feels heavy", body="I don't know what to do.")
    post = thread.posts.get()
    if kind == "flag":
        moderation_services.flag_create(user=people["member_b"], post=post, reason="worried", note="They seem very low")
    if kind == "queue item":
        reply = answer(thread, people["member_a"], body="I want to kill myself")
        item = ModerationItem.objects.get(post=reply, status="open")
        assert item.urgent
        post = item.post
    return lower_to(space, tier), (None if kind == "history" else post)


@pytest.mark.parametrize("tier", LEVELS)
@pytest.mark.parametrize("kind", ["post", "flag", "queue item", "history"])
def test_a_counsellor_reaches_out_through_the_web_from_each_starting_point_at_each_level(
    as_user, people, space_at, tier, kind, committed
):
    member, counsellor = people["member_a"], people["counsellor"]
    space, post = starting_point(kind, space_at, people, tier)
    client = as_user(counsellor)
    query = f"post={post.pk}" if post else f"member={member.pk}"
    form = client.get(f"{reverse('reach_out')}?{query}")
    assert form.status_code == 200
    assert "Write privately to" in form.content.decode() and member.display_name in form.content.decode()
    with committed():
        response = client.post(f"{reverse('reach_out')}?{query}", {"body": "Hi, I read what you wrote. How are you today?"})
    thread = Thread.objects.get(mode=Mode.CONVERSATION, author=member)
    assert response.status_code == 302 and response.url == reverse("conversation_detail", args=[thread.pk])
    conversation = Conversation.objects.get(thread=thread)
    assert conversation.opened_by == counsellor and conversation.assigned_to == counsellor
    assert conversation.about_post == post
    assert thread.space == space

    # The member is told, in the app and by e-mail, without the content.
    note = Notification.objects.get(recipient=member, kind=EventKind.COUNSELLOR_REACHED_OUT)
    assert "How are you today" not in note.description
    sent = [m for m in mail.outbox if member.email in m.to]
    assert len(sent) == 1 and "How are you today" not in sent[0].subject + sent[0].body

    # The member reads it and answers, even at level 1 where they cannot start a conversation themselves.
    page = as_user(member).get(reverse("conversation_detail", args=[thread.pk])).content.decode()
    assert "How are you today?" in page
    if post:
        assert f"#post-{post.pk}" in page and "About this post" in page
    reply = as_user(member).post(reverse("thread_answer", args=[thread.pk]), {"body": "Not great, thanks for asking."})
    assert reply.status_code == 302
    assert thread.posts.filter(author=member, body="Not great, thanks for asking.").exists()
    if tier < Tier.APPLICATION:
        with pytest.raises(PermissionDenied):
            policy.require_can_start(member, space, Mode.CONVERSATION)
    # Private: another member sees the same 404 as for a missing id; the content is not shown.
    other = as_user(people["member_b"]).get(reverse("conversation_detail", args=[thread.pk]))
    assert other.status_code == 404 and "How are you today" not in other.content.decode()


def test_reaching_out_about_an_anonymous_post_keeps_the_member_anonymous_towards_peers(as_user, people, space_at):
    space, post = wall_post(space_at, people, Tier.INTEGRATION, anonymous=True)
    thread = services.conversation_reach_out(counsellor=people["counsellor"], about_post=post, body="Can we talk?")
    assert thread.author == people["member_a"]
    wall = as_user(people["member_b"]).get(reverse("thread_detail", args=[post.thread_id])).content.decode()
    assert people["member_a"].display_name not in wall and "Anonymous member" in wall


def test_the_post_action_is_offered_to_counsellors_only(as_user, people, space_at):
    space, post = wall_post(space_at, people, Tier.INTEGRATION)
    url = reverse("thread_detail", args=[post.thread_id])
    assert "Write privately to this member" in as_user(people["counsellor"]).get(url).content.decode()
    assert "Write privately to this member" not in as_user(people["member_b"]).get(url).content.decode()


def test_members_cannot_reach_out(as_user, people, space_at):
    space, post = wall_post(space_at, people, Tier.INTEGRATION)
    client = as_user(people["member_b"])
    response = client.post(f"{reverse('reach_out')}?post={post.pk}", {"body": "Hey, I know who you are."})
    assert response.status_code == 403
    assert "Only counsellors can reach out" in response.content.decode()
    assert "I don't know what to do." not in client.get(f"{reverse('reach_out')}?post={post.pk}").content.decode()
    assert not Thread.objects.filter(mode=Mode.CONVERSATION).exists()


def test_bad_targets_are_refused_clearly(as_user, people, space_at):
    client = as_user(people["counsellor"])
    assert client.get(f"{reverse('reach_out')}?post=999999").status_code == 404
    assert client.get(f"{reverse('reach_out')}?member=abc").status_code == 404
    _space, post = wall_post(space_at, people, Tier.INTEGRATION)
    empty = client.post(f"{reverse('reach_out')}?post={post.pk}", {"body": "  "})
    assert empty.status_code == 400 and "This field is required" in empty.content.decode()
    with pytest.raises(PermissionDenied, match="with members"):
        services.conversation_reach_out(counsellor=people["counsellor"], member=people["moderator"], body="Hi")
    assert not Thread.objects.filter(mode=Mode.CONVERSATION).exists()


def test_reaching_out_to_a_member_without_posts_uses_a_live_space(people, space_at):
    space = space_at(Tier.EMERGENCE)
    newcomer = UserFactory()
    thread = services.conversation_reach_out(counsellor=people["counsellor"], member=newcomer.pk, body="Welcome!")
    assert thread.space == space and thread.author == newcomer
    assert thread.posts.get().state == ModerationState.PUBLISHED
    assert selectors.member_inbox(user=newcomer)[0].thread_id == thread.pk
