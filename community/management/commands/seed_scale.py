"""``manage.py seed_scale --posts N --members M``: a realistic community at scale, for benchmarks.

Spaces at every level and in every language, wall questions whose answer counts follow a long tail
(most get a few answers, some none, a few over a hundred), reactions, helped marks, endorsements,
follows, private conversations, queue items, flags and notifications. Rows go in with batched
``bulk_create`` through the project's models; the thread counters are recounted with the same
expressions the services use (``community.counters``), so they are consistent by construction.

Not screened and not notified through the outbox: this is a history that has been moderated
already, written directly. Meant for PostgreSQL (a million posts in minutes); works on SQLite.
"""

import random
import time
from contextlib import contextmanager
from datetime import timedelta
from html import escape

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from cms.models import CommunitySpacePage, HomePage
from community.counters import threads_counters_refresh
from community.models import (
    AuthorRole,
    Conversation,
    ConversationStatus,
    Endorsement,
    EventKind,
    Follow,
    FollowLevel,
    HiddenReason,
    Mode,
    ModerationState,
    Notification,
    Post,
    PostKind,
    Reaction,
    ReactionKind,
    Thread,
    User,
)
from community.roles import GROUP_NAMES, Role
from community.search_index import search_index_rebuild
from community.tiers import Tier
from moderation.models import Flag, ItemStatus, ModerationItem

BATCH = 5_000
THREADS_PER_CHUNK = 2_000
# The benchmark's thread page: the first wall thread has exactly this many answers.
LONG_THREAD_ANSWERS = 100

# A few sentences per language: enough for realistic lengths and word forms, not literature.
TEXTS = {
    "en": {
        "space": "Guidance",
        "titles": ["How do I apply for a summer job?", "Which education suits me?", "Gap year or straight on?",
                   "How do I write a CV with no experience?", "Can I change my study line?", "Apprenticeship or college?"],
        "body": ["I am in my last year of school and unsure what to choose.", "My parents want me to study, I want to work.",
                 "Has anyone done this before and can tell me how it went?", "I applied twice and got no answer."],
        "answer": ["Talk to the study counsellor at your school, they know the deadlines.", "I did the same last year, it worked out.",
                   "Look at the application portal, the summer jobs are listed there.", "Write about what you did in your spare time."],
    },
    "da": {
        "space": "Vejledning",
        "titles": ["Hvordan søger jeg sommerjob?", "Hvilken uddannelse passer til mig?", "Sabbatår eller videre med det samme?",
                   "Hvordan skriver jeg et CV uden erfaring?", "Kan jeg skifte studieretning?", "Erhvervsuddannelse eller gymnasium?"],
        "body": ["Jeg går i sidste klasse og ved ikke, hvad jeg skal vælge.", "Mine forældre vil have mig til at studere.",
                 "Er der nogen, der har prøvet det og kan fortælle, hvordan det gik?", "Jeg har søgt to gange uden svar."],
        "answer": ["Tal med studievejlederen på din skole, de kender fristerne.", "Jeg gjorde det samme sidste år, det gik fint.",
                   "Kig på optagelsesportalen, sommerjobbene står der.", "Skriv om det, du laver i din fritid."],
    },
    "sv": {
        "space": "Vägledning",
        "titles": ["Hur söker jag sommarjobb?", "Vilken utbildning passar mig?", "Sabbatsår eller plugga direkt?",
                   "Hur skriver jag ett CV utan erfarenhet?", "Kan jag byta program?", "Yrkesprogram eller högskoleförberedande?"],
        "body": ["Jag går sista året och vet inte vad jag ska välja.", "Mina föräldrar vill att jag pluggar vidare.",
                 "Har någon gjort det här och kan berätta hur det gick?", "Jag har sökt två gånger utan svar."],
        "answer": ["Prata med studie- och yrkesvägledaren, hen kan datumen.", "Jag gjorde samma sak förra året och det gick bra.",
                   "Titta på antagningssidan, sommarjobben finns där.", "Skriv om vad du gör på fritiden."],
    },
    "fi": {
        "space": "Ohjaus",
        "titles": ["Miten haen kesätyötä?", "Mikä koulutus sopii minulle?", "Välivuosi vai suoraan jatko-opintoihin?",
                   "Miten kirjoitan CV:n ilman kokemusta?", "Voinko vaihtaa linjaa?", "Ammattikoulu vai lukio?"],
        "body": ["Olen viimeisellä luokalla enkä tiedä mitä valita.", "Vanhempani haluavat, että opiskelen.",
                 "Onko joku tehnyt tämän ja voi kertoa miten kävi?", "Hain kahdesti enkä saanut vastausta."],
        "answer": ["Puhu koulusi opinto-ohjaajan kanssa, hän tietää määräajat.", "Tein saman viime vuonna ja se onnistui.",
                   "Katso hakuportaalia, kesätyöt löytyvät sieltä.", "Kirjoita siitä mitä teet vapaa-ajallasi."],
    },
    "nb": {
        "space": "Veiledning",
        "titles": ["Hvordan søker jeg sommerjobb?", "Hvilken utdanning passer for meg?", "Friår eller rett videre?",
                   "Hvordan skriver jeg en CV uten erfaring?", "Kan jeg bytte programfag?", "Yrkesfag eller studiespesialisering?"],
        "body": ["Jeg går siste året og vet ikke hva jeg skal velge.", "Foreldrene mine vil at jeg skal studere.",
                 "Er det noen som har gjort dette og kan fortelle hvordan det gikk?", "Jeg har søkt to ganger uten svar."],
        "answer": ["Snakk med rådgiveren på skolen, de kan fristene.", "Jeg gjorde det samme i fjor, og det gikk fint.",
                   "Se på søknadsportalen, sommerjobbene ligger der.", "Skriv om det du gjør på fritiden."],
    },
}


