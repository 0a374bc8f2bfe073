"""A realistic moderation queue for the demo: about twenty mixed items for a counsellor to work through.

Everything goes through the real screening and flag services, so each item
shows the rules that really fired. Idempotent: once the demo's newcomers
exist, nothing is added again.
"""

from django.db import transaction

from community import services as community_services
from community.models import Mode, Post, PostKind, Thread
from community.roles import Role
from moderation import services
from moderation.models import ItemStatus, WatchedWord

DEMO_WORDS = [
    ("idiot*", "flag"),
    ("vape*", "require_approval"),
    ("snus", "require_approval"),
    ("crap", "censor"),
    ("f*ck*", "block"),
]

NEWCOMERS = ["Lumi", "Mathilde", "Oskar", "Aino", "Emil", "Freja", "Saga", "Viktor", "Ella", "Nooa"]


def _newcomer(name, password):
    from community.models import User

    user = User.objects.filter(username=f"new-{name.lower()}").first()
    return user or community_services.user_create(
        username=f"new-{name.lower()}",
        display_name=name,
        email=f"new-{name.lower()}@example.org",
        password=password,
        role_set=(Role.MEMBER,),
        validate_password_strength=False,
    )


def _post(thread, author, body, parent=None):
    return community_services.post_create(author=author, thread=thread, body=body, parent=parent)


@transaction.atomic
def seed_queue(*, people, spaces_by_slug, password) -> int:
    """Fill the queue with mixed items; returns how many items are open."""
    from moderation.models import ModerationItem

    for pattern, action in DEMO_WORDS:
        WatchedWord.objects.get_or_create(pattern=pattern, defaults={"action": action})
    if Thread.objects.filter(author__username="new-lumi").exists() or Post.objects.filter(author__username="new-lumi").exists():
        return ModerationItem.objects.filter(status=ItemStatus.OPEN).count()

    first_job = spaces_by_slug["first-job"]
    changing = spaces_by_slug["changing-direction"]
    newcomers = {name: _newcomer(name, password) for name in NEWCOMERS}
    hours = Thread.objects.filter(space=first_job, mode=Mode.WALL, title__startswith="How many hours").first()
    nervous = Thread.objects.filter(space=first_job, mode=Mode.WALL, title__startswith="Is it normal").first()
    cv = Thread.objects.filter(space=first_job, mode=Mode.WALL, title__startswith="Do I need a CV").first()
    switch = Thread.objects.filter(space=changing, mode=Mode.WALL).first()

    # Crisis signals: the urgent lane.
    _post(nervous, newcomers["Lumi"], "Honestly I don't want to live anymore. Nothing I do works out.")
    _post(switch, newcomers["Nooa"], "En jaksa elää enää, kaikki on ihan turhaa.")
    # Personal data, held for review (also a first post for these newcomers).
    _post(cv, newcomers["Mathilde"], "I can send you my CV template, text me on 20 12 34 56!")
    _post(cv, newcomers["Oskar"], "Mail me and I'll help: oskar at gmail dot com")
    community_services.wall_question_ask(
        author=newcomers["Aino"],
        space=first_job,
        title="Do employers need my CPR number?",
        body="The café asked for my CPR, it's 070761-4285. Is that normal before I even start?",
    )
    _post(switch, newcomers["Emil"], "Mitt personnummer är 811218-9876, kan ni kolla mina betyg?")
    # Watched words: held for approval, and flagged but published.
    _post(nervous, newcomers["Freja"], "Just take snus before the interview, it calms you down.")
    _post(hours, newcomers["Saga"], "My boss says vapes are fine on breaks, is that true?")
    # First posts of newcomers, and links from newcomers.
    _post(hours, newcomers["Viktor"], "I work 12 hours a week next to school and it's fine.")
    _post(cv, newcomers["Ella"], "Check https://www.cv-generator.example.com, it's free.")
    _post(switch, newcomers["Viktor"], "Try www.easy-credits.example.com for quick course credits")
    community_services.wall_question_ask(
        author=newcomers["Ella"], space=changing, title="Can I switch from HHX to EUD in the spring?", body="I'm in my first year."
    )

    # Posts by known members that others report, and watched words that flag.
    member, member2, peer = people["member"], people["member2"], people["peerguide"]
    rude = _post(nervous, member2, "Only idiots get nervous about a café job.")
    promo = _post(hours, member, "Earn money fast with my cousin's delivery app, DM me!")
    low = _post(switch, member2, "I've been feeling really low since I dropped out. Nobody notices.")
    for flagger, reason in ((member, "bullying"), (peer, "inappropriate")):
        services.flag_create(user=flagger, post=rude, reason=reason)
    for flagger in (member2, peer, newcomers["Lumi"]):
        services.flag_create(user=flagger, post=promo, reason="spam")  # three reports hide it
    services.flag_create(user=peer, post=low, reason="worried", note="I think they might need someone to talk to.")
    answer = Post.objects.filter(thread=hours, kind=PostKind.ANSWER, author=peer).first()
    if answer is not None:
        services.flag_create(user=newcomers["Saga"], post=answer, reason="inappropriate", note="Is this right?")

    # A few more newcomers' first posts, so the queue has about twenty items.
    _post(cv, newcomers["Aino"], "I went in and asked, they took my name and number on paper.")
    _post(hours, newcomers["Freja"], "In Sweden the rules are in AFS, my teacher showed us.")
    _post(switch, newcomers["Saga"], "My cousin switched and got most subjects credited.")
    _post(nervous, newcomers["Emil"], "Good luck on Thursday! Breathe slowly before you go in.")
    _post(hours, newcomers["Nooa"], "Does anyone know the rules in Finland for 15-year-olds?")
    return ModerationItem.objects.filter(status=ItemStatus.OPEN).count()
