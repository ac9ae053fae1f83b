"""E-mail through SMTP, configured by the environment; off unless ``ORDO_SMTP_HOST`` is set.

``ORDO_SMTP_HOST``, ``ORDO_SMTP_PORT`` (25), ``ORDO_SMTP_FROM`` (``ordo@localhost``), ``ORDO_SMTP_USER`` and
``ORDO_SMTP_PASSWORD`` (log in when both are set), ``ORDO_SMTP_STARTTLS`` (``1``: upgrade the connection).
``ORDO_SMTP_RECIPIENTS`` maps group keys to addresses: ``noc=noc@example.com,lead@example.com;*=ops@example.com``
(``*`` for every group without its own entry). A notification addressed to an address goes there.
"""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from engine.settings import variable

TIMEOUT_SECONDS = 10.0


def configured() -> bool:
    return bool((variable("ORDO_SMTP_HOST") or "").strip())


def routes() -> dict[str, list[str]]:
    """``ORDO_SMTP_RECIPIENTS`` as group key -> addresses."""
    table: dict[str, list[str]] = {}
    for entry in (variable("ORDO_SMTP_RECIPIENTS") or "").split(";"):
        group, _, addresses = entry.partition("=")
        wanted = [a.strip() for a in addresses.split(",") if a.strip()]
        if group.strip() and wanted:
            table[group.strip()] = wanted
    return table


def recipients(address: str | None, group: str | None) -> list[str]:
    """Where an e-mail goes: the notification's address, else its group's addresses (or ``*``'s)."""
    if address:
        return [address]
    table = routes()
    return table.get(group or "", table.get("*", []))


def send(to: list[str], subject: str, body: str) -> None:
    """Send one message; raises OSError / smtplib.SMTPException when the server cannot take it."""
    message = EmailMessage()
    message["From"] = variable("ORDO_SMTP_FROM", "ordo@localhost")
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message.set_content(body)
    port = int(variable("ORDO_SMTP_PORT") or 25)
    with smtplib.SMTP(variable("ORDO_SMTP_HOST"), port, timeout=TIMEOUT_SECONDS) as server:
        if variable("ORDO_SMTP_STARTTLS") == "1":
            server.starttls()
        user, password = variable("ORDO_SMTP_USER"), variable("ORDO_SMTP_PASSWORD")
        if user and password:
            server.login(user, password)
        server.send_message(message)
