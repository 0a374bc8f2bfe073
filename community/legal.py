"""The live privacy notice and community rules, and whether a member has accepted the current rules.

A module of its own (not under selectors) because the writing policy asks it too."""

from cms.locales import in_default_locale
from cms.page_cache import site_cached
from community import roles
from community.models import CommunityRulesPage, PrivacyNoticePage


def privacy_notice() -> PrivacyNoticePage | None:
    return in_default_locale(PrivacyNoticePage.objects.live()).first()


def community_rules() -> CommunityRulesPage | None:
    return in_default_locale(CommunityRulesPage.objects.live()).first()


def current_legal_pages() -> tuple[PrivacyNoticePage | None, CommunityRulesPage | None]:
    """The live privacy notice and community rules, as every page's footer and the writing policy read
    them: from the shared cache, computed again after any CMS page or site setting is written."""
    return site_cached("legal-pages", lambda: (privacy_notice(), community_rules()))


def rules_to_accept(user) -> CommunityRulesPage | None:
    """The rules a member still has to accept (a newer version than they accepted), or None.
    Staff write the rules; they are not asked."""
    if not user.is_authenticated or roles.is_counsellor(user):
        return None
    # Asked once per request (the user object lives as long as it): lists check every post's buttons.
    if not hasattr(user, "_current_rules"):
        user._current_rules = current_legal_pages()[1]
    rules = user._current_rules
    if rules is None or (user.rules_version_accepted or 0) >= rules.version:
        return None
    return rules
