"""Content language: CMS pages in the reader's language (with a fallback), the community shared by
every translation of a space, and notifications written out in the language the reader reads now."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale, PageViewRestriction

from community import services
from community.models import Notification, Thread
from community.notify import mail as notify_mail
from community.notify.messages import render
from community.roles import Role
from community.selectors.search import search_for_user
from community.services.privacy import account_erase
from community.tiers import Tier
from tests.factories import InformationPageFactory, UpdatePageFactory, UserFactory
from tests.helpers import answer, ask, converse
from tests.helpers import translate_page as _translate

pytestmark = pytest.mark.django_db


def _read_in(client, language):
    client.post(reverse("language_set"), {"language": language, "next": "/"})


def _answered_in_danish(capture_on_commit, people, space) -> Notification:
    """A Danish-reading member's question "Music lines" is answered: the notification they get."""
    asker = people["member_a"]
    asker.preferred_language = "da"
    asker.save()
    thread = ask(space, asker, title="Music lines")
    with capture_on_commit(execute=True):
        answer(thread, people["member_b"])
    return Notification.objects.get(recipient=asker)


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION, title="Choosing a school")


class TestTranslatedPages:
    def test_the_home_page_is_served_in_the_readers_language_and_in_english_without_a_translation(self, client, home):
        home.intro = "<p>Welcome, ask anything.</p>"
        home.save_revision().publish()
        _translate(home, "da", intro="<p>Velkommen, spørg om alt.</p>")

        _read_in(client, "da")
        danish = client.get("/")
        assert danish.status_code == 200
        assert "Velkommen, spørg om alt." in danish.content.decode()
        assert "Welcome, ask anything." not in danish.content.decode()

        _read_in(client, "sv")  # no Swedish translation: the English page, never a 404
        swedish = client.get("/")
        assert swedish.status_code == 200
        assert "Welcome, ask anything." in swedish.content.decode()

    def test_an_untranslated_page_under_a_translated_home_is_served_at_its_address(self, client, home, space):
        info = InformationPageFactory(parent=space, title="Quota 2", summary="How quota 2 works.")
        _translate(home, "da", intro="<p>Velkommen.</p>")
        _read_in(client, "da")
        response = client.get(info.url)
        assert response.status_code == 200
        assert "How quota 2 works." in response.content.decode()

    def test_a_translation_with_its_own_slug_is_served_at_the_sources_address(self, client, space):
        info = InformationPageFactory(parent=space, title="Quota 2", slug="quota-2", summary="How quota 2 works.")
        danish = _translate(info, "da", title="Kvote 2", slug="kvote-2", summary="Sådan virker kvote 2.")
        assert danish.url == info.url  # links to a translation lead to the one address
        _read_in(client, "da")
        content = client.get(info.url).content.decode()
        assert "Sådan virker kvote 2." in content
        _read_in(client, "en")
        assert "How quota 2 works." in client.get(info.url).content.decode()

    def test_a_translated_space_shows_the_same_threads_and_acts_on_the_space_itself(self, client, people, space):
        thread = ask(space, people["member_a"], title="Which gymnasium has music?")
        danish = _translate(space, "da", title="Vælg en skole", intro="<p>Her spørger du om skoler.</p>")

        client.force_login(people["member_b"])
        _read_in(client, "da")
        content = client.get(space.url).content.decode()
        assert "Vælg en skole" in content
        assert "Which gymnasium has music?" in content  # the community belongs to the space, not its translation
        # The forms and follow button act on the space itself, whichever translation is read.
        assert reverse("space_follow", args=[space.pk]) in content
        assert reverse("space_follow", args=[danish.pk]) not in content
        # A translation is no space of its own: nothing can be asked in it directly.
        assert client.get(reverse("wall_ask", args=[danish.pk])).status_code == 404
        assert thread.space_id == space.pk

    def test_lists_show_the_readers_titles_once(self, client, home, space):
        _translate(space, "da", title="Vælg en skole")
        _read_in(client, "da")
        content = client.get("/").content.decode()
        assert "Vælg en skole" in content
        assert "Choosing a school" not in content  # the translation instead of the source, not beside it
        assert space.url in content  # at the one address
        _read_in(client, "en")
        assert "Vælg en skole" not in client.get("/").content.decode()


