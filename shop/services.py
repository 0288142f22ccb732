"""Writes of the shop: publishing and withdrawing offers, placing orders."""

import logging
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from registry.models import AccountKind, UnitBlock
from shop.access import user_is_platform_staff

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Line = get_model("order", "Line")
ProductRecord = get_model("analytics", "ProductRecord")

OFFER_PRODUCT_CLASS_NAME = "CER offer"
OFFER_PRODUCT_CLASS_SLUG = "cer-offer"
PRICE_PLACES = Decimal("0.01")


def offer_product_class() -> "ProductClass":
    product_class, _created = ProductClass.objects.get_or_create(
        slug=OFFER_PRODUCT_CLASS_SLUG,
        defaults={"name": OFFER_PRODUCT_CLASS_NAME, "requires_shipping": False, "track_stock": True},
    )
    return product_class


def _provider_for_block(*, block: UnitBlock) -> "Partner":
    partner = Partner.objects.filter(registry_accounts__account_number=block.account_number).first()
    if partner is None:
        raise ValidationError(
            _("The registry account %(account)s is not mapped to any provider; ask the platform staff to map it.")
            % {"account": block.account_number}
        )
    return partner


def _check_block_eligible(*, block: UnitBlock) -> None:
    if not block.issued:
        raise ValidationError(_("These CERs are not issued yet; only issued CERs can be offered."))
    if not block.share_of_proceeds_paid:
        raise ValidationError(
            _("The share of proceeds of these CERs is not paid; it must be paid before they can be offered.")
        )
    if block.account_kind not in (AccountKind.PENDING, AccountKind.PERMANENT_HOLDING):
        raise ValidationError(
            _("Only CERs in the pending account or a permanent holding account of the CDM registry can be offered.")
        )


def _clean_price(price) -> Decimal:
    try:
        price = Decimal(str(price))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(_("Enter the price per CER as a number, for example 12.50.")) from None
    if not price.is_finite() or price <= 0:
        raise ValidationError(_("The price per CER must be more than zero."))
    return price.quantize(PRICE_PLACES)


def _clean_quantity(quantity, *, block: UnitBlock) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError(_("Enter the quantity as a whole number of CERs."))
    if quantity <= 0:
        raise ValidationError(_("The quantity must be at least one CER."))
    if quantity > block.units_held:
        raise ValidationError(
            _("You can offer at most %(held)s CERs from this block: that is what the registry account holds.")
            % {"held": block.units_held}
        )
    return quantity


def offer_publish(*, block: UnitBlock, quantity: int, price: Decimal, user=None) -> "Product":
    """Put (part of) one registry block on sale: a "CER offer" product with one stock record."""
    with transaction.atomic():
        # Lock the block so two simultaneous publications cannot both pass the one-offer check.
        block = UnitBlock.objects.select_for_update().select_related("project").get(pk=block.pk)
        _check_block_eligible(block=block)
        quantity = _clean_quantity(quantity, block=block)
        price = _clean_price(price)
        partner = _provider_for_block(block=block)
        if user is not None and not user_is_platform_staff(user) and not partner.users.filter(pk=user.pk).exists():
            raise ValidationError(_("You can only offer CERs of the provider you represent."))
        if Product.objects.filter(unit_block=block, withdrawn_at__isnull=True).exists():
            raise ValidationError(
                _("This block already has a live offer. Withdraw it first to change the price or the quantity.")
            )
        product = Product(
            product_class=offer_product_class(),
            structure=Product.STANDALONE,
            title=f"{block.project.title} ({block.vintage})"[:255],
            slug=slugify(f"{block.project.reference}-{block.vintage}")[:200] or "offer",
            unit_block=block,
            is_public=True,
            is_discountable=False,
        )
        try:
            with transaction.atomic():
                product.save()
        except IntegrityError:
            raise ValidationError(
                _("This block already has a live offer. Withdraw it first to change the price or the quantity.")
            ) from None
        # Oscar's analytics create this counter row on first use; two buyers adding a new offer to their baskets
        # at once both tried, and the loser's request failed with an IntegrityError (500). Create it up front.
        ProductRecord.objects.get_or_create(product=product)
        StockRecord.objects.create(
            product=product,
            partner=partner,
            partner_sku=f"{block.registry_block_id}/{product.pk}",
            price=price,
            price_currency=settings.OSCAR_DEFAULT_CURRENCY,
            num_in_stock=quantity,
            num_allocated=0,
        )
    return product


