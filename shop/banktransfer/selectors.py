"""Reads of bank transfers: what a provider user may see."""

from django.db.models import QuerySet

from shop.access import user_is_platform_staff

from .models import BankTransferPart


def bank_transfer_parts_for_user(*, user) -> QuerySet[BankTransferPart]:
    """The transfers of the providers `user` works for; staff see every provider's."""
    parts = BankTransferPart.objects.select_related("order", "partner")
    if not user.is_authenticated:
        return parts.none()
    if user_is_platform_staff(user):
        return parts
    return parts.filter(partner__users=user)


def bank_transfer_parts_for_order(*, order) -> QuerySet[BankTransferPart]:
    return BankTransferPart.objects.filter(order=order).select_related("partner").order_by("pk")
