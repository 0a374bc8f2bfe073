"""Which checks screening applies where a text will be shown, surface by surface (mutation survivors)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Mode, ModerationState
from community.safeguarding import Reconsider, Surface
from community.tiers import Tier
from moderation.models import ModerationItem, WatchedWord
from moderation.screening import (
    PERSONAL_DATA_LABELS,
    RuleHit,
    ScreeningBlocked,
    Verdict,
    draft_hints,
    screen,
)
from tests.factories import UserFactory
from tests.helpers import answer, ask, second_factor_passed

pytestmark = pytest.mark.django_db

PHONE = "Call me on 20 12 34 56"
CRISIS = "I can't cope anymore, I want to kill myself"


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


def rules_fired(verdict) -> set[str]:
    return {hit.rule for hit in verdict.hits}


# One test per rule, every surface inside it (not one parametrized case per surface): the mutation
# run tries at most --max-tests tests per mutant, and a dozen cases of one rule would crowd out others.

PERSONAL_DATA_CHECKED = {
    Surface.POST: True,
    Surface.SUMMARY: True,
    Surface.UPDATE_PROPOSAL: True,
    Surface.PUBLIC_NOTE: True,
    Surface.DISPLAY_NAME: True,
    Surface.PRIVATE_NOTE: False,  # read by counsellors only
}


def test_personal_data_is_held_wherever_others_would_read_it(people, space):
    for surface, checked in PERSONAL_DATA_CHECKED.items():
        verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=PHONE, surface=surface)
        assert ("personal_data" in rules_fired(verdict)) is checked, surface
        if checked:
            assert verdict.held and "a phone number" in verdict.reason, surface


def test_a_text_that_cannot_wait_in_the_queue_is_refused_instead_of_held(people, space):
    refused_on = {Surface.PUBLIC_NOTE, Surface.DISPLAY_NAME}
    for surface in (Surface.POST, Surface.SUMMARY, Surface.UPDATE_PROPOSAL, *refused_on):
        verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=PHONE, surface=surface)
        assert verdict.held and verdict.refused is (surface in refused_on), surface


def test_a_note_in_a_private_conversation_is_still_checked_but_a_message_is_not(people, space):
    note = screen(author=people["member_a"], space=space, mode=Mode.CONVERSATION, text=PHONE, surface=Surface.PUBLIC_NOTE)
    assert "personal_data" in rules_fired(note)
    message = screen(author=people["member_a"], space=space, mode=Mode.CONVERSATION, text=PHONE, surface=Surface.POST)
    assert "personal_data" not in rules_fired(message) and not message.held


def test_a_crisis_signal_reaches_a_counsellor_from_every_text_but_a_name(people, space):
    for surface in Surface:
        verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=CRISIS, surface=surface)
        if surface == Surface.DISPLAY_NAME:
            assert "crisis" not in rules_fired(verdict)
        else:
            assert "crisis" in rules_fired(verdict) and verdict.urgent, surface


def test_blocked_words_are_refused_everywhere_but_in_a_report_that_quotes_them(people, space):
    WatchedWord.objects.create(pattern="idiots", action="block")
    text = "You are all idiots"
    for surface in Surface:
        if surface == Surface.PRIVATE_NOTE:
            verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=text, surface=surface)
            assert not verdict.held
        else:
            with pytest.raises(ScreeningBlocked):
                screen(author=people["member_b"], space=space, mode=Mode.WALL, text=text, surface=surface)


def test_every_kind_of_edit_that_goes_back_to_a_counsellor_is_held_with_its_reason(people, space):
    expected = {
        Reconsider.REJECTED: ("edited_after_rejection", "You edited a post a moderator had rejected"),
        Reconsider.HELD: ("edited_while_held", "A counsellor reads your post before it is shown."),
        Reconsider.HIDDEN: ("edited_after_hiding", "Your post was hidden after reports"),
        Reconsider.LATE_EDIT: ("edited_late", "Others have already read your answer"),
    }
    for reconsider, (rule, told) in expected.items():
        verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text="An edit.", reconsider=reconsider)
        assert verdict.held and rules_fired(verdict) == {rule} and told in verdict.reason, reconsider


def test_the_author_is_told_which_personal_data_was_found(people, space):
    for text, told in (
        ("add me on snap: emma_2009", "a contact name for another app"),
        ("jeg bor på Nørrebrogade 44", "a street address"),
        (PHONE, "a phone number"),
        ("Mail me: ida at gmail dot com", "an e-mail address"),
    ):
        verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=text)
        assert verdict.held and f"seems to contain {told}." in verdict.reason, text


def test_posts_summaries_and_proposals_are_shown_as_formatted_paragraphs(people, space):
    for surface in (Surface.POST, Surface.SUMMARY, Surface.UPDATE_PROPOSAL):
        verdict = screen(
            author=people["counsellor"], space=space, mode=Mode.WALL, text="Start with the school's guide.", surface=surface
        )
        assert verdict.html == "<p>Start with the school's guide.</p>", surface


def test_a_post_with_nothing_left_to_show_is_refused_with_a_message_on_the_body(people, space):
    with pytest.raises(ValidationError) as refusal:
        screen(author=people["member_b"], space=space, mode=Mode.WALL, text="<p> </p><!-- nothing -->")
    assert "Your text is empty once formatting is removed." in " ".join(refusal.value.message_dict["body"])


def test_counsellors_words_are_never_censored(people, space):
    WatchedWord.objects.create(pattern="darn", action="censor")
    assert screen(author=people["counsellor"], space=space, mode=Mode.WALL, text="That is darn hard.").text == (
        "That is darn hard."
    )
    assert "darn" not in screen(author=people["member_b"], space=space, mode=Mode.WALL, text="That is darn hard.").text


# ---------------------------------------------------------------- hints while writing (the draft-hints endpoint)

HINTS_URL = "/api/v1/screening/preview/"


def _hints(client, user, **data) -> list[dict]:
    client.logout()
    if user is not None:
        client.force_login(user)
        second_factor_passed(client, user)
    response = client.post(HINTS_URL, {"body": "", **data}, content_type="application/json")
    assert response.status_code == 200
    return response.json()["hints"]


def test_a_writer_is_warned_of_a_crisis_with_its_category_and_shown_help(people, client):
    hints = _hints(client, people["member_b"], body=CRISIS)
    assert [(h["kind"], h["detail"]) for h in hints] == [("crisis", "Suicide")]
    assert "It sounds like things are hard right now." in hints[0]["message"]


def test_a_writer_is_warned_of_personal_data_in_a_public_post_but_not_in_a_private_message(people, client):
    [hint] = _hints(client, people["member_b"], body=PHONE)
    assert (hint["kind"], hint["detail"]) == ("personal_data", "a phone number")
    assert hint["message"] == "You may not want to share a phone number here: everyone in the space can read it."
    assert _hints(client, people["member_b"], body=PHONE, private=True) == []


def test_a_title_is_read_for_hints_too(people, client):
    WatchedWord.objects.create(pattern="idiots", action="block")
    kinds = [h["kind"] for h in _hints(client, people["member_b"], title="Only idiots ask", body=PHONE)]
    assert kinds == ["personal_data", "blocked_word"]
    assert [h["kind"] for h in _hints(client, people["member_b"], title=CRISIS, body="Nothing else.")] == ["crisis"]


def test_a_writer_is_told_every_word_that_would_be_refused(people, client):
    WatchedWord.objects.create(pattern="idiots", action="block")
    WatchedWord.objects.create(pattern="losers", action="block")
    WatchedWord.objects.create(pattern="darn", action="censor")
    [hint] = _hints(client, people["member_b"], body="Darn idiots and losers.")
    assert hint["kind"] == "blocked_word"
    assert hint["message"] == "Some words aren't allowed here (“idiots”, “losers”); your post would be refused."


def test_a_counsellor_is_warned_only_of_words_that_would_be_refused(people, client):
    WatchedWord.objects.create(pattern="idiots", action="block")
    assert _hints(client, people["counsellor"], body=f"{CRISIS}. {PHONE}") == []
    assert [h["kind"] for h in _hints(client, people["counsellor"], body="Idiots, all of them.")] == ["blocked_word"]


def test_a_word_refused_in_one_language_is_hinted_only_to_writers_of_that_language(client):
    WatchedWord.objects.create(pattern="kiss", action="block", language="sv")
    swedish, english = UserFactory(preferred_language="sv"), UserFactory(preferred_language="en")
    assert [h["kind"] for h in _hints(client, swedish, body="Jag måste kiss")] == ["blocked_word"]
    assert _hints(client, english, body="A kiss on the cheek") == []


def test_a_word_refused_in_one_language_is_refused_only_for_writers_of_that_language(space):
    WatchedWord.objects.create(pattern="kiss", action="block", language="sv")
    swedish, english = UserFactory(preferred_language="sv"), UserFactory(preferred_language="en")
    assert not screen(author=english, space=space, mode=Mode.WALL, text="A kiss on the cheek").held
    with pytest.raises(ScreeningBlocked):
        screen(author=swedish, space=space, mode=Mode.WALL, text="Jag måste kiss")


def test_personal_data_behind_a_link_is_held_like_shown_text(people, space):
    text = '<a href="mailto:anna@example.com">Write to me</a> about the course.'
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=text)
    assert verdict.held and "an e-mail address" in verdict.reason


def test_the_author_is_told_every_reason_a_text_is_held(people, space):
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=f"{PHONE}. {CRISIS}")
    assert verdict.reason == (
        "Your text seems to contain a phone number. To protect you, a counsellor checks it before it is shown. "
        "You can edit it out yourself. A counsellor will read what you wrote and get in touch with you."
    )



def test_a_phone_number_at_the_end_of_a_text_with_a_link_is_held(people, space):
    text = 'Read <a href="https://www.ug.dk/">the guide</a> or call 20 12 34 56'
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=text)
    assert verdict.held and "a phone number" in verdict.reason


def test_screening_with_no_title_surface_or_reason_to_reconsider_screens_a_plain_post(people, space):
    """What a caller gets without the optional arguments: a post, no title, nothing to reconsider."""
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text="Start with the school's guide.")
    assert (verdict.state, verdict.title, verdict.surface, verdict.hits) == ("published", "", Surface.POST, ())
    # A message in a private conversation (the default surface there) is not read for personal data.
    message = screen(author=people["member_a"], space=space, mode=Mode.CONVERSATION, text=PHONE)
    assert not message.held


def test_hints_without_saying_private_are_for_a_public_post(people):
    [hint] = draft_hints(author=people["member_b"], text=PHONE)
    assert hint.kind == "personal_data"


def test_an_empty_text_is_refused(people, space):
    with pytest.raises(ValidationError):
        screen(author=people["member_b"], space=space, mode=Mode.WALL, text="")


def test_an_api_client_is_told_the_text_was_refused_for_a_blocked_word(people, space, api):
    WatchedWord.objects.create(pattern="idiots", action="block")
    thread = ask(space, people["member_a"])
    response = api(people["member_b"]).post(f"/api/v1/threads/{thread.pk}/posts/", {"body": "Only idiots ask."}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "blocked"


def test_a_censored_word_in_a_title_is_replaced_too(people, space):
    WatchedWord.objects.create(pattern="crap", action="censor", replacement="***")
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, title="A crap school?", text="Is it crap?")
    assert (verdict.title, verdict.text) == ("A *** school?", "Is it ***?")


def _hit(verdict, rule):
    [hit] = [hit for hit in verdict.hits if hit.rule == rule]
    return hit


def test_the_moderator_sees_every_word_rule_and_every_crisis_signal_that_fired(people, space):
    for pattern, action in (("crap", "censor"), ("darn", "censor"), ("vape", "require_approval"), ("vapes", "require_approval")):
        WatchedWord.objects.create(pattern=pattern, action=action, replacement="***")
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text="Darn crap: a vape, two vapes.")
    assert _hit(verdict, "watched_word_censor").detail == "crap, darn"
    assert _hit(verdict, "watched_word_approval").detail == "vape, vapes"
    crisis = _hit(screen(author=people["member_b"], space=space, mode=Mode.WALL, text="I cut myself again. I want to kill myself."), "crisis")
    assert "”; Suicide: “kill myself”" in crisis.detail


def test_the_author_is_told_each_kind_of_personal_data_found(people, space):
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=f"{PHONE} or mail anna@example.com")
    assert "seems to contain a phone number, an e-mail address." in verdict.reason


def test_links_are_checked_only_in_public_posts_of_new_members(settings, people, space):
    settings.MODERATION_LINK_MIN_APPROVED_POSTS = 1
    newcomer = UserFactory()
    link = "Look at https://www.ug.dk/ for the dates."
    assert screen(author=newcomer, space=space, mode=Mode.WALL, text=link).held
    assert not screen(author=newcomer, space=space, mode=Mode.CONVERSATION, text=link).held
    assert not screen(author=newcomer, space=space, mode=Mode.WALL, text=link, surface=Surface.PUBLIC_NOTE).held


def test_a_premoderated_space_holds_public_posts_and_summaries_only(settings, people, space):
    settings.MODERATION_FIRST_POSTS_HELD = 1
    space.premoderate_all_posts = True
    newcomer = UserFactory()
    text = "Start with the school's guide."
    for surface in (Surface.POST, Surface.SUMMARY):
        verdict = screen(author=newcomer, space=space, mode=Mode.WALL, text=text, surface=surface)
        assert rules_fired(verdict) == {"first_posts", "space_premoderation"}, surface
    assert not screen(author=newcomer, space=space, mode=Mode.CONVERSATION, text=text).held
    assert not screen(author=newcomer, space=space, mode=Mode.WALL, text=text, surface=Surface.PUBLIC_NOTE).held


def test_a_text_held_where_it_cannot_wait_is_refused_on_every_such_surface():
    """A note or a name is shown (or read) at once, so a held one is refused with its reason instead
    of waiting in the queue; posts, summaries and proposals wait for a moderator."""
    cannot_wait = {Surface.PUBLIC_NOTE, Surface.DISPLAY_NAME, Surface.PRIVATE_NOTE}
    for surface in Surface:
        held = Verdict(state=ModerationState.PENDING, html="", text="…", hits=(RuleHit("crisis", "…"),), surface=surface)
        assert held.refused is (surface in cannot_wait), surface
        shown = Verdict(state=ModerationState.PUBLISHED, html="", text="…", surface=surface)
        assert shown.refused is False, surface


def test_the_moderator_reads_what_the_author_was_told_on_the_queue_item(people, space):
    thread = ask(space, people["member_a"])
    held = answer(thread, people["member_b"], body=PHONE)
    [hit] = ModerationItem.objects.get(post=held).hits
    assert hit["rule"] == "personal_data"
    assert hit["message"].startswith("Your text seems to contain a phone number.")
    assert hit["detail"] == "a phone number"


def test_a_writer_is_told_every_kind_of_crisis_and_personal_data_in_one_hint_each(people):
    hints = draft_hints(
        author=people["member_b"], text=f"I cut myself again. I want to kill myself. {PHONE} or mail anna@example.com"
    )
    details = {hint.kind: hint.detail for hint in hints}
    assert details["crisis"] == "Self-harm, Suicide"
    assert details["personal_data"] == "a phone number, an e-mail address"


def _counts_of_approved_posts(captured) -> int:
    return sum(1 for query in captured.captured_queries if "COUNT(" in query["sql"] and "community_post" in query["sql"])


def test_a_new_members_approved_posts_are_counted_once_then_read_from_the_shared_cache(settings, space):
    """Screening runs on every post; a newcomer's count is one database query, not one per text."""
    settings.MODERATION_FIRST_POSTS_HELD = 3
    newcomer = UserFactory()
    with CaptureQueriesContext(connection) as first:
        assert screen(author=newcomer, space=space, mode=Mode.WALL, text="Which school first?").held
    with CaptureQueriesContext(connection) as second:
        assert screen(author=newcomer, space=space, mode=Mode.WALL, text="And then which one?").held
    assert _counts_of_approved_posts(first) == 1
    assert _counts_of_approved_posts(second) == 0


