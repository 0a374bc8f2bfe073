"""Which feature opens at which of Kettunen's levels, stated feature by feature (mutation survivors)."""

import pytest

from community.tiers import (
    Feature,
    FeatureUnavailable,
    Tier,
    feature_overview,
    require_feature,
    tier_allows,
)

OPENS_AT = {
    Feature.INFORMATION: 1,
    Feature.SEARCH: 1,
    Feature.FOLLOW: 1,
    Feature.REACTIONS: 1,
    Feature.PRIVATE_MESSAGES: 2,
    Feature.WALL_QUESTIONS: 3,
    Feature.PEER_ANSWERS: 3,
    Feature.UPDATE_DISCUSSION: 3,
    Feature.HELPED_MARKS: 3,
    Feature.COUNSELLOR_ENDORSEMENTS: 3,
    Feature.SUMMARY_ANSWERS: 3,
    Feature.PEER_GUIDE_SUMMARIES: 4,
    Feature.PEER_ENDORSEMENTS: 4,
    Feature.UPDATE_PROPOSALS: 4,
}


@pytest.mark.parametrize("feature", list(OPENS_AT))
def test_each_feature_opens_at_its_level_and_not_below(feature):
    for tier in Tier:
        assert tier_allows(tier, feature) is (tier >= OPENS_AT[feature]), (feature, tier)


def test_overview_lists_every_feature_lowest_level_first_with_whether_it_is_open():
    overview = feature_overview(Tier.APPLICATION)
    assert {status.feature for status in overview} == set(OPENS_AT)
    assert [status.required_tier for status in overview] == sorted(OPENS_AT[s.feature] for s in overview)
    for status in overview:
        assert status.is_open is (OPENS_AT[status.feature] <= 2)


def test_refusal_names_the_feature_and_both_levels():
    with pytest.raises(FeatureUnavailable) as refusal:
        require_feature(Tier.APPLICATION, Feature.WALL_QUESTIONS)
    message = str(refusal.value)
    assert str(Feature.WALL_QUESTIONS.label) in message
    assert "level 3" in message and "level 2" in message
    assert refusal.value.required_tier == Tier.INTEGRATION
    require_feature(Tier.INTEGRATION, Feature.WALL_QUESTIONS)  # open there: no refusal
