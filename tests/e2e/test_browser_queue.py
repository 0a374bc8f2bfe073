"""A counsellor works through the demo's moderation queue in a browser, never leaving the queue page."""

import os

import pytest
from django.core.management import call_command
from django.test.utils import override_settings

from community.models import User
from moderation.models import ModerationItem
from tests.e2e.test_browser_walkthrough import CHROMIUM, browser, give_authenticator_code  # noqa: F401  (fixture)

pytestmark = [
    # Skipped without Chromium on a developer machine; under CI=true it must be there (.ci/run installs it).
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true", reason="no Chromium on this machine"),
    # Transactional (a live server) and restoring what the migrations made (site, home page, groups).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_counsellor_clears_the_demo_queue_from_the_queue_page(browser, live_server, monkeypatch):  # noqa: F811
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-2026")
    with override_settings(MODERATION_FIRST_POSTS_HELD=1, MODERATION_LINK_MIN_APPROVED_POSTS=3):
        call_command("seed_demo", verbosity=0)
    total = ModerationItem.objects.filter(status="open").count()
    assert total >= 20
    assert ModerationItem.objects.filter(status="open", urgent=True).exists()
    assert len({rule for item in ModerationItem.objects.filter(status="open") for rule in item.rules}) >= 6

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "counsellor")
    page.fill("#id_password", "demo-pass-2026")
    page.click("button[type=submit]")
    # seed_demo gave the demo staff an authenticator app with a known key.
    give_authenticator_code(page, User.objects.get(username="counsellor"))
    page.goto(f"{live_server.url}/admin/moderation/queue/")
    queue_url = page.url

    decided = 0
    while page.locator("li.mod-item").count():
        first = page.locator("li.mod-item").first
        if first.locator("input[name=outcome]").count():  # urgent: the outcome comes before the decision
            first.get_by_label("No risk found").check()
        if decided % 3 == 2:
            first.locator("select[name=reason]").select_option("off_topic")
            first.get_by_role("button", name="Reject").click()
        else:
            first.get_by_role("button", name="Approve").click()
        page.wait_for_load_state()
        assert page.url == queue_url  # still on the queue page
        decided += 1
        assert decided <= total
    assert decided == total
    assert "The queue is empty" in page.content()
    assert not ModerationItem.objects.filter(status="open").exists()