class TestTranslatedUpdates:
    def test_a_translated_update_names_the_counsellor_who_wrote_it_not_its_translator(self, client, space, counsellor):
        translator = UserFactory(roles=[Role.COUNSELLOR], display_name="Tolk Translatorsen")
        update = UpdatePageFactory(parent=space, owner=counsellor, title="Apply by Friday")
        update.first_published_at = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=datetime.UTC)
        update.save()
        _translate(update, "da", title="Søg inden fredag", body="<p>Nyt fra vejlederne.</p>", owner=translator)

        _read_in(client, "da")
        for address in (update.url, space.url, space.url + "updates/"):
            content = client.get(address).content.decode()
            assert "Søg inden fredag" in content and "Nyt fra vejlederne." in content
            assert "Apply by Friday" not in content
            assert counsellor.display_name in content
            assert "Tolk Translatorsen" not in content
        assert 'datetime="2026-01-15' in client.get(update.url).content.decode()  # first published as the original


    def test_the_discussion_of_an_update_shows_the_update_in_the_readers_language(self, as_user, people, space, counsellor):
        translator = UserFactory(roles=[Role.COUNSELLOR], display_name="Tolk Translatorsen")
        update = UpdatePageFactory(
            parent=space, owner=counsellor, title="Apply by Friday", body="<p>The tech college opens on Saturday.</p>"
        )
        update.save_revision(user=counsellor).publish()
        thread = Thread.objects.get(update_page=update)
        _translate(update, "da", title="Søg inden fredag", body="<p>Teknisk skole åbner lørdag.</p>", owner=translator)
        client = as_user(people["member_b"])
        url = reverse("thread_detail", args=[thread.pk])

        _read_in(client, "da")
        content = client.get(url).content.decode()
        assert "<h1>Søg inden fredag</h1>" in content and "Teknisk skole åbner lørdag." in content
        assert "Apply by Friday" not in content and "The tech college opens on Saturday." not in content
        assert counsellor.display_name in content and "Tolk Translatorsen" not in content  # the author, not the translator
        assert f'href="{update.url}"' in content  # "Read the update" at its one address
        # A failed comment lands on the same page, with the update in Danish too.
        failed = client.post(reverse("thread_answer", args=[thread.pk]), {"body": ""})
        assert failed.status_code == 400 and "Teknisk skole åbner lørdag." in failed.content.decode()

        _read_in(client, "sv")  # no Swedish translation: the original
        content = client.get(url).content.decode()
        assert "The tech college opens on Saturday." in content and "<h1>Apply by Friday</h1>" in content
        assert "Teknisk skole" not in content

    def test_a_draft_translation_is_not_shown_on_the_discussion(self, as_user, people, space, counsellor):
        update = UpdatePageFactory(parent=space, owner=counsellor, title="Apply by Friday", body="<p>Original text.</p>")
        update.save_revision(user=counsellor).publish()
        thread = Thread.objects.get(update_page=update)
        locale, _ = Locale.objects.get_or_create(language_code="da")
        draft = update.copy_for_translation(locale, copy_parents=True)
        draft.body = "<p>Udkast.</p>"
        draft.save_revision()  # never published
        client = as_user(people["member_b"])
        _read_in(client, "da")
        content = client.get(reverse("thread_detail", args=[thread.pk])).content.decode()
        assert "Original text." in content and "Udkast." not in content


