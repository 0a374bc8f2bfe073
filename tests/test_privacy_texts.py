"""Nothing private in notifications, e-mails, suggestions or the search index."""

import pytest
from django.core import mail
from django.urls import reverse

from community import selectors, services
from community.models import EventKind, Notification, NotificationSettings
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import WatchedWord
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db

SECRET = "pregnant and my parents do not know"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def wants_email(user, *kinds):
    NotificationSettings.objects.update_or_create(user=user, defaults={"email_kinds": "," + ",".join(kinds) + ","})


def everything_sent() -> str:
    """Every notification text and every e-mail's subject and body."""
    texts = list(Notification.objects.values_list("description", flat=True))
    texts += [message.subject for message in mail.outbox] + [message.body for message in mail.outbox]
    return "\n".join(texts)


class TestPrivateConversationNotifications:
    def test_counsellors_and_the_member_are_told_who_and_where_never_what(self, committed, people, space_at):
        space = space_at(Tier.TRANSFORMATION, title="First job")
        member, counsellor = people["member_a"], people["counsellor"]
        wants_email(counsellor, EventKind.CONVERSATION_NEW, EventKind.CONVERSATION_MESSAGE, EventKind.CONVERSATION_HANDED_TO_ME)
        wants_email(member, EventKind.CONVERSATION_REPLY)
        with committed():
            thread = services.conversation_start(member=member, space=space, body=f"I am {SECRET}. What now?")
        with committed():
            services.post_create(author=counsellor, thread=thread, body="Thank you for writing. Which school year are you in?")
        with committed():
            services.post_create(author=member, thread=thread, body=f"Year 9, and still {SECRET}")
        with committed():
            services.conversation_hand_over(counsellor=counsellor, thread=thread, to_user_id=people["moderator"].pk, note="Yours")

        sent = everything_sent()
        assert len(mail.outbox) == 3  # new conversation and new message to the counsellor, the reply to the member
        assert "pregnant" not in sent and "Which school year" not in sent
        assert "pregnant" not in thread.title
        new = Notification.objects.get(recipient=counsellor, kind=EventKind.CONVERSATION_NEW)
        assert new.description == f"A new private conversation from {member.display_name} in “First job”"
        message = Notification.objects.get(recipient=counsellor, kind=EventKind.CONVERSATION_MESSAGE)
        assert message.description == f"A new private message from {member.display_name} in “First job”"
        assert {m.subject for m in mail.outbox} >= {f"[{mail.outbox[0].subject.split(']')[0][1:]}] {new.description}"}
        reply = Notification.objects.get(recipient=member, kind=EventKind.CONVERSATION_REPLY)
        assert reply.description == "Anna Berg (counsellor) answered your private message in “First job”"
        handed = Notification.objects.get(kind=EventKind.CONVERSATION_HANDED_TO_ME)
        assert member.display_name in handed.description and "First job" in handed.description

    def test_a_subject_the_member_wrote_is_not_in_notifications_either(self, committed, people, space_at):
        space = space_at(Tier.TRANSFORMATION, title="First job")
        wants_email(people["counsellor"], EventKind.CONVERSATION_NEW)
        with committed():
            thread = services.conversation_start(
                member=people["member_a"], space=space, body="Please help", subject=f"I am {SECRET}"
            )
        assert SECRET in thread.title  # the counsellors' inbox shows the subject the member chose
        assert len(mail.outbox) == 1
        assert "pregnant" not in everything_sent()

    def test_a_decision_on_a_private_message_does_not_quote_it(self, committed, people, space_factory):
        space = space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True, title="First job")
        wants_email(people["member_a"], EventKind.MODERATION_DECISION)
        WatchedWord.objects.create(pattern="vape*", action="require_approval")
        thread = services.conversation_start(
            member=people["member_a"], space=space, body="Where can I buy vapes?", subject=f"I am {SECRET}"
        )
        held = thread.posts.get()
        assert held.state == "pending"
        with committed():
            moderation_services.item_reject(moderator=people["moderator"], item=held.moderation_items.get(), reason="spam")
        decision = Notification.objects.get(recipient=people["member_a"], kind=EventKind.MODERATION_DECISION)
        assert "First job" in decision.description
        assert "pregnant" not in everything_sent()

    def test_a_conversation_without_a_subject_gets_a_neutral_title(self, people, space_at):
        thread = services.conversation_start(member=people["member_a"], space=space_at(Tier.TRANSFORMATION), body=SECRET)
        assert thread.title == "Private conversation"


class TestSuggestionsMatchPublishedTextOnly:
    @pytest.fixture
    def premoderated(self, space_factory):
        return space_factory(tier=Tier.INTEGRATION, premoderate_all_posts=True)

    def suggested(self, user, space, text):
        return [thread.pk for thread in selectors.similar_questions(user=user, space=space, text=text)]

    def test_held_rejected_and_withdrawn_answers_are_never_matched(self, people, premoderated):
        moderator, asker, other = people["moderator"], people["member_a"], people["member_b"]
        thread = ask(premoderated, people["counsellor"], title="Where can I train as a chef?", body="Looking for schools.")
        published = answer(thread, other, body="Kitchen apprenticeship via quokkaschool")
        moderation_services.item_approve(moderator=moderator, item=published.moderation_items.get())
        held = answer(thread, other, body="Call me on zebraphone 5551234")
        rejected = answer(thread, other, body="My address is platypusroad 12")
        moderation_services.item_reject(moderator=moderator, item=rejected.moderation_items.get(), reason="personal_data")
        withdrawn = answer(thread, other, body="Mail wombatmail at example")
        moderation_services.item_approve(moderator=moderator, item=withdrawn.moderation_items.get())
        # While it was published it could be found ...
        assert self.suggested(asker, premoderated, "wombatmail") == [thread.pk]
        services.post_withdraw(user=other, post=withdrawn)

        # The published answer is found: the index holds published text ...
        assert self.suggested(asker, premoderated, "quokkaschool") == [thread.pk]
        # ... and nothing else, not even for the author or a moderator.
        for user in (asker, other, moderator):
            for word in ("zebraphone", "platypusroad", "wombatmail"):
                assert self.suggested(user, premoderated, word) == [], (word, user)
        assert held.state == "pending"

    def test_a_held_question_and_a_private_conversation_are_never_matched(self, people, space_factory):
        space = space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)
        ask(space, people["member_b"], title="Echidnatitle question", body="Echidnabody text")
        services.conversation_start(member=people["member_b"], space=space, body="numbatsecret", subject="Numbatsubject")
        for word in ("Echidnatitle", "Echidnabody", "numbatsecret", "Numbatsubject"):
            assert self.suggested(people["member_a"], space, word) == []

    def test_the_ask_page_shows_no_suggestion_from_rejected_text(self, as_user, people, premoderated):
        thread = ask(premoderated, people["counsellor"], title="Where can I train as a chef?", body="Looking for schools.")
        rejected = answer(thread, people["member_b"], body="Call dingophone 5551234")
        moderation_services.item_reject(moderator=people["moderator"], item=rejected.moderation_items.get(), reason="personal_data")
        response = as_user(people["member_a"]).post(
            reverse("wall_ask", args=[premoderated.pk]), {"title": "dingophone number", "body": "dingophone"}
        )
        assert "Where can I train as a chef?" not in response.content.decode()
