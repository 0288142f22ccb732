from shop.paypal.gateway import redact
from simulators.paypal import signing

PARTS = {
    "transmission_id": "t-1",
    "transmission_time": "2026-11-23T21:00:00Z",
    "webhook_id": "wh-1",
    "body": b'{"a":1}',
}


def test_signature_covers_every_part_and_the_secret():
    reference = signing.signature(secret="s", **PARTS)
    variants = [
        signing.signature(secret="other", **PARTS),
        signing.signature(secret="s", **{**PARTS, "transmission_id": "t-2"}),
        signing.signature(secret="s", **{**PARTS, "transmission_time": "2026-11-23T21:00:01Z"}),
        signing.signature(secret="s", **{**PARTS, "webhook_id": "wh-2"}),
        signing.signature(secret="s", **{**PARTS, "body": b'{"a":2}'}),
    ]
    assert reference not in variants
    assert signing.signature_valid(secret="s", sig=reference, **PARTS)
    assert not signing.signature_valid(secret="s", sig="", **PARTS)


def test_canonical_body_does_not_depend_on_key_order():
    assert signing.canonical_body({"b": 1, "a": {"d": "é", "c": "2.00"}}) == signing.canonical_body(
        {"a": {"c": "2.00", "d": "é"}, "b": 1}
    )


def test_redact_hides_tokens_and_card_numbers_at_any_depth():
    redacted = redact(
        {
            "access_token": "A21",
            "payment_source": {"card": {"number": "4111", "last_digits": "1111"}},
            "items": [{"refresh_token": "r"}],
        }
    )
    assert redacted == {
        "access_token": "[redacted]",
        "payment_source": {"card": {"number": "[redacted]", "last_digits": "1111"}},
        "items": [{"refresh_token": "[redacted]"}],
    }
