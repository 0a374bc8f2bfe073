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
from community.forms import (
    ConversationStartForm,
    HandOverForm,
    MessageForm,
    NoteForm,
    add_service_errors,
)
from community.models import Mode
from community.outreach_forms import (
    PrivateTalkOfferForm,
    PublicPostForm,
    ReachOutForm,
    ReferralForm,
)

from ._helpers import after_writing, error_messages, space_or_404


def render_conversation(
    request, thread, *, status=200, message_form=None, errors=None, note_form=None, handover_form=None, referral_form=None
):
    context = selectors.conversation_page(user=request.user, thread=thread)
    handover_form = handover_form or HandOverForm()
    handover_form.fields["to_user"].choices = [(c.pk, c.display_name) for c in context.get("colleagues", [])]
    referral_form = referral_form or ReferralForm()
    referral_form.fields["service"].choices = [(s.pk, str(s)) for s in context.get("referral_services", [])]
    context.update(
        message_form=message_form or MessageForm(),
        note_form=note_form or NoteForm(),
        handover_form=handover_form,
        referral_form=referral_form,
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


# ---------------------------------------------------------------- reaching out (issue 10)


@login_required
@require_http_methods(["GET", "POST"])
def reach_out(request):
    """A counsellor writes privately to a member, from a post (``?post=``) or a member's history (``?member=``).

    The moderation queue links here with the item's post; the policy refuses members with a clear 403.
    """
    target = selectors.reach_out_target_for_user(
        user=request.user, post_id=request.GET.get("post"), member_id=request.GET.get("member")
    )
    form = ReachOutForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                thread = services.conversation_reach_out(
                    counsellor=request.user,
                    member=target["member"],
                    about_post=target["post"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your message is with the member. They have been told you wrote."))
                return redirect("conversation_detail", thread.pk)
    return render(request, "community/reach_out.html", {"form": form, **target}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def private_talk_offer_new(request, post_id):
    """A counsellor offers "let's continue privately" on a wall post."""
    post = selectors.post_for_user(user=request.user, post_id=post_id)
    policy.require_can_offer_private_talk(request.user, post)
    form = PrivateTalkOfferForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.private_talk_offer(counsellor=request.user, post=post, message=form.cleaned_data["message"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The offer is with the member. You will hear when they answer."))
                return redirect(f"{post.thread.get_absolute_url()}#post-{post.pk}")
    return render(request, "community/private_talk_offer_new.html", {"form": form, "post": post}, status=status)


@login_required
@require_GET
def private_talks(request):
    """The member's offers to continue privately."""
    return render(request, "community/private_talks.html", {"offers": list(selectors.private_talk_offers_for_user(user=request.user))})


def _render_offer(request, offer, *, status=200, form=None, errors=None):
    return render(
        request,
        "community/private_talk_offer.html",
        {"offer": offer, "public_post_form": form or PublicPostForm(), "action_errors": errors or []},
        status=status,
    )


@login_required
@require_GET
def private_talk_offer(request, offer_id):
    return _render_offer(request, selectors.private_talk_offer_for_user(user=request.user, offer_id=offer_id))


def _offer_answer(request, offer_id, answer, success, next_url):
    offer = selectors.private_talk_offer_for_user(user=request.user, offer_id=offer_id)
    try:
        offer = answer(member=request.user, offer=offer)
    except ValidationError as error:
        return _render_offer(request, offer, status=400, errors=error_messages(error))
    messages.success(request, success)
    return redirect(next_url(offer))


@login_required
@require_POST
def private_talk_accept(request, offer_id):
    return _offer_answer(
        request,
        offer_id,
        services.private_talk_accept,
        _("You are now talking privately with the counsellor."),
        lambda offer: reverse("conversation_detail", args=[offer.conversation_id]),
    )


@login_required
@require_POST
def private_talk_decline(request, offer_id):
    return _offer_answer(
        request,
        offer_id,
        services.private_talk_decline,
        _("You declined. Your question stays as it is, and you can write to the counsellors whenever you like."),
        lambda offer: reverse("private_talks"),
    )


@login_required
@require_POST
def private_talk_public_post(request, offer_id):
    form = PublicPostForm(request.POST)
    offer = selectors.private_talk_offer_for_user(user=request.user, offer_id=offer_id)
    try:
        services.private_talk_public_post_set(counsellor=request.user, offer=offer, outcome=request.POST.get("outcome", ""))
    except ValidationError as error:
        add_service_errors(form, error)
        return _render_offer(request, offer, status=400, form=form, errors=error_messages(error))
    messages.success(request, _("Done."))
    return redirect("private_talk_offer", offer.pk)


# ---------------------------------------------------------------- referrals and follow-ups


@login_required
@require_POST
def refer(request, thread_id):
    form = ReferralForm(request.POST)
    data = request.POST
    return _counsellor_action(
        request,
        thread_id,
        lambda thread: services.referral_create(
            counsellor=request.user,
            thread=thread,
            service_id=data.get("service", ""),
            note=data.get("note", ""),
            follow_up_days=data.get("follow_up_days") or None,
        ),
        _("The referral is recorded, and the member can see the service's details."),
        form=form,
        form_name="referral_form",
    )


@login_required
@require_GET
def follow_ups(request):
    """The counsellor's due follow-ups and urgent conversations."""
    return render(
        request,
        "community/follow_ups.html",
        {
            "follow_ups": list(selectors.followups_due_for_user(user=request.user)),
            "urgent_conversations": list(selectors.urgent_conversations_for_user(user=request.user)),
        },
    )


@login_required
@require_POST
def follow_up_done(request, referral_id):
    referral = selectors.referral_for_user(user=request.user, referral_id=referral_id)
    try:
        services.referral_follow_up_done(counsellor=request.user, referral=referral)
    except ValidationError as error:
        messages.error(request, " ".join(error_messages(error)))
    else:
        messages.success(request, _("Follow-up recorded."))
    return redirect("follow_ups")
