"""Every visibility rule tried by id, for each role, on the web and through the API.

What a user would notice: the text of a held, rejected, hidden or withdrawn post
(and of a private conversation) is in the page or response for its author and the
counsellors, and nowhere for anyone else, however they ask for it. Writes that a
rule refuses leave nothing behind.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from community import services
from community.models import Endorsement, Post, Reaction, SummaryRevision, Thread
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import ModerationItem
from tests.factories import UserFactory
from tests.helpers import answer, ask, converse, second_factor_passed

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "author", "other_member", "peer_guide", "counsellor", "moderator"]
SEES_HIDDEN = {"author", "counsellor", "moderator"}
STATES = ["held", "rejected", "hidden_by_flags", "withdrawn"]
SECRET = "Quietly-kept words 7Q"


@pytest.fixture
def cast(people):
    return {
        "visitor": None,
        "author": people["member_a"],
        "other_member": people["member_b"],
        "peer_guide": people["peer_guide"],
        "counsellor": people["counsellor"],
        "moderator": people["moderator"],
    }


@pytest.fixture
def api_as():
    def client_for(user):
        client = APIClient()
        if user is not None:
            _instance, token = AuthToken.objects.create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return client_for


def _hold(space, write):
    """Write with the space pre-moderated, so the text is held for review."""
    space.premoderate_all_posts = True
    space.save()
    try:
        return write()
    finally:
        space.premoderate_all_posts = False
        space.save()


def _into_state(state, post, *, people, settings):
    """Take a post that is held (for "held", "rejected") or published (the others) into ``state``."""
    if state == "rejected":
        item = ModerationItem.objects.get(post=post)
        moderation_services.item_reject(moderator=people["moderator"], item=item, reason="harmful")
    elif state == "hidden_by_flags":
        settings.MODERATION_FLAG_THRESHOLD = 1
        moderation_services.flag_create(user=people["peer_guide"], post=post, reason="bullying")
    elif state == "withdrawn":
        services.post_withdraw(user=post.author, post=post)
    post.refresh_from_db()
    return post


@pytest.fixture
def answer_in(space_at, people, settings):
    """A published question by member B with member A's answer in the given state."""

    def make(state):
        space = space_at(Tier.TRANSFORMATION)
        thread = ask(space, people["member_b"], title="Which school has the best labs?", body="Asking for chemistry.")
        write = lambda: answer(thread, people["member_a"], body=SECRET)  # noqa: E731
        post = _hold(space, write) if state in ("held", "rejected") else write()
        return thread, _into_state(state, post, people=people, settings=settings)

    return make


@pytest.fixture
def question_in(space_at, people, settings):
    """Member A's wall question in the given state."""

    def make(state):
        space = space_at(Tier.TRANSFORMATION)
        write = lambda: ask(space, people["member_a"], title="A question kept back", body=SECRET)  # noqa: E731
        thread = _hold(space, write) if state in ("held", "rejected") else write()
        question = thread.posts.get(kind="question")
        _into_state(state, question, people=people, settings=settings)
        thread.refresh_from_db()
        return thread, question

    return make


# ---------------------------------------------------------------- an answer that is not published


@pytest.mark.parametrize("state", STATES)
def test_an_unpublished_answer_by_id(state, cast, answer_in, client, api_as):
    thread, post = answer_in(state)
    for role in ROLES:  # one world per state, every role tried against it
        user, sees = cast[role], role in SEES_HIDDEN
        client.logout()
        if user is not None:
            client.force_login(user)
            second_factor_passed(client, user)
        page = client.get(reverse("thread_detail", args=[thread.pk]))
        assert page.status_code == 200, role  # the question itself is published
        assert (SECRET in page.content.decode()) is sees, role

        api = api_as(user)
        by_id = api.get(f"/api/v1/posts/{post.pk}/")
        assert by_id.status_code == (200 if sees else 404), role
        assert (SECRET in by_id.content.decode()) is sees, role
        listed = api.get(f"/api/v1/threads/{thread.pk}/posts/")
        assert listed.status_code == 200, role
        assert (SECRET in listed.content.decode()) is sees, role


