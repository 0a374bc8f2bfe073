"""``manage.py staff_second_factor_reset USERNAME``: a staff member lost their phone and backup codes."""

from django.core.management.base import BaseCommand, CommandError

from community.models import User
from community.services import mfa


class Command(BaseCommand):
    help = (
        "Remove a staff member's authenticator app and backup codes (and end their API tokens): "
        "they set up a new app at their next log-in. Make sure first who is asking."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account with the username {username!r}.")
        mfa.second_factor_reset(user=user)
        self.stdout.write(f"{username} sets up a new authenticator app at their next log-in.")
