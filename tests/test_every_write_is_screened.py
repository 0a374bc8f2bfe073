"""Nothing a member writes reaches another member without passing the screening entry point.

The test walks every write service of the community and moderation apps. A service that
takes free text must either be called here and be seen passing each text through
``moderation.screening.screen``, or be listed as exempt with the reason. A new service that
takes text and is in neither list fails the test, so it cannot slip past unnoticed.
"""

import inspect
import types
from unittest import mock

import pytest

from community import services as community_services
from community.models import ReferralService
from community.tiers import Tier
from moderation import screening
from moderation import services as moderation_services
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db

TEXT_PARAMETERS = {"body", "note", "title", "subject", "display_name", "change_note", "text", "message"}

# Texts that only staff write and only staff read, or that are not free text.
EXEMPT = {
    "conversation_conclude": "a counsellor's closing note, read by counsellors",
    "conversation_hand_over": "a counsellor's handover note to a colleague",
    "conversation_note_add": "a counsellor's internal note; members never see it",
    "item_approve": "a moderator's decision note",
    "item_reject": "a moderator's decision note to the author",
    "item_escalate": "a moderator's note to a colleague",
    "item_edit_and_approve": "a moderator's correction of a member's text, itself already screened",
    "sanction_impose": "a moderator's reason for a sanction",
    "items_bulk_decide": "the reason is a choice from a list, not free text",
    "screen": "the entry point itself",
    "user_create": "an administrator creating an account; checked by display_name_validate, walked below",
}


def _write_services() -> dict[str, types.FunctionType]:
    found = {}
    for package in (community_services, moderation_services):
        for name, value in vars(package).items():
            if inspect.isfunction(value) and not name.startswith("_"):
                if TEXT_PARAMETERS & set(inspect.signature(value).parameters):
                    found[name] = value
    return found


@pytest.fixture
def world(space_at, people):
    space = space_at(Tier.TRANSFORMATION)
    thread = ask(space, people["member_a"])
    post = answer(thread, people["member_b"], body="Ask the study counsellor at school.")
    return {"space": space, "thread": thread, "post": post, **people}


def _recipes(world):
    """Each text-taking service, called with its own sentinel texts."""
    m, p, s = world["member_a"], world["post"], world["space"]
    return {
        "wall_question_ask": lambda t: community_services.wall_question_ask(
            author=m, space=s, title=t("title"), body=t("body")
        ),
        "conversation_start": lambda t: community_services.conversation_start(
            member=m, space=s, body=t("body"), subject=t("subject")
        ),
        "post_create": lambda t: community_services.post_create(author=m, thread=world["thread"], body=t("body")),
        "post_edit": lambda t: community_services.post_edit(
            editor=world["member_b"], post=p, body=t("body")
        ),
        "endorsement_add": lambda t: community_services.endorsement_add(
            endorser=world["peer_guide"], post=p, note=t("note")
        ),
        "summary_revise": lambda t: community_services.summary_revise(
            editor=world["peer_guide"], thread=world["thread"], body=t("body"), change_note=t("change_note")
        ),
        "update_propose": lambda t: community_services.update_propose(member=m, space=s, title=t("title"), body=t("body")),
        "flag_create": lambda t: moderation_services.flag_create(user=m, post=p, reason="spam", note=t("note")),
        "display_name_validate": lambda t: community_services.display_name_validate(display_name=t("display_name")),
        "member_profile_update": lambda t: community_services.member_profile_update(
            user=m, display_name=t("display_name"), email=m.email, preferred_language="en"
        ),
        "conversation_reach_out": lambda t: community_services.conversation_reach_out(
            counsellor=world["counsellor"], about_post=p, body=t("body")
        ),
        "private_talk_offer": lambda t: community_services.private_talk_offer(
            counsellor=world["counsellor"], post=p, message=t("message")
        ),
        "referral_create": lambda t: community_services.referral_create(
            counsellor=world["counsellor"],
            thread=community_services.conversation_start(member=m, space=s, body="Can we talk?"),
            service_id=ReferralService.objects.create(name="Ohjaamo", helps_with="x", contact="y").pk,
            note=t("note"),
        ),
        "member_sign_up": lambda t: community_services.member_sign_up(
            username="walker", display_name=t("display_name"), email="walker@example.org",
            password="a-long-Passw0rd-2026", preferred_language="en",
        ),
    }


WALKED = {
    "wall_question_ask", "conversation_start", "post_create", "post_edit", "endorsement_add", "summary_revise",
    "update_propose", "flag_create", "display_name_validate", "member_profile_update", "member_sign_up",
    "conversation_reach_out", "private_talk_offer", "referral_create",
}


def test_every_text_taking_service_is_walked_or_exempt_with_a_reason():
    services = set(_write_services())
    assert services - set(EXEMPT) - WALKED == set(), "a write service takes text but is neither walked nor exempt"
    assert WALKED <= services, "the walk names a service that no longer exists"


def test_every_member_text_passes_the_screening_entry_point(world):
    seen: list[str] = []
    real_screen = screening.screen

    def spy(**kwargs):
        seen.append(f"{kwargs.get('title', '')}\n{kwargs.get('text', '')}")
        return real_screen(**kwargs)

    recipes = _recipes(world)
    assert set(recipes) == WALKED
    for number, (name, call) in enumerate(recipes.items()):
        sentinels = {}

        def text(field, name=name, number=number, sentinels=sentinels):
            # A plausible text per field: names are short and unique, titles need five characters.
            value = f"Walker{number}" if field == "display_name" else f"Sentinel {name} {field} text"
            sentinels[field] = value
            return value

        with mock.patch.object(screening, "screen", side_effect=spy):
            call(text)
        for field, value in sentinels.items():
            assert any(value in texts for texts in seen), f"{name}: the {field} was not screened"
