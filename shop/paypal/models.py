from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PayPalTransaction(models.Model):
    """One HTTP request to PayPal (or its simulator) and its reply, secrets redacted."""

    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=255)
    request_body = models.TextField(_("request body"), blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    response_body = models.TextField(_("response body"), blank=True)
    error = models.CharField(
        _("error"), max_length=255, blank=True, help_text=_("Why no reply came back (timeout, connection refused).")
    )
    paypal_order_id = models.CharField(_("PayPal order id"), max_length=64, blank=True, db_index=True)
    debug_id = models.CharField(_("PayPal debug id"), max_length=64, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("PayPal transaction")
        verbose_name_plural = _("PayPal transactions")

    def __str__(self):
        return f"{self.method} {self.path} -> {self.response_status or self.error}"

    @property
    def is_error(self) -> bool:
        return self.response_status is None or self.response_status >= 400


class PayPalWebhookEvent(models.Model):
    """A verified webhook event; unique on PayPal's event id so a redelivery is recognised and ignored."""

    event_id = models.CharField(_("event id"), max_length=128, unique=True)
    event_type = models.CharField(_("event type"), max_length=64, db_index=True)
    resource_id = models.CharField(_("resource id"), max_length=64, blank=True, db_index=True)
    paypal_order_id = models.CharField(_("PayPal order id"), max_length=64, blank=True, db_index=True)
    payload = models.JSONField(_("payload"))
    transmission_id = models.CharField(_("transmission id"), max_length=64, blank=True)
    received = models.DateTimeField(_("received"), auto_now_add=True)
    deliveries = models.PositiveIntegerField(
        _("deliveries"), default=1, help_text=_("How many times PayPal sent this event; only the first one acts.")
    )

    class Meta:
        ordering = ["-received", "-id"]
        verbose_name = _("PayPal webhook event")
        verbose_name_plural = _("PayPal webhook events")

    def __str__(self):
        return f"{self.event_type} {self.event_id}"


class PayPalCapture(models.Model):
    """What PayPal says about the money for one purchase unit (one provider) of a PayPal order."""

    class Status(models.TextChoices):
        PENDING = "PENDING", _("Pending")
        COMPLETED = "COMPLETED", _("Completed")
        DECLINED = "DECLINED", _("Declined")
        FAILED = "FAILED", _("Failed")
        REFUNDED = "REFUNDED", _("Refunded")
        PARTIALLY_REFUNDED = "PARTIALLY_REFUNDED", _("Partially refunded")

    capture_id = models.CharField(_("capture id"), max_length=64, unique=True)
    paypal_order_id = models.CharField(_("PayPal order id"), max_length=64, db_index=True)
    reference_id = models.CharField(_("purchase unit reference"), max_length=256, help_text=_("The provider's id."))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices)
    status_reason = models.CharField(_("status reason"), max_length=64, blank=True)
    # What we did with the money, decided once per capture so a replayed event or a late reply never decides again.
    applied = models.CharField(
        _("applied"),
        max_length=16,
        blank=True,
        choices=[("paid", _("Paid the provider's lines")), ("refund", _("Refunded: nothing awaited it"))],
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("PayPal capture")
        verbose_name_plural = _("PayPal captures")

    def __str__(self):
        return f"{self.capture_id} {self.amount} {self.currency} {self.status}"


class PayPalOrder(models.Model):
    """A PayPal order created for one of our orders: one purchase unit per provider."""

    class Status(models.TextChoices):
        CREATED = "CREATED", _("Waiting for the buyer's approval")
        CAPTURED = "CAPTURED", _("Captured")
        CANCELLED = "CANCELLED", _("Cancelled by the buyer")
        # The buyer started another payment (or chose bank transfer): we never capture this one, and refund it if
        # PayPal captures it anyway.
        SUPERSEDED = "SUPERSEDED", _("Replaced by a newer payment")

    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="paypal_orders", verbose_name=_("order")
    )
    paypal_order_id = models.CharField(_("PayPal order id"), max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.CREATED)
    funding = models.CharField(_("paid with"), max_length=8, default="paypal", help_text=_("paypal or card"))
    # What each provider (purchase unit reference) is owed, as sent to PayPal: {"<partner id>": "12.50"}.
    amounts = models.JSONField(_("amounts by provider"))
    currency = models.CharField(_("currency"), max_length=3)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("PayPal order")
        verbose_name_plural = _("PayPal orders")

    def __str__(self):
        return f"{self.paypal_order_id} ({self.status})"


class PayPalRefund(models.Model):
    """Money we send back through PayPal: a capture nothing awaited (a double charge), or a failed line's price."""

    class Reason(models.TextChoices):
        DOUBLE_CHARGE = "double_charge", _("Paid twice")
        BANK_TRANSFER = "bank_transfer", _("Paid by PayPal after choosing bank transfer")
        LAPSED = "lapsed", _("Paid after the hold ended")
        SUPERSEDED = "superseded", _("Paid through a replaced payment")
        CANCELLATION_FAILED = "cancellation_failed", _("The registry refused the cancellation")

    class Status(models.TextChoices):
        PENDING = "PENDING", _("Waiting to be sent to PayPal")
        COMPLETED = "COMPLETED", _("Refunded")
        FAILED = "FAILED", _("Refused by PayPal")

    capture = models.ForeignKey(
        PayPalCapture, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("capture")
    )
    line = models.ForeignKey(
        "order.Line",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paypal_refunds",
        verbose_name=_("order line"),
    )
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    # Sent as PayPal-Request-Id: unique, so one capture (or one line) is refunded once however often we are asked.
    request_id = models.CharField(_("request id"), max_length=64, unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    refund_id = models.CharField(_("PayPal refund id"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("PayPal refund")
        verbose_name_plural = _("PayPal refunds")

    def __str__(self):
        return f"{self.request_id} {self.amount} {self.currency} {self.status}"