class TestNotificationsInTheReadersLanguage:
    def test_a_notification_written_in_danish_reads_in_swedish_after_switching(
        self, django_capture_on_commit_callbacks, as_user, people, space
    ):
        asker = people["member_a"]
        notification = _answered_in_danish(django_capture_on_commit_callbacks, people, space)
        name = people["member_b"].display_name
        assert notification.description == f"{name} har svaret på dit spørgsmål »Music lines«"

        client = as_user(asker)
        client.post(reverse("language_set"), {"language": "sv", "next": "/"})
        swedish = f"{name} svarade på din fråga ”Music lines”"
        assert swedish in client.get(reverse("notifications")).content.decode()
        api = client.get(reverse("api_notifications"))
        assert api.status_code == 200
        assert api.json()["results"][0]["text"] == swedish

    def test_a_counsellors_badge_in_the_name_is_translated_too(
        self, django_capture_on_commit_callbacks, as_user, people, space
    ):
        asker = people["member_a"]
        thread = ask(space, asker, title="Music lines")
        with django_capture_on_commit_callbacks(execute=True):
            answer(thread, people["counsellor"])
        client = as_user(asker)
        client.post(reverse("language_set"), {"language": "sv", "next": "/"})
        name = people["counsellor"].display_name
        assert f"{name} (vägledare) svarade på din fråga ”Music lines”" in client.get(reverse("notifications")).content.decode()

    def test_an_old_row_without_a_message_shows_its_stored_text(self, as_user, people):
        member = people["member_a"]
        Notification.objects.create(
            recipient=member,
            actor=member,
            verb="answer_on_my_question",
            kind="answer_on_my_question",
            event_key="old:1",
            description="Gammel tekst",
        )
        assert "Gammel tekst" in as_user(member).get(reverse("notifications")).content.decode()

    def test_an_unknown_message_falls_back_to_the_stored_text(self):
        assert render({"text": {"m": "no-such-message", "p": {}}}, "Stored") == "Stored"
        assert render({"text": {"m": "marked_helpful", "p": {}}}, "Stored") == "Stored"  # a missing parameter
        assert render({"text": {"m": "marked_helpful", "p": ["Anna"]}}, "Stored") == "Stored"  # a malformed row

    def test_the_list_costs_the_same_at_any_size(
        self, django_capture_on_commit_callbacks, as_user, people, space, count_queries
    ):
        asker = people["member_a"]
        thread = ask(space, asker)

        def grow(n):
            with django_capture_on_commit_callbacks(execute=True):
                for _ in range(n):
                    answer(thread, UserFactory(roles=[Role.MEMBER]))

        grow(2)
        client = as_user(asker)
        client.post(reverse("language_set"), {"language": "fi", "next": "/"})
        url = reverse("notifications")
        client.get(url)
        small = count_queries(lambda: client.get(url))
        grow(12)
        assert count_queries(lambda: client.get(url)) == small

    def test_an_erased_member_is_a_former_member_in_every_language(
        self, django_capture_on_commit_callbacks, as_user, people, space
    ):
        asker = people["member_a"]
        thread = ask(space, asker, title="Music lines")
        with django_capture_on_commit_callbacks(execute=True):
            answer(thread, people["member_b"])
        name = people["member_b"].display_name
        account_erase(user=people["member_b"])
        notification = Notification.objects.get(recipient=asker)
        assert name not in str(notification.data) and name not in notification.description
        client = as_user(asker)
        client.post(reverse("language_set"), {"language": "sv", "next": "/"})
        text = client.get(reverse("notifications")).content.decode()
        assert name not in text
        assert "Tidigare medlem svarade på din fråga ”Music lines”" in text