def test_why_an_answer_was_rejected_is_for_its_author_and_counsellors(cast, answer_in, api_as):
    _thread, post = answer_in("rejected")
    assert post.state_reason
    for role in ("author", "counsellor", "moderator"):
        body = api_as(cast[role]).get(f"/api/v1/posts/{post.pk}/").json()
        assert (body["status"], body["status_reason"]) == ("rejected", post.state_reason)


# ---------------------------------------------------------------- a question that is not published


@pytest.mark.parametrize("state", STATES)
def test_an_unpublished_question_by_id(state, cast, question_in, client, api_as):
    thread, question = question_in(state)
    for role in ROLES:
        user, sees = cast[role], role in SEES_HIDDEN
        client.logout()
        if user is not None:
            client.force_login(user)
            second_factor_passed(client, user)
        page = client.get(reverse("thread_detail", args=[thread.pk]))
        assert page.status_code == (200 if sees else 404), role
        assert (SECRET in page.content.decode()) is sees, role

        api = api_as(user)
        for url in (f"/api/v1/threads/{thread.pk}/", f"/api/v1/threads/{thread.pk}/posts/", f"/api/v1/posts/{question.pk}/"):
            response = api.get(url)
            assert response.status_code == (200 if sees else 404), (role, url)
            assert (SECRET in response.content.decode()) is sees, (role, url)
        wall = api.get(f"/api/v1/spaces/{thread.space_id}/threads/")
        assert ("A question kept back" in wall.content.decode()) is sees, role


# ---------------------------------------------------------------- private conversations


def test_a_private_conversation_by_id(cast, people, space_at, client, api_as):
    thread = converse(space_at(Tier.APPLICATION), people["member_a"], body=SECRET)
    message = thread.posts.get()
    for role in ROLES:
        user, sees = cast[role], role in SEES_HIDDEN
        client.logout()
        if user is not None:
            client.force_login(user)
            second_factor_passed(client, user)
        page = client.get(reverse("conversation_detail", args=[thread.pk]))
        if user is None:
            assert page.status_code == 302 and "/log-in/" in page["Location"]
        else:
            assert page.status_code == (200 if sees else 404), role
        assert (SECRET in page.content.decode()) is sees, role
        thread_page = client.get(reverse("thread_detail", args=[thread.pk]), follow=True)
        assert (SECRET in thread_page.content.decode()) is sees, role

        api = api_as(user)
        for url in (
            f"/api/v1/threads/{thread.pk}/posts/",
            f"/api/v1/posts/{message.pk}/",
            f"/api/v1/conversations/{thread.pk}/messages/",
        ):
            response = api.get(url)
            assert (SECRET in response.content.decode()) is sees, (role, url)
            if sees:
                assert response.status_code == 200, (role, url)
            else:
                assert response.status_code in (401, 403, 404), (role, url)


def test_the_member_inbox_lists_only_ones_own_conversations(people, space_at, as_user):
    space = space_at(Tier.APPLICATION)
    # The inbox lists conversations by subject (never by a title taken from the message).
    services.conversation_start(member=people["member_a"], space=space, body=SECRET, subject="Alpha's own subject")
    services.conversation_start(
        member=people["member_b"], space=space, body="Something else", subject="Worry about the future"
    )
    page = as_user(people["member_b"]).get(reverse("inbox")).content.decode()
    assert "Worry about the future" in page
    assert "Alpha" not in page and SECRET not in page


# ---------------------------------------------------------------- reacting to private posts


@pytest.mark.parametrize("reactor", ["counsellor", "author"])
def test_nobody_reacts_to_a_private_message(reactor, people, cast, space_at, api_as, as_user):
    thread = converse(space_at(Tier.TRANSFORMATION), people["member_a"], body="Something private")
    reply = answer(thread, people["counsellor"], body="We are here for you.")
    target = thread.posts.get(kind="message", author=people["member_a"]) if reactor == "counsellor" else reply
    response = api_as(cast[reactor]).put(f"/api/v1/posts/{target.pk}/reactions/helpful/")
    assert response.status_code == 403
    assert "Private messages cannot be reacted to" in response.json()["error"]["message"]
    web = as_user(cast[reactor]).post(reverse("post_react", args=[target.pk]), {"kind": "helpful", "on": "1"})
    assert web.status_code == 403
    assert not Reaction.objects.exists()


