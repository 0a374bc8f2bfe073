"""The moderation queue, audit log and sanctions in the Wagtail admin. Thin callers of services."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community.models import User
from community.selectors import counsellors
from community.validation import as_id

from . import audit_text, policy, selectors, services
from .context_processors import queue_counts_for_request
from .forms import EditApproveForm, EscalateForm, RejectForm, SanctionForm
from .models import FlagReason, RejectionReason, Rule, Sanction, UrgentOutcome


def colleague_options(user):
    """The escalation choices (every colleague but the moderator), as the ``<option>``s of the select each
    item on the page shows: rendered once per page, not once per item (a queue page of 25 items would
    otherwise loop over the whole staff 25 times in the template)."""
    return format_html_join(
        "", '<option value="{}">{}</option>', ((c.pk, c.display_name) for c in counsellors(exclude=user.pk))
    )


def choice_options(choices):
    """A choice list's ``<option>``s, translated and escaped once per page rather than in each item's form."""
    return format_html_join("", '<option value="{}">{}</option>', ((value, str(label)) for value, label in choices))


def item_form_choices() -> dict:
    """What every item's decision forms offer, rendered once per page."""
    return {
        "reasons": [(value, str(label)) for value, label in RejectionReason.choices],
        "outcomes": [(value, str(label)) for value, label in UrgentOutcome.choices],
        "reason_options": choice_options(RejectionReason.choices),
        "outcome_options": choice_options(UrgentOutcome.choices),
    }


def says_why(view):
    """Refusals inside the admin are a 403 that names the reason, not Wagtail's generic redirect."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return render(
                request,
                "moderation/admin/denied.html",
                {"page_title": _("Not allowed"), "header_icon": "lock", "reason": str(refusal)},
                status=403,
            )

    return wrapped


RULES = dict(Rule.choices)


def _back(request) -> str:
    """Back to the queue with its filters, so a moderator can work through it without leaving it."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("moderation_queue")


def _label_hits(items) -> None:
    """Name each rule that fired for the moderator (the stored message is the author's wording)."""
    for item in items:
        item.hit_list = [
            (
                RULES.get(hit.get("rule"), hit.get("rule")),
                " — ".join(part for part in (hit.get("message", "") if hit.get("reason") else "", hit.get("detail", "")) if part),
            )
            for hit in item.hits
        ]