class TestPageTitlesInTheReadersLanguage:
    """Wherever a space's or an update's title is shown with other things (notifications, breadcrumbs,
    search results), it is the title of its translation in the reader's language, if there is one."""

    @staticmethod
    def _watch(user, space):
        services.follow_set(user=user, space=space, following=True, level="watching")

    def test_a_notification_names_the_space_by_its_title_in_the_readers_language(
        self, django_capture_on_commit_callbacks, as_user, people, space
    ):
        watcher = people["member_b"]
        self._watch(watcher, space)
        with django_capture_on_commit_callbacks(execute=True):
            ask(space, people["member_a"], title="Music lines")
        _translate(space, "da", title="Vælg en skole")

        client = as_user(watcher)
        _read_in(client, "da")
        said = "Nyt spørgsmål i »Vælg en skole«: Music lines"
        assert said in client.get(reverse("notifications")).content.decode()
        assert client.get(reverse("api_notifications")).json()["results"][0]["text"] == said
        _read_in(client, "sv")  # no Swedish translation: the title it has
        assert "Ny fråga i ”Choosing a school”: Music lines" in client.get(reverse("notifications")).content.decode()

    def test_an_update_notification_names_the_update_in_the_readers_language(
        self, django_capture_on_commit_callbacks, as_user, people, space, counsellor
    ):
        follower = people["member_b"]
        services.follow_set(user=follower, space=space, following=True)
        update = UpdatePageFactory(parent=space, owner=counsellor, title="Apply by Friday", live=False)
        with django_capture_on_commit_callbacks(execute=True):
            update.save_revision(user=counsellor).publish()
        _translate(update, "da", title="Søg inden fredag")
        client = as_user(follower)
        _read_in(client, "da")
        assert "Ny opdatering i »Choosing a school«: Søg inden fredag" in client.get(reverse("notifications")).content.decode()

    def test_the_notification_list_looks_titles_up_once_at_any_size(
        self, django_capture_on_commit_callbacks, as_user, people, space, space_at, count_queries
    ):
        other = space_at(Tier.TRANSFORMATION, title="First job")
        watcher = people["member_b"]
        for each in (space, other):
            self._watch(watcher, each)
            _translate(each, "da", title=f"{each.title} (da)")

        def grow(n):
            with django_capture_on_commit_callbacks(execute=True):
                for i in range(n):
                    ask((space, other)[i % 2], UserFactory(roles=[Role.MEMBER]), title=f"Question number {i}")

        grow(2)
        client = as_user(watcher)
        _read_in(client, "da")
        for url in (reverse("notifications"), reverse("api_notifications")):
            client.get(url)
            small = count_queries(lambda url=url: client.get(url))
            assert "First job (da)" in client.get(url).content.decode()
            grow(10)
            assert count_queries(lambda url=url: client.get(url)) == small

    def test_the_breadcrumb_names_the_space_in_the_readers_language(self, client, people, space):
        thread = ask(space, people["member_a"], title="Which gymnasium has music?")
        _translate(space, "da", title="Vælg en skole")
        _read_in(client, "da")
        content = client.get(thread.get_absolute_url()).content.decode()
        crumbs = content[content.index('<nav class="breadcrumbs"') : content.index("</nav>", content.index('<nav class="breadcrumbs"'))]
        assert f'<a href="{space.url}">Vælg en skole</a>' in crumbs
        _read_in(client, "en")
        assert f'<a href="{space.url}">Choosing a school</a>' in client.get(thread.get_absolute_url()).content.decode()

    def test_a_space_page_names_itself_once_in_its_breadcrumb(self, client, space):
        content = client.get(space.url).content.decode()
        start = content.index('<nav class="breadcrumbs"')
        crumbs = content[start : content.index("</nav>", start)]
        assert crumbs.count(space.title) == 1
        assert '<span aria-current="page">' + space.title in crumbs

    def test_search_results_show_pages_and_spaces_in_the_readers_language(self, client, people, space):
        info = InformationPageFactory(parent=space, title="Quota 2", summary="How quota 2 admission works.")
        _translate(space, "da", title="Vælg en skole")
        _translate(info, "da", title="Kvote 2", summary="Sådan virker kvote 2.")
        ask(space, people["member_a"], title="Is admission by quota 2 hard?")
        _read_in(client, "da")
        content = client.get(reverse("search"), {"q": "quota"}).content.decode()
        assert f'<a href="{info.url}">Kvote 2</a>' in content
        assert "Quota 2</a>" not in content
        assert "i Vælg en skole" in content and "Choosing a school" not in content  # the page's and the question's space
        results = client.get(reverse("api_search"), {"q": "quota"}).json()["results"]
        page = next(hit for hit in results if hit["type"] == "page")
        assert (page["title"], page["space"]["title"]) == ("Kvote 2", "Vælg en skole")

    def test_search_looks_titles_up_once_at_any_size(self, client, space, count_queries):
        _translate(space, "da", title="Vælg en skole")

        def grow(n, start):
            for i in range(start, start + n):
                _translate(InformationPageFactory(parent=space, title=f"Quota guide {i}"), "da", title=f"Kvoteguide {i}")

        grow(2, 0)
        _read_in(client, "da")
        url = reverse("search")
        client.get(url, {"q": "quota"})
        small = count_queries(lambda: client.get(url, {"q": "quota"}))
        grow(6, 2)
        content = client.get(url, {"q": "quota"}).content.decode()
        assert "Kvoteguide 7" in content and "Quota guide" not in content
        assert count_queries(lambda: client.get(url, {"q": "quota"})) == small


