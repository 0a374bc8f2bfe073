"""``manage.py benchmark_screening``: how fast crisis detection and the whole screening run.

Times (a) the crisis matcher alone and (b) ``moderation.screening.screen`` end to end, on the
labelled corpus mixed with ordinary career questions of 20 to 150 words. The member and space
screening needs are made inside a transaction that is rolled back, so nothing is left behind.
Target for the whole pipeline: 2,000 screenings per CPU second per core, p95 under 5 ms.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.models import CommunitySpacePage, HomePage
from community.models import Mode, User
from moderation.detection.crisis import compile_matcher
from moderation.detection.crisis_benchmark import realistic_texts, time_each
from moderation.management.commands.evaluate_screening import moderator_rules
from moderation.screening import screen


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Screenings per CPU second and p50/p95 ms per text: the crisis matcher alone and screen() end to end."

    def add_arguments(self, parser):
        parser.add_argument("--texts", type=int, default=2000, help="how many texts (default 2,000)")
        parser.add_argument("--matcher-only", action="store_true", help="skip the end-to-end screening")

    def handle(self, *args, texts, matcher_only, **options):
        sample = realistic_texts(texts)
        words = sum(len(text.split()) for text in sample) / len(sample)
        self.stdout.write(f"{len(sample)} texts, {words:.0f} words on average")

        matcher = compile_matcher(moderator_rules())
        for text in sample[:200]:  # warm the word cache, as a running server would be
            matcher.find(text)
        self.stdout.write(time_each(sample, matcher.find).line("crisis matcher"))
        if matcher_only:
            return
        try:
            with transaction.atomic():
                self._screen_all(sample)
                raise Rollback
        except Rollback:
            pass

    def _screen_all(self, sample: list[str]) -> None:
        home = HomePage.objects.first()
        space = CommunitySpacePage(title="Benchmark space", slug="benchmark-space-screening", tier=3)
        home.add_child(instance=space)
        member = User.objects.create(username="benchmark-member", display_name="Benchmark Member", email="bench@example.org")

        def screen_one(text: str) -> None:
            try:
                screen(author=member, space=space, mode=Mode.WALL, text=text)
            except ValidationError:  # a blocked word is a verdict too; its time counts
                pass

        for text in sample[:50]:
            screen_one(text)
        self.stdout.write(time_each(sample, screen_one).line("screen() end to end"))
