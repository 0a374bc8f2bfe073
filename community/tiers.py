"""Kettunen's four levels of social media use, as feature tiers per space.

This module is the only place that knows which feature opens at which tier.
Web views, API views and services all ask it; none of them compares tier
numbers themselves. Tiers are cumulative: a space at level 3 has everything
from levels 1 and 2 too.

Sources: Kettunen, Vuorinen & Sampson (2015) and Kettunen (2017) on how
practitioners experience social media (delivering information, one-to-one
communication, an interactive working space, co-careering); Kettunen &
Sampson (2018) on the levels of ICT use (emergence, application,
integration, transformation).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Tier(models.IntegerChoices):
    EMERGENCE = 1, _("Level 1: Emergence")
    APPLICATION = 2, _("Level 2: Application")
    INTEGRATION = 3, _("Level 3: Integration")
    TRANSFORMATION = 4, _("Level 4: Transformation")


@dataclass(frozen=True)
class TierDescription:
    tier: Tier
    name: Promise  # Kettunen's name: for counsellors, moderators and the README
    role: Promise  # what the community is at this level, as a full sentence
    meaning: Promise
    plain_name: Promise  # what a 13-16-year-old member reads instead of "Level 3 · Integration"


TIER_DESCRIPTIONS: dict[Tier, TierDescription] = {
    Tier.EMERGENCE: TierDescription(
        Tier.EMERGENCE,
        _("Emergence"),
        _("Here the community is a channel for delivering information."),
        _(
            "Counsellors share quality-assured information and updates. Members read, "
            "search, follow and react."
        ),
        _("Read and follow"),
    ),
    Tier.APPLICATION: TierDescription(
        Tier.APPLICATION,
        _("Application"),
        _("Here the community is a tool for one-to-one communication with the counsellors."),
        _(
            "On top of information, members can talk privately with the counsellor "
            "team about their own situation."
        ),
        _("Read and talk privately"),
    ),
    Tier.INTEGRATION: TierDescription(
        Tier.INTEGRATION,
        _("Integration"),
        _("Here the community is an interactive working space where members explore careers together."),
        _(
            "Members ask questions on the wall, answer each other and discuss "
            "counsellors' updates, with counsellors guiding in the open."
        ),
        _("Ask and answer together"),
    ),
    Tier.TRANSFORMATION: TierDescription(
        Tier.TRANSFORMATION,
        _("Transformation"),
        _("Here the community is a place for co-careering: members and counsellors build answers together."),
        _(
            "Peer guides co-edit summary answers with the counsellors and endorse "
            "answers, and members may propose updates for the counsellors to review."
        ),
        _("Build answers together"),
    ),
}


class Feature(models.TextChoices):
    # Level 1: information
    INFORMATION = "information", _("Read information pages and counsellor updates")
    SEARCH = "search", _("Search the space")
    FOLLOW = "follow", _("Follow spaces and threads")
    REACTIONS = "reactions", _("React to updates and posts")
    # Level 2: one-to-one communication
    PRIVATE_MESSAGES = "private_messages", _("Private messages with the counsellor team")
    # Level 3: collaborative career exploration
    WALL_QUESTIONS = "wall_questions", _("Ask questions on the wall")
    PEER_ANSWERS = "peer_answers", _("Answer each other's questions")
    UPDATE_DISCUSSION = "update_discussion", _("Discuss counsellors' updates")
    HELPED_MARKS = "helped_marks", _("Mark the answers that helped you")
    COUNSELLOR_ENDORSEMENTS = "counsellor_endorsements", _("Counsellors endorse members' answers")
    SUMMARY_ANSWERS = "summary_answers", _("Summary answers written by counsellors")
    # Level 4: co-careering
    PEER_GUIDE_SUMMARIES = "peer_guide_summaries", _("Peer guides co-edit summary answers")
    PEER_ENDORSEMENTS = "peer_endorsements", _("Peer guides endorse answers")
    UPDATE_PROPOSALS = "update_proposals", _("Members propose updates (reviewed by counsellors)")


# What a member can do when a feature is open, in words a 13-16-year-old uses. Features that only
# counsellors or peer guides use have no entry: members are not shown them.
MEMBER_WORDS: dict[Feature, Promise] = {
    Feature.INFORMATION: _("Read tips and news from the counsellors"),
    Feature.SEARCH: _("Search for answers"),
    Feature.FOLLOW: _("Follow the space and hear about new posts"),
    Feature.REACTIONS: _("React to posts"),
    Feature.PRIVATE_MESSAGES: _("Talk privately to a counsellor"),
    Feature.WALL_QUESTIONS: _("Ask a question"),
    Feature.PEER_ANSWERS: _("Answer other people's questions"),
    Feature.UPDATE_DISCUSSION: _("Talk about the counsellors' news"),
    Feature.HELPED_MARKS: _("Say which answer helped you"),
    Feature.COUNSELLOR_ENDORSEMENTS: _("See which answers a counsellor has checked"),
    Feature.SUMMARY_ANSWERS: _("Read the short answer under a question"),
    Feature.UPDATE_PROPOSALS: _("Suggest news for the counsellors to share"),
}


FEATURE_TIERS: dict[Feature, Tier] = {
    Feature.INFORMATION: Tier.EMERGENCE,
    Feature.SEARCH: Tier.EMERGENCE,
    Feature.FOLLOW: Tier.EMERGENCE,
    Feature.REACTIONS: Tier.EMERGENCE,
    Feature.PRIVATE_MESSAGES: Tier.APPLICATION,
    Feature.WALL_QUESTIONS: Tier.INTEGRATION,
    Feature.PEER_ANSWERS: Tier.INTEGRATION,
    Feature.UPDATE_DISCUSSION: Tier.INTEGRATION,
    Feature.HELPED_MARKS: Tier.INTEGRATION,
    Feature.COUNSELLOR_ENDORSEMENTS: Tier.INTEGRATION,
    Feature.SUMMARY_ANSWERS: Tier.INTEGRATION,
    Feature.PEER_GUIDE_SUMMARIES: Tier.TRANSFORMATION,
    Feature.PEER_ENDORSEMENTS: Tier.TRANSFORMATION,
    Feature.UPDATE_PROPOSALS: Tier.TRANSFORMATION,
}


class FeatureUnavailable(PermissionDenied):
    """A feature was asked for in a space whose tier does not open it.

    Subclasses PermissionDenied so an uncaught one is a 403 with this message,
    never a 500; views show the message to the member.
    """

    def __init__(self, feature: Feature, tier: Tier):
        self.feature = Feature(feature)
        self.tier = Tier(tier)
        self.required_tier = FEATURE_TIERS[self.feature]
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return str(
            _(
                "“%(feature)s” is not available in this space. It opens at level %(required)d "
                "(%(required_name)s); this space is at level %(tier)d (%(tier_name)s)."
            )
            % {
                "feature": self.feature.label,
                "required": self.required_tier,
                "required_name": TIER_DESCRIPTIONS[self.required_tier].name,
                "tier": self.tier,
                "tier_name": TIER_DESCRIPTIONS[self.tier].name,
            }
        )


def tier_allows(tier: int, feature: Feature) -> bool:
    return Tier(tier) >= FEATURE_TIERS[Feature(feature)]


def require_feature(tier: int, feature: Feature) -> None:
    """Raise FeatureUnavailable unless the tier opens the feature."""
    if not tier_allows(tier, feature):
        raise FeatureUnavailable(feature, Tier(tier))


def space_allows(space, feature: Feature) -> bool:
    """Does this community space's (effective) tier open the feature?"""
    return tier_allows(space.effective_tier, feature)


def require_space_feature(space, feature: Feature) -> None:
    require_feature(space.effective_tier, feature)


@dataclass(frozen=True)
class FeatureStatus:
    feature: Feature
    required_tier: Tier
    is_open: bool


def feature_overview(tier: int) -> list[FeatureStatus]:
    """Every feature with whether it is open at this tier, lowest level first."""
    tier = Tier(tier)
    return [
        FeatureStatus(feature, required, tier >= required)
        for feature, required in sorted(FEATURE_TIERS.items(), key=lambda item: item[1])
    ]


def member_can(tier: int) -> list[Promise]:
    """What a member can do at this tier, in plain words, in the order the features open."""
    return [MEMBER_WORDS[status.feature] for status in feature_overview(tier) if status.is_open and status.feature in MEMBER_WORDS]
