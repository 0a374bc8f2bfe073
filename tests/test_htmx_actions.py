"""Reactions, "helped", follows and mark-read, with and without htmx.

Without scripts each button is a plain form: the view redirects as it always did. With htmx
(the HX-Request header) the same view runs the same service and answers with the piece of the
page that changed, rendered from the template the full page includes, with the new state. A
refusal keeps its status in both modes; with htmx it is sent to the page's alert region.
"""

import re

import pytest
from django.urls import reverse

from community.models import Endorsement, EventKind, Follow, Notification, Reaction
from community.tiers import Tier
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/threads/1/"}


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


@pytest.fixture
def wall(space, people):
    """Member A asked; member B answered."""
    thread = ask(space, people["member_a"])
    return thread, answer(thread, people["member_b"])


def notify(user, n=1, start=0):
    return [
        Notification.objects.create(
            recipient=user, kind=EventKind.ANSWER_ON_MY_QUESTION, event_key=f"post:{start + i}", verb="answer",
            description=f"Someone answered your question {start + i}.", actor=user, public=False, url="/",
        )
        for i in range(n)
    ]


def is_fragment(response) -> bool:
    text = response.content.decode()
    return "<html" not in text and "<body" not in text


def refusal_in_alert_region(response) -> str:
    """The refusal's text, checking it is sent to the alert region (and replaces no button)."""
    assert response.headers["HX-Retarget"] == "#action-status"
    assert response.headers["HX-Reswap"] == "innerHTML"
    return response.content.decode()


def announced(response) -> str:
    match = re.search(r'<div hx-swap-oob="innerHTML:#live-status">(.*?)</div>', response.content.decode(), re.S)
    return match.group(1) if match else ""


# ---------------------------------------------------------------- reactions


class TestReactions:
    def test_htmx_gets_the_reactions_with_the_new_state(self, as_user, people, wall):
        _thread, post = wall
        response = as_user(people["member_a"]).post(
            reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"}, **HTMX
        )
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        assert f'id="reactions-{post.pk}"' in html
        assert re.search(rf'id="react-{post.pk}-helpful" class="chip" aria-pressed="true">Helpful <span class="chip__count">1</span>', html)
        assert re.search(rf'id="react-{post.pk}-me_too" class="chip" aria-pressed="false">', html)
        assert announced(response) == "You reacted “Helpful”."
        assert Reaction.objects.filter(post=post, user=people["member_a"], kind="helpful").exists()

        # Taking it back: the same piece, unpressed, the count down again.
        response = as_user(people["member_a"]).post(
            reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "0"}, **HTMX
        )
        assert 'aria-pressed="true"' not in response.content.decode()
        assert '<span class="chip__count">0</span>' in response.content.decode()
        assert not Reaction.objects.filter(post=post).exists()

    def test_without_htmx_it_redirects_to_the_post(self, as_user, people, wall):
        thread, post = wall
        response = as_user(people["member_a"]).post(reverse("post_react", args=[post.pk]), {"kind": "me_too", "on": "1"})
        assert response.status_code == 302
        assert response["Location"] == f"/threads/{thread.pk}/#post-{post.pk}"
        assert Reaction.objects.filter(post=post, kind="me_too").count() == 1

    def test_the_page_and_the_htmx_answer_render_the_same_piece(self, as_user, people, wall):
        thread, post = wall
        client = as_user(people["member_a"])
        client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"})
        piece = client.post(reverse("post_react", args=[post.pk]), {"kind": "me_too", "on": "1"}, **HTMX).content.decode()
        page = client.get(reverse("thread_detail", args=[thread.pk])).content.decode()

        def group(html):
            start = html.index(f'<div class="reactions" id="reactions-{post.pk}"')
            return re.sub(r'value="[^"]{40,}"', "", html[start : html.index("</div>", start)])

        assert group(page) == group(piece)

    def test_reacting_to_ones_own_post_is_refused_in_both_modes(self, as_user, people, wall):
        _thread, post = wall
        client = as_user(people["member_b"])
        plain = client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"})
        assert plain.status_code == 403
        response = client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"}, **HTMX)
        assert response.status_code == 403
        assert "You cannot react to your own post." in refusal_in_alert_region(response)
        assert not Reaction.objects.exists()

    def test_a_second_click_is_a_400_that_shows_the_current_state(self, as_user, people, wall):
        thread, post = wall
        client = as_user(people["member_a"])
        client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"}, **HTMX)
        response = client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"}, **HTMX)
        assert response.status_code == 400
        html = refusal_in_alert_region(response)
        assert "You have already reacted “Helpful” to this post." in html
        # The buttons are sent again out of band, pressed, in case the page showed an old state.
        assert f'id="reactions-{post.pk}" role="group" aria-label="Reactions" hx-swap-oob="true"' in html
        assert 'aria-pressed="true"' in html
        plain = client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"})
        assert plain.status_code == 400 and thread.title in plain.content.decode()
        assert Reaction.objects.filter(post=post).count() == 1

    def test_a_post_the_user_cannot_see_is_a_404_in_both_modes(self, as_user, people, space):
        private = converse(space, people["member_b"])
        message = private.posts.get()
        client = as_user(people["member_a"])
        assert client.post(reverse("post_react", args=[message.pk]), {"kind": "helpful", "on": "1"}).status_code == 404
        response = client.post(reverse("post_react", args=[message.pk]), {"kind": "helpful", "on": "1"}, **HTMX)
        assert response.status_code == 404
        assert "Reload the page" in refusal_in_alert_region(response)

    def test_signed_out_htmx_is_sent_to_log_in_with_a_full_navigation(self, as_user, wall):
        _thread, post = wall
        client = as_user(None)
        plain = client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"})
        assert plain.status_code == 302 and plain["Location"].startswith(reverse("account_login"))
        response = client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"}, **HTMX)
        assert response.status_code == 200
        assert response["HX-Redirect"].startswith(reverse("account_login") + "?next=/threads/1/")
        assert not Reaction.objects.exists()


