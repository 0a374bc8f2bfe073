"""Search: word forms in five languages, only what the asker may read, the API's contract.

Runs on SQLite (stems) and on PostgreSQL (text search vectors) alike.
"""

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from community import selectors, services
from community.models import ErasureRequest, ModerationState, Post
from community.selectors.search import search_for_user
from community.services.privacy import account_erase
from community.tiers import Tier
from moderation import services as moderation_services
from tests.factories import InformationPageFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


@pytest.fixture
def premoderated(space_factory):
    return space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)


def found(user, query, space=None) -> list[tuple[str, int]]:
    return [(hit.type, hit.id) for hit in search_for_user(user=user, query=query, space=space)[:50]]


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


WORD_FORMS = [
    ("en", "Where do I find summer jobs?", "I am 16 and live in Aarhus.", "summer job"),
    ("sv", "Var hittar jag ett sommarjobb?", "Jag är 16 och bor i Malmö.", "sommarjobben"),
    ("da", "Hvor finder jeg et sommerjob?", "Jeg er 16 og bor i Aarhus.", "sommerjobbet"),
    ("fi", "Mistä löydän kesätyön?", "Olen 16 ja asun Oulussa.", "kesätyöt"),
    ("nb", "Hvor finner jeg en sommerjobb?", "Jeg er 16 og bor i Bergen.", "sommerjobben"),
]


class TestWordForms:
    @pytest.mark.parametrize(("language", "title", "body", "query"), WORD_FORMS, ids=[w[0] for w in WORD_FORMS])
    def test_a_question_is_found_by_another_form_of_its_words(self, people, space, language, title, body, query):
        thread = ask(space, people["member_b"], title=title, body=body)
        ask(space, people["member_b"], title="Something else entirely", body="Nothing to do with it.")
        assert found(None, query) == [("thread", thread.pk)]
        hit = search_for_user(user=people["member_a"], query=query)[0]
        assert hit.title == title and hit.url == thread.get_absolute_url()

    def test_an_answer_is_found_and_its_matching_words_are_marked(self, people, space):
        thread = ask(space, people["member_b"], title="Working after school", body="How many hours may I work?")
        reply = answer(thread, people["counsellor"], body="Most supermarkets hire pupils for summer jobs in May.")
        [hit] = search_for_user(user=None, query="summer job")[:10]
        assert (hit.type, hit.id, hit.title) == ("post", reply.pk, "Working after school")
        assert hit.url.endswith(f"#post-{reply.pk}")
        assert "<mark>summer</mark>" in hit.snippet and "<mark>jobs</mark>" in hit.snippet

    def test_every_word_must_match(self, people, space):
        ask(space, people["member_b"], title="Summer jobs in a kitchen", body="Any tips?")
        assert found(None, "summer kitchen") != []
        assert found(None, "summer bakery") == []

    def test_a_snippet_never_carries_the_text_as_markup(self, people, space):
        ask(space, people["member_b"], title="Apprenticeship question", body='Is <script>alert("x")</script> an apprenticeship if 3 < 5?')
        [hit] = search_for_user(user=None, query="apprenticeship")[:10]
        assert "<script" not in hit.snippet and "3 &lt; 5" in hit.snippet
        assert "<mark>apprenticeship</mark>" in hit.snippet

    def test_an_edit_changes_what_is_found(self, people, space):
        thread = ask(space, people["member_b"], title="Plans after school", body="Thinking about carpentry.")
        question = thread.posts.get()
        services.post_edit(editor=people["member_b"], post=question, body="Thinking about plumbing.", title="Plans after school")
        assert found(None, "plumbing") == [("thread", thread.pk)]
        assert found(None, "carpentry") == []


