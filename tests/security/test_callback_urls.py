"""Hostile hub callbacks and callout URLs: embedded IPv4, legacy IPv4 spellings, IDNA tricks, control characters."""
import pytest
from sqlalchemy import func, select

from engine.runtime.events import callbacks
from engine.runtime.tasks.handlers import builtin  # noqa: F401  (registers the built-in handlers)
from engine.runtime.tasks.handlers.registry import TaskFailed
from engine.store.models import EventListener
from tests.engine.runtime.events.conftest import HUB, PUBLIC, dns  # noqa: F401
from tests.engine.runtime.tasks.handlers.test_task_handlers import Recorder, call, server  # noqa: F401


def listeners(runtime) -> int:
    with runtime.session_factory() as session:
        return session.scalar(select(func.count()).select_from(EventListener))


def refused(client, url):
    response = client.post(HUB, json={"callback": url})
    assert response.status_code == 422, response.json
    assert response.json["details"][0]["pointer"] == "/callback"
    return response.json["message"]


@pytest.mark.parametrize("url,reasons", [
    ("http://[2002:7f00:1::]/hook", ("6to4", "127.0.0.1", "loopback")),
    ("http://[2002:a9fe:a9fe::1]/latest/meta-data/", ("6to4", "169.254.169.254", "link-local")),
    ("http://[2002:0a00:0001::5]/", ("6to4", "10.0.0.1", "private")),
    ("http://[::127.0.0.1]/", ("IPv4-compatible", "loopback")),
    ("http://[64:ff9b::7f00:1]/", ("NAT64", "loopback")),
    ("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", ("Teredo", "127.0.0.1", "loopback")),
    ("http://[::ffff:7f00:1]/", ("IPv4-mapped", "loopback")),
    ("http://six.example/", ("2002:7f00:1::1", "6to4", "loopback")),
])
def test_an_ipv6_address_embedding_a_refused_ipv4_is_refused(client, dns, runtime, url, reasons):  # noqa: F811
    dns["six.example"] = ["2002:7f00:1::1"]
    message = refused(client, url)
    assert all(reason in message for reason in reasons), message
    assert listeners(runtime) == 0


@pytest.mark.parametrize("url,reason", [
    ("http://2130706433/", "loopback"), ("http://0x7f.1/", "loopback"), ("http://0177.0.0.1/", "loopback"),
    ("http://127.1:8080/", "loopback"), ("http://0x7f000001/", "loopback"),
    ("http://0xa9.0xfe.0xa9.0xfe/", "link-local"), ("http://012.0.0.1/", "private"),
    ("http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/", "loopback"), ("http://LOCALHOST./", "loopback"),
    ("http://\u24dbocalhost/", "loopback"),
])
def test_other_spellings_of_a_refused_address_are_refused(client, dns, url, reason):  # noqa: F811
    dns["localhost"] = ["127.0.0.1"]
    assert reason in refused(client, url)


@pytest.mark.parametrize("character", ["\r\n", "\n", "\r", "\t", " ", "\x7f", "\x1b", "\u2028", "\u200b",
                                       "\u00a0", "\\"])
def test_a_callback_with_a_control_character_or_whitespace_is_refused(client, dns, runtime,  # noqa: F811
                                                                      character):
    dns["hooks.partner.example"] = [PUBLIC]
    message = refused(client, f"https://hooks.partner.example/in{character}X-Injected: 1")
    assert f"U+{ord(character[0]):04X}" in message and "not allowed" in message
    assert listeners(runtime) == 0


@pytest.mark.parametrize("url", ["https://hooks.partner.example/in?a=1&b=2", "http://[2002:5db8:d822::1]/in",
                                 "https://b\u00fccher.example/hook", "https://hooks.partner.example./in"])
def test_public_callbacks_are_still_registered(client, dns, url):  # noqa: F811
    dns.update({"hooks.partner.example": [PUBLIC], "xn--bcher-kva.example": [PUBLIC]})
    response = client.post(HUB, json={"callback": url})
    assert response.status_code == 201, response.json


def test_the_host_is_normalised_before_the_allow_list_is_read(client, dns, monkeypatch):  # noqa: F811
    monkeypatch.setenv(callbacks.ENV, "localhost:9000")
    assert client.post(HUB, json={"callback": "http://LocalHost.:9000/in"}).status_code == 201
    assert "loopback" in refused(client, "http://2130706433:9000/in")


def test_a_delivery_is_refused_when_the_host_now_resolves_to_a_6to4_loopback(dns):  # noqa: F811
    dns["hooks.partner.example"] = [PUBLIC]
    assert callbacks.check("https://hooks.partner.example/in") == PUBLIC
    dns["hooks.partner.example"] = ["2002:7f00:1::1"]
    with pytest.raises(callbacks.CallbackRefused, match="6to4 address embedding 127.0.0.1, loopback"):
        callbacks.check("https://hooks.partner.example/in")


@pytest.mark.parametrize("suffix", ["/orders\r\nX-Injected: 1", "/ord ers", "/orders\x00", "\\@evil.example/"])
def test_a_callout_url_with_a_control_character_is_a_task_failure_and_nothing_is_sent(server, monkeypatch,  # noqa: F811
                                                                                       suffix):
    monkeypatch.setenv("ORDO_HTTP_ALLOWED_HOSTS", server)
    with pytest.raises(TaskFailed, match="not allowed"):
        call({"url": f"http://{server}{suffix}", "body": {}})
    assert Recorder.seen == []