@pytest.mark.parametrize("state", ["held", "withdrawn"])
def test_nobody_reacts_to_an_unpublished_answer(state, answer_in, people, api_as):
    _thread, post = answer_in(state)
    response = api_as(people["counsellor"]).put(f"/api/v1/posts/{post.pk}/reactions/helpful/")
    assert response.status_code == 403
    assert not Reaction.objects.exists()


# ---------------------------------------------------------------- answering a question still waiting for review


@pytest.mark.parametrize("who", ["counsellor", "author"])
def test_a_question_waiting_for_review_takes_no_answers(who, question_in, cast, as_user, api_as):
    thread, _question = question_in("held")
    before = Post.objects.count()
    web = as_user(cast[who]).post(reverse("thread_answer", args=[thread.pk]), {"body": "An early answer."})
    assert web.status_code == 403
    assert "waiting for review" in web.content.decode()
    api = api_as(cast[who]).post(f"/api/v1/threads/{thread.pk}/posts/", {"body": "An early answer."}, format="json")
    assert api.status_code == 403
    assert "waiting for review" in api.json()["error"]["message"]
    assert Post.objects.count() == before
    page = as_user(cast[who]).get(reverse("thread_detail", args=[thread.pk])).content.decode()
    assert "waiting for review" in page


def test_a_counsellor_cannot_write_the_summary_of_a_question_waiting_for_review(question_in, people):
    thread, _question = question_in("held")
    with pytest.raises(PermissionDenied, match="waiting for review"):
        services.summary_revise(editor=people["counsellor"], thread=thread, body="The short answer.")
    assert not SummaryRevision.objects.exists()


# ---------------------------------------------------------------- silenced and suspended members


def _sanction(people, member, kind):
    days = 7 if kind == "silence" else None
    moderation_services.sanction_impose(moderator=people["moderator"], member=member, kind=kind, reason="Repeated insults", days=days)
    member.__dict__.pop("_restriction_cache", None)


@pytest.mark.parametrize("kind", ["silence", "suspension"])
class TestSanctionedMembersDoNotWrite:
    def test_starting_a_thread(self, kind, people, space_at):
        space = space_at(Tier.TRANSFORMATION)
        _sanction(people, people["member_a"], kind)
        with pytest.raises(PermissionDenied, match="Repeated insults"):
            ask(space, people["member_a"])
        assert not Thread.objects.exists()

    def test_editing_the_summary(self, kind, people, space_at):
        thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
        _sanction(people, people["peer_guide"], kind)
        with pytest.raises(PermissionDenied, match="Repeated insults"):
            services.summary_revise(editor=people["peer_guide"], thread=thread, body="The short answer.")
        assert not SummaryRevision.objects.exists()

    def test_proposing_an_update(self, kind, people, space_at):
        space = space_at(Tier.TRANSFORMATION)
        _sanction(people, people["member_a"], kind)
        with pytest.raises(PermissionDenied, match="Repeated insults"):
            services.update_propose(member=people["member_a"], space=space, title="Open day at the college", body="It is on Friday.")

    def test_endorsing(self, kind, people, space_at):
        thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
        peer_answer = answer(thread, people["member_b"], body="Apply on the college's page.")
        _sanction(people, people["peer_guide"], kind)
        with pytest.raises(PermissionDenied, match="Repeated insults"):
            services.endorsement_add(endorser=people["peer_guide"], post=peer_answer)
        assert not Endorsement.objects.exists()

    def test_answering_and_reacting(self, kind, people, space_at):
        thread = ask(space_at(Tier.TRANSFORMATION), people["member_b"])
        _sanction(people, people["member_a"], kind)
        with pytest.raises(PermissionDenied, match="Repeated insults"):
            answer(thread, people["member_a"])
        with pytest.raises(PermissionDenied, match="Repeated insults"):
            services.reaction_set(user=people["member_a"], post=thread.posts.get(), kind="me_too", on=True)
        assert not Reaction.objects.exists()

    def test_a_silenced_member_still_reaches_the_counsellors_privately(self, kind, people, space_at):
        space = space_at(Tier.APPLICATION)
        _sanction(people, people["member_a"], kind)
        if kind == "silence":
            thread = converse(space, people["member_a"], body="Can we talk?")
            assert thread.posts.get().body == "Can we talk?"
        else:
            with pytest.raises(PermissionDenied, match="Repeated insults"):
                converse(space, people["member_a"], body="Can we talk?")


