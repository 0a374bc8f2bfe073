"""Edits after endorsement: an answer that changes loses the endorsements of its old text, the endorser
is told, "helped" marks say they were given to an earlier version, readers see the history, and an edit
after the window goes to a counsellor before it is shown."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from community import services
from community.models import Endorsement, EventKind, ModerationState, Notification, Post
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import ModerationItem
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db

POSTED = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


@pytest.fixture
def endorsed_answer(space, people):
    thread = ask(space, people["member_a"])
    post = answer(thread, people["member_b"], body="Apply through the national admission site before 15 March.")
    services.endorsement_add(endorser=people["counsellor"], post=post, note="Correct, and the date is right.")
    services.helped_mark_set(user=people["member_a"], post=post, helped=True)
    return post


def test_editing_an_endorsed_answer_drops_the_endorsement_keeps_it_in_the_history_and_tells_the_endorser(
    as_user, people, endorsed_answer, committed
):
    post = endorsed_answer
    with committed():
        as_user(people["member_b"]).post(reverse("post_edit", args=[post.pk]), {"body": "Just send an e-mail to the school."})
    post.refresh_from_db()
    assert post.body == "Just send an e-mail to the school." and post.state == ModerationState.PUBLISHED
    assert not Endorsement.objects.filter(post=post).exists()
    told = Notification.objects.get(recipient=people["counsellor"], kind=EventKind.ENDORSED_ANSWER_EDITED)
    assert post.thread.title in told.description

    reader = as_user(people["member_a"])
    page = reader.get(reverse("thread_detail", args=[post.thread_id])).content.decode()
    assert "Checked by a counsellor" not in page
    assert "An earlier version of this answer helped the person who asked" in page
    assert "(edited" in page and reverse("post_history", args=[post.pk]) in page
    history = reader.get(reverse("post_history", args=[post.pk])).content.decode()
    assert "Apply through the national admission site before 15 March." in history
    assert "This version was checked by a counsellor:" in history and people["counsellor"].display_name in history
    assert "This version helped the person who asked" in history

    # The counsellor checks it again and endorses the new text; the asker confirms their mark.
    services.endorsement_add(endorser=people["counsellor"], post=post)
    services.helped_mark_set(user=people["member_a"], post=Post.objects.get(pk=post.pk), helped=True)
    page = reader.get(reverse("thread_detail", args=[post.thread_id])).content.decode()
    assert "Checked by a counsellor" in page and "✔ This helped the person who asked" in page


def test_a_held_earlier_text_never_shows_in_the_history_to_readers(as_user, people, space):
    thread = ask(space, people["member_a"])
    post = answer(thread, people["member_b"], body="Call me on 20 12 34 56 and I will explain.")
    assert post.state == ModerationState.PENDING  # personal data: held
    services.post_edit(editor=people["member_b"], post=post, body="Ask the study counsellor at your school.")
    item = ModerationItem.objects.filter(post=post, status="open").latest("pk")
    moderation_services.item_approve(moderator=people["counsellor"], item=item)
    post.refresh_from_db()
    assert post.state == ModerationState.PUBLISHED
    history = as_user(people["member_a"]).get(reverse("post_history", args=[post.pk]))
    assert history.status_code == 200
    assert "20 12 34 56" not in history.content.decode()
    assert "20 12 34 56" in as_user(people["counsellor"]).get(reverse("post_history", args=[post.pk])).content.decode()


def test_a_private_messages_history_is_for_counsellors_only(as_user, people, space):
    thread = converse(space, people["member_a"])
    message = thread.posts.get()
    services.post_edit(editor=people["member_a"], post=message, body="I am not sure what to choose after year 9.")
    assert as_user(people["member_b"]).get(reverse("post_history", args=[message.pk])).status_code == 404
    assert as_user(people["counsellor"]).get(reverse("post_history", args=[message.pk])).status_code == 200


def test_an_edit_after_the_window_waits_for_a_counsellor(as_user, people, space, settings):
    settings.ANSWER_EDIT_WINDOW_MINUTES = 60
    thread = ask(space, people["member_a"])
    with time_machine.travel(POSTED, tick=False):
        post = answer(thread, people["member_b"], body="Apply before 15 March.")
    with time_machine.travel(POSTED + dt.timedelta(minutes=30), tick=False):
        services.post_edit(editor=people["member_b"], post=post, body="Apply before 15 March at noon.")
    post.refresh_from_db()
    assert post.state == ModerationState.PUBLISHED  # within the window: a typo fix goes straight out

    with time_machine.travel(POSTED + dt.timedelta(minutes=61), tick=False):
        services.post_edit(editor=people["member_b"], post=post, body="Forget the deadline, nobody checks it.")
    post.refresh_from_db()
    assert post.state == ModerationState.PENDING
    item = ModerationItem.objects.get(post=post, status="open")
    assert "edited_late" in item.rules
    # The earlier, published text is kept as a revision; other readers do not see the new one yet.
    assert post.revisions.first().body == "Apply before 15 March at noon."
    page = as_user(people["member_a"]).get(reverse("thread_detail", args=[thread.pk])).content.decode()
    assert "nobody checks it" not in page


def test_a_counsellors_own_answer_is_not_held_after_the_window(people, space, settings):
    settings.ANSWER_EDIT_WINDOW_MINUTES = 60
    thread = ask(space, people["member_a"])
    with time_machine.travel(POSTED, tick=False):
        post = answer(thread, people["counsellor"], body="Apply before 15 March.")
    with time_machine.travel(POSTED + dt.timedelta(days=2), tick=False):
        services.post_edit(editor=people["counsellor"], post=post, body="Apply before 16 March: the date moved.")
    post.refresh_from_db()
    assert post.state == ModerationState.PUBLISHED


def test_the_api_gives_readers_the_history_with_what_vouched_for_each_version(people, endorsed_answer):
    services.post_edit(editor=people["member_b"], post=endorsed_answer, body="Just send an e-mail to the school.")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=people['member_a'])[1]}")
    response = client.get(reverse("api_post_revisions", args=[endorsed_answer.pk]))
    assert response.status_code == 200
    (earlier,) = response.json()
    assert earlier["body"] == "Apply through the national admission site before 15 March."
    assert earlier["helped_asker"] is True
    assert earlier["endorsements"] == [
        {"name": people["counsellor"].display_name, "role": "counsellor", "note": "Correct, and the date is right."}
    ]
