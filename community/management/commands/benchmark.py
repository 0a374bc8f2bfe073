"""``manage.py benchmark``: the site's key pages as ratios to a bare view, measured in one run.

Serves the site in-process (Django's test client: the whole middleware stack and view, no network)
and times each page and endpoint against ``/healthz`` (a bare ``JsonResponse``) in the same run,
anonymous and logged in, with the queries each request makes. Ratios, not times, are the figure:
the machine is shared and in-process serving leaves out the network and the WSGI server alike.
Also: answering through the API with screening (p95), screenings per CPU second, and the
notification fan-out against a bare insert (``benchmark_screening`` and ``benchmark_fanout``).

Writes a Markdown table (``--output``, docs/benchmark.md by default). Run it on data from
``seed_scale``. Nothing it writes stays: timed writes are rolled back.
"""

import io
import re
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings
from django.urls import NoReverseMatch, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from knox.models import AuthToken

from community import selectors
from community.models import Mode, ModerationState, Notification, Post, Thread, User
from community.roles import GROUP_NAMES, Role
from community.selectors.accounts import second_factor_required
from community.selectors.threads import WallFilter
from community.services.mfa import authenticator_seed


class Rollback(Exception):
    pass


@dataclass
class Row:
    page: str
    viewer: str
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    queries: int
    status: int
    note: str = ""


def _percentiles_ms(durations) -> tuple[float, float, float]:
    return tuple(percentile(durations, share) * 1000 for share in (0.5, 0.95, 0.99))