def test_a_silenced_member_asking_on_the_web_reads_why_and_nothing_is_stored(people, space_at, as_user):
    space = space_at(Tier.TRANSFORMATION)
    _sanction(people, people["member_a"], "silence")
    response = as_user(people["member_a"]).post(
        reverse("wall_ask", args=[space.pk]), {"title": "How do I apply for EUX?", "body": "Tell me", "confirmed": "1"}
    )
    assert response.status_code == 403
    assert "Repeated insults" in response.content.decode()
    assert not Thread.objects.exists()


def test_an_unsanctioned_peer_guide_may_do_all_of_it(people, space_at):
    """The other side of the sanctions above: without one, each write goes through."""
    space = space_at(Tier.TRANSFORMATION)
    thread = ask(space, people["member_a"])
    peer_answer = answer(thread, people["member_b"], body="Apply on the college's page.")
    services.endorsement_add(endorser=people["peer_guide"], post=peer_answer)
    services.summary_revise(editor=people["peer_guide"], thread=thread, body="The short answer.")
    assert Endorsement.objects.filter(post=peer_answer).exists()
    assert SummaryRevision.objects.filter(summary__thread=thread).exists()


# ---------------------------------------------------------------- the co-constructed answer's history


def test_the_summary_history_shows_what_each_version_changed(people, space_at, as_user):
    thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
    services.summary_revise(editor=people["counsellor"], thread=thread, body="Apply before March through the portal.")
    services.summary_revise(editor=people["peer_guide"], thread=thread, body="Apply before April through the portal.")
    page = as_user(people["member_b"]).get(reverse("summary_history", args=[thread.pk])).content.decode()
    assert "<del>March</del>" in page
    assert "<ins>April</ins>" in page
    assert "<ins>Apply before March through the portal.</ins>" in page  # the first version is all new


def test_the_api_summary_history_has_the_same_changes(people, space_at, api_as):
    thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
    services.summary_revise(editor=people["counsellor"], thread=thread, body="Apply before March.")
    services.summary_revise(editor=people["counsellor"], thread=thread, body="Apply before April.")
    body = api_as(people["member_b"]).get(f"/api/v1/threads/{thread.pk}/summary/revisions/").json()
    results = body["results"] if isinstance(body, dict) else body
    newest = results[0]
    flattened = [tuple(change) if isinstance(change, list) else (change["op"], change["text"]) for change in newest["changes"]]
    assert ("delete", "March.") in flattened and ("insert", "April.") in flattened
    assert ("equal", "Apply before ") in flattened


def test_a_held_summary_version_is_for_its_editor_and_counsellors(people, space_at, api_as):
    space = space_at(Tier.TRANSFORMATION)
    thread = ask(space, people["member_a"])
    _hold(space, lambda: services.summary_revise(editor=people["peer_guide"], thread=thread, body=SECRET))
    for role, sees in (("member_b", False), ("peer_guide", True), ("counsellor", True)):
        response = api_as(people[role]).get(f"/api/v1/threads/{thread.pk}/summary/revisions/")
        assert (SECRET in response.content.decode()) is sees, role


def test_a_new_member_is_not_a_peer_guide(space_at, people):
    newcomer = UserFactory()
    thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
    with pytest.raises(PermissionDenied):
        services.summary_revise(editor=newcomer, thread=thread, body="My own summary.")
