"""Update-triggered threads: a published update opens its discussion; members may propose updates."""

from django.db import transaction
from django.utils.translation import gettext as _

from cms.locales import source_page
from community import policy, roles, safeguarding
from community.models import Follow, Mode, ModerationState, Post, PostKind, Thread
from community.notify import dispatch
from community.safeguarding import Surface
from community.validation import BODY_MAX, TITLE_MAX, TITLE_MIN, author_role_of, clean_text


@transaction.atomic
def update_thread_open(*, update_page) -> Thread | None:
    """Open (or refresh) the discussion thread of a live update. Idempotent.

    Wagtail sends ``page_published`` also when it only *schedules* a page (``go_live_at`` in the
    future, the page stays not live); the discussion, and the followers' notification, wait for
    the run of ``publish_scheduled`` that makes it live. Returns None while it is not live.
    """
    from cms.models import CommunitySpacePage

    if not update_page.live:
        return None
    if source_page(update_page).pk != update_page.pk:
        return None  # a translation shares its source's discussion (cms/locales.py)
    space = CommunitySpacePage.objects.ancestor_of(update_page).first()
    owner = update_page.owner
    thread, created = Thread.objects.get_or_create(
        update_page=update_page,
        defaults={
            "space": space,
            "mode": Mode.UPDATE,
            "title": update_page.title,
            "author": owner,
            "state": ModerationState.PUBLISHED,
        },
    )
    if created:
        if owner is not None:
            # The update's author hears about the discussion under it.
            Follow.objects.get_or_create(user=owner, thread=thread)
        dispatch.update_published(update_page)
        if owner is not None and not roles.is_counsellor(owner):
            # A member's proposal: its author hears that it is published.
            dispatch.update_proposal_decided(update_page, published=True)
    elif thread.title != update_page.title:
        thread.title = update_page.title
        thread.save(update_fields=["title"])
    if owner is not None and not thread.posts.filter(kind=PostKind.UPDATE).exists():
        # The update itself, as the post that reactions attach to.
        Post.objects.create(
            thread=thread,
            kind=PostKind.UPDATE,
            author=owner,
            author_role=author_role_of(owner),
            state=ModerationState.PUBLISHED,
        )
    return thread


@transaction.atomic
def update_propose(*, member, space, title: str, body: str, deadline=None):
    """At level 4 a member proposes an update; it enters the Wagtail workflow for counsellors to publish."""
    from cms.models import UpdatePage

    policy.require_can_propose_update(member, space)
    title = clean_text(title, field="title", label=_("The title"), max_length=TITLE_MAX, min_length=TITLE_MIN)
    body = clean_text(body, field="body", label=_("The update"), max_length=BODY_MAX)
    verdict = safeguarding.screen(
        author=member, space=space, mode=Mode.UPDATE, text=body, title=title, surface=Surface.UPDATE_PROPOSAL
    )
    page = UpdatePage(title=verdict.title, body=verdict.html, deadline=deadline, owner=member, live=False)
    space.add_child(instance=page)
    page.save_revision(user=member)
    # A crisis signal escalates exactly as in an answer: an urgent item, in this transaction.
    safeguarding.record(verdict=verdict, update_page=page, member=member, space=space)
    page.verdict = verdict
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, member)
    return page


def update_proposal_reject_notify(*, workflow_state) -> None:
    """A counsellor sent a member's proposal back in the Wagtail workflow: tell its author why-not-yet."""
    from cms.models import UpdatePage

    page = workflow_state.content_object.specific
    if not isinstance(page, UpdatePage) or page.owner is None or roles.is_counsellor(page.owner):
        return
    dispatch.update_proposal_decided(page, published=False, decision_id=workflow_state.pk)
