"""Public pages of fulfilment: certificate verification and the cancellation history. Reads only."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.csv import csv_response
from shop.fulfilment import selectors

HISTORY_PAGE_SIZE = 50
TOTALS_SHOWN = 50


@require_safe
def certificate_verify(request, code):
    certificate = selectors.certificate_by_code(code=code)
    if certificate is None:
        raise Http404(_("No certificate has this verification code."))
    return render(request, "fulfilment/certificate_verify.html", {"certificate": certificate})


@require_safe
def certificate_pdf(request, code):
    certificate = selectors.certificate_by_code(code=code)
    if certificate is None or not certificate.pdf:
        raise Http404(_("No certificate has this verification code."))
    filename = f"{certificate.number.replace('/', '-')}.pdf"
    prefix = settings.PRIVATE_MEDIA_X_ACCEL_REDIRECT_PREFIX
    if prefix:
        # nginx sends the file from its internal location; the worker is free at once.
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + certificate.pdf.name
        response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
    else:
        response = FileResponse(certificate.pdf.open("rb"), content_type="application/pdf", filename=filename)
    # The code is a secret shared by the buyer: no shared cache or browser history keeps the document.
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@cache_control(public=True, max_age=300)
def cancellation_history(request):
    filters = selectors.HistoryFilters.from_query(request.GET)
    page = Paginator(selectors.cancellation_history(filters=filters), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "filters": filters,
        "filter_querystring": urlencode(filters.as_query()),
        "page_obj": page,
        "rows": page.object_list,
        "totals": selectors.cancellation_history_totals(filters=filters),
        "beneficiaries": selectors.cancellation_totals_by_beneficiary(filters=filters)[:TOTALS_SHOWN],
        "choices": selectors.cancellation_history_choices(),
    }
    return render(request, "fulfilment/cancellation_history.html", context)


@require_safe
def cancellation_history_csv(request):
    filters = selectors.HistoryFilters.from_query(request.GET)
    rows = selectors.cancellation_history(filters=filters)
    header = [
        _("Date of cancellation"),
        _("Project reference"),
        _("Project"),
        _("Host country"),
        _("Quantity (tCO2e)"),
        _("Serial numbers"),
        _("Beneficiary"),
        _("Reason"),
    ]
    anonymous = _("Anonymous")
    records = (
        (
            timezone.localdate(row.cancelled_at).isoformat(),
            row.project.reference,
            row.project.title,
            row.host_country,
            row.quantity,
            "; ".join(row.serial_range_labels),
            row.public_beneficiary or anonymous,
            row.public_reason,
        )
        for row in rows.iterator(chunk_size=2000)
    )
    return csv_response(filename="cancellations.csv", header=header, rows=records, streaming=True)