class _CountingCache:
    def __init__(self, inner):
        self.inner, self.reads = inner, 0

    def get(self, *args, **kwargs):
        self.reads += 1
        return self.inner.get(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_established_members_are_remembered_by_the_process_within_a_bound(settings, monkeypatch, space):
    """Past every threshold, a member is screened without a shared-cache round trip; the memo of
    such members is emptied when full, so a long-running worker's memory stays bounded."""
    from moderation import screening

    members = [UserFactory() for _ in range(3)]
    for member in members:
        ask(space, member)  # published: the first-posts rule is off while they ask
    settings.MODERATION_FIRST_POSTS_HELD = 1
    for member in members[:2]:
        assert not screen(author=member, space=space, mode=Mode.WALL, text="Thanks, that helped.").held
    counting = _CountingCache(screening.cache)
    monkeypatch.setattr(screening, "cache", counting)
    for member in members[:2]:
        assert not screen(author=member, space=space, mode=Mode.WALL, text="One more question.").held
    assert counting.reads == 0
    monkeypatch.setattr(screening, "ESTABLISHED_LIMIT", 2)
    assert not screen(author=members[2], space=space, mode=Mode.WALL, text="Thanks, that helped.").held
    assert 0 < len(screening._established) <= 2


def test_the_author_is_told_every_kind_of_personal_data_in_words():
    """Each kind is named in the author's language, never by its internal code ("dk_cpr")."""
    text = (
        "mit cpr er 070761-4285, personnummer 811218-9876, hetu 131052-308T, "
        "fødselsnummer 15076500565, ring 40 12 34 56, skriv til anna@example.com, "
        "snap: emma_2009, jeg bor på Vesterbrogade 12"
    )
    verdict = screen(author=UserFactory(), space=None, mode=Mode.WALL, text=text)
    named = _hit(verdict, "personal_data").detail.split(", ")
    assert sorted(named) == sorted(str(label) for label in PERSONAL_DATA_LABELS.values())
    assert "_" not in verdict.reason
