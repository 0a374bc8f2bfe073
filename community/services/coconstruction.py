"""Co-construction: reactions, helped-me marks, endorsements and the co-constructed answer."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from cms.page_cache import space_pages_invalidate
from community import policy, safeguarding
from community.counters import thread_counters_refresh
from community.models import (
    Endorsement,
    ModerationState,
    Post,
    PostKind,
    Reaction,
    ReactionKind,
    SummaryAnswer,
    SummaryRevision,
    Thread,
)
from community.notify import dispatch
from community.safeguarding import Surface
from community.validation import as_id, author_role_of, clean_text

SUMMARY_MAX = 10000
ENDORSEMENT_NOTE_MAX = 280
CHANGE_NOTE_MAX = 200


def _locked(post: Post) -> Post:
    return Post.objects.select_for_update(of=("self",)).select_related("thread__space").get(pk=post.pk)


@transaction.atomic
def reaction_set(*, user, post: Post, kind: str, on: bool) -> None:
    """Add (on=True) or take back (on=False) a "helpful" or "me too" reaction."""
    post = _locked(post)
    policy.require_can_react(user, post, kind)
    existing = Reaction.objects.filter(post=post, user=user, kind=kind)
    label = ReactionKind(kind).label
    if on:
        try:
            with transaction.atomic():
                Reaction.objects.create(post=post, user=user, kind=kind)
        except IntegrityError as error:
            raise ValidationError(
                _("You have already reacted “%(reaction)s” to this post.") % {"reaction": label}, code="duplicate"
            ) from error
    elif not existing.delete()[0]:
        raise ValidationError(
            _("You have not reacted “%(reaction)s” to this post.") % {"reaction": label}, code="absent"
        )
    if kind == ReactionKind.HELPFUL:
        thread_counters_refresh(thread_id=post.thread_id)
    space_pages_invalidate(space_id=post.thread.space_id)


@transaction.atomic
def helped_mark_set(*, user, post: Post, helped: bool) -> None:
    """The asker marks (or unmarks) an answer that helped them.

    Marking again an answer whose author changed it after the mark confirms the mark for the text as it is now.
    """
    post = _locked(post)
    policy.require_can_mark_helped(user, post)
    if helped and post.helped_asker and post.helped_earlier_version:
        post.helped_earlier_version = False
        post.save(update_fields=["helped_earlier_version"])
        return
    if post.helped_asker == helped:
        message = (
            _("You have already marked this answer as helpful.")
            if helped
            else _("This answer is not marked as helpful.")
        )
        raise ValidationError(message, code="unchanged")
    post.helped_asker = helped
    post.helped_earlier_version = False
    post.save(update_fields=["helped_asker", "helped_earlier_version"])
    thread_counters_refresh(thread_id=post.thread_id)
    if helped:
        dispatch.marked_helpful(post)
    space_pages_invalidate(space_id=post.thread.space_id)


def endorsement_add(*, endorser, post: Post, note: str = "") -> Endorsement:
    """A counsellor (or a peer guide at level 4) vouches for a member's answer.

    The note is shown to everyone at once, so it is screened first; a note that would
    have to wait for a counsellor is refused (a crisis signal in it still reaches one).
    """
    note = clean_text(note, field="note", label=_("The note"), max_length=ENDORSEMENT_NOTE_MAX, required=False)
    if note:
        policy.require_can_endorse(endorser, post)
        note = safeguarding.require_note_acceptable(
            author=endorser, space=post.thread.space, mode=post.thread.mode, text=note, field="note"
        )
    return _endorsement_create(endorser=endorser, post=post, note=note)


@transaction.atomic
def _endorsement_create(*, endorser, post: Post, note: str) -> Endorsement:
    post = _locked(post)
    policy.require_can_endorse(endorser, post)
    try:
        with transaction.atomic():
            endorsement = Endorsement.objects.create(
                post=post, endorsed_by=endorser, endorser_role=policy.endorser_role(endorser), note=note
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already endorsed this answer."), code="duplicate") from error
    dispatch.endorsed(endorsement)
    space_pages_invalidate(space_id=post.thread.space_id)
    return endorsement


@transaction.atomic
def endorsement_withdraw(*, endorser, post: Post) -> None:
    post = _locked(post)
    policy.require_visible_post(endorser, post)
    if not Endorsement.objects.filter(post=post, endorsed_by=endorser).delete()[0]:
        raise ValidationError(_("You have not endorsed this answer."), code="absent")
    space_pages_invalidate(space_id=post.thread.space_id)


def endorsements_lapse(*, post: Post, revision) -> None:
    """An endorsed answer's text changed: its endorsements vouched for the old text, so they lapse until
    a counsellor (or peer guide) checks it again; ``revision`` keeps who had endorsed it, and each endorser
    is told. An asker's "this helped me" stays (it is their own experience), marked as given to an earlier
    version, until they confirm it. Called inside the edit's transaction, with the post locked."""
    endorsements = list(post.endorsements.select_related("endorsed_by"))
    if post.helped_asker:
        post.helped_earlier_version = True
    if not endorsements:
        return
    revision.endorsements = [
        {"by": e.endorsed_by_id, "name": e.endorsed_by.display_name, "role": e.endorser_role, "note": e.note}
        for e in endorsements
    ]
    revision.save(update_fields=["endorsements"])
    Endorsement.objects.filter(pk__in=[e.pk for e in endorsements]).delete()
    dispatch.endorsement_lapsed(revision)


