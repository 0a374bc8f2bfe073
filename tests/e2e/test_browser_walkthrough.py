"""The issue's path in a real browser: ask, answer, endorse, summarise, mark helped.

Runs headless Chromium through Playwright when both are on the machine
(Debian's chromium package at /usr/bin/chromium); skipped otherwise.
"""

import os
import shutil

import pytest
from django.db import connections

from community.selectors.accounts import second_factor_required
from community.tiers import Tier
from tests.factories import TEST_PASSWORD
from tests.helpers import authenticator_code, authenticator_for

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    # Skipped without Chromium on a developer machine; under CI=true it must be there (.ci/run installs it).
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true", reason="no Chromium on this machine"),
    # Transactional (a live server) and restoring what the migrations made (site, home page, groups).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS")


@pytest.fixture
def browser(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        # While Playwright's event loop runs in this thread, Django keeps the test's database
        # connection per context rather than per thread, so pytest-django would not close it and
        # could not drop the test database; close it here, still inside that context.
        connections.close_all()
        browser.close()


def log_in(browser, live_server, user):
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    staff = second_factor_required(user)
    if staff:
        authenticator_for(user)
    page.goto(f"{live_server.url}/account/log-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    if staff:
        give_authenticator_code(page, user)
    return page


def give_authenticator_code(page, user):
    """Staff's second log-in step: the code from their app."""
    page.wait_for_url("**/account/two-factor/**")
    page.fill("#id_code", authenticator_code(user))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert "/account/two-factor/" not in page.url


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_the_co_construction_path_in_a_browser(browser, live_server, space_at, member, peer_guide, counsellor):
    space = space_at(Tier.INTEGRATION, title="First job")
    url = f"{live_server.url}{space.url}"

    asker = log_in(browser, live_server, member)
    asker.goto(url)
    asker.get_by_role("link", name="Ask a question").click()
    asker.get_by_label("Your question in one line").fill("Can I work evenings when I'm 16?")
    asker.get_by_label("Tell us more").fill("A café offered me evening shifts.")
    asker.get_by_role("button", name="Continue").click()
    asker.get_by_role("heading", name="Can I work evenings when I'm 16?").wait_for()
    thread_url = asker.url

    peer = log_in(browser, live_server, peer_guide)
    peer.goto(thread_url)
    peer.get_by_role("textbox", name="Your answer").fill("Not late at night. Ask for the hours in writing.")
    peer.get_by_role("button", name="Post answer").click()
    peer.get_by_text("Not late at night.").wait_for()

    guide = log_in(browser, live_server, counsellor)
    guide.goto(thread_url)
    guide.get_by_role("textbox", name="Your answer").fill("Under-18s may not work at night; evenings are fine within limits.")
    guide.get_by_role("button", name="Post answer").click()
    guide.get_by_text("Endorse this answer").click()
    guide.get_by_label("Note (optional)").fill("Correct.")
    guide.get_by_role("button", name="Endorse", exact=True).click()
    guide.get_by_text("You endorsed the answer.").wait_for()
    guide.get_by_role("link", name="Write the co-constructed answer").click()
    guide.get_by_label("Co-constructed answer").fill("Evenings yes, nights no. Get your hours in writing.")
    guide.get_by_label(peer_guide.display_name, exact=False).check()
    guide.get_by_role("button", name="Save a new version").click()
    guide.get_by_text("The co-constructed answer is saved.").wait_for()

    asker.goto(thread_url)
    asker.locator("article.post", has_text="Not late at night.").get_by_role("button", name="This helped me").click()
    asker.get_by_text("This helped the person who asked").wait_for()
    shot(asker, "walkthrough-asker")

    text = asker.content()
    assert "Evenings yes, nights no." in text
    assert "Checked by a counsellor:" in text
    assert text.index("The short answer") < text.index("Not late at night.")
