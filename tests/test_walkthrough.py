"""The issue's path, through the web pages as members and counsellors use them."""

import pytest
from django.urls import reverse

from community.models import Endorsement, Post, PostKind, SummaryAnswer, Thread
from community.tiers import Tier

pytestmark = pytest.mark.django_db


def test_ask_answer_endorse_summarise_and_mark_helped(client, as_user, space_at, member, peer_guide, counsellor):
    space = space_at(Tier.INTEGRATION)

    # A member asks on the wall (no similar questions, so it posts at once).
    as_user(member)
    response = client.post(
        reverse("wall_ask", args=[space.pk]),
        {"title": "Can I work evenings when I'm 16?", "body": "A café offered me evening shifts. Is that allowed?"},
    )
    thread = Thread.objects.get(title="Can I work evenings when I'm 16?")
    assert response.status_code == 302 and response["Location"] == reverse("thread_detail", args=[thread.pk])
    assert client.get(space.url).content.decode().count("Can I work evenings when I&#x27;m 16?") == 1

    # A peer answers.
    as_user(peer_guide)
    client.post(reverse("thread_answer", args=[thread.pk]), {"body": "Not late at night. Ask for the hours in writing."})
    peer_answer = Post.objects.get(thread=thread, author=peer_guide)

    # A counsellor answers, endorses the peer's answer and writes the co-constructed answer.
    as_user(counsellor)
    client.post(reverse("thread_answer", args=[thread.pk]), {"body": "Under-18s may not work at night."})
    counsellor_answer = Post.objects.get(thread=thread, author=counsellor)
    client.post(reverse("post_endorse", args=[peer_answer.pk]), {"note": "Correct."})
    edit_page = client.get(reverse("summary_edit", args=[thread.pk]))
    assert edit_page.status_code == 200
    response = client.post(
        reverse("summary_edit", args=[thread.pk]),
        {
            "body": "You may work evenings, but not at night, and get your hours in writing.",
            "cited_posts": [peer_answer.pk],
            "based_on": 0,
        },
    )
    assert response.status_code == 302

    # The asker marks the peer's answer as helpful.
    as_user(member)
    client.post(reverse("post_helped", args=[peer_answer.pk]), {"helped": "1"})

    page = client.get(reverse("thread_detail", args=[thread.pk])).content.decode()
    assert "The short answer" in page
    assert "You may work evenings, but not at night" in page
    assert page.index("The short answer") < page.index("Not late at night")  # the summary comes first
    assert "Checked by a counsellor:" in page and "“Correct.”" in page
    assert "This helped the person who asked" in page
    assert "badge--counsellor" in page
    # Both the editor and the cited peer are credited.
    credits = page.split("Written together by", 1)[1].split("</p>", 1)[0]
    assert counsellor.display_name in credits and peer_guide.display_name in credits

    assert Endorsement.objects.get(post=peer_answer).endorsed_by == counsellor
    assert Post.objects.get(pk=peer_answer.pk).helped_asker
    assert SummaryAnswer.objects.get(thread=thread).current.cited_posts.get() == peer_answer
    assert counsellor_answer.author_role == "counsellor"
    assert Post.objects.filter(thread=thread, kind=PostKind.ANSWER).count() == 2
