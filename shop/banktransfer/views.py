"""Bank-transfer pages: the buyer's choice after placing an order, and the provider's transfers. Thin views."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from oscar.core.loading import get_model

from shop.access import user_is_platform_staff
from shop.order.views import order_for_buyer

from . import selectors, services
from .forms import MarkPaidForm, NoteForm

Order = get_model("order", "Order")
# Set by the checkout when it places an order, as the PayPal views read it.
ORDER_SESSION_KEY = "checkout_order_id"


@require_POST
def choose(request):
    """The buyer pays the order just placed by bank transfer: each provider is asked to send its bank details."""
    # The order of the status page the button is on (signed token), else the one this session placed.
    order = order_for_buyer(request)
    if order is None:
        messages.error(request, _("Your order could not be found. Please check your email or contact us."))
        return redirect("basket:summary")
    try:
        parts = services.bank_transfer_parts_create(order=order)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("checkout:thank-you")
    messages.success(
        request,
        _(
            "You chose to pay by bank transfer. %(count)s provider(s) will email you their bank details within "
            "%(days)s working days; your CERs are reserved for %(expiry)s days."
        )
        % {
            "count": len(parts),
            "days": services.BANK_DETAILS_WORKING_DAYS,
            "expiry": settings.BANK_TRANSFER_EXPIRY_DAYS,
        },
    )
    return redirect("checkout:thank-you")


# Buyers' names and addresses: no browser or proxy may keep a copy of a provider page (never_cache: private, no-store).
@require_safe
@never_cache
@login_required
def part_list(request):
    if not (user_is_platform_staff(request.user) or request.user.partners.exists()):
        raise PermissionDenied(_("Only providers' representatives can see bank transfers."))
    parts = selectors.bank_transfer_parts_for_user(user=request.user)
    return render(request, "banktransfer/part_list.html", {"parts": parts[:200], "is_provider": True})


def _part_for(request, pk):
    # Another provider's transfer is simply not found.
    return get_object_or_404(selectors.bank_transfer_parts_for_user(user=request.user), pk=pk)


def _detail(request, part, *, paid_form=None, note_form=None, status=200):
    context = {
        "part": part,
        "lines": part.order.lines.filter(partner_id=part.partner_id).order_by("pk"),
        "notes": part.notes.select_related("author"),
        "address": part.order.billing_address,
        "paid_form": paid_form or MarkPaidForm(),
        "note_form": note_form or NoteForm(),
    }
    return render(request, "banktransfer/part_detail.html", context, status=status)


@require_safe
@never_cache
@login_required
def part_detail(request, pk):
    return _detail(request, _part_for(request, pk))


@require_POST
@never_cache
@login_required
def part_mark_in_progress(request, pk):
    part = _part_for(request, pk)
    try:
        services.bank_transfer_mark_in_progress(part=part, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked in progress; the buyer was told by email."))
    return redirect("banktransfer:part_detail", pk=part.pk)


@require_POST
@never_cache
@login_required
def part_mark_paid(request, pk):
    part = _part_for(request, pk)
    form = MarkPaidForm(request.POST)
    if not form.is_valid():
        return _detail(request, part, paid_form=form, status=400)
    try:
        services.bank_transfer_mark_paid(
            part=part, user=request.user, paid_on=form.cleaned_data["paid_on"], reference=form.cleaned_data["reference"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, part, paid_form=form, status=400)
    messages.success(request, _("Marked paid; the CERs are being cancelled and the buyer was told by email."))
    return redirect("banktransfer:part_detail", pk=part.pk)


@require_POST
@never_cache
@login_required
def part_note_add(request, pk):
    part = _part_for(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, part, note_form=form, status=400)
    try:
        services.bank_transfer_note_add(
            part=part,
            user=request.user,
            text=form.cleaned_data["text"],
            send_to_buyer=form.cleaned_data["send_to_buyer"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, part, note_form=form, status=400)
    messages.success(request, _("Note added."))
    return redirect("banktransfer:part_detail", pk=part.pk)


@require_POST
@login_required
def part_line_refund(request, pk, line_id):
    """The provider says it sent a failed line's price back to the buyer."""
    part = _part_for(request, pk)
    try:
        services.bank_transfer_line_refund_record(
            part=part, line_id=line_id, user=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Recorded as refunded; the buyer was told by email."))
    return redirect("banktransfer:part_detail", pk=part.pk)
