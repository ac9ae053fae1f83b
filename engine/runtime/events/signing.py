"""Signatures of delivered events: ``X-Ordo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>``.

The HMAC (keyed with the listener's secret) covers ``"<t>.<body>"``, so the timestamp cannot be changed without
breaking it, and a listener that refuses timestamps older than a few minutes cannot be fed a replayed event
(as Stripe and Standard Webhooks sign). Every attempt is signed afresh. ``verify`` is what a listener runs:
recompute, compare in constant time, refuse a timestamp more than ``TOLERANCE_SECONDS`` from its own clock.
"""
from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Ordo-Signature"
SCHEME = "v1"
TOLERANCE_SECONDS = 300


class InvalidSignature(ValueError):
    """A signature header that is malformed, does not match the body, or is too old (or too far ahead)."""


def digest(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``"<timestamp>.<body>"`` keyed with ``secret``."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The header value for ``body`` sent at ``timestamp`` (unix seconds)."""
    return f"t={timestamp},{SCHEME}={digest(secret, timestamp, body)}"


def parse(header: str) -> tuple[int, list[str]]:
    """The timestamp and the ``v1`` signatures of a header value; raises InvalidSignature when malformed."""
    timestamp, signatures = None, []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and value.isascii() and value.isdigit():
            timestamp = int(value)
        elif key == SCHEME and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise InvalidSignature(f"expected 't=<unix seconds>,{SCHEME}=<hex>', got {header[:200]!r}")
    return timestamp, signatures


def verify(secret: str, header: str, body: bytes, now: float, tolerance: float = TOLERANCE_SECONDS) -> int:
    """Check a delivery as a listener should; returns its timestamp or raises InvalidSignature.

    ``body`` is the raw request body (before any JSON parsing), ``now`` the listener's clock in unix seconds.
    Several ``v1`` entries are allowed (one matching is enough), for a listener rotating secrets.
    """
    timestamp, signatures = parse(header)
    expected = digest(secret, timestamp, body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise InvalidSignature("the signature does not match the body and timestamp")
    if abs(now - timestamp) > tolerance:
        raise InvalidSignature(f"the timestamp {timestamp} is more than {tolerance:g} s from now ({now:.0f})")
    return timestamp
