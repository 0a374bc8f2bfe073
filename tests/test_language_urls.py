"""Language-aware addresses: /da/<address> shows the page in Danish for anyone, its links stay Danish,
the bare address works as before, and nothing private or any other language leaks through a prefix."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from community.models import Notification
from community.tiers import Tier
from tests.factories import InformationPageFactory
from tests.helpers import answer, ask
from tests.helpers import translate_page as _translate

pytestmark = pytest.mark.django_db

HIT = "X-Page-Cache"


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION, title="Choosing a school", slug="choosing-a-school")


@pytest.fixture
def danish_space(space):
    _translate(space, "da", title="Valg af skole")
    return space


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def cached(client, url):
    """Visit until the page comes from the anonymous page cache."""
    for _ in range(3):
        response = client.get(url)
        if response.get(HIT) == "hit":
            return response
    raise AssertionError(f"{url} was never served from the cache")


class TestPrefixedAddresses:
    def test_a_danish_address_shows_the_danish_translation_and_danish_interface(
        self, client, danish_space
    ):
        content = text(client.get(f"/da{danish_space.url}"))
        assert "Valg af skole" in content
        assert "Choosing a school" not in content
        assert "Spring til hovedindholdet" in content  # "Skip to main content"
        assert '<html lang="da">' in content

    def test_a_danish_address_wins_over_an_english_account(self, as_user, people, danish_space):
        client = as_user(people["member_a"])  # preferred language: the default
        assert "Valg af skole" in text(client.get(f"/da{danish_space.url}"))

    def test_without_a_translation_the_default_languages_content_in_the_danish_interface(
        self, client, space
    ):
        content = text(client.get(f"/da{space.url}"))
        assert "Choosing a school" in content
        assert "Spring til hovedindholdet" in content

    def test_links_on_a_danish_page_keep_the_prefix(self, client, space):
        info = InformationPageFactory(parent=space, title="Quota 2", slug="quota-2")
        content = text(client.get(f"/da{space.url}"))
        assert f'href="/da{info.url}"' in content  # {% pageurl %}
        assert 'class="brand" href="/da/"' in content
        assert f'action="/da{reverse("language_set")}"' in content  # {% url %}

    def test_a_thread_link_on_a_danish_space_keeps_the_prefix(self, client, people, space):
        thread = ask(space, people["member_a"], title="Which school has carpentry?")
        answer(thread, people["counsellor"])
        content = text(client.get(f"/da{space.url}"))
        assert f'href="/da{reverse("thread_detail", args=[thread.pk])}' in content
        assert "Which school has carpentry?" in text(
            client.get(f"/da{reverse('thread_detail', args=[thread.pk])}")
        )

    def test_the_bare_address_is_unchanged(self, client, danish_space):
        content = text(client.get(danish_space.url))
        assert "Choosing a school" in content
        assert "Valg af skole" not in content
        assert 'class="brand" href="/"' in content
        assert 'href="/da/' not in content

    def test_the_bare_address_still_follows_the_language_cookie(self, client, danish_space):
        client.post(reverse("language_set"), {"language": "da", "next": "/"})
        assert "Valg af skole" in text(client.get(danish_space.url))

    @pytest.mark.parametrize("prefix", ["xx", "en", "de"])
    def test_an_unknown_prefix_or_the_default_languages_is_not_found(self, client, space, prefix):
        assert client.get(f"/{prefix}{space.url}").status_code == 404

    def test_the_danish_home_page(self, client, home):
        home.intro = "<p>Welcome.</p>"
        home.save_revision().publish()
        _translate(home, "da", intro="<p>Velkommen.</p>")
        content = text(client.get("/da/"))
        assert "Velkommen." in content
        assert "Welcome." not in content

    def test_member_pages_take_a_prefix(self, as_user, people):
        client = as_user(people["member_a"])
        content = text(client.get(f"/da{reverse('notifications')}"))
        assert "Spring til hovedindholdet" in content

    def test_a_post_through_a_danish_address_acts_and_stays_danish(self, as_user, people, space):
        thread = ask(space, people["member_a"], title="Which school has carpentry?")
        client = as_user(people["member_b"])
        response = client.post(
            f"/da{reverse('thread_answer', args=[thread.pk])}",
            {"body": "The college in town teaches it."},
        )
        assert response.status_code == 302
        assert response["Location"].startswith(f"/da{reverse('thread_detail', args=[thread.pk])}")

    def test_a_notification_made_on_a_danish_address_has_no_prefix(
        self, as_user, people, space, django_capture_on_commit_callbacks
    ):
        thread = ask(space, people["member_a"], title="Which school has carpentry?")
        client = as_user(people["member_b"])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/da{reverse('thread_answer', args=[thread.pk])}",
                {"body": "The college in town teaches it."},
            )
        notification = Notification.objects.get(recipient=people["member_a"])
        assert notification.url.startswith(reverse("thread_detail", args=[thread.pk]))


class TestNothingLeaksThroughAPrefix:
    def test_an_unpublished_page_is_not_found_behind_a_prefix(self, client, space):
        info = InformationPageFactory(parent=space, title="Draft plans", slug="draft-plans")
        url = info.url
        info.unpublish()
        assert client.get(f"/da{url}").status_code == 404

    def test_a_page_for_one_group_is_refused_to_another_member_behind_a_prefix(
        self, as_user, people, space
    ):
        info = InformationPageFactory(
            parent=space, title="Counsellors' notes", slug="counsellors-notes"
        )
        restriction = PageViewRestriction.objects.create(
            page=info, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Notes readers"))
        client = as_user(people["member_a"])
        for url in (info.url, f"/da{info.url}"):
            response = client.get(url)
            assert response.status_code != 200
            assert "Counsellors&#x27; notes" not in response.content.decode()
            assert "Counsellors' notes" not in response.content.decode()

    def test_a_login_only_page_sends_an_anonymous_visitor_to_log_in_behind_a_prefix(
        self, client, space
    ):
        info = InformationPageFactory(parent=space, title="Members only", slug="members-only")
        PageViewRestriction.objects.create(page=info, restriction_type=PageViewRestriction.LOGIN)
        response = client.get(f"/da{info.url}")
        assert response.status_code == 302
        assert "Members only" not in response.content.decode()

    def test_the_api_admin_and_health_checks_take_no_prefix(self, client, api, space):
        assert client.get("/healthz").status_code == 200
        assert client.get("/da/healthz", follow=True).status_code == 404
        english = api().get(reverse("api_search"), {"q": "school"})
        assert english.status_code == 200
        assert english["Content-Language"] == "en"
        assert client.get(f"/da{reverse('api_search')}?q=school").status_code == 404
        assert client.get("/da/api/v1/").status_code == 404

    def test_admin_and_document_links_made_on_a_prefixed_page_lead_to_their_bare_address(
        self, client
    ):
        # the editors' user bar and documents in rich text are linked with reverse()
        admin = client.get("/da/admin/pages/?q=x")
        assert admin.status_code == 302
        assert admin["Location"] == "/admin/pages/?q=x"
        assert client.get("/da/documents/1/leaflet.pdf")["Location"] == "/documents/1/leaflet.pdf"

    def test_api_answers_are_unchanged_and_carry_no_prefixed_links(self, api, people, space):
        ask(space, people["member_a"], title="Which school has carpentry?")
        response = api(people["member_a"]).get(reverse("api_search"), {"q": "carpentry"})
        assert response.status_code == 200
        assert "/da/" not in response.content.decode()

    def test_a_danish_page_is_never_served_from_the_cache_at_the_english_address(
        self, client, danish_space
    ):
        cached(client, f"/da{danish_space.url}")
        english = client.get(danish_space.url)
        assert "Choosing a school" in text(english)
        assert "Valg af skole" not in english.content.decode()

    def test_an_english_page_is_never_served_from_the_cache_at_the_danish_address(
        self, client, danish_space
    ):
        cached(client, danish_space.url)
        danish = client.get(f"/da{danish_space.url}")
        assert "Valg af skole" in text(danish)
        assert "Choosing a school" not in danish.content.decode()
        cached(client, f"/da{danish_space.url}")
        assert "Valg af skole" in text(client.get(f"/da{danish_space.url}"))

    def test_a_cookie_readers_cached_page_is_not_a_prefixed_one(self, client, danish_space):
        cached(client, f"/da{danish_space.url}")
        client.post(reverse("language_set"), {"language": "da", "next": "/"})
        client.cookies.pop("sessionid", None)
        content = text(client.get(danish_space.url))
        assert "Valg af skole" in content


class TestLanguageSwitcherAndAlternates:
    def test_switching_to_danish_leads_to_the_danish_address(self, client, space):
        response = client.post(reverse("language_set"), {"language": "da", "next": space.url})
        assert response["Location"] == f"/da{space.url}"

    def test_switching_back_to_english_leads_to_the_bare_address(self, client, space):
        response = client.post(
            f"/da{reverse('language_set')}", {"language": "en", "next": f"/da{space.url}"}
        )
        assert response["Location"] == space.url
        assert "Choosing a school" in text(client.get(response["Location"]))

    def test_switching_from_danish_to_swedish(self, client, space):
        response = client.post(
            reverse("language_set"), {"language": "sv", "next": f"/da{space.url}?page=2"}
        )
        assert response["Location"] == f"/sv{space.url}?page=2"

    def test_the_page_lists_its_address_in_every_language(self, client, space):
        content = text(client.get(space.url))
        base = "http://testserver"
        assert f'<link rel="alternate" hreflang="en" href="{base}{space.url}">' in content
        for code in ("da", "sv", "fi", "nb"):
            assert (
                f'<link rel="alternate" hreflang="{code}" href="{base}/{code}{space.url}">'
                in content
            )
        assert f'<link rel="alternate" hreflang="x-default" href="{base}{space.url}">' in content

    def test_a_danish_page_lists_the_same_alternates(self, client, danish_space):
        content = text(client.get(f"/da{danish_space.url}"))
        assert f'hreflang="en" href="http://testserver{danish_space.url}"' in content
        assert f'hreflang="da" href="http://testserver/da{danish_space.url}"' in content


def test_services_still_make_bare_addresses_outside_a_request(space, people):
    thread = ask(space, people["member_a"], title="Which school has carpentry?")
    assert thread.get_absolute_url() == reverse("thread_detail", args=[thread.pk])