@contextmanager
def history_timestamps(*models):
    """bulk_create would stamp every row "now" (``auto_now_add``); a history needs its own dates.
    Every row this command writes sets them; the fields are restored afterwards."""
    fields = [f for model in models for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True


def answer_count(rng: random.Random) -> int:
    """A long tail: a fifth unanswered, most a handful, some dozens, one in a hundred over a hundred."""
    roll = rng.random()
    if roll < 0.20:
        return 0
    if roll < 0.90:
        return min(1 + int(rng.expovariate(1 / 3)), 15)
    if roll < 0.99:
        return rng.randint(15, 60)
    return rng.randint(100, 250)


def html(text: str) -> str:
    return f"<p>{escape(text)}</p>"


class Command(BaseCommand):
    help = "Fill the database with a realistic community of N posts and M members (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--members", type=int, default=1_000)
        parser.add_argument("--spaces", type=int, default=10, help="at least 4: one per level")
        parser.add_argument("--seed", type=int, default=13)

    def handle(self, *args, posts, members, spaces, seed, **options):
        if posts < 1 or members < 10 or spaces < 4:
            raise CommandError("Use at least 1 post, 10 members and 4 spaces.")
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("There is no community home page; run `manage.py migrate` first.")
        self.rng = random.Random(seed)
        self.run = f"{int(time.time()):x}"
        self.languages = [code for code, _name in settings.LANGUAGES if code in TEXTS]
        self.now = timezone.now()
        self.post_type = ContentType.objects.get_for_model(Post)
        started = time.perf_counter()
        last_before = Post.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with history_timestamps(Thread, Post, Reaction, Endorsement, Follow, ModerationItem, Flag):
            self._members(members)
            self._spaces(home, spaces)
            wall_budget = int(posts * 0.9)
            self._wall(wall_budget)
            self._conversations(posts - self.posts_written)
            self._space_follows()
        # Bulk inserts bypass the services, which index what they write: index this run's posts, or
        # search and suggestions find nothing (and a benchmark measures empty results).
        search_index_rebuild(after_pk=last_before)
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would give a live site: without them the planner
            # guesses one row per table and benchmarks measure its guesses.
            with connection.cursor() as cursor:
                # VACUUM cannot run inside a transaction (a test's, say); ANALYZE alone can.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {self.posts_written} posts in {self.threads_written} threads, {members} members, "
                f"{len(self.spaces)} spaces in {time.perf_counter() - started:.1f} s."
            )
        )

    # ---------------------------------------------------------------- people and places

    def _members(self, count: int) -> None:
        rng = self.rng
        users = [
            User(
                username=f"scale-{self.run}-{n}",
                display_name=f"Scale {self.run} {n}",
                # Unique, and never the look-alike key of a name a person could choose.
                display_name_key=f"~scale-{self.run}-{n}",
                email=f"scale-{self.run}-{n}@example.org",
                password="!",  # unusable: nobody logs in as these
                preferred_language=self.languages[n % len(self.languages)],
            )
            for n in range(count)
        ]
        User.objects.bulk_create(users, batch_size=BATCH)
        groups = {role: Group.objects.get_or_create(name=name)[0] for role, name in GROUP_NAMES.items()}
        counsellors = max(3, count // 100)
        self.counsellors = users[:counsellors]
        self.moderators = users[counsellors : counsellors + 2]
        guides = max(2, count * 3 // 100)
        self.peer_guides = users[counsellors + 2 : counsellors + 2 + guides]
        self.members = users[counsellors + 2 :]
        Through = User.groups.through
        rows = [Through(user_id=u.pk, group_id=groups[Role.COUNSELLOR].pk) for u in self.counsellors]
        rows += [Through(user_id=u.pk, group_id=groups[Role.MODERATOR].pk) for u in self.moderators]
        rows += [Through(user_id=u.pk, group_id=groups[Role.MEMBER].pk) for u in self.members]
        rows += [Through(user_id=u.pk, group_id=groups[Role.PEER_GUIDE].pk) for u in self.peer_guides]
        Through.objects.bulk_create(rows, batch_size=BATCH)
        self.peer_guide_ids = {u.pk for u in self.peer_guides}
        self.member_ids = [u.pk for u in self.members]
        rng.shuffle(self.member_ids)

    def _spaces(self, home, count: int) -> None:
        self.spaces = []
        for n in range(count):
            language = self.languages[n % len(self.languages)]
            tier = Tier.values[n % len(Tier.values)]
            space = CommunitySpacePage(
                title=f"{TEXTS[language]['space']} {n + 1} ({language})",
                slug=f"scale-{self.run}-{n}",
                tier=tier,
                owner=self.counsellors[0],
            )
            home.add_child(instance=space)
            space.language = language
            self.spaces.append(space)
        self.wall_spaces = [s for s in self.spaces if s.tier >= Tier.INTEGRATION]
        self.private_spaces = [s for s in self.spaces if s.tier >= Tier.APPLICATION]

    # ---------------------------------------------------------------- the wall

    def _wall(self, budget: int) -> None:
        self.posts_written = self.threads_written = 0
        first = True
        while self.posts_written < budget:
            plans = []
            planned = 0
            while len(plans) < THREADS_PER_CHUNK and self.posts_written + planned < budget:
                answers = LONG_THREAD_ANSWERS if first else answer_count(self.rng)
                first = False
                answers = min(answers, max(0, budget - self.posts_written - planned - 1))
                plans.append(answers)
                planned += 1 + answers + answers // 5
            with transaction.atomic():
                self._wall_chunk(plans)

    def _author(self):
        """Who answers: a counsellor now and then, a peer guide more often, mostly members."""
        roll = self.rng.random()
        if roll < 0.15:
            return self.rng.choice(self.counsellors), AuthorRole.COUNSELLOR
        user_id = self.rng.choice(self.member_ids)
        return user_id, AuthorRole.PEER_GUIDE if user_id in self.peer_guide_ids else AuthorRole.MEMBER

    def _state(self, held: float = 0.02, rejected: float = 0.005, hidden: float = 0.005) -> tuple[str, str]:
        roll = self.rng.random()
        if roll < held:
            return ModerationState.PENDING, ""
        if roll < held + rejected:
            return ModerationState.REJECTED, ""
        if roll < held + rejected + hidden:
            return ModerationState.HIDDEN, self.rng.choice([HiddenReason.WITHDRAWN, HiddenReason.FLAGGED])
        return ModerationState.PUBLISHED, ""

    def _when(self):
        return self.now - timedelta(seconds=self.rng.randint(3600, 2 * 365 * 86400))

    def _wall_chunk(self, plans: list[int]) -> None:
        rng = self.rng
        threads, questions, answers, replies = [], [], [], []
        for planned_answers in plans:
            space = rng.choice(self.wall_spaces)
            text = TEXTS[space.language]
            asker = rng.choice(self.member_ids)
            state, hidden = self._state(held=0.02, rejected=0.003, hidden=0.003)
            created = self._when()
            anonymous = rng.random() < 0.3
            thread = Thread(
                space=space, mode=Mode.WALL, title=f"{rng.choice(text['titles'])} #{rng.randint(1, 99999)}",
                author_id=asker, is_anonymous=anonymous, state=state, created_at=created, last_activity_at=created,
            )
            body = " ".join(rng.sample(text["body"], 2))
            questions.append(Post(
                thread=thread, kind=PostKind.QUESTION, author_id=asker, is_anonymous=anonymous, body=body,
                body_html=html(body), state=state, hidden_reason=hidden, created_at=created,
            ))
            when = created
            thread_answers = []
            for _n in range(planned_answers):
                when = min(when + timedelta(minutes=rng.randint(5, 3000)), self.now)
                author, role = self._author()
                author_id = getattr(author, "pk", author)
                state, hidden = self._state()
                body = rng.choice(text["answer"])
                post = Post(
                    thread=thread, kind=PostKind.ANSWER, author_id=author_id, author_role=role,
                    is_anonymous=anonymous and author_id == asker, body=body, body_html=html(body),
                    state=state, hidden_reason=hidden, created_at=when,
                )
                thread_answers.append(post)
                if state == ModerationState.PUBLISHED:
                    thread.last_activity_at = when
            published = [p for p in thread_answers if p.state == ModerationState.PUBLISHED]
            if published and rng.random() < 0.3:
                rng.choice(published).helped_asker = True
            answers.extend(thread_answers)
            for parent in rng.sample(thread_answers, len(thread_answers) // 5):
                author, role = self._author()
                body = rng.choice(text["answer"])
                replies.append(Post(
                    thread=thread, kind=PostKind.REPLY, parent=parent, author_id=getattr(author, "pk", author),
                    author_role=role, body=body, body_html=html(body), state=ModerationState.PUBLISHED,
                    created_at=min(parent.created_at + timedelta(minutes=rng.randint(5, 600)), self.now),
                ))
            threads.append(thread)
        Thread.objects.bulk_create(threads, batch_size=BATCH)
        # Assigning the saved objects again fills in their ids and keeps them loaded (an id set by
        # hand would drop them, and every later ``post.thread`` would be a query).
        for post in questions + answers + replies:
            post.thread = post.thread
        Post.objects.bulk_create(questions + answers, batch_size=BATCH)
        for post in replies:
            post.parent = post.parent
        Post.objects.bulk_create(replies, batch_size=BATCH)
        self._reactions(questions, answers)
        self._follows_and_notifications(questions + answers + replies)
        self._queue(questions + answers + replies)
        threads_counters_refresh(thread_ids=[t.pk for t in threads])
        self.posts_written += len(questions) + len(answers) + len(replies)
        self.threads_written += len(threads)

    def _reactions(self, questions, answers) -> None:
        rng = self.rng
        reactions, endorsements = [], []
        for post in answers:
            if post.state != ModerationState.PUBLISHED:
                continue
            if rng.random() < 0.3:
                for user_id in rng.sample(self.member_ids, min(len(self.member_ids), 1 + int(rng.expovariate(0.7)))):
                    reactions.append(Reaction(post=post, user_id=user_id, kind=ReactionKind.HELPFUL, created_at=post.created_at))
            if post.author_role != AuthorRole.COUNSELLOR and rng.random() < 0.05:
                endorser = rng.choice(self.counsellors)
                endorsements.append(Endorsement(
                    post=post, endorsed_by=endorser, endorser_role=AuthorRole.COUNSELLOR, created_at=post.created_at,
                ))
        for post in questions:
            if post.state == ModerationState.PUBLISHED and rng.random() < 0.2:
                for user_id in rng.sample(self.member_ids, min(len(self.member_ids), rng.randint(1, 3))):
                    reactions.append(Reaction(post=post, user_id=user_id, kind=ReactionKind.ME_TOO, created_at=post.created_at))
        Reaction.objects.bulk_create(reactions, batch_size=BATCH)
        Endorsement.objects.bulk_create(endorsements, batch_size=BATCH)

    def _follows_and_notifications(self, posts) -> None:
        """The asker and everyone who answered follow the thread; the asker hears of each answer."""
        follows, seen, notifications = [], set(), []
        for post in posts:
            thread = post.thread
            for user_id in (thread.author_id, post.author_id):
                if (user_id, thread.pk) not in seen:
                    seen.add((user_id, thread.pk))
                    follows.append(Follow(user_id=user_id, thread=thread, level=FollowLevel.NORMAL, created_at=post.created_at))
            if post.kind == PostKind.ANSWER and post.state == ModerationState.PUBLISHED and post.author_id != thread.author_id:
                notifications.append(Notification(
                    recipient_id=thread.author_id, kind=EventKind.ANSWER_ON_MY_QUESTION, event_key=f"post:{post.pk}",
                    url=f"/threads/{thread.pk}/#post-{post.pk}", verb=EventKind.ANSWER_ON_MY_QUESTION,
                    description=thread.title, actor_content_type=self.post_type, actor_object_id=str(post.pk),
                    public=False, unread=self.rng.random() < 0.4, timestamp=post.created_at,
                ))
        Follow.objects.bulk_create(follows, batch_size=BATCH)
        Notification.objects.bulk_create(notifications, batch_size=BATCH)

    def _queue(self, posts) -> None:
        """Held posts wait in the queue; rejected and flag-hidden ones were decided; a few published ones are reported."""
        rng = self.rng
        items, flags = [], []
        for post in posts:
            space_id = post.thread.space_id
            if post.state == ModerationState.PENDING:
                urgent = rng.random() < 0.05
                rule = "crisis" if urgent else rng.choice(["first_posts", "personal_data", "new_member_link"])
                items.append(ModerationItem(
                    post=post, space_id=space_id, urgent=urgent, hits=[{"rule": rule, "message": rule, "detail": ""}],
                    rule_codes=f",{rule},", created_at=post.created_at,
                ))
            elif post.state == ModerationState.REJECTED:
                items.append(ModerationItem(
                    post=post, space_id=space_id, hits=[{"rule": "first_posts", "message": "first_posts", "detail": ""}],
                    rule_codes=",first_posts,", status=ItemStatus.RESOLVED, created_at=post.created_at,
                    resolved_at=post.created_at + timedelta(hours=2),
                ))
            elif post.state == ModerationState.HIDDEN and post.hidden_reason == HiddenReason.FLAGGED or (
                post.state == ModerationState.PUBLISHED and post.kind != PostKind.QUESTION and rng.random() < 0.01
            ):
                reporters = rng.sample(self.member_ids, 3 if post.state == ModerationState.HIDDEN else 1)
                reason = rng.choice(["inappropriate", "bullying", "spam"])
                hits = [{"rule": "member_flag", "reason": reason, "message": reason, "detail": ""} for _r in reporters]
                if post.state == ModerationState.HIDDEN:
                    hits.append({"rule": "flag_threshold", "message": "flag_threshold", "detail": "3"})
                codes = sorted({h["rule"] for h in hits})
                items.append(ModerationItem(
                    post=post, space_id=space_id, hits=hits, rule_codes="," + ",".join(codes + [f"reason:{reason}"]) + ",",
                    created_at=post.created_at,
                ))
                flags += [Flag(post=post, flagged_by_id=r, reason=reason, created_at=post.created_at) for r in reporters]
        ModerationItem.objects.bulk_create(items, batch_size=BATCH)
        Flag.objects.bulk_create(flags, batch_size=BATCH)

    # ---------------------------------------------------------------- private conversations

    def _conversations(self, budget: int) -> None:
        rng = self.rng
        written = 0
        while written < budget:
            threads, conversations, messages = [], [], []
            while len(threads) < THREADS_PER_CHUNK and written < budget:
                count = min(budget - written, rng.randint(1, 12))
                space = rng.choice(self.private_spaces)
                member = rng.choice(self.member_ids)
                counsellor = rng.choice(self.counsellors)
                when = self._when()
                thread = Thread(
                    space=space, mode=Mode.CONVERSATION, title=rng.choice(TEXTS[space.language]["titles"]),
                    author_id=member, created_at=when, last_activity_at=when,
                )
                conversation = Conversation(thread=thread, member_last_message_at=when)
                for n in range(count):
                    by_member = n % 2 == 0
                    when = min(when + timedelta(minutes=rng.randint(10, 2000)), self.now)
                    body = rng.choice(TEXTS[space.language]["body" if by_member else "answer"])
                    messages.append(Post(
                        thread=thread, kind=PostKind.MESSAGE, author_id=member if by_member else counsellor.pk,
                        author_role=AuthorRole.MEMBER if by_member else AuthorRole.COUNSELLOR,
                        body=body, body_html=html(body), created_at=when,
                    ))
                    if by_member:
                        conversation.member_last_message_at = when
                    else:
                        conversation.counsellor_last_message_at = when
                        conversation.assigned_to = counsellor
                thread.last_activity_at = when
                # Half concluded, a quarter waiting for someone to claim them, a quarter in hand.
                kind = len(conversations) % 4
                if kind < 2:
                    conversation.status, conversation.concluded_at = ConversationStatus.CONCLUDED, when
                elif kind == 2:
                    conversation.assigned_to = None
                threads.append(thread)
                conversations.append(conversation)
                written += count
            with transaction.atomic():
                Thread.objects.bulk_create(threads, batch_size=BATCH)
                for conversation in conversations:
                    conversation.thread = conversation.thread
                for message in messages:
                    message.thread = message.thread
                Conversation.objects.bulk_create(conversations, batch_size=BATCH)
                Post.objects.bulk_create(messages, batch_size=BATCH)
            self.threads_written += len(threads)
        self.posts_written += written

    def _space_follows(self) -> None:
        follows = []
        for user_id in self.member_ids:
            if self.rng.random() < 0.2:
                for space in self.rng.sample(self.spaces, 2):
                    level = FollowLevel.WATCHING if self.rng.random() < 0.1 else FollowLevel.NORMAL
                    follows.append(Follow(user_id=user_id, space=space, level=level, created_at=self.now))
        Follow.objects.bulk_create(follows, batch_size=BATCH)
