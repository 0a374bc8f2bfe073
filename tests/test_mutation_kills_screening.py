"""Which checks screening applies where a text will be shown, surface by surface (mutation survivors)."""

import pytest
from django.core.exceptions import ValidationError

from community.models import Mode
from community.safeguarding import Reconsider, Surface
from community.tiers import Tier
from moderation.models import WatchedWord
from moderation.screening import ScreeningBlocked, screen

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
