"""The htmx-enhanced buttons in a real browser, with scripts on and off.

With scripts, reacting, "this helped me", following and marking a notification read change the
page in place: a value set in the page's JavaScript survives (no reload, no navigation), the
pressed state and counts change, focus stays on the button (or moves to the notification's link
when its button goes), and the header's unread count refreshes itself every minute. Withdrawing
one's whole question asks first, then swaps the thread back withdrawn. One run per interface
language (en, da, sv, fi, nb) checks that every role's actions are said in the reader's language. Live draft
hints appear under the answer form while writing. With scripts off, the same buttons still work
as plain forms. Screenshots at phone width are taken when E2E_SCREENSHOTS names a folder.
"""

import os
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from community.models import EventKind, Follow, Notification, Reaction
from community.tiers import Tier
from tests.e2e.test_browser_walkthrough import (  # noqa: F401  (the shared fixture)
    CHROMIUM,
    browser,
    give_authenticator_code,
    log_in,
    shot,
)
from tests.factories import TEST_PASSWORD
from tests.helpers import answer, ask, authenticator_for

expect = pytest.importorskip("playwright.sync_api").expect
pytestmark = [
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and os.environ.get("CI") != "true", reason="no Chromium on this machine"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def thread_with_answer(space_at, member, member_b):
    space = space_at(Tier.TRANSFORMATION, title="First job")
    thread = ask(space, member, title="Can I work evenings when I'm 16?", body="A café offered me evening shifts.")
    post = answer(thread, member_b, body="Not late at night. Ask for the hours in writing.")
    return space, thread, post


def mark_page(page):
    """A value only this page load has; it is gone if the page reloads or navigates."""
    page.evaluate("window.__notReloaded = 'still here'")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    return navigations


def still_the_same_page(page, navigations):
    assert page.evaluate("window.__notReloaded") == "still here"
    assert navigations == []


def test_buttons_change_the_page_in_place(browser, live_server, thread_with_answer, member, member_b):  # noqa: F811
    space, thread, post = thread_with_answer
    page = log_in(browser, live_server, member)
    page.goto(f"{live_server.url}/threads/{thread.pk}/")
    assert page.evaluate("typeof window.htmx") == "object"
    navigations = mark_page(page)
    answer_box = page.locator(f"#post-{post.pk}")

    # React "Helpful": pressed, counted, focus kept on the button, said politely.
    helpful = answer_box.locator(f"#react-{post.pk}-helpful")
    assert helpful.get_attribute("aria-pressed") == "false"
    helpful.click()
    page.wait_for_selector(f'#react-{post.pk}-helpful[aria-pressed="true"]')
    assert answer_box.locator(f"#react-{post.pk}-helpful .chip__count").inner_text() == "1"
    expect(page.locator(":focus")).to_have_id(f"react-{post.pk}-helpful")
    assert page.locator("#live-status").inner_text() == "You reacted “Helpful”."
    assert Reaction.objects.filter(post=post, user=member, kind="helpful").exists()

    # "This helped me": pressed, and the line every reader sees appears.
    answer_box.get_by_role("button", name="This helped me").click()
    page.wait_for_selector(f'#helped-{post.pk}-button[aria-pressed="true"]')
    answer_box.get_by_text("This helped the person who asked").wait_for()
    expect(page.locator(":focus")).to_have_id(f"helped-{post.pk}-button")

    # The asker follows their own question: stop, then follow again, focus on the toggle throughout.
    page.get_by_role("button", name="Stop following").click()
    page.get_by_role("button", name="Follow this thread").wait_for()
    expect(page.locator(":focus")).to_have_id("thread-follow-toggle")
    assert not Follow.objects.filter(user=member, thread=thread).exists()
    page.get_by_role("button", name="Follow this thread").click()
    page.get_by_role("button", name="Stop following").wait_for()
    assert Follow.objects.filter(user=member, thread=thread).exists()

    still_the_same_page(page, navigations)
    shot(page, "htmx-thread-after-clicks-phone")

    # A refusal is said in the alert region and changes nothing else: the "me too" count is
    # pressed in another tab first, so this page's button sends a stale state.
    other = log_in(browser, live_server, member)
    other.goto(f"{live_server.url}/threads/{thread.pk}/")
    other.locator(f"#react-{post.pk}-me_too").click()
    other.wait_for_selector(f'#react-{post.pk}-me_too[aria-pressed="true"]')
    page.locator(f"#react-{post.pk}-me_too").click()
    page.get_by_role("alert").get_by_text("You have already reacted “Me too” to this post.").wait_for()
    page.wait_for_selector(f'#react-{post.pk}-me_too[aria-pressed="true"]')  # the current state, sent along
    shot(page, "htmx-refusal-phone")
    still_the_same_page(page, navigations)

    # Following the space, on the space page.
    page.goto(f"{live_server.url}{space.url}")
    assert page.evaluate("typeof window.htmx") == "object"
    navigations = mark_page(page)
    page.get_by_role("button", name="Follow this space").click()
    page.wait_for_selector('#space-follow-toggle[aria-pressed="true"]')
    assert page.locator("#space-follow-toggle").inner_text() == "Following this space"
    expect(page.locator(":focus")).to_have_id("space-follow-toggle")
    still_the_same_page(page, navigations)
    assert Follow.objects.filter(user=member, space=space).exists()


# What the language run reads, from each language's catalogue (community/locale/*/LC_MESSAGES).
WORDS = {
    "en": {
        "no_more_answers": "This question is hidden, so nobody can answer it now.",
        "helpful_said": "You reacted “Helpful”.",
        "open": "Endorse this answer", "note": "Note (optional)", "endorse": "Endorse", "line": "Endorsed by a peer guide:",
        "take_back": "Withdraw my endorsement", "endorsed": "You endorsed the answer.",
        "taken_back": "Your endorsement is withdrawn.", "withdraw": "Withdraw", "hidden": "Hidden.",
        "withdrawn": "Your post is withdrawn. It is hidden from everyone else.",
        "confirm": "Yes, withdraw my question",
        "question_withdrawn": "Your question is withdrawn. It is hidden from everyone else.",
        "already_hidden": "This post is already hidden.",
    },
    "da": {
        "no_more_answers": "Dette spørgsmål er skjult, så ingen kan svare på det nu.",
        "helpful_said": "Du reagerede med »Brugbart«.",
        "open": "Anbefal dette svar", "note": "Note (valgfri)", "endorse": "Anbefal", "line": "Anbefalet af en peer-guide:",
        "take_back": "Træk min anbefaling tilbage", "endorsed": "Du har anbefalet svaret.",
        "taken_back": "Din anbefaling er trukket tilbage.", "withdraw": "Træk tilbage", "hidden": "Skjult.",
        "withdrawn": "Dit opslag er trukket tilbage. Det er skjult for alle andre.",
        "confirm": "Ja, træk mit spørgsmål tilbage",
        "question_withdrawn": "Dit spørgsmål er trukket tilbage. Det er skjult for alle andre.",
        "already_hidden": "Dette opslag er allerede skjult.",
    },
    "sv": {
        "no_more_answers": "Den här frågan är dold, så ingen kan svara på den nu.",
        "helpful_said": "Du reagerade med ”Hjälpsamt”.",
        "open": "Ställ dig bakom svaret", "note": "Anteckning (valfritt)", "endorse": "Ställ dig bakom",
        "line": "Stöds av en kamrathandledare:",
        "take_back": "Ta tillbaka mitt stöd", "endorsed": "Du ställer dig nu bakom svaret.",
        "taken_back": "Du har tagit tillbaka ditt stöd.", "withdraw": "Dra tillbaka", "hidden": "Dolt.",
        "withdrawn": "Ditt inlägg är tillbakadraget. Det är dolt för alla andra.",
        "confirm": "Ja, dra tillbaka min fråga",
        "question_withdrawn": "Din fråga är tillbakadragen. Den är dold för alla andra.",
        "already_hidden": "Det här inlägget är redan dolt.",
    },
    "fi": {
        "no_more_answers": "Tämä kysymys on piilotettu, joten kukaan ei voi vastata siihen nyt.",
        "helpful_said": "Reagoit: ”Hyödyllinen”.",
        "open": "Suosittele tätä vastausta", "note": "Kommentti (vapaaehtoinen)", "endorse": "Suosittele",
        "line": "Vertaisohjaajan suosittelema:",
        "take_back": "Peru suositukseni", "endorsed": "Suosittelit vastausta.",
        "taken_back": "Suosituksesi on peruttu.", "withdraw": "Peru julkaisu", "hidden": "Piilotettu.",
        "withdrawn": "Julkaisusi on peruttu. Se on piilotettu kaikilta muilta.",
        "confirm": "Kyllä, peru kysymykseni",
        "question_withdrawn": "Kysymyksesi on peruttu. Se on piilotettu kaikilta muilta.",
        "already_hidden": "Tämä julkaisu on jo piilotettu.",
    },
    "nb": {
        "no_more_answers": "Dette spørsmålet er skjult, så ingen kan svare på det nå.",
        "helpful_said": "Du reagerte med «Nyttig».",
        "open": "Anbefal dette svaret", "note": "Merknad (valgfritt)", "endorse": "Anbefal", "line": "Anbefalt av en peer-guide:",
        "take_back": "Trekk tilbake anbefalingen min", "endorsed": "Du anbefalte svaret.",
        "taken_back": "Anbefalingen din er trukket tilbake.", "withdraw": "Trekk tilbake", "hidden": "Skjult.",
        "withdrawn": "Innlegget ditt er trukket tilbake. Det er skjult for alle andre.",
        "confirm": "Ja, trekk tilbake spørsmålet mitt",
        "question_withdrawn": "Spørsmålet ditt er trukket tilbake. Det er skjult for alle andre.",
        "already_hidden": "Dette innlegget er allerede skjult.",
    },
}


@pytest.mark.parametrize("language", sorted(WORDS))
def test_the_htmx_actions_change_the_page_in_place_in_the_readers_language(  # noqa: F811
    language, browser, live_server, thread_with_answer, member, member_b, peer_guide  # noqa: F811
):
    """One run per interface language: each role's htmx actions, said in that language."""
    _space, thread, post = thread_with_answer
    question = thread.posts.get(kind="question")
    words = WORDS[language]
    for person in (peer_guide, member_b, member):
        person.preferred_language = language
        person.save(update_fields=["preferred_language"])

    # The asker reacts "Helpful" to the answer: pressed in place, said in their language.
    asker = log_in(browser, live_server, member)
    asker.goto(f"{live_server.url}/threads/{thread.pk}/")
    assert asker.locator("html").get_attribute("lang") == language
    asker_navigations = mark_page(asker)
    helpful = asker.locator(f"#react-{post.pk}-helpful")
    helpful.click()
    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(asker.locator(":focus")).to_have_id(f"react-{post.pk}-helpful")
    expect(asker.locator("#live-status")).to_have_text(words["helpful_said"])

    # A peer guide endorses the answer with a note, then takes the endorsement back.
    page = log_in(browser, live_server, peer_guide)
    page.goto(f"{live_server.url}/threads/{thread.pk}/")
    assert page.locator("html").get_attribute("lang") == language
    navigations = mark_page(page)
    answer_box = page.locator(f"#post-{post.pk}")
    answer_box.get_by_text(words["open"], exact=True).click()
    answer_box.get_by_label(words["note"]).fill("Right: ask for the hours in writing.")
    answer_box.get_by_role("button", name=words["endorse"], exact=True).click()
    toggle = page.locator(f"#endorse-{post.pk}-toggle")
    expect(toggle).to_have_text(words["take_back"])
    expect(page.locator(f"#endorsements-{post.pk}")).to_contain_text(words["line"])
    expect(page.locator(f"#endorsements-{post.pk}")).to_contain_text("Right: ask for the hours in writing.")
    expect(page.locator(":focus")).to_have_id(f"endorse-{post.pk}-toggle")  # the new button, not the top of the page
    expect(page.locator("#live-status")).to_have_text(words["endorsed"])
    shot(page, f"htmx-endorsed-{language}-phone")

    toggle.click()
    expect(toggle).to_have_text(words["open"])  # the disclosure is back, closed
    expect(page.locator(f"#endorsements-{post.pk}")).to_have_text("")
    expect(page.locator(":focus")).to_have_id(f"endorse-{post.pk}-toggle")
    expect(page.locator("#live-status")).to_have_text(words["taken_back"])
    still_the_same_page(page, navigations)
    assert not post.endorsements.exists()

    # The answer's author withdraws it: the whole answer comes back hidden, focus on it.
    page = log_in(browser, live_server, member_b)
    page.goto(f"{live_server.url}/threads/{thread.pk}/")
    navigations = mark_page(page)
    page.locator(f"#post-{post.pk}").get_by_role("button", name=words["withdraw"], exact=True).click()
    expect(page.locator(f"#post-{post.pk}")).to_have_class(re.compile(r"\bpost--hidden\b"))
    expect(page.locator(f"#post-{post.pk} .state--hidden")).to_contain_text(words["hidden"])
    expect(page.locator(":focus")).to_have_id(f"post-{post.pk}")
    expect(page.locator("#live-status")).to_have_text(words["withdrawn"])
    still_the_same_page(page, navigations)
    post.refresh_from_db()
    assert post.state == "hidden"

    # The asker withdraws the whole question, after a confirm step. A second tab, opened before,
    # still shows the button: pressing it there is refused in the alert region and changes nothing.
    stale = browser.new_context(storage_state=asker.context.storage_state(), viewport=PHONE).new_page()  # same session
    stale.goto(f"{live_server.url}/threads/{thread.pk}/")
    question_box = asker.locator(f"#post-{question.pk}")
    question_box.get_by_text(words["withdraw"], exact=True).click()  # opens the confirm step
    question_box.get_by_role("button", name=words["confirm"]).click()
    expect(question_box).to_have_class(re.compile(r"\bpost--question\b.*\bpost--hidden\b"))
    expect(asker.locator("#thread h1")).to_have_text(thread.title)  # still the thread, now withdrawn
    expect(question_box.locator(".state--hidden")).to_contain_text(words["hidden"])
    expect(asker.locator(":focus")).to_have_id(f"post-{question.pk}")  # its button is gone: focus on the question
    expect(asker.locator("#live-status")).to_have_text(words["question_withdrawn"])
    expect(asker.locator("#answer-form-heading")).to_have_count(0)  # no more answers to a withdrawn question
    expect(asker.locator(".answer-form .notice")).to_have_text(words["no_more_answers"])
    still_the_same_page(asker, asker_navigations)
    shot(asker, f"htmx-question-withdrawn-{language}-phone")
    thread.refresh_from_db()
    assert thread.state == "hidden"

    stale_navigations = mark_page(stale)
    stale_question = stale.locator(f"#post-{question.pk}")
    stale_question.get_by_text(words["withdraw"], exact=True).click()
    stale_question.get_by_role("button", name=words["confirm"]).click()
    expect(stale.get_by_role("alert")).to_contain_text(words["already_hidden"])
    expect(stale_question).not_to_have_class(re.compile(r"\bpost--hidden\b"))  # nothing swapped in
    still_the_same_page(stale, stale_navigations)


@pytest.mark.parametrize("language", sorted(WORDS))
def test_endorsing_works_with_scripts_off_in_each_language(language, browser, live_server, thread_with_answer, peer_guide):  # noqa: F811
    """Without scripts, at the language's own address (/da/..., the bare one for English)."""
    _space, thread, post = thread_with_answer
    with translation.override(language):
        words = {text: gettext(text) for text in (
            "Endorse this answer", "Endorse", "You endorsed the answer.", "Withdraw my endorsement",
            "Your endorsement is withdrawn.",
        )}
    if language != "en":
        assert words["Endorse"] != "Endorse", f"no {language} translation: the test would prove nothing"
    prefix = "" if language == "en" else f"/{language}"
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/account/log-in/")
    page.get_by_label("Username").fill(peer_guide.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}{prefix}/threads/{thread.pk}/")
    assert page.locator("html").get_attribute("lang") == language
    answer_box = page.locator(f"#post-{post.pk}")
    answer_box.get_by_text(words["Endorse this answer"], exact=True).click()
    answer_box.get_by_role("button", name=words["Endorse"], exact=True).click()
    page.wait_for_load_state()
    page.get_by_text(words["You endorsed the answer."]).wait_for()
    assert post.endorsements.filter(endorsed_by=peer_guide).exists()
    assert page.url.startswith(f"{live_server.url}{prefix}/")  # the answer keeps the reader's language
    page.locator(f"#post-{post.pk}").get_by_role("button", name=words["Withdraw my endorsement"]).click()
    page.wait_for_load_state()
    page.get_by_text(words["Your endorsement is withdrawn."]).wait_for()
    assert not post.endorsements.exists()
    context.close()


def test_notifications_and_the_unread_count_update_in_place(browser, live_server, thread_with_answer, member):  # noqa: F811
    for i in range(2):
        Notification.objects.create(
            recipient=member, kind=EventKind.ANSWER_ON_MY_QUESTION, event_key=f"test:{i}", verb="answer",
            description=f"Someone answered your question ({i}).", actor=member, public=False, url="/",
        )
    page = log_in(browser, live_server, member)
    page.clock.install()  # the page's timers run on a clock the test moves
    page.goto(f"{live_server.url}/notifications/")
    assert page.evaluate("typeof window.htmx") == "object"
    navigations = mark_page(page)
    unread = Notification.objects.filter(recipient=member, unread=True).count()
    bell = page.locator("#notification-bell .badge--count")
    assert bell.inner_text() == str(unread)

    # Mark one read: its "New" and its button go, focus moves to its link, the count drops.
    item = page.locator(".notification", has_text="Someone answered your question (1).")
    item.get_by_role("button", name="Mark as read").click()
    expect(bell).to_have_text(str(unread - 1))
    assert item.get_by_role("button", name="Mark as read").count() == 0
    # Focus moves when htmx settles the swap, a moment after the count changed: wait for it.
    expect(page.locator(":focus")).to_have_text(re.compile(r"Someone answered your question \(1\)\.\s*$"))

    # Something new arrives; within a minute the header says so without a reload.
    Notification.objects.create(
        recipient=member, kind=EventKind.ANSWER_ON_MY_QUESTION, event_key="test:new", verb="answer",
        description="A brand new answer.", actor=member, public=False, url="/",
    )
    page.clock.fast_forward("01:01")
    expect(bell).to_have_text(str(unread))

    # Mark all read: the list and both counts update.
    page.get_by_role("button", name="Mark all as read").click()
    page.wait_for_selector("#notification-bell .badge--count", state="detached")
    assert page.locator(".notification .badge--new").count() == 0
    assert re.search(r"\d+ notifications marked as read\.", page.locator("#live-status").inner_text())
    shot(page, "htmx-notifications-all-read-phone")
    still_the_same_page(page, navigations)
    assert not Notification.objects.filter(recipient=member, unread=True).exists()


def test_draft_hints_appear_while_writing_an_answer(browser, live_server, thread_with_answer, member_b, peer_guide):  # noqa: F811
    _space, thread, _post = thread_with_answer
    page = log_in(browser, live_server, peer_guide)
    page.goto(f"{live_server.url}/threads/{thread.pk}/")
    page.get_by_role("textbox", name="Your answer").fill("Text me on 0701234567 and I will tell you more.")
    hint = page.locator(".draft-hints[aria-live=polite] .draft-hint")
    hint.first.wait_for()
    assert "phone" in hint.first.inner_text().lower()
    page.get_by_role("textbox", name="Your answer").fill("Honestly I can't cope anymore and I want to die.")
    crisis = page.locator(".draft-hints .draft-hint--crisis")
    crisis.wait_for()
    assert "talk to someone straight away" in crisis.inner_text()


def test_with_scripts_off_every_button_still_works(browser, live_server, thread_with_answer, member):  # noqa: F811
    space, thread, post = thread_with_answer
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/account/log-in/")
    page.get_by_label("Username").fill(member.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/threads/{thread.pk}/")
    page.locator(f"#react-{post.pk}-helpful").click()
    page.wait_for_load_state()
    assert page.locator(f"#react-{post.pk}-helpful").get_attribute("aria-pressed") == "true"
    page.locator(f"#post-{post.pk}").get_by_role("button", name="This helped me").click()
    page.wait_for_load_state()
    assert page.locator(f"#helped-{post.pk}-button").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Stop following").click()
    page.wait_for_load_state()
    page.get_by_text("You no longer follow this thread.").wait_for()
    page.goto(f"{live_server.url}{space.url}")
    page.get_by_role("button", name="Follow this space").click()
    page.wait_for_load_state()
    page.get_by_text("You follow this space.").wait_for()
    shot(page, "htmx-no-script-space-phone")

    post.refresh_from_db()
    assert post.helped_asker
    assert Reaction.objects.filter(post=post, user=member, kind="helpful").exists()
    assert not Follow.objects.filter(user=member, thread=thread).exists()
    assert Follow.objects.filter(user=member, space=space).exists()

    # Withdrawing the whole question: the confirm step opens without scripts too, and the form posts.
    question = thread.posts.get(kind="question")
    page.goto(f"{live_server.url}/threads/{thread.pk}/")
    question_box = page.locator(f"#post-{question.pk}")
    question_box.get_by_text("Withdraw", exact=True).click()
    question_box.get_by_role("button", name="Yes, withdraw my question").click()
    page.wait_for_load_state()
    page.get_by_text("Your question is withdrawn. It is hidden from everyone else.").wait_for()
    expect(page.locator(f"#post-{question.pk} .state--hidden")).to_contain_text("Hidden.")
    thread.refresh_from_db()
    assert thread.state == "hidden"
    context.close()


def test_a_poll_that_is_redirected_never_replaces_the_page(browser, live_server, counsellor):  # noqa: F811
    """Staff between their password and their code: the badge's poll is sent to the code page,
    and that page must not end up swapped into the header."""
    authenticator_for(counsellor)
    page = browser.new_page(viewport=PHONE)
    page.clock.install()
    page.goto(f"{live_server.url}/account/log-in/")
    page.get_by_label("Username").fill(counsellor.username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.wait_for_url("**/account/two-factor/**")
    page.fill("#id_code", "12")
    page.evaluate("document.body.addEventListener('htmx:afterRequest', function () { window.__polled = true; })")
    page.clock.fast_forward("01:01")
    for _ in range(50):  # the poll's answer arrives in real time; htmx then swaps on the page's (fake) clock
        page.wait_for_timeout(100)
        page.clock.run_for(100)
        if page.evaluate("window.__polled === true"):
            break
    assert page.evaluate("window.__polled === true"), "the unread count was not polled"
    page.wait_for_timeout(300)
    page.clock.run_for(1000)
    assert page.locator("header").count() == 1 and page.locator("main").count() == 1
    assert page.locator("#notification-bell main").count() == 0
    assert page.input_value("#id_code") == "12"  # what they typed is still there
    give_authenticator_code(page, counsellor)
