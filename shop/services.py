"""Writes of the shop: publishing and withdrawing offers, placing orders."""

import logging
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from core.alerts import staff_alert
from registry.models import AccountKind, UnitBlock
from shop.access import user_is_platform_staff
from shop.order import lifecycle

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
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


def _block_ineligibility(*, block: UnitBlock) -> str:
    """Why these CERs cannot be sold (a SuspensionReason), or "" when they can (seed 001)."""
    from shop.catalogue.models import SuspensionReason

    if not block.issued:
        return SuspensionReason.NOT_ISSUED
    if not block.share_of_proceeds_paid:
        return SuspensionReason.SHARE_OF_PROCEEDS_UNPAID
    if block.account_kind not in (AccountKind.PENDING, AccountKind.PERMANENT_HOLDING):
        return SuspensionReason.ACCOUNT_KIND
    return ""


def _check_block_eligible(*, block: UnitBlock) -> None:
    from shop.catalogue.models import SuspensionReason

    reason = _block_ineligibility(block=block)
    if reason == SuspensionReason.NOT_ISSUED:
        raise ValidationError(_("These CERs are not issued yet; only issued CERs can be offered."))
    if reason == SuspensionReason.SHARE_OF_PROCEEDS_UNPAID:
        raise ValidationError(
            _("The share of proceeds of these CERs is not paid; it must be paid before they can be offered.")
        )
    if reason == SuspensionReason.ACCOUNT_KIND:
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
    from shop.holds.services import orders_expire_unpaid
    from shop.order.models import UNFINISHED_LINE_STATUSES

    # Holds past PAYMENT_HOLD_MINUTES no longer reserve anything: release them now rather than at the next run.
    # Before the offer's lock, in their own transactions: they stay expired if the withdrawal is refused, and
    # order_release's stock lock is never taken under the offer's lock (order_place takes them the other way round).
    if product.withdrawn_at is None:
        orders_expire_unpaid(product=product)
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
    staff_alert(
        f"[CNN shop] Offer {block.registry_block_id} reduced: registry holding fell to {block.units_held}",
        (
            f"The registry account {block.account_number} now holds {block.units_held} units of block "
            f"{block.registry_block_id}. Its offer went from {old_in_stock} to {new_in_stock} units."
            + (f"\nWARNING: {allocated} units are allocated to unpaid or unfulfilled orders." if short else "")
        ),
    )


def offer_eligibility_follow(*, block: UnitBlock) -> "Product | None":
    """A registry sync changed whether the block may be sold: suspend its live offer (off the catalogue, not buyable)
    or bring it back; the staff are told once per suspension. Returns the offer, or None when the block has none."""
    with transaction.atomic():
        # The same lock, taken the same way, as order_place's: an order is placed before or after the suspension.
        record = (
            StockRecord.objects.select_for_update()
            .select_related("product")
            .filter(product__unit_block=block, product__withdrawn_at__isnull=True)
            .first()
        )
        if record is None:
            return None
        product = record.product
        block = UnitBlock.objects.get(pk=block.pk)
        reason = _block_ineligibility(block=block)
        if reason and product.suspended_at is None:
            product.suspended_at = timezone.now()
            product.suspension_reason = reason
            # Saved (not updated) so the catalogue and project page caches hear of it.
            product.save(update_fields=["suspended_at", "suspension_reason", "date_updated"])
            _offer_suspended_staff_alert(product=product, block=block)
        elif reason and product.suspension_reason != reason:
            product.suspension_reason = reason
            product.save(update_fields=["suspension_reason", "date_updated"])
        elif not reason and product.suspended_at is not None:
            product.suspended_at = None
            product.suspension_reason = ""
            product.save(update_fields=["suspended_at", "suspension_reason", "date_updated"])
    return product


def _offer_suspended_staff_alert(*, product: "Product", block: UnitBlock) -> None:
    message = (
        f"The registry sync made block {block.registry_block_id} (account {block.account_number}) ineligible for sale "
        f"({product.suspension_reason}: issued={block.issued}, share of proceeds paid={block.share_of_proceeds_paid}, "
        f"account kind={block.account_kind}). Its offer {product.pk} is suspended: hidden from the catalogue and not "
        "buyable until the registry makes the block eligible again. Orders already placed on it are unchanged."
    )
    staff_alert(f"[CNN shop] Offer {block.registry_block_id} suspended: block no longer eligible", message)


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
    """Turn a basket into an order awaiting payment, allocating its stock under row locks, and email the buyer.

    Idempotent per basket: once a basket is submitted, placing it again returns the order it became.

    `billing_address` holds BillingAddress fields (first_name, last_name, line1..line4, postcode, country code);
    `certificate` holds OrderCertificateDetails fields (buyer_kind, organization_name, certificate_name,
    purchase_reason_code, reason_text, show_beneficiary_publicly, confirmed_adult).
    """
    from oscar.apps.partner.strategy import Selector
    from oscar.core import prices

    from shop.order.models import OrderCertificateDetails

    BillingAddress = get_model("order", "BillingAddress")
    Country = get_model("address", "Country")
    OrderCreator = get_class("order.utils", "OrderCreator")
    NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")
    OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")

    from shop.holds.selectors import visitor_holds_count
    from shop.holds.services import session_order_ids, session_order_remember
    from shop.order.services import order_confirmation_send

    Basket = get_model("basket", "Basket")
    if not certificate.get("confirmed_adult"):
        raise OrderPlacementRefused(_("Only people aged 18 or older can buy cancellations."))
    with transaction.atomic():
        # A second submit of the same basket (double click) queues here, then gets the order the first one placed.
        locked_basket = Basket.objects.select_for_update().filter(pk=basket.pk).first()
        if locked_basket is not None and locked_basket.status == Basket.SUBMITTED:
            placed = Order.objects.filter(basket_id=basket.pk).first()
            if placed is not None:
                return placed
        # One visitor cannot reserve a whole offer with unpaid orders: refused before anything is written.
        held = visitor_holds_count(user=user, guest_email=guest_email, order_ids=session_order_ids(request=request))
        if held >= settings.MAX_OPEN_UNPAID_ORDERS:
            raise OrderPlacementRefused(
                _(
                    "You already have %(count)s orders awaiting payment. Pay for one of them first, or wait until "
                    "their reservation ends, %(minutes)s minutes after you placed them."
                )
                % {"count": held, "minutes": settings.PAYMENT_HOLD_MINUTES}
            )
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
            # Read under the stock lock (which covers the joined product), as offer_eligibility_follow writes it.
            if record.product.suspended_at is not None:
                raise OrderPlacementRefused(
                    _("The registry no longer allows the CERs of “%(title)s” to be sold; remove them from your basket.")
                    % {"title": record.product.get_title()}
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
        # Lines start awaiting payment (OSCAR_INITIAL_LINE_STATUS); each remembers the registry block it cancels.
        for order_line in order.lines.select_related("product"):
            order_line.unit_block_id = order_line.product.unit_block_id if order_line.product else None
            order_line.save(update_fields=["unit_block"])
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
        order_confirmation_send(order=order)
    session_order_remember(request=request, order=order)
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


# Kept here for callers of the shop services; the lifecycle module owns it.
order_release = lifecycle.order_release
