"""The organisation's statistics page and its CSV download (counsellors and moderators). Thin callers of
``moderation.statistics``."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Site

from . import statistics


@login_required
@require_GET
def statistics_page(request):
    tables = statistics.organisation_statistics_for_user(user=request.user, site=Site.find_for_request(request))
    return render(
        request,
        "moderation/statistics.html",
        {"tables": tables, "smallest_group": statistics.SMALLEST_GROUP},
    )


def _csv_value(figure: statistics.Figure, kind: str) -> str:
    """Suppressed and missing figures are blank; durations in hours, shares in percent (one decimal)."""
    if figure.suppressed or figure.value is None:
        return ""
    if kind == "duration":
        return f"{figure.value.total_seconds() / 3600:.1f}"
    if kind == "share":
        return f"{100 * figure.value:.1f}"
    return str(figure.value)


@login_required
@require_GET
def statistics_csv(request):
    tables = statistics.organisation_statistics_for_user(user=request.user, site=Site.find_for_request(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="statistics.csv"'
    writer = csv.writer(response)
    for table in tables:
        writer.writerow([str(table.caption)])
        header = [_("Month"), _("Level"), _("Space")]
        for column in table.columns:
            unit = {"duration": _("hours"), "share": "%"}.get(column.kind)
            header.append(f"{column.label} ({unit})" if unit else str(column.label))
        writer.writerow(header)
        for row in table.rows:
            writer.writerow(
                [
                    row.month.strftime("%Y-%m"),
                    int(row.level),
                    row.space or _("All spaces at this level"),
                    *[_csv_value(row.figures[column.key], column.kind) for column in table.columns],
                ]
            )
        writer.writerow([])
    writer.writerow([_("Blank: fewer than %(count)d, or derived from fewer than %(count)d.") % {"count": statistics.SMALLEST_GROUP}])
    return response


