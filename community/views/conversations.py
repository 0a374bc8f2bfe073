"""Private conversations: the member's inbox and the counsellor team's workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms import selectors as cms_selectors
from community import policy, selectors, services
from community.forms import ConversationStartForm, HandOverForm, MessageForm, NoteForm, add_service_errors
from community.models import Mode

from ._helpers import after_writing, error_messages, space_or_404


def render_conversation(request, thread, *, status=200, message_form=None, errors=None, note_form=None, handover_form=None):
    context = selectors.conversation_page(user=request.user, thread=thread)
    handover_form = handover_form or HandOverForm()
    handover_form.fields["to_user"].choices = [(c.pk, c.display_name) for c in context.get("colleagues", [])]
    context.update(
        message_form=message_form or MessageForm(),
        note_form=note_form or NoteForm(),
        handover_form=handover_form,
        action_errors=errors or [],
    )
    if status == 200:
        services.thread_visit_record(user=request.user, thread=thread)
    return render(request, "community/conversation_detail.html", context, status=status)


@login_required
@require_GET
def conversation_detail(request, thread_id):
    thread = selectors.thread_for_user(user=request.user, thread_id=thread_id, mode=Mode.CONVERSATION)
    return render_conversation(request, thread)


@login_required
@require_GET
def inbox(request):
    """The member's own conversations with the counsellor team."""
    spaces = [
        space
        for space in cms_selectors.spaces_for_site(request=request)
        if selectors.allowed(policy.require_can_start, request.user, space, Mode.CONVERSATION)
    ]
    return render(
        request,
        "community/inbox.html",
        {"conversations": selectors.member_inbox(user=request.user), "spaces": spaces},
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_new(request, space_id):
    space = space_or_404(space_id)
    policy.require_can_start(request.user, space, Mode.CONVERSATION)
    form = ConversationStartForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                thread = services.conversation_start(
                    member=request.user, space=space, body=form.cleaned_data["body"], subject=form.cleaned_data["subject"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your message is with the counsellor team. You'll find their answer under “Your conversations”."),
                )
                return after_writing(
                    request, thread.verdict if thread.verdict.urgent else None, reverse("conversation_detail", args=[thread.pk])
                )
    return render(request, "community/conversation_new.html", {"space": space, "form": form}, status=status)


def _counsellor_action(request, thread_id, action, success_message, form=None, form_name=None):
    thread = selectors.thread_for_user(user=request.user, thread_id=thread_id, mode=Mode.CONVERSATION)
    try:
        action(thread)
    except ValidationError as error:
        if form is not None:
            add_service_errors(form, error)
            return render_conversation(request, thread, status=400, **{form_name: form})
        return render_conversation(request, thread, status=400, errors=error_messages(error))
    messages.success(request, success_message)
    return redirect("conversation_detail", thread.pk)


@login_required
@require_POST
def claim(request, thread_id):
    return _counsellor_action(
        request,
        thread_id,
        lambda thread: services.conversation_claim(counsellor=request.user, thread=thread),
        _("The conversation is yours."),
    )


@login_required
@require_POST
def hand_over(request, thread_id):
    form = HandOverForm(request.POST)
    data = request.POST
    return _counsellor_action(
        request,
        thread_id,
        lambda thread: services.conversation_hand_over(
            counsellor=request.user, thread=thread, to_user_id=data.get("to_user", ""), note=data.get("note", "")
        ),
        _("The conversation is handed over."),
        form=form,
        form_name="handover_form",
    )


@login_required
@require_POST
def add_note(request, thread_id):
    form = NoteForm(request.POST)
    return _counsellor_action(
        request,
        thread_id,
        lambda thread: services.conversation_note_add(counsellor=request.user, thread=thread, body=request.POST.get("body", "")),
        _("Note added."),
        form=form,
        form_name="note_form",
    )


@login_required
@require_POST
def set_stage(request, thread_id):
    return _counsellor_action(
        request,
        thread_id,
        lambda thread: services.conversation_stage_set(
            counsellor=request.user, thread=thread, stage=request.POST.get("stage", "")
        ),
        _("Stage updated."),
    )


@login_required
@require_POST
def conclude(request, thread_id):
    return _counsellor_action(
        request,
        thread_id,
        lambda thread: services.conversation_conclude(
            counsellor=request.user, thread=thread, note=request.POST.get("note", "")
        ),
        _("The conversation is concluded. The member can reopen it by writing again."),
    )


@login_required
@require_POST
def reopen(request, thread_id):
    return _counsellor_action(
        request,
        thread_id,
        lambda thread: services.conversation_reopen(counsellor=request.user, thread=thread),
        _("The conversation is open again."),
    )


@login_required
@require_GET
def counsellor_inbox(request):
    context = selectors.counsellor_inbox(
        user=request.user, tab=request.GET.get("tab", ""), page_number=request.GET.get("page")
    )
    return render(request, "community/counsellor_inbox.html", context)