class TestSearchFindsTranslations:
    """A page is found by words that are only in one of its live translations, at its one address,
    and never through a draft or a restricted translation, nor when the page itself is not public."""

    @staticmethod
    def _page(space):
        info = InformationPageFactory(parent=space, title="Quota 2", summary="How quota 2 admission works.")
        return info, _translate(info, "da", title="Kvote 2", summary="Sådan virker optagelsesprøven i kvote 2.")

    def test_a_word_only_in_the_danish_translation_finds_the_page(self, client, people, space):
        info, _danish = self._page(space)
        _read_in(client, "da")
        [hit] = search_for_user(user=None, query="optagelsesprøven")[:10]
        assert (hit.type, hit.id, hit.url, hit.title) == ("page", info.pk, info.url, "Kvote 2")
        assert "<mark>optagelsesprøven</mark>" in hit.snippet  # the text it was found in
        assert [h.id for h in search_for_user(user=None, query="optagelsesprøven", space=space)[:10]] == [info.pk]

        content = client.get(reverse("search"), {"q": "optagelsesprøven"}).content.decode()
        assert f'<a href="{info.url}">Kvote 2</a>' in content
        [api_hit] = client.get(reverse("api_search"), {"q": "optagelsesprøven"}).json()["results"]
        assert (api_hit["type"], api_hit["title"]) == ("page", "Kvote 2")

        _read_in(client, "en")  # found by its Danish words, shown as the English reader reads it
        content = client.get(reverse("search"), {"q": "optagelsesprøven"}).content.decode()
        assert f'<a href="{info.url}">Quota 2</a>' in content
        assert [h.id for h in search_for_user(user=people["member_a"], query="quota")[:10]] == [info.pk]  # once

    def test_a_draft_translation_is_never_searched(self, space):
        info = InformationPageFactory(parent=space, title="Quota 2", summary="How quota 2 admission works.")
        locale, _ = Locale.objects.get_or_create(language_code="da")
        draft = info.copy_for_translation(locale, copy_parents=True)
        draft.summary = "Udkast om optagelsesprøven."
        draft.save()  # saved (and indexed), never published
        assert not draft.live
        assert search_for_user(user=None, query="optagelsesprøven")[:10] == []

    def test_a_translation_of_a_page_that_is_not_public_finds_nothing(self, people, space):
        info, danish = self._page(space)
        PageViewRestriction.objects.create(page=info, restriction_type=PageViewRestriction.LOGIN)
        assert search_for_user(user=people["member_a"], query="optagelsesprøven")[:10] == []
        PageViewRestriction.objects.filter(page=info).delete()
        info.unpublish()
        assert search_for_user(user=people["member_a"], query="optagelsesprøven")[:10] == []

    def test_a_restricted_translation_is_never_searched(self, people, space):
        _info, danish = self._page(space)
        PageViewRestriction.objects.create(page=danish, restriction_type=PageViewRestriction.LOGIN)
        assert search_for_user(user=people["member_a"], query="optagelsesprøven")[:10] == []

    def test_searching_translations_costs_the_same_at_any_size(self, client, space, count_queries):
        def grow(n, start):
            for i in range(start, start + n):
                page = InformationPageFactory(parent=space, title=f"Guide {i}", summary="About admission.")
                _translate(page, "da", title=f"Vejledning {i}", summary="Om kvotesystemet.")
            UpdatePageFactory(parent=space, title=f"Update {start}", body="<p>Admission news.</p>")

        grow(2, 0)
        url = reverse("search")
        for language in ("da", "en"):
            _read_in(client, language)
            client.get(url, {"q": "kvotesystemet"})
            small = count_queries(lambda: client.get(url, {"q": "kvotesystemet"}))
            grow(6, 100 if language == "da" else 200)
            content = client.get(url, {"q": "kvotesystemet"}).content.decode()
            shown, other = ('">Vejledning ', '">Guide ') if language == "da" else ('">Guide ', '">Vejledning ')
            assert shown in content and other not in content
            assert count_queries(lambda: client.get(url, {"q": "kvotesystemet"})) == small


