"""Signed deliveries: ``t=<unix seconds>,v1=<HMAC of "<t>.<body>">``, verified as a listener would, replay refused."""
import re

import pytest

from engine.runtime.events import signing
from tests.engine.runtime.events.conftest import no_approval, receiver, subscribe  # noqa: F401
from tests.engine.runtime.orders.pipeline.conftest import (  # noqa: F401
    BASE,
    fibre_order,
    install_pack,
    reserve_port_handler,
)

SECRET = "s3cret"
BODY = b'{"eventId":"e-1","eventType":"ProductOrderCreateEvent"}'
T = 1_767_258_000


def test_a_signature_verifies_within_the_tolerance_either_side():
    header = signing.sign(SECRET, BODY, T)
    assert re.fullmatch(r"t=1767258000,v1=[0-9a-f]{64}", header)
    for now in (T, T + 300, T - 300, T + 0.5):
        assert signing.verify(SECRET, header, BODY, now) == T


@pytest.mark.parametrize("now,reason", [(T + 301, "more than 300 s"), (T - 301, "more than 300 s"),
                                        (T + 86_400, "more than 300 s")])
def test_a_replayed_or_future_dated_delivery_is_refused(now, reason):
    with pytest.raises(signing.InvalidSignature, match=reason):
        signing.verify(SECRET, signing.sign(SECRET, BODY, T), BODY, now)


def test_a_tampered_body_timestamp_or_secret_is_refused():
    header = signing.sign(SECRET, BODY, T)
    forged_time = header.replace(f"t={T}", f"t={T + 3600}")
    for secret, value, body, now in ((SECRET, header, BODY + b" ", T), (SECRET, forged_time, BODY, T + 3600),
                                     ("other", header, BODY, T), (SECRET, f"t={T},v1={header[-64:].upper()}", BODY, T)):
        with pytest.raises(signing.InvalidSignature, match="does not match"):
            signing.verify(secret, value, body, now)


@pytest.mark.parametrize("header", ["", "sha256=" + "0" * 64, f"t={T}", "v1=" + "0" * 64, f"t=-5,v1={'0' * 64}",
                                    f"t=１２,v1={'0' * 64}", "garbage"])
def test_a_malformed_header_is_refused(header):
    with pytest.raises(signing.InvalidSignature, match="expected 't=<unix seconds>,v1=<hex>'"):
        signing.verify(SECRET, header, BODY, T)


def test_one_matching_v1_is_enough_for_a_listener_rotating_secrets():
    header = f"t={T},v1={signing.digest('old', T, BODY)},v1={signing.digest(SECRET, T, BODY)}"
    assert signing.verify(SECRET, header, BODY, T) == T


def test_real_deliveries_carry_a_fresh_timestamped_signature_per_attempt(client, clock, install_pack,  # noqa: F811
                                                                         worker, receiver, subscribe,  # noqa: F811
                                                                         monkeypatch):
    monkeypatch.setenv("ORDO_HUB_ALLOWED_HOSTS", "127.0.0.1")
    install_pack(no_approval)
    listener = subscribe(receiver.url + "/ordo", "eventType=ProductOrderCreateEvent")
    receiver.statuses = [500]
    assert client.post(BASE, json=fibre_order()).status_code == 201
    first_at = clock.now().timestamp()
    worker.run_until_idle()
    clock.advance(minutes=10)
    second_at = clock.now().timestamp()
    worker.run_until_idle()
    first, second = receiver.received
    assert first.raw == second.raw
    for got, sent_at in ((first, first_at), (second, second_at)):
        header = got.headers[signing.HEADER]
        assert re.fullmatch(r"t=\d+,v1=[0-9a-f]{64}", header), header
        assert signing.verify(listener["secret"], header, got.raw, now=sent_at) == int(sent_at)
        with pytest.raises(signing.InvalidSignature, match="more than 300 s"):
            signing.verify(listener["secret"], header, got.raw, now=sent_at + 301)
        with pytest.raises(signing.InvalidSignature, match="does not match"):
            signing.verify("another secret", header, got.raw, now=sent_at)
    with pytest.raises(signing.InvalidSignature, match="more than 300 s"):  # the first attempt, replayed later
        signing.verify(listener["secret"], first.headers[signing.HEADER], first.raw, now=second_at)
