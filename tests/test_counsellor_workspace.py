"""The counsellor workspace: a readable audit log, sanctions by display name, urgent notifications that
look urgent, and peer guides appointed by moderators."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from community import roles, services
from community.models import EventKind, Notification
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import AuditEntry, Sanction
from tests.factories import UserFactory
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


def test_the_audit_log_reads_as_sentences(as_user, people, space):
    thread = ask(space, people["member_a"])
    answer(thread, people["member_b"], body="Call me on 20 12 34 56 about it")
    moderation_services.sanction_impose(
        moderator=people["moderator"], member=people["member_b"], kind="silence", days=3, reason="Sharing phone numbers"
    )
    page = as_user(people["counsellor"]).get(reverse("moderation_audit"), {"member": people["member_b"].pk}).content.decode()
    moderator = people["moderator"].display_name
    member = people["member_b"].display_name
    assert f"{moderator} gave {member} a sanction: Silenced for 3 days. Reason: Sharing phone numbers" in page
    assert "Screening held the text for a counsellor: Personal data" in page
    assert "{&#x27;" not in page and "{'" not in page  # no raw dictionaries


def test_a_sanction_by_display_name_with_the_picker(as_user, people):
    target = UserFactory(display_name="Skyrunner")
    UserFactory(display_name="Skyrunner Two")
    client = as_user(people["moderator"])
    found = client.get(reverse("moderation_sanctions"), {"find": "skyrun"}).content.decode()
    assert "Skyrunner" in found and "Skyrunner Two" in found and 'type="radio"' in found
    # The picker sends the id; typing the exact display name works as well.
    response = client.post(
        reverse("moderation_sanctions"), {"member": str(target.pk), "kind": "warning", "reason": "Be kind"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("moderation_sanctions"), {"member": "skyrunner", "kind": "warning", "reason": "Be kind, again"}
    )
    assert response.status_code == 302
    assert Sanction.objects.filter(member=target).count() == 2
    # A name nobody has is a form error, not a 500.
    response = client.post(reverse("moderation_sanctions"), {"member": "Nobody here", "kind": "warning", "reason": "x"})
    assert response.status_code == 400 and "search for their display name" in response.content.decode()


def test_urgent_notifications_are_labelled_urgent(as_user, people):
    Notification.objects.create(
        recipient=people["counsellor"], kind=EventKind.URGENT_ITEM, event_key="urgent-item:1", verb="urgent_item",
        description="Urgent: a post needs a counsellor now.", actor=people["counsellor"], public=False,
    )
    Notification.objects.create(
        recipient=people["counsellor"], kind=EventKind.CONVERSATION_NEW, event_key="conversation:1",
        verb="conversation_new", description="A new private conversation.", actor=people["counsellor"], public=False,
    )
    page = as_user(people["counsellor"]).get(reverse("notifications")).content.decode()
    assert page.count("notification--urgent") == 1
    assert page.count('<span class="badge badge--urgent">Urgent</span>') == 1


class TestPeerGuides:
    def test_a_moderator_appoints_and_removes_a_peer_guide_from_the_history_page(self, as_user, people):
        member = people["member_a"]
        client = as_user(people["moderator"])
        history = reverse("moderation_audit") + f"?member={member.pk}"
        assert "Make a peer guide" in client.get(history).content.decode()
        response = client.post(reverse("moderation_peer_guide_set", args=[member.pk]), {"appointed": "1", "next": history})
        assert response.status_code == 302 and response.url == history
        roles.forget_roles(member)
        assert roles.is_peer_guide(member)
        page = client.get(history).content.decode()
        assert "Remove from the peer guides" in page
        assert f"{people['moderator'].display_name} made {member.display_name} a peer guide." in page
        client.post(reverse("moderation_peer_guide_set", args=[member.pk]), {"appointed": "0"})
        roles.forget_roles(member)
        assert not roles.is_peer_guide(member)
        assert list(AuditEntry.objects.filter(member=member).values_list("action", flat=True).order_by("pk")) == [
            "peer_guide_added",
            "peer_guide_removed",
        ]

    @pytest.mark.parametrize("who", ["member_b", "peer_guide", "counsellor"])
    def test_only_moderators_appoint_peer_guides(self, who, as_user, people):
        member = people["member_a"]
        with pytest.raises(PermissionDenied):
            moderation_services.peer_guide_set(moderator=people[who], member=member, appointed=True)
        response = as_user(people[who]).post(reverse("moderation_peer_guide_set", args=[member.pk]), {"appointed": "1"})
        assert response.status_code in (302, 403)
        roles.forget_roles(member)
        assert not roles.is_peer_guide(member)
        assert not AuditEntry.objects.filter(action="peer_guide_added").exists()
        if who == "counsellor":
            assert response.status_code == 403
            assert "Only moderators can appoint" in response.content.decode()

    def test_staff_are_not_made_peer_guides(self, people):
        with pytest.raises(ValidationError):
            moderation_services.peer_guide_set(moderator=people["moderator"], member=people["counsellor"], appointed=True)

    def test_members_with_a_good_record_at_level_4_are_proposed(self, as_user, people, space, space_at):
        thread = ask(space, people["member_a"])
        helpful = [answer(thread, people["member_b"], body=f"Answer number {n} about applying.") for n in range(2)]
        for post in helpful:
            services.helped_mark_set(user=people["member_a"], post=post, helped=True)
        services.endorsement_add(endorser=people["counsellor"], post=helpful[0])
        # Someone as helpful but with a standing sanction is not proposed; nor is a record at level 3.
        sanctioned = UserFactory(display_name="Sanctioned helper")
        for n in range(3):
            post = answer(thread, sanctioned, body=f"Another answer {n} about applying.")
            services.helped_mark_set(user=people["member_a"], post=post, helped=True)
        moderation_services.sanction_impose(moderator=people["moderator"], member=sanctioned, kind="warning", reason="x")
        elsewhere = ask(space_at(Tier.INTEGRATION), people["member_a"], title="A level 3 question about school")
        level_three = UserFactory(display_name="Level three helper")
        for n in range(3):
            post = answer(elsewhere, level_three, body=f"Level three answer {n}.")
            services.helped_mark_set(user=people["member_a"], post=post, helped=True)

        page = as_user(people["moderator"]).get(reverse("moderation_peer_guides")).content.decode()
        candidates = page.split('id="guides-heading"')[0]
        assert people["member_b"].display_name in candidates
        assert "2 answers helped the asker, 1 endorsement, no sanctions" in candidates
        assert "Sanctioned helper" not in candidates and "Level three helper" not in candidates
        assert as_user(people["counsellor"]).get(reverse("moderation_peer_guides")).status_code == 403

    def test_the_peer_guides_page_costs_the_same_at_any_size(self, as_user, people, space, count_queries):
        client = as_user(people["moderator"])
        thread = ask(space, people["member_a"])

        def grow(n):
            for _ in range(n):
                helper = UserFactory()
                for k in range(3):
                    post = answer(thread, helper, body=f"Helpful answer {k} by a helper.")
                    services.helped_mark_set(user=people["member_a"], post=post, helped=True)

        grow(1)
        client.get(reverse("moderation_peer_guides"))
        small = count_queries(lambda: client.get(reverse("moderation_peer_guides")))
        grow(4)
        assert count_queries(lambda: client.get(reverse("moderation_peer_guides"))) == small
