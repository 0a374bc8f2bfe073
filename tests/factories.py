"""factory_boy factories for members and pages."""

from datetime import timedelta

import factory
import wagtail_factories
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.models import CommunitySpacePage, InformationPage, UpdatePage
from community.models import User
from community.roles import GROUP_NAMES, Role
from community.tiers import Tier

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"Explorer {n:04d}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)
    # Established members by default: reports from accounts younger than a day count less.
    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        roles = extracted if extracted is not None else (Role.MEMBER,)
        if create:
            user.save()
            user.groups.add(*Group.objects.filter(name__in=[GROUP_NAMES[role] for role in roles]))


class CommunitySpacePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CommunitySpacePage

    title = factory.Sequence(lambda n: f"Space {n}")
    slug = factory.Sequence(lambda n: f"space-{n}")
    intro = "<p>A space for career questions.</p>"
    tier = Tier.INTEGRATION


class InformationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InformationPage

    title = factory.Sequence(lambda n: f"Information {n}")
    slug = factory.Sequence(lambda n: f"information-{n}")
    summary = "What you need to know."


class UpdatePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = UpdatePage

    title = factory.Sequence(lambda n: f"Update {n}")
    slug = factory.Sequence(lambda n: f"update-{n}")
    body = "<p>News from the counsellors.</p>"
