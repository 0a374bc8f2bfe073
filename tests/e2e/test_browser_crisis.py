"""One crisis in a real browser, from the wall post to the closed urgent item.

A member writes on the wall that they want to die; the post is held and they see help at
once. A counsellor finds it first in "needs you now", writes privately to the member, the
member answers, the counsellor refers them to a service, and closes the urgent item with
its outcome. Screenshots of each step are taken and checked (a real, non-blank image).
"""

import os
import struct
import tempfile

import pytest

from community.models import Conversation, ModerationState, Post, Referral, ReferralService
from community.tiers import Tier
from moderation.models import AuditEntry, ModerationItem
from tests.e2e.test_browser_walkthrough import CHROMIUM, browser, log_in  # noqa: F401  (the shared fixture)
from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true", reason="no Chromium on this machine"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CRISIS = "I can't cope anymore. I want to die and nobody knows."


def _checked_shot(page, folder, name) -> None:
    """A screenshot that really shows a page: a PNG of the phone's width, not a blank image."""
    path = os.path.join(folder, f"{name}.png")
    page.screenshot(path=path, full_page=True)
    with open(path, "rb") as handle:
        data = handle.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 320 and height >= 400
    assert len(data) > 8000, f"{name}: the screenshot looks blank"


def test_a_crisis_from_the_wall_to_the_closed_urgent_item(browser, live_server, space_at, member, counsellor):  # noqa: F811
    space = space_at(Tier.INTEGRATION, title="First job")
    service = ReferralService.objects.create(
        name="School psychologist", helps_with="Talks about how you feel", contact="Ask at the school office"
    )
    folder = os.environ.get("E2E_SCREENSHOTS") or tempfile.mkdtemp(prefix="crisis-")

    # 1. The member asks on the wall; the post is held and help is shown at once.
    asker = log_in(browser, live_server, member)
    asker.goto(f"{live_server.url}{space.url}")
    asker.get_by_role("link", name="Ask a question").first.click()
    asker.get_by_label("Your question in one line").fill("Everything is too much")
    asker.get_by_label("Tell us more").fill(CRISIS)
    asker.get_by_role("button", name="Continue").click()
    asker.wait_for_load_state()
    if asker.get_by_role("button", name="Post my question").count():  # similar questions were shown first
        asker.get_by_role("button", name="Post my question").click()
        asker.wait_for_load_state()
    assert "get in touch" in asker.content()
    _checked_shot(asker, folder, "1-member-sees-help")
    post = Post.objects.get(author=member, kind="question")
    assert post.state == ModerationState.PENDING
    item = ModerationItem.objects.get(post=post, urgent=True)

    # 2. The counsellor finds it first in "needs you now" and writes privately.
    helper = log_in(browser, live_server, counsellor)
    helper.goto(f"{live_server.url}/counsellor/now/")
    assert "Everything is too much" in helper.content()
    _checked_shot(helper, folder, "2-needs-you-now")
    helper.goto(f"{live_server.url}/counsellor/reach-out/?post={post.pk}")
    helper.get_by_label("Your message to the member").fill("Hi, I read what you wrote. I'm here. How are you right now?")
    helper.get_by_role("button", name="Send privately").click()
    helper.wait_for_load_state()
    conversation = Conversation.objects.get(thread__author=member)
    assert "/conversations/" in helper.url

    # 3. The member reads it and answers.
    asker.goto(f"{live_server.url}/conversations/{conversation.thread_id}/")
    assert "I'm here" in asker.content()
    asker.locator("form.message-form textarea[name=body]").fill("Thank you. It helps that someone answered.")
    asker.locator("form.message-form").get_by_role("button").first.click()
    asker.wait_for_load_state()
    _checked_shot(asker, folder, "3-member-answers")
    assert conversation.thread.posts.filter(author=member, body__contains="someone answered").exists()

    # 4. The counsellor refers the member to a service; the member will see its details.
    helper.goto(f"{live_server.url}/conversations/{conversation.thread_id}/")
    helper.get_by_text("Refer to another service").click()
    helper.get_by_label("Service").select_option(str(service.pk))
    helper.get_by_role("button", name="Refer").click()
    helper.wait_for_load_state()
    assert Referral.objects.filter(conversation=conversation, service=service).exists()
    asker.goto(f"{live_server.url}/conversations/{conversation.thread_id}/")
    assert "School psychologist" in asker.content()

    # 5. The urgent item closes only with its outcome.
    helper.goto(f"{live_server.url}/admin/login/")
    if helper.locator("#id_username").count():
        helper.fill("#id_username", counsellor.username)
        helper.fill("#id_password", TEST_PASSWORD)
        helper.click("button[type=submit]")
    helper.goto(f"{live_server.url}/admin/moderation/queue/{item.pk}/")
    _checked_shot(helper, folder, "4-urgent-item")
    helper.get_by_label("Reached out to the member").check()
    helper.locator("select[name=reason]").first.select_option("safety")
    helper.get_by_role("button", name="Reject").first.click()
    helper.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == "resolved" and item.outcome == "reached_out"
    assert AuditEntry.objects.filter(item=item, action="urgent_outcome").exists()
    assert not Conversation.objects.get(pk=conversation.pk).urgent
