"""Every text a member writes passes the one screening entry point: notes, names, proposals, reports."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import services
from community.models import Endorsement, ModerationState
from community.roles import Role
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import CrisisRule, ModerationItem, WatchedWord
from tests.factories import UserFactory
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db

NOTE_WITH_DATA = "Good answer! Text me on 20 12 34 56 or anna@example.com"


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


@pytest.fixture
def answered(space, people):
    thread = ask(space, people["member_a"])
    return answer(thread, people["member_b"], body="Ask the study counsellor at your school.")


@pytest.fixture
def crisis_rule(db):
    return CrisisRule.objects.create(pattern="want to die", category="suicide")


class TestEndorsementNotes:
    def test_a_note_with_personal_data_is_refused_on_the_web_and_nothing_is_shown(self, answered, people, as_user):
        client = as_user(people["peer_guide"])
        response = client.post(reverse("post_endorse", args=[answered.pk]), {"note": NOTE_WITH_DATA}, follow=True)
        assert "a phone number" in response.content.decode()
        assert not Endorsement.objects.exists()
        page = as_user(None).get(reverse("thread_detail", args=[answered.thread_id])).content.decode()
        assert "20 12 34 56" not in page and "anna@example.com" not in page

    def test_a_note_with_personal_data_is_a_400_naming_the_note_in_the_api(self, answered, people, client):
        client.force_login(people["peer_guide"])
        response = client.post(
            f"/api/v1/posts/{answered.pk}/endorsements/", {"note": NOTE_WITH_DATA}, content_type="application/json"
        )
        assert response.status_code == 400
        assert "note" in response.json()["error"]["fields"]
        assert not Endorsement.objects.exists()

    def test_a_blocked_word_in_a_note_is_refused(self, answered, people):
        WatchedWord.objects.create(pattern="idiot*", action="block")
        with pytest.raises(ValidationError, match="aren't allowed"):
            services.endorsement_add(endorser=people["peer_guide"], post=answered, note="Only idiots ask this")
        assert not Endorsement.objects.exists()

    def test_markup_cannot_hide_a_blocked_word_in_a_note(self, answered, people):
        WatchedWord.objects.create(pattern="idiot*", action="block")
        with pytest.raises(ValidationError, match="aren't allowed"):
            services.endorsement_add(endorser=people["peer_guide"], post=answered, note="Only idi<!-- -->ots ask")

    def test_a_crisis_in_a_note_is_refused_but_reaches_a_counsellor_at_once(self, answered, people, crisis_rule):
        with pytest.raises(ValidationError):
            services.endorsement_add(endorser=people["peer_guide"], post=answered, note="Some days I want to die too")
        item = ModerationItem.objects.get(urgent=True)
        assert item.member == people["peer_guide"]
        assert "want to die" in item.text
        assert not Endorsement.objects.exists()

    def test_a_clean_note_is_kept(self, answered, people):
        endorsement = services.endorsement_add(endorser=people["peer_guide"], post=answered, note="Checked, this is right")
        assert endorsement.note == "Checked, this is right"


class TestSummaryChangeNotes:
    def test_a_change_note_with_personal_data_holds_the_revision(self, answered, people, as_user):
        revision = services.summary_revise(
            editor=people["peer_guide"],
            thread=answered.thread,
            body="Ask the study counsellor.",
            change_note="call 20 12 34 56",
        )
        assert revision.state == ModerationState.PENDING
        assert ModerationItem.objects.get(summary_revision=revision).rules == ["personal_data"]
        history = as_user(None).get(reverse("summary_history", args=[answered.thread_id]))
        assert "20 12 34 56" not in history.content.decode()


class TestUpdateProposals:
    def test_a_crisis_in_a_proposal_opens_an_urgent_item_in_the_same_transaction(self, space, people, crisis_rule):
        page = services.update_propose(
            member=people["member_a"], space=space, title="A thought", body="Sometimes I want to die before exams"
        )
        item = ModerationItem.objects.get(update_page=page)
        assert item.urgent and item.member == people["member_a"]
        assert "crisis" in item.rules

    def test_the_author_of_a_crisis_proposal_is_shown_help(self, space, people, crisis_rule, as_user):
        client = as_user(people["member_a"])
        response = client.post(
            reverse("update_propose", args=[space.pk]),
            {"title": "A thought", "body": "Sometimes I want to die before exams"},
        )
        assert response.status_code == 302 and reverse("help_now") in response["Location"]

    def test_a_blocked_word_in_a_proposal_is_refused(self, space, people):
        WatchedWord.objects.create(pattern="idiot*", action="block")
        with pytest.raises(ValidationError, match="aren't allowed"):
            services.update_propose(member=people["member_a"], space=space, title="Idiots everywhere", body="Text")


class TestReportNotes:
    def test_a_crisis_in_a_report_note_makes_the_item_urgent(self, answered, people, crisis_rule):
        moderation_services.flag_create(
            user=people["peer_guide"], post=answered, reason="inappropriate", note="She told me she wants to die"
        )
        item = ModerationItem.objects.get(post=answered)
        assert item.urgent and "crisis" in item.rules

    def test_a_silenced_member_cannot_report(self, answered, people, moderator):
        moderation_services.sanction_impose(
            moderator=moderator, member=people["peer_guide"], kind="silence", reason="Spam", days=3
        )
        with pytest.raises(Exception, match="can't post"):
            moderation_services.flag_create(user=people["peer_guide"], post=answered, reason="spam")


class TestDisplayNames:
    @pytest.mark.parametrize("name", ["Call me 40123456", "Ring 20 12 34 56", "Snap emma 40 12 34 56"])
    def test_contact_details_are_refused_at_sign_up(self, name, client):
        response = client.post(
            reverse("account_sign_up"),
            {
                "username": "newbie",
                "display_name": name,
                "email": "newbie@example.org",
                "password1": "a-long-Passw0rd-2026",
                "password2": "a-long-Passw0rd-2026",
                "preferred_language": "en",
                "birth_year": "2008",
            },
        )
        assert response.status_code in (200, 400)
        assert "cannot contain" in response.content.decode()

    def test_a_display_name_with_a_phone_number_is_a_400_naming_display_name(self, member, client):
        client.force_login(member)
        response = client.patch(
            "/api/v1/me/", {"display_name": "Call me 40123456"}, content_type="application/json"
        )
        assert response.status_code == 400
        assert "display_name" in response.json()["error"]["fields"]
        member.refresh_from_db()
        assert "40123456" not in member.display_name

    def test_a_name_made_of_a_blocked_word_is_refused(self, member):
        WatchedWord.objects.create(pattern="idiot*", action="block")
        with pytest.raises(ValidationError, match="aren't allowed"):
            services.member_profile_update(
                user=member, display_name="Idiots", email=member.email, preferred_language="en"
            )

    @pytest.mark.parametrize("name", ["Hansen Mikkel", "mikkel.hansen", "M1kkel Hans3n", "Mod3rat0r", "C0uns3ll0r"])
    def test_a_counsellor_name_in_any_order_or_with_digits_is_refused(self, name, member):
        UserFactory(display_name="Mikkel Hansen", roles=[Role.COUNSELLOR])
        with pytest.raises(Exception, match="counsellor|staff|taken"):
            services.member_profile_update(user=member, display_name=name, email=member.email, preferred_language="en")

    def test_ordinary_names_with_digits_stay_allowed(self, member):
        UserFactory(display_name="Mikkel Hansen", roles=[Role.COUNSELLOR])
        services.member_profile_update(user=member, display_name="Skyrunner 2009", email=member.email, preferred_language="en")
        assert member.display_name == "Skyrunner 2009"

    def test_a_silenced_member_cannot_change_their_name(self, member, moderator, client):
        moderation_services.sanction_impose(moderator=moderator, member=member, kind="silence", reason="Spam", days=3)
        client.force_login(member)
        response = client.patch("/api/v1/me/", {"display_name": "New Name Here"}, content_type="application/json")
        assert response.status_code == 403
        member.refresh_from_db()
        assert member.display_name != "New Name Here"


class TestPreview:
    URL = "/api/v1/screening/preview/"

    def test_personal_data_and_crisis_hints_and_nothing_is_written(self, member, client, crisis_rule):
        client.force_login(member)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                self.URL,
                {"body": "I want to die. Call me on 20 12 34 56", "title": "Help"},
                content_type="application/json",
            )
        assert response.status_code == 200
        kinds = {hint["kind"] for hint in response.json()["hints"]}
        assert kinds == {"crisis", "personal_data"}
        writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
        assert writes == []
        assert not ModerationItem.objects.exists()

    def test_a_private_message_gets_no_personal_data_hint(self, member, client):
        client.force_login(member)
        response = client.post(
            self.URL, {"body": "My number is 20 12 34 56", "private": True}, content_type="application/json"
        )
        assert response.json()["hints"] == []

    def test_markup_does_not_hide_an_address_from_the_hint(self, member, client):
        client.force_login(member)
        response = client.post(self.URL, {"body": "write to anna&#64;example.com"}, content_type="application/json")
        assert [hint["kind"] for hint in response.json()["hints"]] == ["personal_data"]

    def test_bad_input_is_a_clear_400(self, member, client):
        client.force_login(member)
        response = client.post(self.URL, {"text": "wrong field"}, content_type="application/json")
        assert response.status_code == 400
        assert "text" in response.json()["error"]["fields"]

    def test_it_is_throttled(self, member, client, settings):
        from django.core.cache import cache

        cache.clear()
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "screening_preview": "2/min"},
        }
        from rest_framework.settings import api_settings
        from rest_framework.throttling import SimpleRateThrottle

        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        client.force_login(member)
        codes = [
            client.post(self.URL, {"body": "hello there friends"}, content_type="application/json").status_code
            for _ in range(3)
        ]
        assert codes == [200, 200, 429]

    def test_the_forms_carry_the_hint_endpoint(self, space, people, as_user):
        page = as_user(people["member_a"]).get(reverse("wall_ask", args=[space.pk])).content.decode()
        assert 'data-draft-hints="/api/v1/screening/preview/"' in page


class TestEmptyAfterSanitising:
    @pytest.mark.parametrize("body", ["<b></b>", "<script></script>", "<!-- nothing -->", "\u200b\u200b"])
    def test_a_post_with_nothing_to_show_is_refused_and_nothing_is_stored(self, body, space, people, client):
        thread = ask(space, people["member_a"])
        client.force_login(people["member_b"])
        response = client.post(f"/api/v1/threads/{thread.pk}/posts/", {"body": body}, content_type="application/json")
        assert response.status_code == 400
        assert "empty" in response.json()["error"]["fields"]["body"][0]
        assert thread.posts.count() == 1


def test_personal_data_hidden_in_a_link_target_is_held(space_at, people):
    thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
    post = answer(thread, people["member_b"], body='<a href="mailto:anna@example.com">write to me</a>')
    assert post.state == ModerationState.PENDING
    assert "personal_data" in ModerationItem.objects.get(post=post).rules