class TestNeverFound:
    """Held, rejected, withdrawn, hidden and private text is never found, by anyone."""

    def everyone(self, people):
        return [None, people["member_a"], people["member_b"], people["counsellor"], people["moderator"]]

    def assert_nobody_finds(self, people, word):
        for user in self.everyone(people):
            assert found(user, word) == [], (word, user)

    def test_held(self, people, premoderated):
        thread = ask(premoderated, people["member_b"], title="Quokkatitle question", body="Quokkabody text")
        assert thread.state == ModerationState.PENDING
        self.assert_nobody_finds(people, "quokkatitle")
        self.assert_nobody_finds(people, "quokkabody")

    def test_rejected(self, people, premoderated):
        thread = ask(premoderated, people["counsellor"], title="A counsellor's question", body="Published at once.")
        rejected = answer(thread, people["member_b"], body="Call me on zebraphone")
        moderation_services.item_reject(moderator=people["moderator"], item=rejected.moderation_items.get(), reason="personal_data")
        self.assert_nobody_finds(people, "zebraphone")

    def test_withdrawn(self, people, space):
        thread = ask(space, people["member_a"], title="Where to train as a chef?", body="Any schools?")
        withdrawn = answer(thread, people["member_b"], body="Write to wombatmail")
        assert found(None, "wombatmail") == [("post", withdrawn.pk)]  # while published it can be found
        services.post_withdraw(user=people["member_b"], post=withdrawn)
        self.assert_nobody_finds(people, "wombatmail")

    def test_a_withdrawn_question_takes_its_answers_with_it(self, people, space):
        thread = ask(space, people["member_b"], title="Numbatquestion here", body="Details.")
        answer(thread, people["member_a"], body="Numbatanswer here")
        services.post_withdraw(user=people["member_b"], post=thread.posts.get(kind="question"))
        self.assert_nobody_finds(people, "numbatquestion")
        self.assert_nobody_finds(people, "numbatanswer")

    def test_private_conversations(self, people, space):
        thread = converse(space, people["member_b"], body="Echidnasecret in private")
        answer(thread, people["counsellor"], body="Echidnareply in private")
        self.assert_nobody_finds(people, "echidnasecret")
        self.assert_nobody_finds(people, "echidnareply")

    def test_erased_text_leaves_the_index_too(self, people, space):
        thread = ask(space, people["member_a"], title="Bilbytitle here", body="Bilbybody here")
        erased = answer(thread, people["member_b"], body="Possumtext here")
        ErasureRequest.objects.create(user=people["member_b"], hide_posts=True, requested_at=thread.created_at, due_at=thread.created_at)
        account_erase(user=people["member_b"])
        self.assert_nobody_finds(people, "possumtext")
        stored = Post.objects.filter(pk=erased.pk).values_list("search_stems", "search_vector").get()
        assert "possum" not in str(stored).lower()
        assert found(None, "bilbybody") == [("thread", thread.pk)]

    def test_threads_in_a_space_that_is_not_live(self, people, space_factory):
        draft = space_factory(tier=Tier.TRANSFORMATION)
        ask(draft, people["member_b"], title="Dingoquestion here", body="Details.")
        draft.live = False
        draft.save(update_fields=["live"])
        self.assert_nobody_finds(people, "dingoquestion")


class TestVisibility:
    def test_visitors_and_members_find_the_same_published_text(self, people, space):
        thread = ask(space, people["member_b"], title="Electrician apprenticeship", body="How long does it take?")
        assert found(None, "electrician") == found(people["member_a"], "electrician") == [("thread", thread.pk)]

    def test_a_members_own_held_question_is_not_found_even_by_them(self, people, premoderated):
        ask(premoderated, people["member_a"], title="Wallabyword question", body="Details.")
        assert found(people["member_a"], "wallabyword") == []

    def test_live_pages_are_found_and_drafts_are_not(self, people, space):
        page = InformationPageFactory(parent=space, title="Summer jobs for under 18s", summary="The rules on summer jobs.")
        InformationPageFactory(parent=space, title="Summer jobs draft", summary="Not ready.", live=False)
        assert found(None, "summer jobs") == [("page", page.pk)]

    def test_a_space_narrows_the_search(self, people, space, space_at):
        other = space_at(Tier.TRANSFORMATION)
        here = ask(space, people["member_b"], title="Carpentry courses", body="Where?")
        there = ask(other, people["member_b"], title="Carpentry schools", body="Which?")
        assert set(found(None, "carpentry")) == {("thread", here.pk), ("thread", there.pk)}
        assert found(None, "carpentry", space=other) == [("thread", there.pk)]


class TestSimilarQuestions:
    def test_suggestions_match_word_forms_through_the_same_search(self, people, space):
        thread = ask(space, people["member_b"], title="Var hittar jag sommarjobb?", body="Jag bor i Malmö.")
        suggested = selectors.similar_questions(user=people["member_a"], space=space, text="Tips om sommarjobben i Lund")
        assert [t.pk for t in suggested] == [thread.pk]

    def test_suggestions_come_from_the_space_only(self, people, space, space_at):
        ask(space_at(Tier.TRANSFORMATION), people["member_b"], title="Carpentry schools", body="Which?")
        assert selectors.similar_questions(user=people["member_a"], space=space, text="carpentry") == []


class TestQueryCounts:
    def grow(self, space, people, n):
        for i in range(n):
            thread = ask(space, people["member_b"], title=f"Summer jobs question {i}", body="Looking for summer jobs.")
            answer(thread, people["counsellor"], body=f"Summer jobs answer {i}")
        InformationPageFactory(parent=space, title=f"Summer jobs page {n}", summary="Summer jobs rules.")

    def test_the_search_page_and_the_api_make_the_same_number_of_queries_at_two_sizes(self, people, space, client, count_queries):
        counts = []
        client_api = api(people["member_a"])
        for n in (2, 12):
            self.grow(space, people, n)
            client.get("/search/", {"q": "summer jobs"})  # warm the site's caches
            page = count_queries(lambda: client.get("/search/", {"q": "summer jobs"}))
            client_api.get("/api/v1/search/", {"q": "summer jobs"})
            endpoint = count_queries(lambda: client_api.get("/api/v1/search/", {"q": "summer jobs"}))
            counts.append((page, endpoint))
        assert counts[0] == counts[1]

    def test_suggestions_make_the_same_number_of_queries_at_two_sizes(self, people, space, count_queries):
        counts = []
        suggest = lambda: selectors.similar_questions(user=people["member_a"], space=space, text="summer jobs")  # noqa: E731
        for n in (2, 12):
            self.grow(space, people, n)
            suggest()  # the viewer's roles are looked up once
            counts.append(count_queries(suggest))
        assert counts[0] == counts[1]


