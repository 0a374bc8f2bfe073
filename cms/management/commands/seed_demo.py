"""``manage.py seed_demo``: demo accounts and content for a first run (idempotent)."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from wagtail.models import Site

from cms.demo import seed_pages
from cms.models import HomePage, UpdatePage
from community import services
from community.demo import DEMO_ACCOUNTS, seed_accounts
from community.demo_referrals import seed_referral_services
from community.demo_threads import seed_threads
from community.roles import is_counsellor
from community.services import mfa
from moderation.demo import seed_queue

DEFAULT_DEMO_PASSWORD = "demo-pass-2026"
# Demo staff share one authenticator secret (DEMO_TOTP_SECRET), so whoever tries the demo can
# add it to an app once; real staff set up their own on first log-in.
DEFAULT_DEMO_TOTP_SECRET = "DEMOCOCAREERINGSTAFFTWOFACTORKEY"


class Command(BaseCommand):
    help = "Create demo accounts, four community spaces (one per level) and their content. Safe to re-run."

    def handle(self, *args, **options):
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None or not isinstance(site.root_page.specific, HomePage):
            raise CommandError("The default site has no community home page; run `manage.py migrate` first.")
        accounts = seed_accounts(password=password)
        totp_secret = (os.environ.get("DEMO_TOTP_SECRET") or DEFAULT_DEMO_TOTP_SECRET).replace(" ", "").upper()
        staff = [user for user in accounts.values() if is_counsellor(user) or user.is_staff]
        for user in staff:
            mfa.authenticator_seed(user=user, secret_base32=totp_secret)
        spaces = seed_pages(
            home=site.root_page.specific, counsellors=[accounts["counsellor"], accounts["counsellor2"]]
        )
        for update in UpdatePage.objects.live().filter(discussion__isnull=True):
            services.update_thread_open(update_page=update)
        by_slug = {space.slug: space for space in spaces}
        # The demo's history has been moderated already: its authors count as known members.
        with override_settings(MODERATION_FIRST_POSTS_HELD=0, MODERATION_LINK_MIN_APPROVED_POSTS=0):
            seed_threads(people=accounts, spaces_by_slug=by_slug)
        seed_referral_services()
        open_items = seed_queue(people=accounts, spaces_by_slug=by_slug, password=password)
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {len(spaces)} spaces, {open_items} items in the moderation queue."))
        names = ", ".join(account.username for account in DEMO_ACCOUNTS)
        self.stdout.write(f"Demo accounts ({names}) use the password in DEMO_PASSWORD (default {DEFAULT_DEMO_PASSWORD}).")
        self.stdout.write(
            f"Demo staff ({', '.join(user.username for user in staff)}) then give a code from an authenticator app "
            f"set up with the key {totp_secret} (time-based, 6 digits, 30 seconds)."
        )
