"""What the fault tests check after the storm: the registry's own books, the certificates, the queue at rest."""

import email
import time
from collections import Counter
from pathlib import Path

from django.db.models import Sum

from registry.services import cancellation_idempotency_key
from shop.fulfilment.models import Certificate, LineFulfilment


def wait_until(condition, *, timeout: float, what: str, interval: float = 0.1):
    """Poll `condition` until it is true; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting for {what}"
        time.sleep(interval)


def registry_check_each_line_cancelled_once(registry, lines) -> None:
    """The registry's own books: one transaction per line's idempotency key, no serial handed out twice."""
    transactions = registry.transactions()
    keys = Counter(t["idempotency_key"] for t in transactions)
    expected = {cancellation_idempotency_key(order_number=line.order.number, line_id=line.pk) for line in lines}
    assert set(keys) == expected
    assert max(keys.values()) == 1
    quantities = {t["idempotency_key"]: t["quantity"] for t in transactions}
    assert all(
        quantities[cancellation_idempotency_key(order_number=line.order.number, line_id=line.pk)] == line.quantity
        for line in lines
    )
    cancelled = sorted((serial_range.start, serial_range.end) for serial_range in registry.cancelled_ranges())
    assert all(previous[1] < following[0] for previous, following in zip(cancelled, cancelled[1:], strict=False))
    assert sum(end - start + 1 for start, end in cancelled) == sum(line.quantity for line in lines)


def certificates_check_one_per_line(registry, lines) -> None:
    """Every line has one certificate, emailed, naming the transaction and serials the registry gave it."""
    by_transaction = {t["transaction_id"]: t for t in registry.transactions()}
    certificates = Certificate.objects.filter(line__in=lines)
    assert certificates.count() == len(lines)
    assert not certificates.filter(emailed_at__isnull=True).exists()
    for certificate in certificates:
        cancelled = by_transaction[certificate.transaction_id]["serial_ranges"]
        assert [(item["start"], item["end"]) for item in certificate.serial_ranges] == [
            (item["start"], item["end"]) for item in cancelled
        ]
    assert len({certificate.transaction_id for certificate in certificates}) == len(lines)


def settled(*, quiet_seconds: float):
    """A condition: no fulfilment attempt started for `quiet_seconds` (retries and duplicates have run out)."""
    state = {"attempts": None, "since": time.monotonic()}

    def condition() -> bool:
        attempts = LineFulfilment.objects.aggregate(total=Sum("attempts"))["total"]
        if attempts != state["attempts"]:
            state.update(attempts=attempts, since=time.monotonic())
        return time.monotonic() - state["since"] >= quiet_seconds

    return condition


def certificate_mails(mail_dir: Path) -> Counter:
    """How many certificate emails (with the PDF) each address got, from a file email backend's directory."""
    received = Counter()
    for path in Path(mail_dir).iterdir():
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            message = email.message_from_bytes(raw.strip())
            if any(part.get_content_type() == "application/pdf" for part in message.walk()):
                received[message["To"]] += 1
    return received