class TestHelpLinesPerLanguage:
    @pytest.mark.parametrize(
        ("language", "emergency", "child_line"),
        [
            ("en", "call the emergency number 112", "Børnetelefonen (Denmark)"),
            ("da", "ring til alarmnummeret 112", "Børnetelefonen"),
            ("sv", "ring larmnumret 112", "BRIS"),
            ("fi", "soita hätänumeroon 112", "Lasten ja nuorten puhelin (MLL)"),
            ("nb", "ring nødnummeret 112", "Alarmtelefonen for barn og unge"),
        ],
    )
    def test_112_and_a_child_help_line_in_each_language(self, client, home, language, emergency, child_line):
        _read_in(client, language)
        content = client.get(reverse("help_now")).content.decode()
        assert emergency in content
        assert child_line in content
        if language != "en":
            assert "call the emergency number 112" not in content  # no English text for a Nordic reader


def test_an_email_is_written_in_the_recipients_language_when_it_is_sent(
    django_capture_on_commit_callbacks, people, space
):
    asker = people["member_a"]
    notification = _answered_in_danish(django_capture_on_commit_callbacks, people, space)
    asker.preferred_language = "sv"  # they switched before the e-mail went out
    asker.save()
    mail.outbox.clear()
    assert notify_mail.email_notifications(event_key=notification.event_key, user_ids=[asker.pk]) == 1
    assert f"{people['member_b'].display_name} svarade på din fråga ”Music lines”" in mail.outbox[0].subject


def test_every_interface_language_has_a_content_locale(db):
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"en", "da", "sv", "fi", "nb"}


def test_counsellors_may_translate_pages_and_members_may_not(people):
    assert people["counsellor"].has_perm("wagtail_localize.submit_translation")
    assert not people["member_a"].has_perm("wagtail_localize.submit_translation")


class TestTranslatedRules:
    def test_a_translation_of_an_older_version_of_the_rules_is_not_shown_as_the_rules(self, client, home):
        from community.models import CommunityRulesPage

        rules = CommunityRulesPage(title="Community rules", slug="rules", body="<p>Be kind.</p>", version=1)
        home.add_child(instance=rules)
        _translate(rules, "da", body="<p>Vær venlig.</p>")
        _read_in(client, "da")
        assert "Vær venlig." in client.get(rules.url).content.decode()  # same version: the translation

        rules.version = 2
        rules.body = "<p>Be kind. No personal data.</p>"
        rules.save_revision().publish()
        # Members are asked to accept version 2: the Danish text of version 1 is not it.
        content = client.get(rules.url).content.decode()
        assert "Be kind. No personal data." in content and "Vær venlig." not in content


