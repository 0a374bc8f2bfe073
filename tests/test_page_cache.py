"""Anonymous visitors' pages come from the cache, and never show what they should not.

Each cached page (home, space with its wall filters and pages, space updates, thread,
information and update pages) is tried: a hit makes no query, a member never gets a cached
page nor leaves one behind, languages never mix, and the writes that change a page
(answers, edits that are held, approvals, withdrawals, rejections, publishing) show at once.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from community import services
from community.models import ModerationState
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import FlagReason, ModerationItem, RejectionReason
from tests.factories import InformationPageFactory, UpdatePageFactory
from tests.helpers import answer, ask

HIT = "X-Page-Cache"


@pytest.fixture
def site(space_factory, people, home):
    space = space_factory(tier=Tier.INTEGRATION, title="Choosing a school")
    information = InformationPageFactory(parent=space, title="How applying works")
    update = UpdatePageFactory(parent=space, owner=people["counsellor"], title="Open day on Friday")
    update_thread = services.update_thread_open(update_page=update)
    thread = ask(space, people["member_a"], title="Which school has carpentry?")
    first = answer(thread, people["counsellor"], body="The college in town teaches carpentry.")
    return {
        "space": space,
        "thread": thread,
        "answer": first,
        "update": update,
        "update_thread": update_thread,
        "urls": {
            "home": "/",
            "space": space.url,
            "wall_unanswered": f"{space.url}?filter=unanswered",
            "wall_page_2": f"{space.url}?filter=newest&page=2",
            "space_updates": f"{space.url}updates/",
            "thread": reverse("thread_detail", args=[thread.pk]),
            "information": information.url,
            "update": update.url,
        },
    }


PAGES = ["home", "space", "wall_unanswered", "wall_page_2", "space_updates", "thread", "information", "update"]


def cached(client, url):
    """Visit until the page comes from the cache (the first visit learns what the page follows)."""
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200
        if response.get(HIT) == "hit":
            return response
    raise AssertionError(f"{url} was never served from the cache")


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_a_hit_makes_no_query(client, site, name, count_queries):
    cached(client, site["urls"][name])
    assert count_queries(lambda: client.get(site["urls"][name])) == 0


@pytest.mark.parametrize("name", PAGES)
def test_logging_in_shows_the_members_page_not_the_cached_one(client, site, name, member):
    cached(client, site["urls"][name])
    client.force_login(member)
    response = client.get(site["urls"][name])
    assert response.get(HIT) is None
    assert "Signed in as" in response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_a_members_page_is_never_served_to_anyone_else(client, site, name, member):
    client.force_login(member)
    for _ in range(3):
        client.get(site["urls"][name])
    anonymous = Client()
    for _ in range(3):
        assert "Signed in as" not in page_text(anonymous, site["urls"][name])


@pytest.mark.parametrize("name", PAGES)
def test_languages_never_mix(site, name):
    danish, swedish = Client(), Client()
    danish.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    swedish.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    cached(danish, site["urls"][name])
    assert '<html lang="sv">' in page_text(swedish, site["urls"][name])
    assert '<html lang="da">' in cached(danish, site["urls"][name]).content.decode()
    assert '<html lang="sv">' in cached(swedish, site["urls"][name]).content.decode()


@pytest.mark.parametrize("name", ["thread", "space"])
def test_a_new_answer_or_question_shows_at_once(client, site, name, people):
    cached(client, site["urls"][name])
    answer(site["thread"], people["peer_guide"], body="Try the open day at the technical school.")
    ask(site["space"], people["member_b"], title="Is there a summer course in welding?")
    text = page_text(client, site["urls"][name])
    assert ("Try the open day" if name == "thread" else "summer course in welding") in text


def test_a_post_held_after_the_page_was_cached_disappears_and_comes_back_when_approved(client, site, people, moderator):
    url = site["urls"]["thread"]
    post = answer(site["thread"], people["member_b"], body="The technical school has a workshop.")
    assert "workshop" in cached(client, url).content.decode()
    held = services.post_edit(editor=people["member_b"], post=post, body="The workshop: call me on 20 12 34 56")
    assert held.state == ModerationState.PENDING
    assert "workshop" not in page_text(client, url)
    assert "workshop" not in cached(client, url).content.decode()
    moderation_services.item_approve(moderator=moderator, item=ModerationItem.objects.get(post=post, status="open"))
    assert "call me on" in page_text(client, url)


def test_a_question_held_after_the_wall_was_cached_leaves_the_wall(client, site, people):
    url = site["urls"]["space"]
    question = site["thread"].posts.get(kind="question")
    assert "Which school has carpentry?" in cached(client, url).content.decode()
    services.post_edit(editor=people["member_a"], post=question, body="Mail me: ida at gmail dot com")
    assert "Which school has carpentry?" not in page_text(client, url)


def test_a_comment_held_after_the_update_page_was_cached_is_not_served(client, site, people, moderator):
    url = site["urls"]["update"]
    comment = answer(site["update_thread"], people["member_b"], body="Is the open day for parents too?")
    assert "for parents too" in cached(client, url).content.decode()
    services.post_edit(editor=people["member_b"], post=comment, body="For parents too? Call me on 20 12 34 56")
    assert "for parents too" not in page_text(client, url).lower()


@pytest.mark.parametrize("name", ["thread", "space"])
def test_withdrawing_invalidates(client, site, people, name):
    url = site["urls"][name]
    cached(client, url)
    if name == "thread":
        services.post_withdraw(user=people["counsellor"], post=site["answer"])
        assert "The college in town teaches carpentry." not in page_text(client, url)
    else:
        services.post_withdraw(user=people["member_a"], post=site["thread"].posts.get(kind="question"))
        assert "Which school has carpentry?" not in page_text(client, url)


def test_rejecting_invalidates(client, site, people, moderator):
    url = site["urls"]["thread"]
    post = answer(site["thread"], people["member_b"], body="Buy my cheap carpentry course.")
    moderation_services.flag_create(user=people["peer_guide"], post=post, reason=FlagReason.SPAM)
    assert "cheap carpentry course" in cached(client, url).content.decode()
    item = ModerationItem.objects.get(post=post, status="open")
    moderation_services.item_reject(moderator=moderator, item=item, reason=RejectionReason.values[0])
    assert "cheap carpentry course" not in page_text(client, url)


def test_reactions_invalidate(client, site, people):
    url = site["urls"]["thread"]
    before = cached(client, url).content.decode()
    services.reaction_set(user=people["member_b"], post=site["answer"], kind="helpful", on=True)
    assert page_text(client, url) != before


def test_publishing_a_page_invalidates_the_space_and_the_page(client, site):
    space_url = site["urls"]["space"]
    draft = InformationPageFactory(parent=site["space"], title="Grants for apprentices", live=False)
    assert "Grants for apprentices" not in cached(client, space_url).content.decode()
    draft.save_revision().publish()
    assert "Grants for apprentices" in page_text(client, space_url)

    information_url = site["urls"]["information"]
    cached(client, information_url)
    page = site["space"].get_children().get(title="How applying works").specific
    page.title = "How applying works in 2027"
    page.save_revision().publish()
    assert "How applying works in 2027" in page_text(client, information_url)


def test_unpublishing_a_space_takes_it_off_the_home_page(client, site):
    assert "Choosing a school" in cached(client, "/").content.decode()
    site["space"].unpublish()
    assert "Choosing a school" not in page_text(client, "/")


def test_changing_the_sites_default_level_invalidates(client, site, site_settings, space_factory):
    url = space_factory(tier=None).url
    before = cached(client, url).content.decode()
    site_settings.default_tier = Tier.INTEGRATION if site_settings.default_tier != Tier.INTEGRATION else Tier.EMERGENCE
    site_settings.save()
    assert page_text(client, url) != before


def test_a_cached_pages_forms_work_for_the_next_visitor(site):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    cached(first, "/")
    response = cached(second, "/")
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    posted = second.post(reverse("language_set"), {"language": "sv", "next": "/", "csrfmiddlewaretoken": token})
    assert posted.status_code == 302
    assert second.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"


def test_a_page_with_a_message_is_neither_served_from_nor_kept_in_the_cache(client, site, member):
    url = site["urls"]["thread"]
    cached(client, url)
    client.force_login(member)
    client.post(reverse("account_logout"))  # says "You have logged out" on the next page, if anything
    response = client.get(url)
    assert response.get(HIT) is None


def test_a_thread_in_another_space_is_not_invalidated_by_this_space(client, site, space_factory, people):
    other = space_factory(tier=Tier.INTEGRATION)
    url = site["urls"]["thread"]
    cached(client, url)
    ask(other, people["member_b"], title="Something elsewhere")
    assert client.get(url).get(HIT) == "hit"



def test_a_new_display_name_shows_at_once(client, site, people):
    url = site["urls"]["thread"]
    member = people["member_a"]
    cached(client, url)
    services.member_profile_update(
        user=member, display_name="Riverstone Seven", email=member.email, preferred_language=member.preferred_language or "en"
    )
    assert "Riverstone Seven" in page_text(client, url)
