"""The SSRF guard of hub callbacks: events go only to public addresses, or to hosts the operator allow-lists.

A callback must be an http(s) URL whose host resolves only to globally routable unicast addresses: loopback,
private, link-local, multicast, reserved, unspecified and other non-global ranges are refused, at registration
and again before every delivery (DNS may have changed since). Delivery then connects to the address it just
checked, so a second lookup cannot swap it. ``ORDO_HUB_ALLOWED_HOSTS`` (comma-separated ``host`` or
``host:port``) names hosts that are exempt, e.g. a listener on the same machine in development.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from engine.settings import variable

ENV = "ORDO_HUB_ALLOWED_HOSTS"
DEFAULT_PORTS = {"http": 80, "https": 443}


class CallbackRefused(ValueError):
    """The callback URL may not be called; the message says why."""


def allowed_hosts() -> set[str]:
    return {h.strip().lower() for h in (variable(ENV) or "").split(",") if h.strip()}


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the seam tests replace)."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def refusal(address: str) -> str | None:
    """Why an address may not be called (``loopback``, ``private`` ...), or None for a public unicast one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, flagged in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                           ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                           ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if flagged:
            return label
    return None if ip.is_global else "not globally routable"


def check(url: str) -> str | None:
    """The address to connect to for ``url`` (None: allow-listed, connect by name); raises CallbackRefused."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise CallbackRefused(f"callback {url!r} is not an http(s) URL")
    host = parts.hostname.lower()
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as error:
        raise CallbackRefused(f"callback {url!r} has an invalid port") from error
    allowed = allowed_hosts()
    if host in allowed or f"{host}:{port}" in allowed or f"[{host}]:{port}" in allowed:
        return None
    try:
        addresses = [host] if _is_ip(host) else resolve(host, port)
    except (OSError, UnicodeError) as error:
        raise CallbackRefused(f"callback host {host!r} does not resolve ({error})") from error
    if not addresses:
        raise CallbackRefused(f"callback host {host!r} does not resolve")
    for address in addresses:
        reason = refusal(address)
        if reason:
            raise CallbackRefused(f"callback host {host!r} resolves to {address} ({reason}); events are sent only "
                                  f"to public addresses unless the host is in {ENV}")
    return addresses[0]


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True