def _queue_context(request) -> dict:
    data = request.GET
    try:
        context = selectors.queue_page(
            user=request.user,
            space_id=as_id(data.get("space")),
            rule=data.get("rule") or None,
            flag_reason=data.get("reason") or None,
            lane=data.get("lane") or None,
            page_number=data.get("page"),
            counts=queue_counts_for_request(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        context = selectors.queue_page(user=request.user, page_number=1, counts=queue_counts_for_request(request))
    context.update(
        page_title=_("Moderation queue"),
        header_icon="warning",
        spaces=selectors.queue_spaces(),
        rules=RULES,
        filters={
            "space": data.get("space", ""),
            "rule": data.get("rule", ""),
            "reason": data.get("reason", ""),
            "lane": data.get("lane", ""),
        },
        flag_reasons=FlagReason.choices,
        **item_form_choices(),
        colleague_options=colleague_options(request.user),
        full_path=request.get_full_path(),
    )
    _label_hits(context["page"].object_list)
    return context


@says_why
@require_GET
def queue(request):
    return render(request, "moderation/admin/queue.html", _queue_context(request))


@says_why
@require_GET
def item_detail(request, item_id):
    item = selectors.item_for_moderator(user=request.user, item_id=item_id)
    context = selectors.item_context(user=request.user, item=item)
    _label_hits([item])
    context.update(
        page_title=_("Moderation item"),
        header_icon="warning",
        rules=RULES,
        **item_form_choices(),
        flag_reasons=dict(FlagReason.choices),
        colleague_options=colleague_options(request.user),
        full_path=request.get_full_path(),
    )
    return render(request, "moderation/admin/item.html", context)


def _outcome(request) -> dict:
    """The urgent item's outcome, as the decision forms send it (ignored for other items)."""
    return {"outcome": request.POST.get("outcome", ""), "referred_to": request.POST.get("referred_to", "")}


def _decide(request, item_id, decide, success):
    item = selectors.item_for_moderator(user=request.user, item_id=item_id)
    try:
        decide(item)
    except ValidationError as error:
        for message in (error.messages if not hasattr(error, "error_dict") else sum(error.message_dict.values(), [])):
            messages.error(request, message)
        # Back to where the moderator was, with the reason; nothing was changed.
        return render(request, "moderation/admin/queue.html", _queue_context(request), status=400)
    messages.success(request, success)
    return HttpResponseRedirect(_back(request))


@says_why
@require_POST
def claim(request, item_id):
    return _decide(request, item_id, lambda item: services.item_claim(moderator=request.user, item=item), _("You are handling this item."))


@says_why
@require_POST
def approve(request, item_id):
    return _decide(
        request,
        item_id,
        lambda item: services.item_approve(moderator=request.user, item=item, note=request.POST.get("note", ""), **_outcome(request)),
        _("Approved and published."),
    )


@says_why
@require_POST
def reject(request, item_id):
    form = RejectForm(request.POST)
    data = form.data
    return _decide(
        request,
        item_id,
        lambda item: services.item_reject(
            moderator=request.user,
            item=item,
            reason=data.get("reason", ""),
            note=data.get("note", ""),
            final=data.get("final") in ("on", "true", "1"),
            **_outcome(request),
        ),
        _("Rejected. The author has been told why."),
    )


@says_why
@require_POST
def edit_approve(request, item_id):
    form = EditApproveForm(request.POST)
    data = form.data
    return _decide(
        request,
        item_id,
        lambda item: services.item_edit_and_approve(
            moderator=request.user, item=item, body=data.get("body", ""), note=data.get("note", ""), **_outcome(request)
        ),
        _("Edited and published. The author can see what changed."),
    )


@says_why
@require_POST
def escalate(request, item_id):
    form = EscalateForm(request.POST)
    data = form.data
    return _decide(
        request,
        item_id,
        lambda item: services.item_escalate(
            moderator=request.user, item=item, to_user_id=data.get("to_user", ""), note=data.get("note", "")
        ),
        _("Escalated to your colleague."),
    )


@says_why
@require_POST
def bulk(request):
    try:
        result = services.items_bulk_decide(
            moderator=request.user,
            item_ids=request.POST.getlist("items"),
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            confirmed_ids=request.POST.getlist("confirm"),
            **_outcome(request),
        )
    except ValidationError as error:
        for message in sum(error.message_dict.values(), []) if hasattr(error, "error_dict") else error.messages:
            messages.error(request, message)
        return render(request, "moderation/admin/queue.html", _queue_context(request), status=400)
    if result.decided:
        messages.success(
            request,
            ngettext("%(count)d item decided.", "%(count)d items decided.", result.decided) % {"count": result.decided},
        )
    for skipped in result.skipped:
        messages.warning(request, skipped["message"])
    for problem in result.problems:
        messages.warning(request, problem)
    return HttpResponseRedirect(_back(request))


@says_why
@require_GET
def audit(request):
    member_id = request.GET.get("member") or None
    post_id = request.GET.get("post") or None
    member = User.objects.filter(pk=as_id(member_id)).first() if as_id(member_id) else None
    page = selectors.audit_page(
        user=request.user,
        member_id=as_id(member_id),
        post_id=as_id(post_id),
        page_number=request.GET.get("page"),
    )
    audit_text.sentences_for(page.object_list)
    record = selectors.peer_guide_record(user=request.user, member=member)
    return render(
        request,
        "moderation/admin/audit.html",
        {
            "page_title": _("Moderation audit log"),
            "header_icon": "history",
            "page": page,
            "member": member,
            "record": record,
            "post_id": post_id or "",
        },
    )


@says_why
@require_http_methods(["GET", "POST"])
def sanctions(request):
    policy.require_can_sanction(request.user)
    member_ref = request.POST.get("member") or request.GET.get("member") or ""
    member = selectors.member_by_reference(user=request.user, ref=member_ref)
    find = request.GET.get("find", "").strip()
    candidates = selectors.members_matching(user=request.user, query=find) if find else []
    form = SanctionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if member is None:
            form.add_error(
                None,
                _("Choose the member: search for their display name and pick them from the list.")
                if member_ref
                else _("Choose the member: search for their display name first."),
            )
        elif form.is_valid():
            try:
                services.sanction_impose(moderator=request.user, member=member, **form.cleaned_data)
            except ValidationError as error:
                from community.forms import add_service_errors

                add_service_errors(form, error)
            else:
                messages.success(request, _("Sanction given to %(name)s.") % {"name": member.display_name})
                return HttpResponseRedirect(reverse("moderation_sanctions"))
    return render(
        request,
        "moderation/admin/sanctions.html",
        {
            "page_title": _("Sanctions"),
            "header_icon": "lock",
            "form": form,
            "member": member,
            "member_ref": member_ref,
            "find": find,
            "candidates": candidates,
            "sanctions": selectors.sanctions_list(user=request.user)[:200],
        },
        status=status,
    )


@says_why
@require_POST
def sanction_revoke(request, sanction_id):
    sanction = get_object_or_404(Sanction, pk=sanction_id)
    try:
        services.sanction_revoke(moderator=request.user, sanction=sanction)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sanction revoked."))
    return HttpResponseRedirect(reverse("moderation_sanctions"))


@says_why
@require_GET
def peer_guides(request):
    """Moderators: the peer guides, and the members whose record at level 4 makes them candidates."""
    return render(
        request,
        "moderation/admin/peer_guides.html",
        {
            "page_title": _("Peer guides"),
            "header_icon": "group",
            "guides": selectors.peer_guides(user=request.user),
            "candidates": selectors.peer_guide_candidates(user=request.user),
            "min_record": selectors.PEER_GUIDE_CANDIDATE_MIN,
        },
    )


@says_why
@require_POST
def peer_guide_set(request, member_id):
    member = get_object_or_404(User, pk=member_id)
    appointed = request.POST.get("appointed") == "1"
    try:
        services.peer_guide_set(moderator=request.user, member=member, appointed=appointed)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        message = _("%(name)s is now a peer guide.") if appointed else _("%(name)s is no longer a peer guide.")
        messages.success(request, message % {"name": member.display_name})
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(reverse("moderation_peer_guides"))