# ---------------------------------------------------------------- "this helped me"


class TestHelped:
    def test_htmx_gets_the_pressed_button_and_the_readers_line(self, as_user, people, wall):
        _thread, post = wall
        response = as_user(people["member_a"]).post(reverse("post_helped", args=[post.pk]), {"helped": "1"}, **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        assert re.search(rf'id="helped-{post.pk}-button" class="chip" aria-pressed="true">This helped me<', html)
        assert f'<div id="helped-status-{post.pk}" hx-swap-oob="true"><p class="helped">✔ This helped the person who asked</p>' in html
        assert announced(response) == "Marked: this answer helped you."
        post.refresh_from_db()
        assert post.helped_asker

        response = as_user(people["member_a"]).post(reverse("post_helped", args=[post.pk]), {"helped": "0"}, **HTMX)
        assert 'aria-pressed="false"' in response.content.decode()
        assert f'<div id="helped-status-{post.pk}" hx-swap-oob="true"></div>' in response.content.decode()
        post.refresh_from_db()
        assert not post.helped_asker

    def test_without_htmx_it_redirects(self, as_user, people, wall):
        thread, post = wall
        response = as_user(people["member_a"]).post(reverse("post_helped", args=[post.pk]), {"helped": "1"})
        assert response.status_code == 302 and response["Location"] == f"/threads/{thread.pk}/#post-{post.pk}"
        post.refresh_from_db()
        assert post.helped_asker

    @pytest.mark.parametrize("role", ["member_b", "peer_guide", "counsellor"])
    def test_only_the_asker_may_mark_in_both_modes(self, role, as_user, people, wall):
        _thread, post = wall
        client = as_user(people[role])
        assert client.post(reverse("post_helped", args=[post.pk]), {"helped": "1"}).status_code == 403
        response = client.post(reverse("post_helped", args=[post.pk]), {"helped": "1"}, **HTMX)
        assert response.status_code == 403
        assert refusal_in_alert_region(response)
        post.refresh_from_db()
        assert not post.helped_asker


# ---------------------------------------------------------------- endorsing an answer


class TestEndorse:
    def test_htmx_gets_the_withdraw_button_and_the_endorsement_line(self, as_user, people, wall):
        _thread, post = wall
        client = as_user(people["peer_guide"])
        response = client.post(reverse("post_endorse", args=[post.pk]), {"note": "Right, ask in writing."}, **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        control = html[: html.index("</form>")]
        assert f'id="endorse-{post.pk}"' in control and 'hx-post="/posts/' in control
        assert re.search(rf'id="endorse-{post.pk}-toggle" class="link-button" data-focus-after-swap>Withdraw my endorsement<', control)
        assert f'<div id="endorsements-{post.pk}" hx-swap-oob="true">' in html
        assert "Endorsed by a peer guide:" in html and "Right, ask in writing." in html
        assert announced(response) == "You endorsed the answer."
        assert Endorsement.objects.filter(post=post, endorsed_by=people["peer_guide"]).exists()

        # Withdrawing: the "Endorse this answer" disclosure comes back (focus goes to it), the line goes.
        response = client.post(reverse("post_endorse", args=[post.pk]), {"withdraw": "1"}, **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        assert re.search(rf'<details class="action-details" id="endorse-{post.pk}">\s*<summary id="endorse-{post.pk}-toggle" data-focus-after-swap>Endorse this answer<', html)
        assert f'<div id="endorsements-{post.pk}" hx-swap-oob="true"></div>' in html
        assert announced(response) == "Your endorsement is withdrawn."
        assert not Endorsement.objects.exists()

    def test_without_htmx_it_redirects_with_a_message(self, as_user, people, wall):
        thread, post = wall
        client = as_user(people["counsellor"])
        response = client.post(reverse("post_endorse", args=[post.pk]), {"note": ""})
        assert response.status_code == 302 and response["Location"] == f"/threads/{thread.pk}/#post-{post.pk}"
        page = client.get(response["Location"]).content.decode()
        assert "You endorsed the answer." in page and "Checked by a counsellor:" in page
        response = client.post(reverse("post_endorse", args=[post.pk]), {"withdraw": "1"})
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "Your endorsement is withdrawn." in page and "Checked by a counsellor:" not in page
        assert not Endorsement.objects.exists()

    def test_the_page_and_the_htmx_answer_render_the_same_piece(self, as_user, people, wall):
        thread, post = wall
        client = as_user(people["peer_guide"])
        piece = client.post(reverse("post_endorse", args=[post.pk]), {"note": ""}, **HTMX).content.decode()
        page = client.get(reverse("thread_detail", args=[thread.pk])).content.decode()

        def control(html):
            start = html.index(f'id="endorse-{post.pk}"')
            return re.sub(r'value="[^"]{40,}"| data-focus-after-swap', "", html[start : html.index("</form>", start)])

        assert control(page) == control(piece)

    def test_a_second_endorsement_is_a_400_that_shows_the_current_state(self, as_user, people, wall):
        _thread, post = wall
        client = as_user(people["peer_guide"])
        client.post(reverse("post_endorse", args=[post.pk]), {"note": ""})
        response = client.post(reverse("post_endorse", args=[post.pk]), {"note": ""}, **HTMX)
        assert response.status_code == 400
        html = refusal_in_alert_region(response)
        assert "You have already endorsed this answer." in html
        assert f'id="endorse-{post.pk}" hx-post="/posts/{post.pk}/endorse/"' in html and 'hx-swap-oob="true"' in html
        assert ">Withdraw my endorsement<" in html  # the page showed "Endorse": it is sent the current state
        assert Endorsement.objects.filter(post=post).count() == 1

    def test_withdrawing_an_endorsement_one_never_gave_is_a_400_in_both_modes(self, as_user, people, wall):
        _thread, post = wall
        client = as_user(people["counsellor"])
        assert client.post(reverse("post_endorse", args=[post.pk]), {"withdraw": "1"}).status_code == 400
        response = client.post(reverse("post_endorse", args=[post.pk]), {"withdraw": "1"}, **HTMX)
        assert response.status_code == 400
        assert "You have not endorsed this answer." in refusal_in_alert_region(response)

    def test_a_refused_note_leaves_the_form_as_it_is(self, as_user, people, wall):
        _thread, post = wall
        response = as_user(people["peer_guide"]).post(
            reverse("post_endorse", args=[post.pk]), {"note": "Good answer! Text me on 20 12 34 56"}, **HTMX
        )
        assert response.status_code == 400
        html = refusal_in_alert_region(response)
        assert "a phone number" in html
        assert "hx-swap-oob" not in html  # the note stays in the form, to be changed
        assert not Endorsement.objects.exists()

    @pytest.mark.parametrize("role", ["member_a", "member_b"])
    def test_members_may_not_endorse_in_either_mode(self, role, as_user, people, wall):
        _thread, post = wall
        client = as_user(people[role])
        assert client.post(reverse("post_endorse", args=[post.pk]), {"note": ""}).status_code == 403
        response = client.post(reverse("post_endorse", args=[post.pk]), {"note": ""}, **HTMX)
        assert response.status_code == 403
        assert refusal_in_alert_region(response)
        assert not Endorsement.objects.exists()

    def test_signed_out_htmx_is_sent_to_log_in(self, as_user, wall):
        _thread, post = wall
        response = as_user(None).post(reverse("post_endorse", args=[post.pk]), {"note": ""}, **HTMX)
        assert response["HX-Redirect"].startswith(reverse("account_login"))


# ---------------------------------------------------------------- withdrawing one's own answer


class TestWithdraw:
    def test_htmx_gets_the_whole_answer_back_hidden_with_its_replies(self, as_user, people, wall):
        thread, post = wall
        reply = answer(thread, people["member_a"], parent=post, body="Thanks, I will ask them.")
        response = as_user(people["member_b"]).post(reverse("post_withdraw", args=[post.pk]), **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        assert html.lstrip().startswith('<article class="post post--hidden"')
        assert f'id="post-{post.pk}" tabindex="-1" data-focus-after-swap>' in html  # the button is gone: focus moves here
        assert "Hidden." in html and ">Withdraw<" not in html[: html.index('class="replies"')]
        assert f'id="post-{reply.pk}"' in html and "Thanks, I will ask them." in html  # the replies stay under it
        assert announced(response) == "Your post is withdrawn. It is hidden from everyone else."
        post.refresh_from_db()
        assert post.state == "hidden"

    def test_the_answer_has_the_htmx_withdraw_button_and_works_without_it(self, as_user, people, wall):
        thread, post = wall
        client = as_user(people["member_b"])
        page = client.get(reverse("thread_detail", args=[thread.pk])).content.decode()
        assert f'hx-post="/posts/{post.pk}/withdraw/" hx-target="#post-{post.pk}" hx-swap="outerHTML"' in page
        response = client.post(reverse("post_withdraw", args=[post.pk]))
        assert response.status_code == 302 and response["Location"] == f"/threads/{thread.pk}/#post-{post.pk}"
        assert "Your post is withdrawn." in client.get(response["Location"]).content.decode()

    def test_anothers_post_is_a_403_and_a_withdrawn_one_too(self, as_user, people, wall):
        _thread, post = wall
        response = as_user(people["member_a"]).post(reverse("post_withdraw", args=[post.pk]), **HTMX)
        assert response.status_code == 403
        assert "You can only withdraw your own posts." in refusal_in_alert_region(response)
        client = as_user(people["member_b"])
        client.post(reverse("post_withdraw", args=[post.pk]), **HTMX)
        again = client.post(reverse("post_withdraw", args=[post.pk]), **HTMX)
        assert again.status_code == 403 and "This post is already hidden." in refusal_in_alert_region(again)


# ---------------------------------------------------------------- withdrawing one's own question


def question_of(thread):
    return thread.posts.get(kind="question")


class TestWithdrawQuestion:
    def test_htmx_gets_the_whole_thread_back_withdrawn(self, as_user, people, wall):
        thread, post = wall
        question = question_of(thread)
        response = as_user(people["member_a"]).post(reverse("post_withdraw", args=[question.pk]), **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        assert html.lstrip().startswith('<article class="thread" id="thread">')  # what the button targets
        assert re.search(
            rf'<div class="post post--question post--hidden" id="post-{question.pk}" tabindex="-1" data-focus-after-swap>', html
        )  # the confirm step is gone with it: focus moves to the question
        assert "Hidden." in html and "Withdrawn by its author" in html
        assert "Yes, withdraw my question" not in html
        assert 'id="answer-form-heading"' not in html  # no more answers on a withdrawn question
        assert "This question is hidden, so nobody can answer it now." in html  # and the page says why
        assert f'id="post-{post.pk}"' in html  # its author still sees the answers it had
        assert html.count("data-focus-after-swap") == 1
        assert announced(response) == "Your question is withdrawn. It is hidden from everyone else."
        question.refresh_from_db()
        thread.refresh_from_db()
        assert question.state == "hidden" and thread.state == "hidden"

    def test_the_page_asks_first_and_it_works_without_htmx(self, as_user, people, wall):
        thread, _post = wall
        question = question_of(thread)
        client = as_user(people["member_a"])
        page = client.get(reverse("thread_detail", args=[thread.pk])).content.decode()
        confirm = page[page.index('id="withdraw-question"') : page.index("</details>", page.index('id="withdraw-question"'))]
        assert f'action="/posts/{question.pk}/withdraw/"' in confirm
        assert f'hx-post="/posts/{question.pk}/withdraw/" hx-target="#thread" hx-swap="outerHTML"' in confirm
        assert "Nobody else will be able to see your question or its answers." in confirm
        assert '<article class="thread" id="thread">' in page
        response = client.post(reverse("post_withdraw", args=[question.pk]))
        assert response.status_code == 302 and response["Location"] == f"/threads/{thread.pk}/#post-{question.pk}"
        after = client.get(response["Location"]).content.decode()
        assert "Your question is withdrawn. It is hidden from everyone else." in after
        assert "Yes, withdraw my question" not in after
        thread.refresh_from_db()
        assert thread.state == "hidden"

    def test_the_htmx_piece_is_the_page_s_thread(self, as_user, people, wall):
        thread, _post = wall
        question = question_of(thread)
        client = as_user(people["member_a"])
        piece = client.post(reverse("post_withdraw", args=[question.pk]), **HTMX).content.decode()
        page = client.get(reverse("thread_detail", args=[thread.pk])).content.decode()

        def article(html):
            start = html.index('<article class="thread" id="thread">')
            end = html.index("</article>\n", html.index('id="answer', start))
            return re.sub(r'value="[^"]{40,}"| tabindex="-1" data-focus-after-swap', "", html[start:end])

        assert article(piece) == article(page)

    @pytest.mark.parametrize("role", ["member_b", "peer_guide"])
    def test_anothers_question_is_a_403_and_nothing_changes(self, role, as_user, people, wall):
        thread, _post = wall
        question = question_of(thread)
        client = as_user(people[role])
        page = client.get(reverse("thread_detail", args=[thread.pk])).content.decode()
        assert 'id="withdraw-question"' not in page and "Yes, withdraw my question" not in page
        response = client.post(reverse("post_withdraw", args=[question.pk]), **HTMX)
        assert response.status_code == 403
        assert "You can only withdraw your own posts." in refusal_in_alert_region(response)
        assert client.post(reverse("post_withdraw", args=[question.pk])).status_code == 403
        question.refresh_from_db()
        thread.refresh_from_db()
        assert question.state == "published" and thread.state == "published"

    def test_a_withdrawn_question_is_a_404_for_others_and_a_403_for_its_author(self, as_user, people, wall):
        thread, _post = wall
        question = question_of(thread)
        author = as_user(people["member_a"])
        author.post(reverse("post_withdraw", args=[question.pk]), **HTMX)
        again = author.post(reverse("post_withdraw", args=[question.pk]), **HTMX)
        assert again.status_code == 403 and "This post is already hidden." in refusal_in_alert_region(again)
        response = as_user(people["member_b"]).post(reverse("post_withdraw", args=[question.pk]), **HTMX)
        assert response.status_code == 404
        assert "This is not here any more." in refusal_in_alert_region(response)
        question.refresh_from_db()
        assert question.state == "hidden" and question.hidden_reason == "withdrawn"


# ---------------------------------------------------------------- following


class TestFollowThread:
    def test_htmx_gets_the_follow_controls_in_their_new_state(self, as_user, people, wall):
        thread, _post = wall
        client = as_user(people["peer_guide"])
        response = client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1"}, **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        assert 'id="thread-follow"' in html and ">Stop following</button>" in html
        assert '<option value="watching">' in html
        assert 'id="thread-follow-toggle"' in html  # the toggle keeps its id: focus stays on it
        assert announced(response) == "You follow this thread."
        assert Follow.objects.filter(user=people["peer_guide"], thread=thread).exists()

        response = client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "0"}, **HTMX)
        assert ">Follow this thread</button>" in response.content.decode()
        assert announced(response) == "You no longer follow this thread."
        assert not Follow.objects.filter(user=people["peer_guide"], thread=thread).exists()

    def test_without_htmx_it_redirects_with_a_message(self, as_user, people, wall):
        thread, _post = wall
        client = as_user(people["peer_guide"])
        response = client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1"})
        assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
        assert "You follow this thread." in client.get(response["Location"]).content.decode()

    def test_a_bad_level_is_a_400_in_both_modes(self, as_user, people, wall):
        thread, _post = wall
        client = as_user(people["member_b"])
        assert client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1", "level": "loud"}).status_code == 400
        response = client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1", "level": "loud"}, **HTMX)
        assert response.status_code == 400
        assert "Choose watching, normal or muted." in refusal_in_alert_region(response)
        assert Follow.objects.get(thread=thread, user=people["member_b"]).level == "normal"  # as answering left it

    def test_anothers_private_conversation_is_a_404_and_ones_own_a_403(self, as_user, people, space):
        thread = converse(space, people["member_a"])
        other = as_user(people["member_b"])
        assert other.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1"}).status_code == 404
        assert other.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1"}, **HTMX).status_code == 404
        own = as_user(people["member_a"])
        response = own.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1"}, **HTMX)
        assert response.status_code == 403
        assert "You hear about your private conversations anyway." in refusal_in_alert_region(response)
        assert not Follow.objects.filter(thread=thread).exists()


class TestFollowSpace:
    def test_htmx_gets_the_pressed_button(self, as_user, people, space):
        client = as_user(people["member_a"])
        response = client.post(reverse("space_follow", args=[space.pk]), {"follow": "1"}, **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        assert re.search(r'id="space-follow-toggle" class="button button--secondary" aria-pressed="true">Following this space<', response.content.decode())
        assert announced(response) == "You follow this space."
        response = client.post(reverse("space_follow", args=[space.pk]), {"follow": "0"}, **HTMX)
        assert 'aria-pressed="false">Follow this space<' in response.content.decode()
        assert not Follow.objects.exists()

    def test_without_htmx_it_redirects_to_the_space(self, as_user, people, space):
        response = as_user(people["member_a"]).post(reverse("space_follow", args=[space.pk]), {"follow": "1"})
        assert response.status_code == 302 and response["Location"] == space.url
        assert Follow.objects.filter(user=people["member_a"], space=space).exists()

    def test_a_space_that_is_not_live_is_a_404_in_both_modes(self, as_user, people, space_at):
        hidden = space_at(Tier.TRANSFORMATION, live=False)
        client = as_user(people["member_a"])
        assert client.post(reverse("space_follow", args=[hidden.pk]), {"follow": "1"}).status_code == 404
        response = client.post(reverse("space_follow", args=[hidden.pk]), {"follow": "1"}, **HTMX)
        assert response.status_code == 404 and refusal_in_alert_region(response)
        assert not Follow.objects.exists()


# ---------------------------------------------------------------- notifications


class TestMarkRead:
    def test_htmx_gets_the_read_notification_and_the_new_count(self, as_user, member):
        first, _second = notify(member, 2)
        response = as_user(member).post(reverse("notification_read", args=[first.pk]), **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        item = html[: html.index("</li>")]
        assert f'id="notification-{first.pk}"' in item
        assert "Mark as read" not in item and "badge--new" not in item
        assert "data-focus-after-swap" in item  # the button is gone: focus moves to the link
        assert '<span id="notification-bell"' in html and "1 unread notification<" in html
        assert '<span id="notification-count" hx-swap-oob="true"> <span class="badge badge--count" aria-label="1 unread">1</span>' in html
        assert announced(response) == "Marked as read."
        first.refresh_from_db()
        assert not first.unread

    def test_without_htmx_it_redirects(self, as_user, member):
        (note,) = notify(member)
        response = as_user(member).post(reverse("notification_read", args=[note.pk]))
        assert response.status_code == 302 and response["Location"] == reverse("notifications")
        note.refresh_from_db()
        assert not note.unread

    def test_anothers_notification_is_a_404_in_both_modes(self, as_user, member, member_b):
        (theirs,) = notify(member_b)
        client = as_user(member)
        assert client.post(reverse("notification_read", args=[theirs.pk])).status_code == 404
        response = client.post(reverse("notification_read", args=[theirs.pk]), **HTMX)
        assert response.status_code == 404 and refusal_in_alert_region(response)
        theirs.refresh_from_db()
        assert theirs.unread

    def test_all_read_with_htmx_gets_the_list_back_read(self, as_user, member, member_b):
        notify(member, 3)
        (theirs,) = notify(member_b, start=10)
        response = as_user(member).post(reverse("notifications_read_all"), {"show": "unread", "page": "1"}, **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        assert '<div id="notification-list">' in html and "You have read everything." in html
        assert '<span id="notification-count" hx-swap-oob="true"></span>' in html
        assert announced(response) == "3 notifications marked as read."
        assert not Notification.objects.filter(recipient=member, unread=True).exists()
        theirs.refresh_from_db()
        assert theirs.unread  # only one's own

    def test_all_read_without_htmx_redirects_to_the_same_view(self, as_user, member):
        notify(member, 2)
        client = as_user(member)
        response = client.post(reverse("notifications_read_all"), {"show": "unread"})
        assert response.status_code == 302 and response["Location"] == reverse("notifications") + "?show=unread"
        assert "2 notifications marked as read." in client.get(response["Location"]).content.decode()


class TestBadge:
    def test_the_badge_answers_htmx_with_the_count_pieces_only(self, as_user, member):
        notify(member, 2)
        response = as_user(member).get(reverse("notifications_badge"), **HTMX)
        assert response.status_code == 200 and is_fragment(response)
        html = response.content.decode()
        assert 'hx-get="/notifications/badge/" hx-trigger="every 60s"' in html
        assert "2 unread notifications" in html
        assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    def test_without_htmx_the_badge_address_is_the_notification_centre(self, as_user, member):
        assert as_user(member).get(reverse("notifications_badge"))["Location"] == reverse("notifications")

    def test_signed_out_polling_stops(self, as_user):
        assert as_user(None).get(reverse("notifications_badge"), **HTMX).status_code == 286

    def test_one_persons_count_never_shows_anothers(self, as_user, member, member_b):
        notify(member_b, 4)
        html = as_user(member).get(reverse("notifications_badge"), **HTMX).content.decode()
        assert "unread" not in html

    def test_the_badge_costs_the_same_queries_for_2_or_60_notifications(self, as_user, member, count_queries):
        client = as_user(member)
        url = reverse("notifications_badge")
        notify(member, 2)
        client.get(url, **HTMX)  # the session is in the cache from here on
        small = count_queries(lambda: client.get(url, **HTMX))
        notify(member, 58, start=100)
        large = count_queries(lambda: client.get(url, **HTMX))
        assert "60 unread notifications" in client.get(url, **HTMX).content.decode()
        # The count, plus what every signed-in request costs (the user, the sanction check, their roles).
        assert small == large <= 4


# ---------------------------------------------------------------- the page loads htmx safely


def test_pages_load_htmx_from_our_static_files_without_eval(client, as_user, member, wall):
    thread, _post = wall
    response = as_user(member).get(reverse("thread_detail", args=[thread.pk]))
    html = response.content.decode()
    assert '<script src="/static/js/vendor/htmx.min.js" defer></script>' in html
    assert re.findall(r'<script src="([^"]+)"', html) == [
        "/static/js/draft-hints.js", "/static/js/vendor/htmx.min.js", "/static/js/enhance.js"
    ]
    assert '"allowEval":false' in html and '"includeIndicatorStyles":false' in html
    policy = response["Content-Security-Policy"]
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
    assert 'id="live-status" class="visually-hidden" role="status" aria-live="polite"' in html


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("sv", "Du reagerade med ”Hjälpsamt”."),
        ("da", "Du reagerede med »Brugbart«."),
        ("fi", "Reagoit: ”Hyödyllinen”."),
        ("nb", "Du reagerte med «Nyttig»."),
    ],
)
def test_what_an_action_did_is_said_in_the_readers_language(language, said, as_user, people, wall):
    _thread, post = wall
    client = as_user(people["member_a"])
    client.post(reverse("language_set"), {"language": language, "next": "/"})
    response = client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"}, **HTMX)
    assert announced(response) == said
    refused_again = client.post(reverse("post_react", args=[post.pk]), {"kind": "helpful", "on": "1"}, **HTMX)
    assert refused_again.status_code == 400 and "reacted" not in refused_again.content.decode()
