"""``manage.py benchmark_search``: search and suggestion p50/p95 on the data in the database.

With ``--posts N`` it first bulk-creates a synthetic corpus of N posts (questions
with answers, in the five languages, with a long tail of rare words) in a new
space and indexes it; ``--keep`` leaves it in place for later runs, otherwise
it is rolled back. Meant for PostgreSQL (DATABASE_URL); not a test.
"""

import itertools
import random
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from community.display_names import skeleton
from community.models import Mode, ModerationState, Post, PostKind, Thread, User
from community.search_benchmark import search_latency
from community.search_index import search_index_update

TOPICS = {
    "en": "summer jobs apprenticeship electrician nursing college application deadline work permit hours school "
    "teacher counsellor career plumber carpenter university grades internship salary contract",
    "sv": "sommarjobb sommarjobbet lärling elektriker gymnasiet ansökan antagning lön praktik utbildning "
    "yrkesprogram studievägledare betyg kommunen arbetstider",
    "da": "sommerjob sommerjobbet læreplads elektriker gymnasiet ansøgning optagelse løn praktik uddannelse "
    "erhvervsuddannelse studievejledning karakterer kommunen",
    "fi": "kesätyö kesätyöt oppisopimus sähköasentaja lukio haku ammattikoulu palkka harjoittelu koulutus "
    "opinto-ohjaaja arvosanat kunta työaika",
    "nb": "sommerjobb sommerjobben lærling elektriker videregående søknad opptak lønn praksis utdanning "
    "yrkesfag rådgiver karakterer kommunen arbeidstid",
}
FILLER = [f"ord{n}" for n in range(20_000)]  # a long tail of rare words, Zipf-distributed
FILLER_CUMULATIVE = list(itertools.accumulate(1 / (n + 1) for n in range(len(FILLER))))


class Rollback(Exception):
    pass


def _text(rng: random.Random, language: str, words: int) -> str:
    topic = TOPICS[language].split()
    picked = [rng.choice(topic) if rng.random() < 0.3 else None for _ in range(words)]
    filler = rng.choices(FILLER, cum_weights=FILLER_CUMULATIVE, k=words)
    return " ".join(word or filler[i] for i, word in enumerate(picked)).capitalize() + "."


class Command(BaseCommand):
    help = "Measure search and suggestion p50/p95 (optionally on a synthetic corpus of --posts posts)."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=0, help="Bulk-create this many posts first.")
        parser.add_argument("--keep", action="store_true", help="Keep the synthetic corpus.")
        parser.add_argument("--rounds", type=int, default=10)

    def handle(self, *args, posts, keep, rounds, **options):
        if connection.vendor != "postgresql":
            self.stderr.write(self.style.WARNING(f"Running on {connection.vendor}; the figures that matter are PostgreSQL's."))
        try:
            with transaction.atomic():
                space = self._seed(posts) if posts else None
                self._measure(space, rounds)
                if not keep:
                    raise Rollback
        except Rollback:
            pass

    def _measure(self, space, rounds: int) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE community_post")
        search_latency(space=space, rounds=1)  # warm caches and plans
        figures = search_latency(space=space, rounds=rounds)
        total = Post.objects.count()
        for name, values in figures.items():
            self.stdout.write(f"{name}: p50 {values['p50_ms']} ms, p95 {values['p95_ms']} ms ({values['n']} runs, {total} posts)")

    def _seed(self, count: int):
        from cms.models import CommunitySpacePage, HomePage

        rng = random.Random(13)
        started = time.perf_counter()
        home = HomePage.objects.first()
        space = CommunitySpacePage(title="Search benchmark", slug=f"search-benchmark-{int(time.time())}", tier=4)
        home.add_child(instance=space)
        authors = User.objects.bulk_create(
            [
                User(
                    username=f"search-bench-{space.pk}-{n}",
                    display_name=f"Searcher {n}",
                    display_name_key=f"{skeleton('Searcher')}{space.pk}x{n}",
                    email=f"search-bench-{n}@example.org",
                    password="!",
                )
                for n in range(200)
            ]
        )
        languages = list(TOPICS)
        threads_count = max(1, count // 10)
        threads = Thread.objects.bulk_create(
            [
                Thread(
                    space=space,
                    mode=Mode.WALL,
                    title=_text(rng, languages[n % 5], 8)[:150],
                    author=rng.choice(authors),
                    state=ModerationState.PUBLISHED,
                )
                for n in range(threads_count)
            ],
            batch_size=5000,
        )
        created = 0
        batch: list[Post] = []
        for n, thread in enumerate(threads):
            language = languages[n % 5]
            answers = min(count - created - 1, 9 if n < threads_count - 1 else count - created - 1)
            for i in range(answers + 1):
                batch.append(
                    Post(
                        thread=thread,
                        kind=PostKind.QUESTION if i == 0 else PostKind.ANSWER,
                        author=rng.choice(authors),
                        body=_text(rng, language, rng.randint(15, 80)),
                        state=ModerationState.PUBLISHED if rng.random() > 0.03 else ModerationState.PENDING,
                    )
                )
            created += answers + 1
            if len(batch) >= 5000:
                self._flush(batch)
            if created >= count:
                break
        self._flush(batch)
        self.stdout.write(f"Created and indexed {created} posts in {time.perf_counter() - started:.0f} s")
        return space

    def _flush(self, batch: list[Post]) -> None:
        if batch:
            search_index_update(posts=Post.objects.bulk_create(batch, batch_size=5000))
            batch.clear()
