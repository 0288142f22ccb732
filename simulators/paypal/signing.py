"""How the simulator signs webhooks and checks signatures.

PayPal signs `<transmission id>|<transmission time>|<webhook id>|<crc32 of the body>` with its
private key (SHA256withRSA); the simulator signs the same string with an HMAC secret that only
it knows, so the site can only trust an event by asking the verify-webhook-signature API.
"""

import base64
import hashlib
import hmac
import json
import zlib

AUTH_ALGO = "HmacSHA256"
CERT_PATH = "/v1/notifications/certs/CERT-simulator-hmac"


def canonical_body(event: dict) -> bytes:
    """The exact bytes the simulator sends, and re-derives from the event it is asked to verify."""
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def signature(*, secret: str, transmission_id: str, transmission_time: str, webhook_id: str, body: bytes) -> str:
    message = f"{transmission_id}|{transmission_time}|{webhook_id}|{zlib.crc32(body)}".encode()
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode()


def signature_valid(
    *, secret: str, transmission_id: str, transmission_time: str, webhook_id: str, body: bytes, sig: str
) -> bool:
    expected = signature(
        secret=secret,
        transmission_id=transmission_id,
        transmission_time=transmission_time,
        webhook_id=webhook_id,
        body=body,
    )
    return hmac.compare_digest(expected, sig or "")