def _cited_posts(thread: Thread, editor, cited_post_ids) -> list[Post]:
    ids = {as_id(pk) for pk in cited_post_ids or ()}
    if None in ids:
        raise ValidationError({"cited_posts": _("Choose the answers to credit from this thread.")}, code="invalid")
    posts = list(
        Post.objects.filter(
            pk__in=ids, thread=thread, state=ModerationState.PUBLISHED, kind__in=[PostKind.ANSWER, PostKind.REPLY]
        )
    )
    missing = ids - {post.pk for post in posts}
    if missing:
        raise ValidationError(
            {"cited_posts": _("These are not published answers in this thread: %(ids)s.") % {"ids": ", ".join(map(str, sorted(missing)))}},
            code="invalid_citation",
        )
    return posts


@transaction.atomic
def summary_revise(
    *, editor, thread: Thread, body: str, change_note: str = "", cited_post_ids=(), based_on: int | None = None
) -> SummaryRevision:
    """Write a new revision of the thread's co-constructed answer; earlier revisions are kept.

    ``based_on`` is the revision number the editor started from; if someone
    else saved in between, the edit is refused so nobody's work is silently lost.
    """
    thread = Thread.objects.select_for_update(of=("self",)).select_related("space").get(pk=thread.pk)
    policy.require_can_edit_summary(editor, thread)
    body = clean_text(body, field="body", label=_("The answer"), max_length=SUMMARY_MAX)
    change_note = clean_text(
        change_note, field="change_note", label=_("The note on your change"), max_length=CHANGE_NOTE_MAX, required=False
    )
    cited = _cited_posts(thread, editor, cited_post_ids)
    summary, _created = SummaryAnswer.objects.select_for_update(of=("self",)).get_or_create(thread=thread)
    latest = summary.revisions.aggregate(number=Max("number"))["number"] or 0
    if based_on is not None and based_on != latest:
        raise ValidationError(
            {"body": _("Someone else saved a new version while you were editing. Open the answer again to see their changes.")},
            code="conflict",
        )
    if summary.current is not None and summary.current.body == body:
        raise ValidationError({"body": _("Nothing has changed.")}, code="unchanged")
    # The change note is shown in the answer's history: screened with the answer, held with it.
    verdict = safeguarding.screen(
        author=editor, space=thread.space, mode=thread.mode, text=body, title=change_note, surface=Surface.SUMMARY
    )
    change_note = verdict.title
    revision = SummaryRevision.objects.create(
        summary=summary,
        number=latest + 1,
        body=verdict.text,
        body_html=verdict.html,
        editor=editor,
        editor_role=author_role_of(editor),
        change_note=change_note,
        state=verdict.state,
    )
    revision.cited_posts.set(cited)
    safeguarding.record(summary_revision=revision, verdict=verdict)
    if verdict.state == ModerationState.PUBLISHED:
        summary.current = revision
        summary.save(update_fields=["current", "updated_at"])
        dispatch.summary_updated(revision)
    space_pages_invalidate(space_id=thread.space_id)
    return revision
