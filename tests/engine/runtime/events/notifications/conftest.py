"""A local SMTP server that keeps what it receives (a tiny socketserver stub) and the hub receiver of the
event tests, for the notification channels."""
from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

import pytest

from tests.engine.runtime.events.conftest import _local_listeners_allowed, receiver, subscribe  # noqa: F401


@dataclass
class Mailbox:
    """Messages received (``envelope`` recipients and the parsed message); ``refuse`` answers the next
    N ``MAIL FROM`` with a temporary failure (451)."""

    port: int = 0
    messages: list[tuple[list[str], Message]] = field(default_factory=list)
    refuse: int = 0


class _Session(socketserver.StreamRequestHandler):
    mailbox: Mailbox

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 stub ESMTP")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode().strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 stub")
            elif verb == "MAIL":
                if self.mailbox.refuse:
                    self.mailbox.refuse -= 1
                    self.reply("451 try again later")
                else:
                    recipients = []
                    self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 go on")
                self.mailbox.messages.append((recipients, message_from_bytes(self._data())))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")

    def _data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


@pytest.fixture
def smtp(monkeypatch):
    """An SMTP server on loopback and ``ORDO_SMTP_*`` pointing at it; yields its ``Mailbox``."""
    mailbox = Mailbox()
    handler = type("Session", (_Session,), {"mailbox": mailbox})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    mailbox.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ORDO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ORDO_SMTP_PORT", str(mailbox.port))
    monkeypatch.setenv("ORDO_SMTP_FROM", "ordo@telco.example")
    monkeypatch.setenv("ORDO_SMTP_RECIPIENTS", "voice-porting=porting@telco.example,lead@telco.example;"
                                               "*=ops@telco.example")
    yield mailbox
    server.shutdown()
    server.server_close()