class QueryCounter:
    """The statements a block sends to any database (a request may read from a replica), counted at the
    cursor: unlike the debug query log, which the start of every request empties, it sees them all."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __len__(self) -> int:
        return self.count


@contextmanager
def count_queries():
    counter = QueryCounter()
    with ExitStack() as stack:
        for alias in connections:
            stack.enter_context(connections[alias].execute_wrapper(counter))
        yield counter


def percentile(durations: list[float], share: float) -> float:
    ordered = sorted(durations)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Requests per second, p50 and p99 of key pages as ratios to a bare view, with query counts; a Markdown table."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200, help="timed requests per row (default 200)")
        parser.add_argument("--writes", type=int, default=100, help="timed answers for the post-create row")
        parser.add_argument("--texts", type=int, default=2000, help="texts for the screening row")
        parser.add_argument("--followers", type=int, default=10_000, help="followers for the fan-out row")
        parser.add_argument("--output", default="docs/benchmark.md")

    def handle(self, *args, requests, writes, texts, followers, output, **options):
        self.requests = max(1, requests)
        self.verbosity = options.get("verbosity", 1)
        setup = self._setup()
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
            rows = self._pages(setup)
            extra = self._writes(setup, writes)
        extra += self._screening(texts) + self._fanout(followers)
        table = self._table(rows, extra, setup)
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(table, encoding="utf-8")
        self.stdout.write(table)

    # ---------------------------------------------------------------- what to ask for

    def _user(self, role: Role) -> User:
        user = User.objects.filter(groups__name=GROUP_NAMES[role], is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError(f"No {role.label.lower()} to log in as: run `manage.py seed_scale` first.")
        return user

    def _setup(self) -> dict:
        wall = Thread.objects.filter(mode=Mode.WALL, state=ModerationState.PUBLISHED, space__live=True)
        busiest = wall.values("space").annotate(n=Count("pk")).order_by("-n").first()
        if busiest is None:
            raise CommandError("No published wall threads: run `manage.py seed_scale` first.")
        long_thread = (
            wall.filter(space_id=busiest["space"], answer_count__lte=150).order_by("-answer_count", "pk").first()
            or wall.filter(space_id=busiest["space"]).order_by("-answer_count").first()
        )
        member = self._user(Role.MEMBER)
        # A member with notifications to read, if there is one.
        noticed = Notification.objects.filter(recipient__groups__name=GROUP_NAMES[Role.MEMBER]).values("recipient").first()
        if noticed:
            member = User.objects.get(pk=noticed["recipient"])
        return {
            "space": long_thread.space,
            "thread": long_thread,
            "member": member,
            "counsellor": self._user(Role.COUNSELLOR),
            "moderator": self._user(Role.MODERATOR),
            "word": long_thread.title.split()[2] if len(long_thread.title.split()) > 2 else long_thread.title.split()[0],
        }

    def _targets(self, setup) -> list[tuple[str, str, tuple[str, ...]]]:
        """(label, url, viewers) for every row; viewers among anonymous, member, counsellor, moderator."""
        space, thread, word = setup["space"], setup["thread"], setup["word"]
        everyone = ("anonymous", "member")
        rows = [("home", "/", everyone), ("space page", space.url, everyone)]
        for wall_filter in WallFilter.ALL:
            rows.append((f"wall feed: {wall_filter}", f"{space.url}?filter={wall_filter}", everyone))
        for wall_filter in WallFilter.ALL:
            rows.append((f"wall feed API: {wall_filter}", f"/api/v1/spaces/{space.pk}/threads/?filter={wall_filter}", everyone))
        rows += [
            (f"thread page, {thread.answer_count} answers", reverse("thread_detail", args=[thread.pk]), everyone),
            (f"thread API posts, {thread.answer_count} answers", f"/api/v1/threads/{thread.pk}/posts/", everyone),
            ("notifications", reverse("notifications"), ("member",)),
            ("notifications API", "/api/v1/notifications/", ("member",)),
            ("team inbox", reverse("counsellor_inbox"), ("counsellor",)),
            ("team inbox API", "/api/v1/conversations/", ("counsellor",)),
            ("moderation queue (admin)", reverse("moderation_queue"), ("moderator",)),
            ("moderation queue API", "/api/v1/moderation/queue/", ("moderator",)),
            ("site search", f"{reverse('search')}?q={word}", everyone),
        ]
        try:
            rows.append(("search API", f"{reverse('api_search')}?q={word}", everyone))
        except NoReverseMatch:
            self.skipped = ["search API: no `api_search` URL on this branch"]
        return rows

    # ---------------------------------------------------------------- timing

    def _client(self, viewer: str, setup, api: bool) -> Client:
        if viewer == "anonymous":
            return Client()
        user = setup[viewer]
        if api:
            if viewer not in self.tokens:
                self.tokens[viewer] = AuthToken.objects.create(user=user)[1]
            key = self.tokens[viewer]
            return Client(HTTP_AUTHORIZATION=f"Token {key}")
        client = Client()
        client.force_login(user)
        if second_factor_required(user):
            # Pages are measured, not the log-in: a staff session that has given its code.
            device = authenticator_seed(user=user, secret_base32="BENCHMARKSTAFFTWOFACTORKEY234567")
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    def _time(self, client: Client, url: str, label: str, viewer: str) -> Row:
        for _n in range(3):  # warm: templates compiled, caches as a running server has them
            client.get(url)
        with count_queries() as queries:
            status = client.get(url).status_code
        durations = []
        started = time.perf_counter()
        for _n in range(self.requests):
            one = time.perf_counter()
            client.get(url)
            durations.append(time.perf_counter() - one)
        total = time.perf_counter() - started
        if self.verbosity > 1:
            self.stderr.write(f"{label} ({viewer}): {self.requests / total:,.1f} req/s")
        return Row(label, viewer, self.requests / total, *_percentiles_ms(durations), len(queries), status)

    def _pages(self, setup) -> list[Row]:
        self.tokens, self.skipped = {}, []
        targets = self._targets(setup)
        bare = "/healthz"
        rows = [self._time(Client(), bare, "bare view", "anonymous")]
        member = self._client("member", setup, api=False)
        rows.append(self._time(member, bare, "bare view", "member"))
        for label, url, viewers in targets:
            for viewer in viewers:
                rows.append(self._time(self._client(viewer, setup, api=url.startswith("/api/")), url, label, viewer))
        rows.append(self._suggestions(setup))
        # The bare view again: the mean of both runs is the yardstick, so drift during the run shows less.
        again = self._time(Client(), bare, "bare view", "anonymous")
        rows[0].rps = (rows[0].rps + again.rps) / 2
        AuthToken.objects.filter(user__in=[setup[v] for v in self.tokens]).delete()
        self.tokens = {}
        return rows

    def _suggestions(self, setup) -> Row:
        """The similar-question suggestions shown while asking: the selector itself, as the ask page calls it."""
        user, space, text = setup["member"], setup["space"], setup["thread"].title
        selectors.similar_questions(user=user, space=space, text=text)
        with count_queries() as queries:
            selectors.similar_questions(user=user, space=space, text=text)
        durations = []
        started = time.perf_counter()
        for _n in range(self.requests):
            one = time.perf_counter()
            selectors.similar_questions(user=user, space=space, text=text)
            durations.append(time.perf_counter() - one)
        total = time.perf_counter() - started
        return Row("suggestions (selector)", "member", self.requests / total, *_percentiles_ms(durations), len(queries), 200,
                   note="no HTTP: the selector alone")

    def _writes(self, setup, count: int) -> list[str]:
        """Answering through the API, screening included; rolled back."""
        durations, statuses = [], set()
        try:
            with transaction.atomic():
                client = self._client("member", setup, api=True)
                url = f"/api/v1/threads/{setup['thread'].pk}/posts/"
                for n in range(max(2, count)):
                    body = f"Thanks, this helped. I will ask my study counsellor about the deadline ({n})."
                    started = time.perf_counter()
                    response = client.post(url, {"body": body}, content_type="application/json")
                    durations.append(time.perf_counter() - started)
                    statuses.add(response.status_code)
                raise Rollback
        except Rollback:
            pass
        self.tokens.pop("member", None)
        note = "" if statuses <= {201} else f" (statuses {sorted(statuses)})"
        return [f"| answer through the API, screening included | p95 {percentile(durations, 0.95) * 1000:.1f} ms, "
                f"p50 {percentile(durations, 0.5) * 1000:.1f} ms over {len(durations)}{note} |"]

    def _screening(self, texts: int) -> list[str]:
        out = io.StringIO()
        call_command("benchmark_screening", texts=max(20, texts), stdout=out)
        found = re.search(
            r"screen\(\) end to end: .*?([\d,]+) screenings per CPU second, CPU per text p50 ([\d.]+) ms, p95 ([\d.]+) ms"
            r" \(wall-clock p95 ([\d.]+) ms\)",
            out.getvalue(),
        )
        if not found:
            return ["| screening | not measured |"]
        return [f"| screening (end to end) | {found.group(1)} texts per CPU second, CPU per text p95 {found.group(3)} ms "
                f"(wall-clock p95 {found.group(4)} ms) |"]

    def _fanout(self, followers: int) -> list[str]:
        out = io.StringIO()
        call_command("benchmark_fanout", followers=max(10, followers), stdout=out, stderr=io.StringIO())
        found = re.search(r"Ratio fan-out / bare insert: ([\d.]+)", out.getvalue())
        ratio = f"{1 / float(found.group(1)):.2f} of a bare bulk insert" if found and float(found.group(1)) else "not measured"
        return [f"| fan-out of one update to {followers:,} followers | {ratio} |"]

    # ---------------------------------------------------------------- the table

    def _table(self, rows: list[Row], extra: list[str], setup) -> str:
        bare = rows[0].rps
        threads = Thread.objects.count()
        lines = [
            f"Benchmark on {connection.vendor}: {Post.objects.count():,} posts, {threads:,} threads, "
            f"{User.objects.count():,} accounts; {self.requests} requests per row, in-process, DEBUG off.",
            f"Bare view (`/healthz`): {bare:,.0f} requests per second anonymous.",
            "",
            "| page | viewer | share of bare view | req/s | p50 ms | p95 ms | p99 ms | queries | status |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for row in rows:
            note = f" ({row.note})" if row.note else ""
            lines.append(
                f"| {row.page}{note} | {row.viewer} | {row.rps / bare:.3f} | {row.rps:,.0f} | {row.p50_ms:.1f} | "
                f"{row.p95_ms:.1f} | {row.p99_ms:.1f} | {row.queries} | {row.status} |"
            )
        lines += ["", "| other | figure |", "|---|---|", *extra]
        if self.skipped:
            lines += ["", *[f"Not measured: {reason}." for reason in self.skipped]]
        return "\n".join(lines) + "\n"
