"""Kettunen's levels as feature tiers: every feature at every tier, as DESIGN.md sets them out."""

import pytest
from django.utils import translation

from cms.models import CommunitySpacePage
from community.tiers import (
    MEMBER_WORDS,
    Feature,
    FeatureUnavailable,
    Tier,
    member_can,
    require_feature,
    space_allows,
    tier_allows,
)
from tests.helpers import ask

# The table from DESIGN.md, written out by hand so a change to the rules must
# change this test too: the lowest level at which each feature opens.
OPENS_AT = {
    "information": 1,
    "search": 1,
    "follow": 1,
    "reactions": 1,
    "private_messages": 2,
    "wall_questions": 3,
    "peer_answers": 3,
    "update_discussion": 3,
    "helped_marks": 3,
    "counsellor_endorsements": 3,
    "summary_answers": 3,
    "peer_guide_summaries": 4,
    "peer_endorsements": 4,
    "update_proposals": 4,
}


def test_the_table_covers_every_feature():
    assert set(OPENS_AT) == {feature.value for feature in Feature}


@pytest.mark.parametrize("tier", [1, 2, 3, 4])
@pytest.mark.parametrize("feature", sorted(OPENS_AT))
def test_feature_is_open_exactly_from_its_level(feature, tier):
    expected = tier >= OPENS_AT[feature]
    assert tier_allows(tier, Feature(feature)) is expected
    if expected:
        require_feature(tier, Feature(feature))
    else:
        with pytest.raises(FeatureUnavailable):
            require_feature(tier, Feature(feature))


def test_a_refusal_says_what_is_missing_and_where_it_opens():
    with pytest.raises(FeatureUnavailable) as caught:
        require_feature(Tier.APPLICATION, Feature.WALL_QUESTIONS)
    message = str(caught.value)
    assert "Ask questions on the wall" in message
    assert "level 3 (Integration)" in message
    assert "level 2 (Application)" in message


def test_a_refusal_is_a_permission_error_so_it_is_never_a_server_error():
    from django.core.exceptions import PermissionDenied

    assert issubclass(FeatureUnavailable, PermissionDenied)


@pytest.mark.django_db
class TestSpaceTier:
    def test_a_space_uses_its_own_level(self, space_factory):
        space = space_factory(tier=Tier.APPLICATION)
        assert space.effective_tier == Tier.APPLICATION
        assert space_allows(space, Feature.PRIVATE_MESSAGES)
        assert not space_allows(space, Feature.WALL_QUESTIONS)

    def test_a_space_without_a_level_follows_the_site_default(self, space_factory, site_settings):
        site_settings.default_tier = Tier.INTEGRATION
        site_settings.save()
        space = space_factory(tier=None)
        assert space.effective_tier == Tier.INTEGRATION
        assert space_allows(space, Feature.WALL_QUESTIONS)
        assert not space_allows(space, Feature.UPDATE_PROPOSALS)

    def test_lowering_the_site_default_closes_features_at_once(self, space_factory, site_settings, member):
        """The default is read from the site cache on every write: a lowered level must not stay open there."""
        site_settings.default_tier = Tier.INTEGRATION
        site_settings.save()
        space = space_factory(tier=None)
        assert ask(CommunitySpacePage.objects.get(pk=space.pk), member, title="Before the change").pk
        site_settings.default_tier = Tier.APPLICATION
        site_settings.save()
        with pytest.raises(FeatureUnavailable):
            ask(CommunitySpacePage.objects.get(pk=space.pk), member, title="After the change")
        assert CommunitySpacePage.objects.get(pk=space.pk).effective_tier == Tier.APPLICATION


def test_members_read_in_plain_words_what_each_level_lets_them_do():
    level_1 = [
        "Read tips and news from the counsellors",
        "Search for answers",
        "Follow the space and hear about new posts",
        "React to posts",
    ]
    level_2 = [*level_1, "Talk privately to a counsellor"]
    level_3 = [
        *level_2,
        "Ask a question",
        "Answer other people's questions",
        "Talk about the counsellors' news",
        "Say which answer helped you",
        "See which answers a counsellor has checked",
        "Read the short answer under a question",
    ]
    level_4 = [*level_3, "Suggest news for the counsellors to share"]
    with translation.override("en"):
        for tier, expected in ((Tier.EMERGENCE, level_1), (Tier.APPLICATION, level_2), (Tier.INTEGRATION, level_3), (Tier.TRANSFORMATION, level_4)):
            assert [str(words) for words in member_can(tier)] == expected, tier


def test_only_what_peer_guides_and_counsellors_do_has_no_member_sentence():
    assert set(Feature) - set(MEMBER_WORDS) == {Feature.PEER_GUIDE_SUMMARIES, Feature.PEER_ENDORSEMENTS}
    assert len({str(words) for words in MEMBER_WORDS.values()}) == len(MEMBER_WORDS)  # one sentence each
