"""Wall questions, answers, replies, co-construction: thin callers of services and selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.page_cache import cache_for_anonymous
from community import policy, selectors, services
from community.forms import (
    AskForm,
    EditPostForm,
    EndorseForm,
    PostForm,
    SummaryForm,
    add_service_errors,
)
from community.models import FollowLevel, Mode, ModerationState, PostKind, ReactionKind

from ._helpers import after_writing, enhanced, error_messages, fragment, refused, space_or_404


def _thread_url(thread, anchor: str = "") -> str:
    url = reverse("thread_detail", args=[thread.pk])
    return f"{url}#{anchor}" if anchor else url


def render_thread(request, thread, *, status=200, answer_form=None, errors=None, reply_to=None):
    """The thread page; also where a failed action lands, with its errors and the text kept."""
    context = _thread_context(request, thread, answer_form=answer_form, errors=errors, reply_to=reply_to)
    return render(request, "community/thread_detail.html", context, status=status)


def _thread_context(request, thread, *, answer_form=None, errors=None, reply_to=None) -> dict:
    """What the thread page (and the thread piece an htmx action sends back) shows this viewer."""
    context = selectors.thread_page(user=request.user, thread=thread)
    context.update(
        # The page asks about its viewer and renders a form per answer: the user itself, not its lazy
        # wrapper, and one CSRF token for every form (any masking of the same secret is accepted).
        user=context["viewer"],
        csrf_token=get_token(request),
        answer_form=answer_form or PostForm(),
        action_errors=errors or [],
        reply_to=reply_to,
        reaction_kinds=ReactionKind,
    )
    return context


@require_GET
def thread_detail(request, thread_id):
    thread = selectors.thread_for_user(user=request.user, thread_id=thread_id)
    if thread.mode == Mode.CONVERSATION:
        return redirect("conversation_detail", thread.pk)
    cache_for_anonymous(request, space_id=thread.space_id)
    return render_thread(request, thread)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request, space_id):
    """Ask on the wall. Similar questions are shown first, so the answer may already be there."""
    space = space_or_404(space_id)
    policy.require_can_start(request.user, space, Mode.WALL)
    form = AskForm(request.POST or None)
    similar = []
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["confirmed"]:
            similar = selectors.similar_questions(
                user=request.user, space=space, text=f"{data['title']} {data['body']}"
            )
        if not similar:
            try:
                thread = services.wall_question_ask(
                    author=request.user, space=space, title=data["title"], body=data["body"], anonymous=data["anonymous"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            else:
                if not thread.verdict.held:
                    messages.success(request, _("Your question is on the wall."))
                return after_writing(request, thread.verdict, _thread_url(thread))
        else:
            form = AskForm(initial={**data, "confirmed": True})
    elif request.method == "POST":
        status = 400
    return render(
        request, "community/ask.html", {"space": space, "form": form, "similar": similar}, status=status
    )


@login_required
@require_POST
def answer(request, thread_id):
    """Answer a question, comment on an update, or reply to an answer."""
    thread = selectors.thread_for_user(user=request.user, thread_id=thread_id)
    form = PostForm(request.POST)
    parent = None
    if form.is_valid():
        if form.cleaned_data.get("parent"):
            parent = selectors.post_for_user(user=request.user, post_id=form.cleaned_data["parent"])
        try:
            post = services.post_create(author=request.user, thread=thread, body=form.cleaned_data["body"], parent=parent)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if thread.mode == Mode.CONVERSATION:
                return after_writing(request, post.verdict if post.verdict.urgent else None, reverse("conversation_detail", args=[thread.pk]))
            return after_writing(request, post.verdict, _thread_url(thread, f"post-{post.pk}"))
    if thread.mode == Mode.CONVERSATION:
        from .conversations import render_conversation

        return render_conversation(request, thread, status=400, message_form=form)
    return render_thread(request, thread, status=400, answer_form=form if parent is None else None, reply_to=parent)


def _post_action(request, post_id, action, success_message=None, *, piece=None):
    """Run a button's service call; on refusal show the thread with the reason (400).

    ``piece`` (for buttons htmx enhances) is ``(template, out_of_band_templates, announce)``, where
    ``announce(view)`` says what happened: an htmx request gets that piece back, re-rendered. A
    refusal re-sends the pieces as they are now (the page may have shown an old state), except for
    a refused field (an endorsement's note): the person's text stays in the form to be changed.
    """
    post = selectors.post_for_user(user=request.user, post_id=post_id)
    try:
        action(post)
    except ValidationError as error:
        if request.htmx and piece:
            template, extra, _announce = piece
            current = () if hasattr(error, "error_dict") else (template, *extra)
            return refused(request, error_messages(error), status=400, extra=current, context=_piece_context(request, post_id))
        return render_thread(request, post.thread, status=400, errors=error_messages(error))
    if request.htmx and piece:
        template, extra, announce = piece
        context = _piece_context(request, post_id)
        return fragment(request, template, context, extra=extra, announce=announce(context["view"]))
    if success_message:
        messages.success(request, success_message)
    return redirect(_thread_url(post.thread, f"post-{post.pk}"))


def _piece_context(request, post_id) -> dict:
    """The post as the viewer sees it now, for re-rendering one of its pieces."""
    post = selectors.post_for_user(user=request.user, post_id=post_id)
    view = selectors.post_views(user=request.user, thread=post.thread, posts=[post])[0]
    return {"view": view, "reaction_kinds": ReactionKind}


def _post_with_replies_context(request, post_id) -> dict:
    """The post and the replies under it as the viewer sees them now, for re-rendering the whole post."""
    post = selectors.post_for_user(user=request.user, post_id=post_id)
    posts = [post, *selectors.visible_posts(user=request.user, thread=post.thread).filter(parent_id=post.pk)]
    view, *replies = selectors.post_views(user=request.user, thread=post.thread, posts=posts)
    view.replies = replies
    return {"view": view, "reaction_kinds": ReactionKind}


def _reaction_said(kind: str):
    def say(view) -> str:
        label = ReactionKind(kind).label if kind in ReactionKind.values else ""
        if kind in view.my_reactions:
            return _("You reacted “%(reaction)s”.") % {"reaction": label}
        return _("You took back your “%(reaction)s”.") % {"reaction": label}

    return say


def _helped_said(view) -> str:
    if view.post.helped_asker:
        return _("Marked: this answer helped you.")
    return _("Unmarked: this answer is no longer marked as helping you.")


@enhanced
@login_required
@require_POST
def react(request, post_id):
    kind = request.POST.get("kind", "")
    on = request.POST.get("on") == "1"
    return _post_action(
        request,
        post_id,
        lambda post: services.reaction_set(user=request.user, post=post, kind=kind, on=on),
        piece=("community/includes/reactions.html", (), _reaction_said(kind)),
    )


@enhanced
@login_required
@require_POST
def mark_helped(request, post_id):
    helped = request.POST.get("helped") == "1"
    return _post_action(
        request,
        post_id,
        lambda post: services.helped_mark_set(user=request.user, post=post, helped=helped),
        piece=("community/includes/helped_mark.html", ("community/includes/helped_status.html",), _helped_said),
    )


def _endorsed_said(view) -> str:
    if view.endorsed_by_me:
        return _("You endorsed the answer.")
    return _("Your endorsement is withdrawn.")


ENDORSE_PIECE = ("community/includes/endorse_control.html", ("community/includes/endorsements.html",), _endorsed_said)


@enhanced
@login_required
@require_POST
def endorse(request, post_id):
    form = EndorseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else request.POST.get("note", "")
    if request.POST.get("withdraw") == "1":
        return _post_action(
            request,
            post_id,
            lambda post: services.endorsement_withdraw(endorser=request.user, post=post),
            _("Your endorsement is withdrawn."),
            piece=ENDORSE_PIECE,
        )
    return _post_action(
        request,
        post_id,
        lambda post: services.endorsement_add(endorser=request.user, post=post, note=note),
        _("You endorsed the answer."),
        piece=ENDORSE_PIECE,
    )


@enhanced
@login_required
@require_POST
def withdraw(request, post_id):
    """The author takes back their post. With htmx an answer or a reply is sent back whole, now marked
    hidden, with its replies; a question takes its thread with it, so the whole thread is sent back as
    its author now sees it (the question marked hidden, no answer form). Focus moves to the withdrawn
    post: its button is gone."""
    post = selectors.post_for_user(user=request.user, post_id=post_id)
    if post.kind == PostKind.QUESTION:
        said = _("Your question is withdrawn. It is hidden from everyone else.")
    else:
        said = _("Your post is withdrawn. It is hidden from everyone else.")
    try:
        services.post_withdraw(user=request.user, post=post)
    except ValidationError as error:
        if request.htmx:
            return refused(request, error_messages(error), status=400)
        return render_thread(request, post.thread, status=400, errors=error_messages(error))
    if request.htmx and post.kind == PostKind.QUESTION:
        thread = selectors.thread_for_user(user=request.user, thread_id=post.thread_id)
        context = {**_thread_context(request, thread), "focus_post": post.pk}
        return fragment(request, "community/includes/thread_article.html", context, announce=said)
    if request.htmx:
        context = {**_post_with_replies_context(request, post_id), "focus_post": post.pk}
        return fragment(request, "community/includes/post.html", context, announce=said)
    messages.success(request, said)
    return redirect(_thread_url(post.thread, f"post-{post.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def edit_post(request, post_id):
    post = selectors.post_for_user(user=request.user, post_id=post_id)
    policy.require_can_edit_post(request.user, post)
    is_question = post.kind == PostKind.QUESTION
    form = EditPostForm(request.POST or None, initial={"title": post.thread.title, "body": post.body})
    if not is_question:
        del form.fields["title"]
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                edited = services.post_edit(
                    editor=request.user,
                    post=post,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data.get("title") if is_question else None,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your post is saved."))
                return after_writing(
                    request,
                    edited.verdict,
                    post.thread.get_absolute_url() if post.thread.mode != Mode.UPDATE else _thread_url(post.thread, f"post-{post.pk}"),
                )
    return render(request, "community/post_edit.html", {"post": post, "form": form}, status=status)


@login_required
@require_GET
def post_history(request, post_id):
    post = selectors.post_for_user(user=request.user, post_id=post_id)
    revisions = selectors.post_revisions(user=request.user, post=post)
    return render(request, "community/post_history.html", {"post": post, "revisions": revisions})


@login_required
@require_http_methods(["GET", "POST"])
def summary_edit(request, thread_id):
    thread = selectors.thread_for_user(user=request.user, thread_id=thread_id)
    policy.require_can_edit_summary(request.user, thread)
    context = selectors.thread_page(user=request.user, thread=thread)
    summary = context["summary"]
    citable = [
        view
        for view in context["answers"]
        if view.post is not None and view.post.state == ModerationState.PUBLISHED
    ] + [reply for view in context["answers"] for reply in view.replies if reply.post.state == ModerationState.PUBLISHED]
    current = summary.current if summary else None
    form = SummaryForm(
        request.POST or None,
        initial={
            "body": current.body if current else "",
            "based_on": summary.latest_number if summary else 0,
            "cited_posts": [post.pk for post in current.cited_posts.all()] if current else [],
        },
    )
    form.fields["cited_posts"].choices = [
        (view.post.pk, f"{view.author.name}: {view.post.body[:80]}") for view in citable
    ]
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.summary_revise(
                    editor=request.user,
                    thread=thread,
                    body=data["body"],
                    change_note=data["change_note"],
                    cited_post_ids=data["cited_posts"],
                    based_on=data["based_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The co-constructed answer is saved."))
                return redirect(_thread_url(thread, "summary"))
    return render(request, "community/summary_edit.html", {"thread": thread, "form": form}, status=status)


@require_GET
def summary_history(request, thread_id):
    thread = selectors.thread_for_user(user=request.user, thread_id=thread_id)
    revisions = selectors.summary_history_for_user(user=request.user, thread=thread)
    return render(request, "community/summary_history.html", {"thread": thread, "revisions": revisions})


@enhanced
@login_required
@require_POST
def follow_thread(request, thread_id):
    thread = selectors.thread_for_user(user=request.user, thread_id=thread_id)
    try:
        following = services.follow_set(
            user=request.user,
            thread=thread,
            following=request.POST.get("follow") == "1",
            level=request.POST.get("level") or None,
        )
    except ValidationError as error:
        if request.htmx:
            return refused(request, error_messages(error), status=400)
        return render_thread(request, thread, status=400, errors=error_messages(error))
    said = _("You follow this thread.") if following else _("You no longer follow this thread.")
    if request.htmx:
        context = {
            "thread": thread,
            "follow": selectors.follow_of(user=request.user, thread=thread),
            "follow_levels": FollowLevel.choices,
        }
        return fragment(request, "community/includes/thread_follow.html", context, announce=said)
    messages.success(request, said)
    return redirect(thread.get_absolute_url() if thread.mode != Mode.CONVERSATION else _thread_url(thread))


@enhanced
@login_required
@require_POST
def follow_space(request, space_id):
    space = space_or_404(space_id)
    following = services.follow_set(user=request.user, space=space, following=request.POST.get("follow") == "1")
    said = _("You follow this space.") if following else _("You no longer follow this space.")
    if request.htmx:
        return fragment(
            request, "community/includes/space_follow.html", {"space": space, "follows_space": following}, announce=said
        )
    messages.success(request, said)
    return redirect(space.url)