class TestSpaceTitlesInLists:
    """Lists naming the space of each row (the home page's answered questions, both inboxes, "Your
    posts", the moderation queue) name it in the reader's language, at a fixed number of queries."""

    @staticmethod
    def _section(content: str, start: str, end: str = "</section>") -> str:
        rest = content.split(start, 1)[1]
        return rest.split(end, 1)[0]

    @staticmethod
    def _same_cost(client, url, grow, count_queries) -> None:
        client.get(url)
        small = count_queries(lambda: client.get(url))
        grow()
        client.get(url)
        assert count_queries(lambda: client.get(url)) == small

    def test_the_home_pages_answered_questions(self, as_user, people, space, count_queries):
        _translate(space, "da", title="Vælg en skole")

        def grow(n):
            for _ in range(n):
                answer(ask(space, UserFactory()), people["counsellor"])

        grow(1)
        client = as_user(people["member_b"])
        _read_in(client, "da")
        section = self._section(client.get("/").content.decode(), 'id="answered-heading"')
        assert "Vælg en skole" in section and "Choosing a school" not in section
        self._same_cost(client, "/", lambda: grow(4), count_queries)
        _read_in(client, "en")
        assert "Choosing a school" in self._section(client.get("/").content.decode(), 'id="answered-heading"')

    @pytest.mark.parametrize("inbox", ["counsellor_inbox", "inbox"])
    def test_the_team_inbox_and_the_members_inbox(self, as_user, people, space, count_queries, inbox):
        _translate(space, "da", title="Vælg en skole")
        reader = people["counsellor"] if inbox == "counsellor_inbox" else people["member_a"]

        def grow(n):
            for _ in range(n):
                converse(space, people["member_a"])

        grow(1)
        client = as_user(reader)
        _read_in(client, "da")
        url = reverse(inbox)
        content = client.get(url).content.decode()
        listed = self._section(content, "<main", "</main>")
        assert "Vælg en skole" in listed
        if inbox == "counsellor_inbox":
            assert "Choosing a school" not in listed
        else:  # the member's inbox also offers the spaces to write in: each in Danish
            assert "Choosing a school" not in content
        self._same_cost(client, url, lambda: grow(4), count_queries)

    def test_your_posts(self, as_user, people, space, count_queries):
        _translate(space, "da", title="Vælg en skole")
        thread = ask(space, people["counsellor"], title="Which gymnasium has music?")

        def grow(n):
            for _ in range(n):
                answer(thread, people["member_a"])

        grow(1)
        client = as_user(people["member_a"])
        _read_in(client, "da")
        content = client.get(reverse("my_posts")).content.decode()
        assert "Vælg en skole" in content and "Choosing a school" not in content
        self._same_cost(client, reverse("my_posts"), lambda: grow(4), count_queries)

    def test_the_moderation_queue(self, as_user, people, space, space_at, count_queries):
        _translate(space, "da", title="Vælg en skole")
        thread = ask(space, people["counsellor"], title="Which gymnasium has music?")

        def grow(n):
            for _ in range(n):
                answer(thread, UserFactory(), body="Call me on 20 12 34 56")

        grow(1)
        client = as_user(people["counsellor"])
        _read_in(client, "da")
        url = reverse("moderation_queue")
        content = client.get(url).content.decode()
        assert "<span>Vælg en skole</span>" in content  # the item's space
        assert ">Vælg en skole</option>" in content  # and the filter's
        assert "Choosing a school" not in content
        self._same_cost(client, url, lambda: grow(4), count_queries)
