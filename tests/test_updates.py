"""Update-triggered threads and members' update proposals."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.models import UpdatePage
from community import services
from community.models import Mode, Thread
from community.tiers import Tier
from tests.factories import UpdatePageFactory

pytestmark = pytest.mark.django_db


def test_publishing_an_update_opens_its_discussion(space_at, counsellor):
    space = space_at(Tier.INTEGRATION)
    update = UpdatePageFactory(parent=space, owner=counsellor, live=False)
    assert not Thread.objects.filter(update_page=update).exists()
    update.save_revision(user=counsellor).publish()
    thread = Thread.objects.get(update_page=update)
    assert (thread.mode, thread.space_id, thread.title, thread.author) == (Mode.UPDATE, space.pk, update.title, counsellor)
    # Publishing again (an edit) does not open a second one.
    update.title = "A corrected title"
    update.save_revision(user=counsellor).publish()
    assert Thread.objects.filter(update_page=update).count() == 1
    assert Thread.objects.get(update_page=update).title == "A corrected title"


def test_the_update_page_shows_its_discussion(client, as_user, space_at, counsellor, member):
    space = space_at(Tier.INTEGRATION)
    update = UpdatePageFactory(parent=space, owner=counsellor)
    thread = services.update_thread_open(update_page=update)
    services.post_create(author=member, thread=thread, body="Does this include evening classes?")
    page = as_user(member).get(update.url).content.decode()
    assert "Does this include evening classes?" in page
    assert "Join the discussion" in page


def test_a_member_proposes_an_update_and_a_counsellor_publishes_it(as_user, space_at, member, counsellor):
    space = space_at(Tier.TRANSFORMATION)
    client = as_user(member)
    response = client.post(
        reverse("update_propose", args=[space.pk]),
        {"title": "Open day at the tech college", "body": "Saturday 3 March, 10-14.", "deadline": "2027-03-03"},
        follow=True,
    )
    assert "A counsellor will read your proposal" in response.content.decode()
    proposal = UpdatePage.objects.get(title="Open day at the tech college")
    assert not proposal.live and proposal.owner == member
    assert WorkflowState.objects.filter(object_id=str(proposal.pk), status="in_progress").exists()
    assert "waiting for a counsellor to review it" in client.get(space.url).content.decode()
    # Members never see a draft; the discussion opens once a counsellor publishes it.
    assert client.get(proposal.url or "/nowhere/").status_code == 404
    proposal.get_latest_revision().publish(user=counsellor)
    thread = Thread.objects.get(update_page=proposal)
    assert thread.author == member
