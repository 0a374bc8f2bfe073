"""Data protection: export (art. 15/20), erasure (art. 17) with its cooling-off, and the admin's erase."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from community import services
from community.models import (
    DataExport,
    ErasureRequest,
    EventKind,
    ModerationState,
    Notification,
    NotificationSettings,
    PrivacySettings,
    Reaction,
    User,
)
from community.roles import Role
from community.services import privacy
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import AuditAction, AuditEntry, WatchedWord
from moderation.models.audit import AppendOnly
from tests.factories import TEST_PASSWORD, UserFactory
from tests.helpers import answer, ask, converse, second_factor_passed

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(space_factory):
    return space_factory(tier=Tier.TRANSFORMATION, title="First job")


@pytest.fixture
def api(client):
    def as_user(user):
        client.logout()
        if user is not None:
            client.force_login(user)
            second_factor_passed(client, user)
        return client

    return as_user


def unzip(response) -> tuple[dict, str]:
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    return json.loads(archive.read("data.json")), archive.read("index.html").decode()


def a_member_with_history(people, space):
    """Member A with posts in every state, a private conversation, reactions, follows, flags, a sanction."""
    member, other, counsellor, moderator = people["member_a"], people["member_b"], people["counsellor"], people["moderator"]
    WatchedWord.objects.create(pattern="vape*", action="require_approval")
    thread = ask(space, other, title="Which bakery school?", body="I want to bake bread.")
    answer(thread, member, body="Published answer about sourdough")
    held = answer(thread, member, body="Held answer about vapes")
    rejected = answer(thread, member, body="Rejected answer about vapes and more")
    moderation_services.item_reject(moderator=moderator, item=rejected.moderation_items.get(), reason="spam")
    withdrawn = answer(thread, member, body="Withdrawn answer about rye")
    services.post_withdraw(user=member, post=withdrawn)
    conversation = converse(space, member, body="My private worry about money")
    services.post_create(author=counsellor, thread=conversation, body="Counsellor reply the member may read")
    services.conversation_note_add(counsellor=counsellor, thread=conversation, body="Internal note: the organisation's record")
    services.reaction_set(user=member, post=thread.posts.get(kind="question"), kind="me_too", on=True)
    moderation_services.flag_create(user=member, post=thread.posts.get(kind="question"), reason="spam", note="Looks like an ad")
    moderation_services.sanction_impose(moderator=moderator, member=member, kind="warning", reason="Please be kind")
    Notification.objects.create(
        recipient=member, kind=EventKind.ENDORSED, event_key="x:1", verb="x", description="Your answer was endorsed",
        actor_content_type_id=1, actor_object_id="1",
    )
    return {"thread": thread, "held": held, "conversation": conversation}


class TestExport:
    def test_without_log_in_is_401(self, api):
        assert api(None).get("/api/v1/me/export/").status_code == 401

    def test_the_export_holds_everything_of_the_member_and_no_internal_notes(self, api, people, space):
        a_member_with_history(people, space)
        response = api(people["member_a"]).get("/api/v1/me/export/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        assert "no-store" in response["Cache-Control"]
        data, page = unzip(response)
        assert data["account"]["username"] == people["member_a"].username
        assert data["account"]["email"] == people["member_a"].email
        states = {post["text"]: post["state"] for post in data["posts"]}
        assert states == {
            "Published answer about sourdough": "published",
            "Held answer about vapes": "pending",
            "Rejected answer about vapes and more": "rejected",
            "Withdrawn answer about rye": "hidden",
        }
        (conversation,) = data["private_conversations"]
        texts = [message["text"] for message in conversation["messages"]]
        assert texts == ["My private worry about money", "Counsellor reply the member may read"]
        assert "Internal note" not in json.dumps(data) and "Internal note" not in page
        assert [r["kind"] for r in data["reactions"]] == ["me_too"]
        assert data["follows"]  # the asker of nothing, but the answerer follows the thread
        assert [n["text"] for n in data["notifications"]] == ["Your answer was endorsed"]
        assert [f["note"] for f in data["flags_made"]] == ["Looks like an ad"]
        assert [s["reason"] for s in data["sanctions"]] == ["Please be kind"]
        assert [d["action"] for d in data["decisions"]] == ["reject"]
        # The readable page says the same to a person.
        for text in ("Published answer about sourdough", "My private worry about money", "Please be kind", "Looks like an ad"):
            assert text in page

    def test_only_the_member_downloads_it_and_an_expired_link_is_refused(self, api, people, space):
        a_member_with_history(people, space)
        client = api(people["member_a"])
        client.post(reverse("account_data_export"))
        export = DataExport.objects.get(user=people["member_a"])
        url = reverse("account_data_export_download", args=[export.pk])
        assert client.get(url).status_code == 200
        other = api(people["member_b"]).get(url)
        assert other.status_code == 404 and b"sourdough" not in other.content
        assert api(people["moderator"]).get(url).status_code == 404
        anonymous = api(None).get(url)
        assert anonymous.status_code == 302 and "log-in" in anonymous["Location"]
        DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
        expired = api(people["member_a"]).get(url)
        assert expired.status_code == 410 and b"sourdough" not in expired.content
        assert "expired" in expired.content.decode()

    def test_a_large_account_is_prepared_in_the_background_and_the_member_notified(
        self, api, people, space, settings, django_capture_on_commit_callbacks
    ):
        settings.PRIVACY_EXPORT_INLINE_MAX_POSTS = 2
        a_member_with_history(people, space)
        client = api(people["member_a"])
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            first = client.get("/api/v1/me/export/")
        assert first.status_code == 202 and first.json()["status"] == "preparing"
        assert client.get("/api/v1/me/export/").status_code == 202  # still preparing: no second export
        assert DataExport.objects.filter(user=people["member_a"]).count() == 1
        for callback in callbacks:
            callback()  # the task runs (eagerly)
        notice = Notification.objects.get(recipient=people["member_a"], kind=EventKind.DATA_EXPORT_READY)
        assert notice.url == reverse("account_data_export")
        response = client.get("/api/v1/me/export/")
        assert response.status_code == 200
        assert unzip(response)[0]["account"]["username"] == people["member_a"].username

    def test_the_profile_links_to_export_and_delete(self, api, people):
        page = api(people["member_a"]).get(reverse("account_profile")).content.decode()
        assert reverse("account_data_export") in page and reverse("account_delete") in page


class TestErasureRequest:
    def test_a_wrong_password_is_400_and_schedules_nothing(self, api, people):
        response = api(people["member_a"]).delete("/api/v1/me/", {"password": "wrong"}, content_type="application/json")
        assert response.status_code == 400
        assert "password" in response.json()["error"]["fields"]
        assert not ErasureRequest.objects.exists()

    def test_the_right_password_schedules_it_after_the_cooling_off_and_logs_out_everywhere(self, api, people):
        member = people["member_a"]
        token, _key = AuthToken.objects.create(user=member)
        before = timezone.now()
        response = api(member).delete("/api/v1/me/", {"password": TEST_PASSWORD}, content_type="application/json")
        assert response.status_code == 202
        request = ErasureRequest.objects.get(user=member)
        assert before + timedelta(days=7) <= request.due_at <= timezone.now() + timedelta(days=7)
        assert not AuthToken.objects.filter(pk=token.pk).exists()
        assert len(mail.outbox) == 0  # sent after commit ...
        member.refresh_from_db()
        assert member.erased_at is None and member.is_active  # ... and nothing is erased yet

    def test_the_cooling_off_period_is_a_site_setting(self, api, people):
        settings_row = PrivacySettings.load()
        settings_row.erasure_cooling_off_days = 30
        settings_row.save()
        api(people["member_a"]).delete("/api/v1/me/", {"password": TEST_PASSWORD}, content_type="application/json")
        assert ErasureRequest.objects.get().due_at > timezone.now() + timedelta(days=29)

    def test_logging_in_during_the_cooling_off_cancels_it(self, client, people):
        member = people["member_a"]
        client.force_login(member)
        response = client.post(reverse("account_delete"), {"password": TEST_PASSWORD, "posts": "keep"})
        assert response.status_code == 302
        assert client.get(reverse("account_profile")).status_code == 302  # logged out
        request = ErasureRequest.objects.get(user=member)
        assert request.pending
        response = client.post(reverse("account_login"), {"username": member.username, "password": TEST_PASSWORD}, follow=True)
        assert "will not be erased" in response.content.decode()
        request.refresh_from_db()
        assert request.cancelled_at is not None
        privacy.retention_apply(now=request.due_at + timedelta(days=1))
        member.refresh_from_db()
        assert member.erased_at is None and member.display_name != "Former member"

    def test_an_api_log_in_cancels_it_too(self, client, people):
        member = people["member_a"]
        privacy.account_erasure_request(user=member, password=TEST_PASSWORD)
        response = client.post(
            "/api/v1/auth/token/", {"username": member.username, "password": TEST_PASSWORD}, content_type="application/json"
        )
        assert response.status_code == 200
        assert not ErasureRequest.objects.get(user=member).pending

    def test_the_web_form_refuses_a_wrong_password(self, client, people):
        client.force_login(people["member_a"])
        response = client.post(reverse("account_delete"), {"password": "nope", "posts": "keep"})
        assert response.status_code == 200 and "That is not your password." in response.content.decode()
        assert not ErasureRequest.objects.exists()


class TestErasure:
    def erase_after_cooling_off(self, member, hide_posts=False):
        request = privacy.account_erasure_request(user=member, password=TEST_PASSWORD, hide_posts=hide_posts)
        return privacy.retention_apply(now=request.due_at + timedelta(minutes=1))

    def test_public_posts_stay_as_former_member_and_the_account_is_gone(self, client, people, space):
        member = people["member_a"]
        old_name = member.display_name
        history = a_member_with_history(people, space)
        run = self.erase_after_cooling_off(member)
        assert run.removed["accounts_erased"] == 1
        member.refresh_from_db()
        assert member.display_name == "Former member" and member.email == "" and not member.is_active
        assert not member.has_usable_password()
        page = client.get(reverse("thread_detail", args=[history["thread"].pk])).content.decode()
        assert "Published answer about sourdough" in page and "Former member" in page and old_name not in page
        assert not client.login(username=f"erased-{member.pk}", password=TEST_PASSWORD)
        # The held post's text is gone; its row (and its queue item's audit trail) stays.
        history["held"].refresh_from_db()
        assert history["held"].body == "" and history["held"].audit_entries.exists()
        assert not Reaction.objects.filter(user=member).exists()

    def test_the_member_may_choose_to_hide_their_public_posts(self, client, people, space):
        history = a_member_with_history(people, space)
        self.erase_after_cooling_off(people["member_a"], hide_posts=True)
        page = client.get(reverse("thread_detail", args=[history["thread"].pk])).content.decode()
        assert "sourdough" not in page

    def test_the_old_display_name_is_quarantined(self, people):
        member = people["member_a"]
        old_name = member.display_name
        self.erase_after_cooling_off(member)
        with pytest.raises(Exception) as error:
            services.member_profile_update(user=people["member_b"], display_name=old_name, email="b@example.org", preferred_language="en")
        assert "taken" in str(error.value)
        # A second erased account is "Former member" too.
        self.erase_after_cooling_off(people["member_b"])
        assert User.objects.filter(display_name="Former member").count() == 2

    def test_audit_rows_stay_pseudonymised_and_the_log_stays_append_only(self, people, space):
        member = people["member_a"]
        a_member_with_history(people, space)
        rows = AuditEntry.objects.filter(member=member).count()
        assert rows
        self.erase_after_cooling_off(member)
        assert AuditEntry.objects.filter(member=member).exclude(action=AuditAction.ERASED).count() == rows
        assert all(entry.data.get("pseudonymised") for entry in AuditEntry.objects.filter(member=member).exclude(action="erased"))
        assert AuditEntry.objects.filter(member=member, action=AuditAction.ERASED).count() == 1
        with pytest.raises(AppendOnly):
            AuditEntry.objects.filter(member=member).update(data={})
        with pytest.raises(AppendOnly):
            AuditEntry.objects.filter(member=member).delete()

    def test_a_sentinel_in_every_personal_field_is_found_in_no_table_after_erasure(self, people, space, site_settings):
        sentinel = "zq7sentinel"
        member = UserFactory(
            username=sentinel, display_name="Zq7Sentinel", email=f"{sentinel}@example.org", roles=[Role.MEMBER]
        )
        User.objects.filter(pk=member.pk).update(first_name=f"{sentinel}first", last_name=f"{sentinel}last")
        member.refresh_from_db()
        NotificationSettings.objects.create(user=member, email_kinds=",endorsed,")
        AuthToken.objects.create(user=member)
        thread = ask(space, member, title=f"Question {sentinel} title", body=f"Question {sentinel} body")
        post = answer(thread, member, body=f"Answer {sentinel}")
        services.post_edit(editor=member, post=post, body=f"Edited answer {sentinel} again")
        other_thread = ask(space, people["member_b"])
        reply = answer(other_thread, people["counsellor"], body="A counsellor answers")
        moderation_services.flag_create(user=member, post=reply, reason="spam", note=f"Flag note {sentinel}")
        conversation = services.conversation_start(member=member, space=space, body=f"Private {sentinel}", subject=f"Subject {sentinel}")
        services.post_create(author=people["counsellor"], thread=conversation, body=f"Dear {sentinel}, tell me more")
        services.conversation_note_add(counsellor=people["counsellor"], thread=conversation, body=f"Note about {sentinel}")
        answer(thread, people["member_b"], body="Someone answers the sentinel's question")  # a notification naming them
        from django.test import Client

        browser = Client()
        assert browser.login(username=sentinel, password=TEST_PASSWORD)
        assert self.tables_containing(sentinel)  # the search below finds what is there

        rules = PrivacySettings.load()
        rules.conversation_retention_days = 0
        rules.save()
        request = privacy.account_erasure_request(user=member, password=TEST_PASSWORD, hide_posts=True)
        privacy.retention_apply(now=request.due_at + timedelta(minutes=1))
        privacy.retention_apply(now=request.due_at + timedelta(minutes=2))  # the conversations' retention has passed

        found = self.tables_containing(sentinel)
        assert found == {}, {table: [str(row)[:300] for row in rows[:3]] for table, rows in found.items()}

    @staticmethod
    def tables_containing(needle: str) -> dict:
        found = {}
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'SELECT * FROM "{table}"')
                for row in cursor.fetchall():
                    if needle in repr(row).lower():
                        found.setdefault(table, []).append(row)
        return found


class TestAdminErase:
    def test_a_moderator_erases_an_account_from_the_admin_without_a_500(self, client, people, space):
        member, moderator = people["member_a"], people["moderator"]
        a_member_with_history(people, space)
        client.force_login(moderator)
        second_factor_passed(client, moderator)
        url = reverse("wagtailusers_users:delete", args=[member.pk])
        assert client.get(url).status_code == 200
        response = client.post(url)
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.erased_at is not None and member.display_name == "Former member"
        entry = AuditEntry.objects.get(action=AuditAction.ERASED, member=member)
        assert entry.actor == moderator

    def test_a_moderator_may_not_erase_a_counsellor_and_a_member_never_reaches_it(self, client, people):
        client.force_login(people["moderator"])
        second_factor_passed(client, people["moderator"])
        response = client.post(reverse("wagtailusers_users:delete", args=[people["counsellor"].pk]))
        assert response.status_code in (302, 403)
        client.force_login(people["member_b"])
        client.post(reverse("wagtailusers_users:delete", args=[people["member_a"].pk]))
        people["counsellor"].refresh_from_db()
        people["member_a"].refresh_from_db()
        assert people["counsellor"].erased_at is None and people["member_a"].erased_at is None


class TestVerifiedEmailAndReports:
    def test_an_unverified_member_may_write_privately_but_not_publicly_or_report(self, people, space):
        member = people["member_a"]
        User.objects.filter(pk=member.pk).update(email_verified=False)
        member.refresh_from_db()
        thread = ask(space, people["member_b"])
        with pytest.raises(PermissionDenied, match="confirm your e-mail"):
            ask(space, member, title="Can I ask before confirming?")
        with pytest.raises(PermissionDenied, match="confirm your e-mail"):
            answer(thread, member)
        with pytest.raises(PermissionDenied, match="confirm your e-mail"):
            moderation_services.flag_create(user=member, post=thread.posts.get(), reason="spam")
        assert converse(space, member).posts.count() == 1  # a young person in trouble always reaches the counsellors
        assert not thread.posts.filter(author=member).exists()

    def test_the_api_says_why(self, api, people, space):
        member = people["member_a"]
        User.objects.filter(pk=member.pk).update(email_verified=False)
        thread = ask(space, people["member_b"])
        response = api(member).post(f"/api/v1/threads/{thread.pk}/posts/", {"body": "An answer"}, content_type="application/json")
        assert response.status_code == 403 and "confirm your e-mail" in response.json()["error"]["message"]

    def test_reports_from_new_accounts_count_half_towards_hiding(self, people, space, settings):
        settings.MODERATION_FLAG_THRESHOLD = 3
        thread = ask(space, people["member_b"])
        reply = answer(thread, people["counsellor"], body="A counsellor's careful answer")
        throwaways = [UserFactory(roles=[Role.MEMBER], date_joined=timezone.now()) for _ in range(3)]  # joined just now
        for reporter in throwaways:
            moderation_services.flag_create(user=reporter, post=reply, reason="spam")
        reply.refresh_from_db()
        assert reply.state == ModerationState.PUBLISHED  # three new accounts weigh 1.5
        for reporter in (UserFactory(roles=[Role.MEMBER]), people["member_a"]):  # members for a month
            moderation_services.flag_create(user=reporter, post=reply, reason="spam")
        reply.refresh_from_db()
        assert reply.state == ModerationState.HIDDEN  # 1.5 + 2 established members

    def test_reports_are_rate_limited_per_member(self, people, space, settings):
        settings.MODERATION_FLAGS_PER_HOUR = 2
        thread = ask(space, people["member_b"])
        posts = [answer(thread, people["counsellor"], body=f"Answer {n}") for n in range(3)]
        reporter = people["member_a"]
        for post in posts[:2]:
            moderation_services.flag_create(user=reporter, post=post, reason="spam")
        with pytest.raises(ValidationError, match="many posts in a short time"):
            moderation_services.flag_create(user=reporter, post=posts[2], reason="spam")
        assert not posts[2].flags.exists()
        # Another member is not held back by it.
        moderation_services.flag_create(user=people["member_b"], post=posts[2], reason="spam")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only")
class TestAuditTriggerOnPostgres:
    def test_only_the_pseudonymising_update_passes_the_trigger(self, people):
        from django.db import DatabaseError, transaction
        from django.db.models import Q

        entry = AuditEntry.objects.create(action=AuditAction.FLAGGED, member=people["member_a"], data={"detail": "a phone number"})
        for statement, params in (
            ("UPDATE moderation_auditentry SET data = %s::jsonb WHERE id = %s", ['{"detail": "changed"}', entry.pk]),
            ("UPDATE moderation_auditentry SET action = 'approved' WHERE id = %s", [entry.pk]),
            ("UPDATE moderation_auditentry SET data = %s::jsonb, action = 'approved' WHERE id = %s",
             ['{"detail": "[erased]", "pseudonymised": true}', entry.pk]),
            ("DELETE FROM moderation_auditentry WHERE id = %s", [entry.pk]),
        ):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement, params)
        assert AuditEntry.objects.pseudonymise(Q(pk=entry.pk)) == 1
        entry = AuditEntry.objects.get(pk=entry.pk)
        assert entry.data == {"detail": "[erased]", "pseudonymised": True}
        # Once pseudonymised, the row is frozen again.
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE moderation_auditentry SET data = %s::jsonb WHERE id = %s", ['{"pseudonymised": true}', entry.pk])
