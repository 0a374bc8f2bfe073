"""Demo threads in all three guidance modes (``manage.py seed_demo``).

Everything is written through the services, as real people would, and then
dated back over the last days so the demo reads like a living community.
Idempotent: a thread that exists (same space and title) is left alone.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from community import services
from community.models import Conversation, Mode, Post, PostKind, ReactionKind, Stage, Thread


def _ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def _date(post_or_thread, hours: float) -> None:
    """Date something back: demo content should not all say "just now"."""
    when = _ago(hours)
    type(post_or_thread).objects.filter(pk=post_or_thread.pk).update(created_at=when)
    if isinstance(post_or_thread, Thread):
        Thread.objects.filter(pk=post_or_thread.pk).update(last_activity_at=when)
    else:
        Thread.objects.filter(pk=post_or_thread.thread_id, last_activity_at__gt=when).update(last_activity_at=when)


def _exists(space, title) -> bool:
    return Thread.objects.filter(space=space, title=title).exists()


def _wall_thread(space, asker, title, body, hours, *, anonymous=False):
    thread = services.wall_question_ask(author=asker, space=space, title=title, body=body, anonymous=anonymous)
    _date(thread, hours)
    _date(thread.posts.get(), hours)
    return thread


def _answer(thread, author, body, hours, parent=None) -> Post:
    post = services.post_create(author=author, thread=thread, body=body, parent=parent)
    _date(post, hours)
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=_ago(hours))
    return post


def _first_job(space, people) -> None:
    member, member2, peer, anna, mikkel = (
        people["member"], people["member2"], people["peerguide"], people["counsellor"], people["counsellor2"]
    )
    title = "How many hours can I work at 16 when I have school?"
    if not _exists(space, title):
        thread = _wall_thread(
            space,
            member,
            title,
            "I got offered a job at a supermarket, mostly after school and on Saturdays. I'm 16. "
            "Is there a limit to how many hours they can give me in a school week?",
            50,
        )
        peer_answer = _answer(
            thread,
            peer,
            "Yes, there are limits for under-18s, and they are stricter in weeks with school. "
            "When I was 16 my boss wasn't allowed to give me evening shifts that ended late. "
            "Ask them to write the hours into your contract.",
            47,
        )
        counsellor_answer = _answer(
            thread,
            anna,
            "Good question to ask before you start! The rules for young workers limit both daily and "
            "weekly hours on school days, forbid night work, and give you a right to rest between "
            "shifts. The exact numbers depend on the country: see the information page "
            "“Your rights when you work under 18” in this space, which links to the work environment "
            "authorities.",
            30,
        )
        _answer(thread, member, "Thanks, that makes sense. I'll ask for the hours in writing.", 28, parent=counsellor_answer)
        services.endorsement_add(endorser=anna, post=peer_answer, note="Right, and a written contract is a must.")
        services.helped_mark_set(user=member, post=peer_answer, helped=True)
        services.reaction_set(user=member2, post=counsellor_answer, kind=ReactionKind.HELPFUL, on=True)
        services.reaction_set(user=peer, post=counsellor_answer, kind=ReactionKind.HELPFUL, on=True)
        services.reaction_set(user=member2, post=thread.posts.get(kind=PostKind.QUESTION), kind=ReactionKind.ME_TOO, on=True)
        services.summary_revise(
            editor=anna,
            thread=thread,
            body="If you are under 18 the law limits your working hours, more strictly in school weeks, "
            "and you may not work at night. Ask for your hours in a written contract.",
            cited_post_ids=[peer_answer.pk],
            change_note="First summary",
        )
        services.summary_revise(
            editor=mikkel,
            thread=thread,
            body="If you are under 18 the law limits your working hours, more strictly in school weeks, "
            "and you may not work at night. You also have a right to breaks and rest between shifts.\n\n"
            "Ask for your hours in a written contract, and read “Your rights when you work under 18” "
            "in this space for the rules in your country.",
            cited_post_ids=[peer_answer.pk, counsellor_answer.pk],
            change_note="Added rest periods and the link to the information page",
            based_on=1,
        )

    title = "Is it normal to be really nervous before a job interview?"
    if not _exists(space, title):
        thread = _wall_thread(
            space,
            member2,
            title,
            "I have my first interview on Thursday, for a café job. I keep thinking I'll say something stupid.",
            20,
            anonymous=True,
        )
        _answer(
            thread,
            peer,
            "Totally normal. Prepare two or three things you want them to know about you, and it is fine "
            "to say you are a bit nervous. They hire young people all the time.",
            18,
        )
        _answer(thread, member, "Me too last year! They mostly asked when I could work.", 16)

    title = "Do I need a CV for a weekend job at a café?"
    if not _exists(space, title):
        _wall_thread(
            space,
            member,
            title,
            "Or is it enough to just go in and ask? I've never written a CV.",
            3,
        )

    summer = Thread.objects.filter(space=space, mode=Mode.UPDATE, update_page__slug="summer-jobs-apply-early").first()
    if summer is not None and not summer.posts.filter(kind=PostKind.ANSWER).exists():
        _answer(summer, member2, "Does this also count for the municipality's summer jobs for 15-year-olds?", 40)
        _answer(
            summer,
            mikkel,
            "Yes, many municipalities run their own summer job programmes for young people, often from 15. "
            "Their applications usually close in spring, so look now.",
            38,
        )
        services.reaction_set(user=member, post=summer.posts.get(kind=PostKind.UPDATE), kind=ReactionKind.HELPFUL, on=True)


def _changing_direction(space, people) -> None:
    member, peer, anna = people["member"], people["peerguide"], people["counsellor"]
    title = "I started at STX but want to switch to EUX. Do I lose a year?"
    if _exists(space, title):
        return
    thread = _wall_thread(
        space,
        member,
        title,
        "I'm in my first year of STX and I don't like it. I'd rather become an electrician, maybe through "
        "EUX. Will I have to start all over?",
        70,
    )
    peer_answer = _answer(
        thread,
        peer,
        "I switched from STX to EUX in the middle of my first year. Some of my subjects were credited, so "
        "I didn't lose the whole year. Talk to the study counsellor at the vocational college.",
        66,
    )
    anna_answer = _answer(
        thread,
        anna,
        "Switching is common and often a good idea when you know what you want. Subjects you have passed at "
        "the same level can often be credited. The college will assess your credit when you apply.",
        60,
    )
    services.endorsement_add(endorser=anna, post=peer_answer, note="")
    services.helped_mark_set(user=member, post=peer_answer, helped=True)
    services.summary_revise(
        editor=peer,
        thread=thread,
        body="You don't necessarily start over: subjects you have passed can often be credited when you "
        "switch to EUX. Ask the vocational college's study counsellor to assess your credit.",
        cited_post_ids=[peer_answer.pk],
        change_note="Summary from a peer guide",
    )
    services.summary_revise(
        editor=anna,
        thread=thread,
        body="You don't necessarily start over: subjects you have passed at the same level can often be "
        "credited when you switch to EUX. The college assesses your credit when you apply, so ask its "
        "study counsellor before you leave STX.\n\nCheck also how a switch affects your student grant.",
        cited_post_ids=[peer_answer.pk, anna_answer.pk],
        change_note="Added when credit is assessed, and the grant",
        based_on=1,
    )


def _conversation(space, member, body, hours, subject=""):
    thread = services.conversation_start(member=member, space=space, body=body, subject=subject)
    post = thread.posts.get()
    _date(post, hours)
    _date(thread, hours)
    Conversation.objects.filter(thread=thread).update(member_last_message_at=_ago(hours))
    return thread


def _message(thread, author, body, hours):
    post = services.post_create(author=author, thread=thread, body=body)
    _date(post, hours)
    field = "member_last_message_at" if author.pk == thread.author_id else "counsellor_last_message_at"
    Conversation.objects.filter(thread=thread).update(**{field: _ago(hours)})
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=_ago(hours))
    return post


def _conversations(after_upper_secondary, changing_direction, people) -> None:
    member, member2, anna, mikkel = people["member"], people["member2"], people["counsellor"], people["counsellor2"]
    space = after_upper_secondary
    subject = "Gap year or straight to university?"
    if not _exists(space, subject):
        thread = _conversation(
            space,
            member,
            "Hi. Everyone in my class seems to know what they want to study. I don't, and I'm thinking about "
            "a gap year, but my parents think I will lose motivation. What should I do?",
            60,
            subject=subject,
        )
        _message(
            thread,
            anna,
            "Hi, and thanks for writing. Lots of people feel like this in their last year, so you are far from "
            "alone. Could you tell me a bit about what you enjoy, in school or outside it? Then we can look at "
            "the options together, gap year included.",
            52,
        )
        _message(thread, member, "I like biology and being outdoors. I've worked at a riding school in the summers.", 30)
        services.conversation_stage_set(counsellor=anna, thread=thread, stage=Stage.KONTRAKT)
        services.conversation_stage_set(counsellor=anna, thread=thread, stage=Stage.KOMMUNIKATION)
        services.conversation_note_add(
            counsellor=anna, thread=thread, body="Agreed goal: a plan for next year the member can discuss with parents."
        )

    subject = "Help with my quota 2 application"
    if not _exists(space, subject):
        _conversation(
            space,
            member2,
            "I want to apply for nursing through quota 2. What should I write in the motivated application?",
            5,
            subject=subject,
        )

    subject = "Deadline for the folk high school?"
    if not _exists(space, subject):
        thread = _conversation(space, member2, "When do I need to apply for a folk high school course starting in August?", 80, subject=subject)
        _message(
            thread,
            mikkel,
            "Most folk high schools admit students continuously until the course is full, so there is no common "
            "deadline. Popular courses fill up in spring. Which schools are you looking at?",
            76,
        )
        services.conversation_stage_set(counsellor=mikkel, thread=thread, stage=Stage.KONTRAKT)

    space = changing_direction
    subject = "Student grant if I switch programme"
    if not _exists(space, subject):
        thread = _conversation(space, member, "If I switch programme now, do I lose the grant months I've used?", 120, subject=subject)
        _message(
            thread,
            anna,
            "The months you have used usually count against your total, but there are often extra months for a "
            "switch. Check your remaining months with the grant authority before you decide.",
            110,
        )
        _message(thread, member, "Thank you, I checked and I have enough months left.", 100)
        services.conversation_conclude(counsellor=anna, thread=thread, note="Member has the information needed.")


@transaction.atomic
def seed_threads(*, people, spaces_by_slug) -> None:
    _first_job(spaces_by_slug["first-job"], people)
    _changing_direction(spaces_by_slug["changing-direction"], people)
    _conversations(spaces_by_slug["after-upper-secondary"], spaces_by_slug["changing-direction"], people)
