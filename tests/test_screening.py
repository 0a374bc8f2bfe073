"""Screening of every write: watched words, personal data, crisis signals, links, pre-moderation."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from community import services
from community.models import ModerationState, Post, Thread
from community.roles import Role
from community.tiers import Tier
from moderation.models import AuditEntry, CrisisRule, ModerationItem, WatchedWord
from tests.factories import UserFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(space_at):
    return space_at(Tier.INTEGRATION)


def item_rules(post):
    item = ModerationItem.objects.get(post=post, status="open")
    return item.rules


class TestWatchedWords:
    def test_block_refuses_with_a_clear_message_and_stores_nothing(self, as_user, people, space):
        WatchedWord.objects.create(pattern="idiot*", action="block")
        thread = ask(space, people["member_a"])
        before = Post.objects.count()
        response = as_user(people["member_b"]).post(
            reverse("thread_answer", args=[thread.pk]), {"body": "Only IDIOTS ask this."}
        )
        assert response.status_code == 400
        assert "words that aren&#x27;t allowed here (“IDIOTS”)" in response.content.decode()
        assert Post.objects.count() == before

    def test_censor_replaces_the_word_and_publishes(self, people, space):
        WatchedWord.objects.create(pattern="crap", action="censor", replacement="***")
        post = answer(ask(space, people["member_a"]), people["member_b"], body="That school is crap, honestly.")
        assert post.state == ModerationState.PUBLISHED
        assert "crap" not in post.body_html and "That school is ***, honestly." in post.body_html
        assert item_rules(post) == ["watched_word_censor"]

    def test_require_approval_holds(self, people, space):
        WatchedWord.objects.create(pattern="vape*", action="require_approval")
        post = answer(ask(space, people["member_a"]), people["member_b"], body="Where can I buy vapes?")
        assert post.state == ModerationState.PENDING
        assert item_rules(post) == ["watched_word_approval"]

    def test_flag_publishes_and_queues(self, people, space):
        WatchedWord.objects.create(pattern="party", action="flag")
        post = answer(ask(space, people["member_a"]), people["member_b"], body="Big party after the open day!")
        assert post.state == ModerationState.PUBLISHED
        assert item_rules(post) == ["watched_word_flag"]

    def test_whole_words_case_and_accents(self, people, space):
        WatchedWord.objects.create(pattern="fjols", action="require_approval")
        thread = ask(space, people["member_a"])
        assert answer(thread, people["member_b"], body="Fjöls!").state == ModerationState.PENDING
        assert answer(thread, people["member_b"], body="fjolsede ord").state == ModerationState.PUBLISHED

    def test_rules_apply_per_language(self, people, space):
        WatchedWord.objects.create(pattern="kiss", action="require_approval", language="sv")  # "pee" in Swedish
        thread = ask(space, people["member_a"])
        english = UserFactory(preferred_language="en")
        swedish = UserFactory(preferred_language="sv")
        assert answer(thread, english, body="A kiss on the cheek").state == ModerationState.PUBLISHED
        assert answer(thread, swedish, body="Jag måste kiss").state == ModerationState.PENDING

    def test_titles_are_screened_too(self, people, space):
        WatchedWord.objects.create(pattern="idiot*", action="block")
        with pytest.raises(ValidationError):
            services.wall_question_ask(author=people["member_a"], space=space, title="Idiots at school", body="Help")
        assert not Thread.objects.exists()


class TestPersonalData:
    @pytest.mark.parametrize(
        ("body", "told"),
        [
            ("Call me on 20 12 34 56", "a phone number"),
            ("Mail me: ida at gmail dot com", "an e-mail address"),
            ("My CPR is 070761-4285", "a Danish CPR number"),
            ("personnummer 811218-9876", "a Swedish personal identity number"),
            ("hetu 131052-308T", "a Finnish personal identity code"),
            ("fødselsnummer 15076500565", "a Norwegian national identity number"),
        ],
    )
    def test_public_posts_with_personal_data_are_held_and_the_author_told_why(self, as_user, people, space, body, told):
        thread = ask(space, people["member_a"])
        client = as_user(people["member_b"])
        response = client.post(reverse("thread_answer", args=[thread.pk]), {"body": body}, follow=True)
        post = Post.objects.get(thread=thread, author=people["member_b"])
        assert post.state == ModerationState.PENDING
        assert item_rules(post) == ["personal_data"]
        page = response.content.decode()
        assert told in page and "You can edit it out yourself." in page
        assert f'href="{reverse("post_edit", args=[post.pk])}"' in page  # offered to edit it out

    def test_private_conversations_with_counsellors_are_not_checked_for_personal_data(self, people, space):
        thread = converse(space, people["member_a"], body="You can call me on 20 12 34 56.")
        assert thread.posts.get().state == ModerationState.PUBLISHED
        assert not ModerationItem.objects.exists()

    def test_editing_the_data_out_waits_for_the_counsellor_who_held_it(self, people, space):
        post = answer(ask(space, people["member_a"]), people["member_b"], body="Call me on 20 12 34 56")
        edited = services.post_edit(editor=people["member_b"], post=post, body="Ask me here instead")
        # A held post stays held: the new text is read before anyone else sees it.
        assert edited.state == ModerationState.PENDING
        assert edited.body == "Ask me here instead"
        assert "edited_while_held" in item_rules(post)


class TestCrisis:
    def test_a_crisis_signal_holds_the_post_opens_an_urgent_item_and_shows_help(self, as_user, people, space):
        thread = ask(space, people["member_a"])
        client = as_user(people["member_b"])
        response = client.post(
            reverse("thread_answer", args=[thread.pk]), {"body": "Sometimes I just want to die."}, follow=True
        )
        post = Post.objects.get(thread=thread, author=people["member_b"])
        assert post.state == ModerationState.PENDING
        item = ModerationItem.objects.get(post=post)
        assert item.urgent and item.rules == ["crisis"]
        page = response.content.decode()
        assert response.redirect_chain[-1][0].startswith(reverse("help_now"))
        assert "A counsellor will read what you wrote and get in touch with you" in page
        assert "112" in page and "Livslinien" in page

    @pytest.mark.parametrize(
        "body",
        ["Jag vill inte leva längre", "Jeg har tanker om selvmord", "En jaksa elää enää", "my stepdad hits me. he hits me"],
    )
    def test_signals_in_every_language(self, people, space, body):
        post = answer(ask(space, people["member_a"]), people["member_b"], body=body)
        assert ModerationItem.objects.get(post=post).urgent

    @pytest.mark.parametrize(
        "body, words",
        [
            ("sometimes i stand on the balcony and think about letting go", "stand on the balcony"),
            ("jag står på bron varje kväll och tänker på att hoppa", "står på bron"),
            ("I won't be here after the exams", "won't be here after"),
        ],
    )
    def test_the_moderator_sees_the_category_and_the_words_that_matched(self, people, space, body, words):
        post = answer(ask(space, people["member_a"]), people["member_b"], body=body)
        item = ModerationItem.objects.get(post=post)
        (crisis,) = [hit for hit in item.hits if hit["rule"] == "crisis"]
        assert item.urgent and crisis["detail"] == f"Suicide: “{words}”"

    def test_the_urgent_item_exists_even_when_dispatching_the_alert_fails(self, people, space, django_capture_on_commit_callbacks):
        thread = ask(space, people["member_a"])
        with mock.patch("moderation.tasks.alert_counsellors_urgent.apply_async", side_effect=ConnectionError("broker down")):
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                post = answer(thread, people["member_b"], body="I want to kill myself")
        assert callbacks  # the alert was attempted after commit, and its failure was contained
        item = ModerationItem.objects.get(post=post)
        assert item.urgent and item.status == "open"

    def test_counsellors_are_alerted(self, people, space, django_capture_on_commit_callbacks):
        from community.models import Notification

        with django_capture_on_commit_callbacks(execute=True):
            answer(ask(space, people["member_a"]), people["member_b"], body="I cut myself again")
        recipients = set(Notification.objects.filter(kind="urgent_item").values_list("recipient_id", flat=True))
        assert recipients == {people["counsellor"].pk, people["moderator"].pk}

    def test_moderators_extend_the_rules(self, people, space):
        CrisisRule.objects.create(pattern="no way out", category="suicide", language="en")
        post = answer(ask(space, people["member_a"]), people["member_b"], body="There is no way out for me")
        assert ModerationItem.objects.get(post=post).urgent

    def test_a_crisis_in_a_private_conversation_is_escalated_too(self, people, space):
        thread = converse(space, people["member_a"], body="I don't want to live anymore")
        assert ModerationItem.objects.get(post=thread.posts.get()).urgent


class TestNewMembers:
    def test_a_members_first_posts_are_held(self, settings, people, space):
        settings.MODERATION_FIRST_POSTS_HELD = 2
        newcomer = UserFactory()
        thread = ask(space, people["counsellor"], title="Counsellors' question")
        first = answer(thread, newcomer, body="First!")
        assert first.state == ModerationState.PENDING and item_rules(first) == ["first_posts"]
        Post.objects.filter(pk=first.pk).update(state=ModerationState.PUBLISHED)
        second = answer(thread, newcomer, body="Second")
        assert second.state == ModerationState.PENDING
        Post.objects.filter(pk=second.pk).update(state=ModerationState.PUBLISHED)
        assert answer(thread, newcomer, body="Third").state == ModerationState.PUBLISHED

    def test_links_from_members_with_few_approved_posts_are_held(self, settings, people, space):
        settings.MODERATION_LINK_MIN_APPROVED_POSTS = 1
        thread = ask(space, people["counsellor"], title="Counsellors' question")
        newcomer = UserFactory()
        post = answer(thread, newcomer, body="Look at www.cheap-essays.example.com")
        assert post.state == ModerationState.PENDING and item_rules(post) == ["new_member_link"]
        answer(thread, newcomer, body="A plain answer")
        assert answer(thread, newcomer, body="See https://www.ug.dk/").state == ModerationState.PUBLISHED

    def test_an_established_member_is_remembered_until_one_of_their_posts_changes(self, settings, people, space):
        from moderation import screening

        settings.MODERATION_FIRST_POSTS_HELD = 1
        settings.MODERATION_LINK_MIN_APPROVED_POSTS = 1
        thread = ask(space, people["counsellor"], title="Counsellors' question")
        member = UserFactory()
        first = answer(thread, member, body="First!")
        first.state = ModerationState.PUBLISHED
        first.save()
        second = answer(thread, member, body="Second")
        assert second.state == ModerationState.PUBLISHED
        with mock.patch.object(screening.cache, "get", wraps=screening.cache.get) as reads:
            third = answer(thread, member, body="Third, see https://www.ug.dk/")
        assert third.state == ModerationState.PUBLISHED
        assert not [call for call in reads.call_args_list if "approved-posts" in str(call)]
        # A moderator rejects their posts: the next one is counted afresh and held again.
        for post in Post.objects.filter(author=member):
            post.state = ModerationState.REJECTED
            post.save()
        assert answer(thread, member, body="Fourth").state == ModerationState.PENDING

    def test_counsellors_are_never_held(self, settings, space):
        settings.MODERATION_FIRST_POSTS_HELD = 5
        settings.MODERATION_LINK_MIN_APPROVED_POSTS = 5
        counsellor = UserFactory(roles=[Role.COUNSELLOR])
        thread = ask(space, counsellor, title="A counsellor asks", body="See https://www.ug.dk/ or call 70 20 12 01")
        assert thread.state == ModerationState.PUBLISHED


def test_every_rule_that_fired_is_recorded_on_the_item(settings, people, space_factory):
    settings.MODERATION_FIRST_POSTS_HELD = 1
    WatchedWord.objects.create(pattern="vape*", action="require_approval")
    space = space_factory(tier=Tier.INTEGRATION, premoderate_all_posts=True)
    thread = ask(space, people["counsellor"], title="Counsellors' question")
    post = answer(thread, UserFactory(), body="Vapes at 20 12 34 56, I want to die")
    assert item_rules(post) == sorted(["watched_word_approval", "personal_data", "crisis", "first_posts", "space_premoderation"])
    assert post.state_reason  # the author is told, in plain words


def test_every_screening_verdict_is_audited(people, space):
    post = answer(ask(space, people["member_a"]), people["member_b"])
    entry = AuditEntry.objects.get(post=post, action="screened")
    assert entry.data == {"state": "published", "rules": []}