class TestSearchPage:
    def test_the_page_shows_questions_answers_and_pages_with_marked_words(self, people, space, client):
        thread = ask(space, people["member_b"], title="Where do I find summer jobs?", body="I am 16.")
        InformationPageFactory(parent=space, title="Rules for summer jobs", summary="Hours for summer jobs under 18.")
        content = client.get("/search/", {"q": "summer jobs"}).content.decode()
        assert '<label for="search-q">' in content
        assert thread.get_absolute_url() in content and "Rules for summer jobs" in content
        assert "<mark>summer</mark> <mark>jobs</mark>" in content

    def test_punctuation_alone_finds_nothing_and_fails_nothing(self, client, db):
        for query in ['"', "!!!", "a" * 500, "\x00", "-", "( OR )"]:
            assert client.get("/search/", {"q": query}).status_code == 200


class TestAPI:
    def test_visitors_get_results_in_the_contract_shape(self, people, space):
        thread = ask(space, people["member_b"], title="Var hittar jag sommarjobb?", body="Jag bor i Malmö.")
        reply = answer(thread, people["counsellor"], body="Kolla kommunens sommarjobb.")
        # (Pages are found through Wagtail's search: by the same word, not by its other forms.)
        page = InformationPageFactory(parent=space, title="Sommarjobb för unga", summary="Regler för sommarjobb.")
        response = api().get("/api/v1/search/", {"q": "sommarjobb"})
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 3 and body["next"] is None
        by_type = {result["type"]: result for result in body["results"]}
        assert set(by_type) == {"thread", "post", "page"}
        for result in body["results"]:
            assert {"type", "id", "title", "url", "snippet"} <= set(result)
        assert by_type["thread"]["id"] == thread.pk and by_type["thread"]["url"] == thread.get_absolute_url()
        assert by_type["post"]["id"] == reply.pk and "<mark>sommarjobb</mark>" in by_type["post"]["snippet"]
        assert by_type["page"]["id"] == page.pk and by_type["page"]["title"] == "Sommarjobb för unga"

    def test_results_are_paginated(self, people, space):
        for i in range(3):
            ask(space, people["member_b"], title=f"Carpentry question {i}", body="Where?")
        first = api().get("/api/v1/search/", {"q": "carpentry", "page_size": 2}).json()
        assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
        second = api().get(first["next"]).json()
        assert len(second["results"]) == 1
        assert {r["id"] for r in first["results"] + second["results"]} == {t.pk for t in space.threads.all()}

    def test_a_space_narrows_it(self, people, space, space_at):
        other = space_at(Tier.TRANSFORMATION)
        ask(space, people["member_b"], title="Carpentry courses", body="Where?")
        there = ask(other, people["member_b"], title="Carpentry schools", body="Which?")
        results = api().get("/api/v1/search/", {"q": "carpentry", "space": other.pk}).json()["results"]
        assert [(r["type"], r["id"]) for r in results] == [("thread", there.pk)]

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({}, "q"),
            ({"q": ""}, "q"),
            ({"q": "   "}, "q"),
            ({"q": "x" * 201}, "q"),
            ({"q": "jobs", "space": "abc"}, "space"),
            ({"q": "jobs", "space": "0"}, "space"),
            ({"q": "jobs", "page": "first"}, "page"),
            ({"q": "jobs", "page_size": "1000"}, "page_size"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_parameter(self, db, params, field):
        response = api().get("/api/v1/search/", params)
        assert response.status_code == 400
        assert field in response.json()["error"]["fields"]

    def test_a_space_nobody_can_see_is_a_404(self, people, space_factory):
        draft = space_factory(tier=Tier.TRANSFORMATION, live=False)
        response = api(people["member_a"]).get("/api/v1/search/", {"q": "jobs", "space": draft.pk})
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"

    def test_it_is_in_the_schema(self, db):
        schema = api().get("/api/v1/schema/", {"format": "json"}).json()
        operation = schema["paths"]["/api/v1/search/"]["get"]
        assert {"q", "space", "page"} <= {p["name"] for p in operation["parameters"]}
        assert reverse("api_search") == "/api/v1/search/"