def offer_withdraw(*, product: "Product", user=None) -> "Product":
    """Take an offer off sale; refused while an order on it is still being paid or fulfilled."""
    from shop.order.models import UNFINISHED_LINE_STATUSES

    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product.pk)
        if product.withdrawn_at is not None:
            raise ValidationError(_("This offer is already withdrawn."))
        stockrecord = product.stockrecords.select_related("partner").first()
        if (
            user is not None
            and not user_is_platform_staff(user)
            and stockrecord is not None
            and not stockrecord.partner.users.filter(pk=user.pk).exists()
        ):
            raise ValidationError(_("You can only withdraw offers of the provider you represent."))
        if Line.objects.filter(product=product, status__in=UNFINISHED_LINE_STATUSES).exists():
            raise ValidationError(
                _("This offer has orders in progress; it can be withdrawn once they are completed. Try again later.")
            )
        product.withdrawn_at = timezone.now()
        product.is_public = False
        product.save(update_fields=["withdrawn_at", "is_public", "date_updated"])
    return product


def offer_holding_reduce(*, block: UnitBlock) -> None:
    """The registry holds fewer units than the live offer: shrink the offer and tell the staff."""
    with transaction.atomic():
        product = Product.objects.filter(unit_block=block, withdrawn_at__isnull=True).first()
        if product is None:
            return
        stockrecord = StockRecord.objects.select_for_update().filter(product=product).first()
        if stockrecord is None:
            return
        block.refresh_from_db(fields=["units_held"])
        allocated = stockrecord.num_allocated or 0
        if stockrecord.num_in_stock <= block.units_held:
            return
        # Units already promised to buyers stay in the offer until their orders finish.
        available_in_registry = block.units_held
        new_in_stock = max(available_in_registry, allocated)
        old_in_stock = stockrecord.num_in_stock
        stockrecord.num_in_stock = new_in_stock
        stockrecord.save(update_fields=["num_in_stock", "date_updated"])
    short = allocated > available_in_registry
    send_mail(
        subject=f"[CNN shop] Offer {block.registry_block_id} reduced: registry holding fell to {block.units_held}",
        message=(
            f"The registry account {block.account_number} now holds {block.units_held} units of block "
            f"{block.registry_block_id}. Its offer went from {old_in_stock} to {new_in_stock} units."
            + (f"\nWARNING: {allocated} units are allocated to unpaid or unfulfilled orders." if short else "")
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=settings.STAFF_ALERT_EMAILS,
        fail_silently=True,
    )


class OrderPlacementRefused(ValidationError):
    """The basket cannot become an order as it is (stock gone, offer withdrawn, basket empty)."""


def order_place(
    *,
    basket,
    user=None,
    guest_email: str = "",
    billing_address: dict,
    certificate: dict,
    language: str = "en",
    request=None,
):
    """Turn a basket into an order awaiting payment, allocating its stock under row locks.

    `billing_address` holds BillingAddress fields (first_name, last_name, line1..line4, postcode, country code);
    `certificate` holds OrderCertificateDetails fields (buyer_kind, organization_name, certificate_name,
    purchase_reason_code, reason_text, show_beneficiary_publicly, confirmed_adult).
    """
    from oscar.apps.partner.strategy import Selector
    from oscar.core import prices

    from shop.order.models import LineStatus, OrderCertificateDetails

    BillingAddress = get_model("order", "BillingAddress")
    Country = get_model("address", "Country")
    OrderCreator = get_class("order.utils", "OrderCreator")
    NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
    OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")

    if not certificate.get("confirmed_adult"):
        raise OrderPlacementRefused(_("Only people aged 18 or older can buy cancellations."))
    with transaction.atomic():
        if not getattr(basket, "has_strategy", False):
            basket.strategy = Selector().strategy(request=request, user=user)
        lines = list(basket.all_lines())
        if not lines:
            raise OrderPlacementRefused(_("Your basket is empty."))
        # Lock every stock record of the basket in id order: concurrent buyers queue here and never deadlock.
        stockrecord_ids = sorted({line.stockrecord_id for line in lines})
        locked = {
            record.pk: record
            for record in StockRecord.objects.select_for_update()
            .filter(pk__in=stockrecord_ids)
            .select_related("product")
            .order_by("pk")
        }
        for line in lines:
            record = locked.get(line.stockrecord_id)
            if record is None or record.product.withdrawn_at is not None:
                raise OrderPlacementRefused(
                    _("The offer “%(title)s” is no longer on sale; remove it from your basket.")
                    % {"title": line.product.get_title() if line.product else ""}
                )
            available = record.num_in_stock - (record.num_allocated or 0)
            if line.quantity > available:
                raise OrderPlacementRefused(
                    _("Only %(available)s CERs of “%(title)s” are still available; change the quantity in your basket.")
                    % {"available": max(available, 0), "title": record.product.get_title()}
                )
            # The basket line must allocate against the locked, fresh row.
            line.stockrecord = record

        address_fields = dict(billing_address)
        country_code = address_fields.pop("country", None)
        if country_code and not isinstance(country_code, Country):
            country_code = Country.objects.get(pk=country_code)
        billing = BillingAddress.objects.create(country=country_code, **address_fields)

        currency = basket.currency or settings.OSCAR_DEFAULT_CURRENCY
        shipping_method = NoShippingRequired()
        shipping_charge = prices.Price(currency=currency, excl_tax=Decimal("0.00"), tax=Decimal("0.00"))
        total = OrderTotalCalculator(request).calculate(basket, shipping_charge)
        extra = {}
        if not (user and user.is_authenticated):
            extra["guest_email"] = guest_email
        order = OrderCreator().place_order(
            basket=basket,
            total=total,
            shipping_method=shipping_method,
            shipping_charge=shipping_charge,
            user=user if user and user.is_authenticated else None,
            billing_address=billing,
            request=request,
            **extra,
        )
        for order_line in order.lines.select_related("product"):
            order_line.status = LineStatus.PENDING_PAYMENT
            order_line.unit_block_id = order_line.product.unit_block_id if order_line.product else None
            order_line.save(update_fields=["status", "unit_block"])
        OrderCertificateDetails.objects.create(
            order=order,
            buyer_kind=certificate["buyer_kind"],
            organization_name=certificate.get("organization_name", ""),
            certificate_name=certificate["certificate_name"],
            purchase_reason_code=certificate.get("purchase_reason_code", ""),
            reason_text=certificate["reason_text"],
            show_beneficiary_publicly=bool(certificate.get("show_beneficiary_publicly")),
            confirmed_adult=True,
            terms_accepted_at=timezone.now(),
            language=language,
        )
        basket.submit()
    return order


def account_close(*, user) -> None:
    """Close a buyer's account: personal data removed or anonymised; orders and the public history kept for audit."""
    UserAddress = get_model("address", "UserAddress")
    Basket = get_model("basket", "Basket")
    with transaction.atomic():
        UserAddress.objects.filter(user=user).delete()
        Basket.objects.filter(owner=user).exclude(status=Basket.SUBMITTED).delete()
        placeholder = f"closed-{user.pk}"
        if hasattr(user, "username"):
            user.username = placeholder
        user.email = f"{placeholder}@closed.invalid"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()


def order_release(*, order, status: str) -> int:
    """Payment failed or the order expired: unpaid lines take `status` and their reserved CERs go back on offer.

    Returns the number of lines released; lines already paid (or further) are left alone.
    """
    from shop.order.models import LineStatus

    if status not in (LineStatus.PAYMENT_FAILED, LineStatus.EXPIRED):
        raise ValueError(f"order_release sets payment_failed or expired, not {status!r}")
    with transaction.atomic():
        lines = list(
            Line.objects.select_for_update()
            .filter(order=order, status=LineStatus.PENDING_PAYMENT)
            .order_by("stockrecord_id", "pk")
        )
        # Same lock order as order_place: stock records by id.
        records = {
            record.pk: record
            for record in StockRecord.objects.select_for_update()
            .filter(pk__in={line.stockrecord_id for line in lines if line.stockrecord_id})
            .order_by("pk")
        }
        for line in lines:
            record = records.get(line.stockrecord_id)
            if record is not None:
                record.cancel_allocation(line.quantity)
            line.status = status
            line.save(update_fields=["status"])
    return len(lines)
