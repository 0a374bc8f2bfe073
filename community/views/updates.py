"""Level 4: members propose updates, which counsellors review in the Wagtail workflow."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import policy, services
from community.forms import ProposeUpdateForm, add_service_errors

from ._helpers import after_writing, space_or_404


@login_required
@require_http_methods(["GET", "POST"])
def propose_update(request, space_id):
    space = space_or_404(space_id)
    policy.require_can_propose_update(request.user, space)
    form = ProposeUpdateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                page = services.update_propose(member=request.user, space=space, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if page.verdict.urgent:
                    return after_writing(request, page.verdict, space.url)
                messages.success(request, _("Thanks! A counsellor will read your proposal before it is published."))
                return redirect(space.url)
    return render(request, "community/propose_update.html", {"space": space, "form": form}, status=status)
