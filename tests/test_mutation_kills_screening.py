"""Which checks screening applies where a text will be shown, surface by surface (mutation survivors)."""

import pytest
from django.core.exceptions import ValidationError

from community.models import Mode
from community.safeguarding import Reconsider, Surface
from community.tiers import Tier
from moderation.models import WatchedWord
from moderation.screening import ScreeningBlocked, screen
from tests.factories import UserFactory
from tests.helpers import second_factor_passed

pytestmark = pytest.mark.django_db

PHONE = "Call me on 20 12 34 56"
CRISIS = "I can't cope anymore, I want to kill myself"


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


def rules_fired(verdict) -> set[str]:
    return {hit.rule for hit in verdict.hits}


@pytest.mark.parametrize(
    ("surface", "checked"),
    [
        (Surface.POST, True),
        (Surface.SUMMARY, True),
        (Surface.UPDATE_PROPOSAL, True),
        (Surface.PUBLIC_NOTE, True),
        (Surface.DISPLAY_NAME, True),
        (Surface.PRIVATE_NOTE, False),  # read by counsellors only
    ],
)
def test_personal_data_is_held_wherever_others_would_read_it(people, space, surface, checked):
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=PHONE, surface=surface)
    assert ("personal_data" in rules_fired(verdict)) is checked
    if checked:
        assert verdict.held and "a phone number" in verdict.reason


@pytest.mark.parametrize(
    ("surface", "refused"),
    [
        (Surface.POST, False),
        (Surface.SUMMARY, False),
        (Surface.UPDATE_PROPOSAL, False),
        (Surface.PUBLIC_NOTE, True),
        (Surface.DISPLAY_NAME, True),
    ],
)
def test_a_text_that_cannot_wait_in_the_queue_is_refused_instead_of_held(people, space, surface, refused):
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=PHONE, surface=surface)
    assert verdict.held and verdict.refused is refused


def test_a_note_in_a_private_conversation_is_still_checked_but_a_message_is_not(people, space):
    note = screen(author=people["member_a"], space=space, mode=Mode.CONVERSATION, text=PHONE, surface=Surface.PUBLIC_NOTE)
    assert "personal_data" in rules_fired(note)
    message = screen(author=people["member_a"], space=space, mode=Mode.CONVERSATION, text=PHONE, surface=Surface.POST)
    assert "personal_data" not in rules_fired(message) and not message.held


@pytest.mark.parametrize("surface", [s for s in Surface if s != Surface.DISPLAY_NAME])
def test_a_crisis_signal_reaches_a_counsellor_from_every_text_but_a_name(people, space, surface):
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=CRISIS, surface=surface)
    assert "crisis" in rules_fired(verdict) and verdict.urgent


def test_a_display_name_is_not_read_for_crisis_signals(people, space):
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=CRISIS, surface=Surface.DISPLAY_NAME)
    assert "crisis" not in rules_fired(verdict)


@pytest.mark.parametrize("surface", list(Surface))
def test_blocked_words_are_refused_everywhere_but_in_a_report_that_quotes_them(people, space, surface):
    WatchedWord.objects.create(pattern="idiots", action="block")
    text = "You are all idiots"
    if surface == Surface.PRIVATE_NOTE:
        verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=text, surface=surface)
        assert not verdict.held
    else:
        with pytest.raises(ScreeningBlocked):
            screen(author=people["member_b"], space=space, mode=Mode.WALL, text=text, surface=surface)


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("add me on snap: emma_2009", "a contact name for another app"),
        ("jeg bor på Nørrebrogade 44", "a street address"),
        (PHONE, "a phone number"),
        ("Mail me: ida at gmail dot com", "an e-mail address"),
    ],
)
def test_the_author_is_told_which_personal_data_was_found(people, space, text, told):
    verdict = screen(author=people["member_b"], space=space, mode=Mode.WALL, text=text)
    assert verdict.held and f"seems to contain {told}." in verdict.reason


@pytest.mark.parametrize("surface", [Surface.POST, Surface.SUMMARY, Surface.UPDATE_PROPOSAL])
def test_posts_summaries_and_proposals_are_shown_as_formatted_paragraphs(people, space, surface):
    verdict = screen(
        author=people["counsellor"], space=space, mode=Mode.WALL, text="Start with the school's guide.", surface=surface
    )
    assert verdict.html == "<p>Start with the school's guide.</p>"


def test_a_post_with_nothing_left_to_show_is_refused_with_a_message_on_the_body(people, space):
    with pytest.raises(ValidationError) as refusal:
        screen(author=people["member_b"], space=space, mode=Mode.WALL, text="<p> </p><!-- nothing -->")
    assert "Your text is empty once formatting is removed." in " ".join(refusal.value.message_dict["body"])


def test_a_late_edit_goes_back_to_a_counsellor_and_the_author_is_told_why(people, space):
    verdict = screen(
        author=people["member_b"], space=space, mode=Mode.WALL, text="An edited answer.", reconsider=Reconsider.LATE_EDIT
    )
    assert verdict.held and "edited_late" in rules_fired(verdict)
    assert "Others have already read your answer" in verdict.reason


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
