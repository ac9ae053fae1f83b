"""A local HTTP listener that records what it receives, and helpers to register hub listeners."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from engine.runtime.events import callbacks, signing
from tests.engine.runtime.orders.pipeline.conftest import install_pack, reserve_port_handler  # noqa: F401

HUB = "/tmf-api/productOrderingManagement/v4/hub"
PUBLIC = "93.184.216.34"  # a public address the fake resolver hands out
SLOW = 0  # a status that makes the receiver answer 200 only after half a second


@dataclass
class Received:
    path: str
    headers: dict
    raw: bytes

    @property
    def body(self) -> dict:
        return json.loads(self.raw)

    def signed_with(self, secret: str, now: float | None = None) -> bool:
        """Whether the delivery verifies with ``secret`` (at ``now``; by default the moment it was signed)."""
        header = self.headers.get(signing.HEADER, "")
        try:
            signing.verify(secret, header, self.raw, now if now is not None else signing.parse(header)[0])
        except signing.InvalidSignature:
            return False
        return True


@dataclass
class Receiver:
    """Answers each POST with the next of ``statuses`` (then 200; ``SLOW`` late) and keeps what it got."""

    url: str = ""
    statuses: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)

    def bodies(self, path: str | None = None) -> list[dict]:
        return [r.body for r in self.received if path is None or r.path == path]


@pytest.fixture(autouse=True)
def _local_listeners_allowed(monkeypatch):
    """The receiver listens on loopback, which the SSRF guard refuses unless allow-listed."""
    monkeypatch.setenv("ORDO_HUB_ALLOWED_HOSTS", "127.0.0.1")


@pytest.fixture
def dns(monkeypatch):
    """A fake resolver: ``dns[name] = [addresses]``; other names do not resolve."""
    table: dict[str, list[str]] = {}

    def resolve(host, port):
        if host not in table:
            raise OSError(f"[Errno -2] Name or service not known: {host}")
        return table[host]
    monkeypatch.setattr(callbacks, "resolve", resolve)
    monkeypatch.delenv(callbacks.ENV, raising=False)
    return table


@pytest.fixture
def receiver():
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.received.append(Received(self.path, dict(self.headers), raw))
            status = state.statuses.pop(0) if state.statuses else 200
            if status == SLOW:
                time.sleep(0.5)
                status = 200
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "/redirected")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.handle_error = lambda *args: None
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def subscribe(client):
    """``subscribe(callback, query=None)`` registers a listener through the hub; returns its body (with secret)."""
    def register(callback: str, query: str | None = None) -> dict:
        response = client.post(HUB, json={"callback": callback, **({"query": query} if query else {})})
        assert response.status_code == 201, response.json
        return response.json
    return register


def no_approval(documents, bindings):
    bindings.pop("approval")
