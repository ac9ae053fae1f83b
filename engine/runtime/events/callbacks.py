"""The SSRF guard of hub callbacks: events go only to public addresses, or to hosts the operator allow-lists.

A callback must be an http(s) URL whose host resolves only to globally routable unicast addresses: loopback,
private, link-local, multicast, reserved, unspecified and other non-global ranges are refused, at registration
and again before every delivery (DNS may have changed since). Delivery then connects to the address it just
checked, so a second lookup cannot swap it. ``ORDO_HUB_ALLOWED_HOSTS`` (comma-separated ``host`` or
``host:port``) names hosts that are exempt, e.g. a listener on the same machine in development.

The URL is checked as a client would read it: one with a control character, whitespace or a backslash anywhere
is refused before parsing (``urlsplit`` silently drops CR, LF and TAB); the host is lower-cased, IDNA-mapped
(``ⓛocalhost`` is ``localhost``) and stripped of a trailing dot; the legacy IPv4 spellings ``inet_aton`` accepts
(``2130706433``, ``0x7f.1``, ``0177.0.0.1``) are read as the address they mean; and an IPv6 address that embeds
an IPv4 one (IPv4-mapped, IPv4-compatible, 6to4, Teredo, NAT64) is refused when the embedded address would be.
"""
from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from urllib.parse import urlsplit

from engine.settings import variable

ENV = "ORDO_HUB_ALLOWED_HOSTS"
DEFAULT_PORTS = {"http": 80, "https": 443}
NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}  # controls, invisible formatting, every kind of space
_LEGACY_IPV4_PART = re.compile(r"0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*")


class CallbackRefused(ValueError):
    """The callback URL may not be called; the message says why."""


def allowed_hosts() -> set[str]:
    return {h.strip().lower() for h in (variable(ENV) or "").split(",") if h.strip()}


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (the seam tests replace)."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def unsafe_character(url: str) -> str | None:
    """A description of the first control character, whitespace or backslash in ``url``, or None."""
    for position, character in enumerate(url):
        if character == "\\" or unicodedata.category(character) in _FORBIDDEN_CATEGORIES:
            return f"{unicodedata.name(character, repr(character))} (U+{ord(character):04X}) at position {position}"
    return None


def normalise_host(host: str) -> str:
    """The host as a resolver reads it: lower-case, IDNA-mapped, no trailing dot; a legacy IPv4 form as dotted."""
    host = host.lower().rstrip(".")
    if not host.isascii():
        host = host.encode("idna").decode("ascii").lower()
    legacy = legacy_ipv4(host)
    return str(legacy) if legacy is not None else host


def legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The address of an ``inet_aton`` spelling (1 to 4 decimal, octal or hex parts, the last filling the rest)."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_LEGACY_IPV4_PART.fullmatch(part) for part in parts):
        return None
    numbers = [_legacy_ipv4_number(part) for part in parts]
    last_bits = 8 * (5 - len(numbers))
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 1 << last_bits:
        return None
    value = 0
    for number in numbers[:-1]:
        value = value << 8 | number
    return ipaddress.IPv4Address(value << last_bits | numbers[-1])


def _legacy_ipv4_number(part: str) -> int:
    if part.startswith("0x"):
        return int(part[2:] or "0", 16)
    return int(part, 8) if part.startswith("0") else int(part)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses an IPv6 address carries, each with the name of the scheme that carries it."""
    found = []
    if ip.ipv4_mapped is not None:
        found.append(("IPv4-mapped", ip.ipv4_mapped))
    if ip.sixtofour is not None:
        found.append(("6to4", ip.sixtofour))
    if ip.teredo is not None:
        found.extend(("Teredo", address) for address in ip.teredo)
    low = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip in NAT64:
        found.append(("NAT64", low))
    if ip in IPV4_COMPATIBLE and int(ip) > 1:
        found.append(("IPv4-compatible", low))
    return found


def refusal(address: str) -> str | None:
    """Why an address may not be called (``loopback``, ``private`` ...), or None for a public unicast one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        for scheme, inner in embedded_ipv4(ip):
            reason = _refusal_of(inner)
            if reason:
                return f"{scheme} address embedding {inner}, {reason}"
        if ip.ipv4_mapped is not None:
            return None
    return _refusal_of(ip)


def _refusal_of(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    for label, flagged in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                           ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                           ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if flagged:
            return label
    return None if ip.is_global else "not globally routable"


def check(url: str) -> str | None:
    """The address to connect to for ``url`` (None: allow-listed, connect by name); raises CallbackRefused."""
    bad = unsafe_character(url)
    if bad:
        raise CallbackRefused(f"callback URL contains {bad}: control characters, whitespace and backslashes "
                              "are not allowed")
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise CallbackRefused(f"callback {url!r} is not an http(s) URL")
    try:
        host = normalise_host(parts.hostname)
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except UnicodeError as error:
        raise CallbackRefused(f"callback host {parts.hostname!r} is not a valid host name ({error})") from error
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
