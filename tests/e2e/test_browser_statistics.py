"""The statistics page on a 360 px phone: the wide tables scroll inside their own box, the page does not."""

import os
from datetime import timedelta

import pytest

from community.models import AuthorRole
from community.tiers import Tier
from tests.e2e.test_browser_walkthrough import CHROMIUM, browser, log_in  # noqa: F401  (the shared fixture)
from tests.test_statistics import MARCH, question

pytestmark = [
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true", reason="no Chromium on this machine"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_statistics_tables_scroll_inside_their_box_at_360_px(browser, live_server, space_at, counsellor):  # noqa: F811
    space = space_at(Tier.INTEGRATION)
    for day in range(6):
        question(space, MARCH + timedelta(days=day), [(10 * (day + 1), AuthorRole.COUNSELLOR)])
    page = log_in(browser, live_server, counsellor)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/counsellor/statistics/")
    table = page.get_by_role("table", name="Wall questions")
    assert table.is_visible()
    box = page.locator(".table-scroll").first
    # The table is wider than the phone, and its box scrolls instead of the statistics block growing.
    widths = box.evaluate("b => [b.scrollWidth, b.clientWidth, b.closest('.statistics').scrollWidth]")
    assert widths[0] > widths[1]
    assert widths[2] <= 360
    # The box can be reached and scrolled with the keyboard.
    box.focus()
    page.keyboard.press("ArrowRight")
    # Browsers scroll smoothly: wait (up to 5 s) for the box to have moved, rather than reading at once.
    page.wait_for_function("b => b.scrollLeft > 0", arg=box.element_handle(), timeout=5000)
    assert box.evaluate("b => b.scrollLeft") > 0
