"""Refuse URLs that point inside the machine or its network (SSRF guard).

:func:`assert_public_url` is called by :class:`~factionmap.ingest.http.Fetcher` on the
first URL and on every redirect target, which covers feed links fetched with
``--fetch-links``.  A host is refused when *any* address it resolves to is loopback,
private, link-local, multicast, reserved or unspecified; ``allow_private=True`` (the
``--allow-private-urls`` flag) turns the address check off, never the scheme check.

A host name that does not resolve is let through: the fetch itself then fails with
"cannot connect", which names the real problem.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

__all__ = ["BlockedURLError", "assert_public_url", "blocked_reason", "resolve_host"]

#: Resolves a host name to its IP address strings; replaced in tests.
Resolver = Callable[[str], Iterable[str]]

_SCHEMES = ("http", "https")


class BlockedURLError(ValueError):
    """A URL refused before any request is sent; the message names the URL and why."""


def resolve_host(host: str) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6); empty when it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return []
    return sorted({str(info[4][0]).split("%", 1)[0] for info in infos})


def blocked_reason(address: str) -> str | None:
    """Why an IP address is not public (``"loopback"``, ``"private"``, ...), or ``None``."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def _host_of(url: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise BlockedURLError(f"{url}: invalid URL ({exc})") from None
    if parts.scheme.lower() not in _SCHEMES:
        shown = parts.scheme or "no scheme"
        raise BlockedURLError(f"{url}: refused: scheme {shown!r} is not http or https")
    if not host:
        raise BlockedURLError(f"{url}: refused: no host name")
    return host


def assert_public_url(url: str, *, allow_private: bool = False, resolver: Resolver | None = None) -> None:
    """Raise :class:`BlockedURLError` unless ``url`` is http(s) to a public host.

    The host is checked as written when it is an IP literal, else every address it
    resolves to (``resolver``, default :func:`resolve_host`) must be public.
    """
    host = _host_of(url)
    if allow_private:
        return
    literal = blocked_reason(host.strip("[]"))
    if literal:
        raise BlockedURLError(f"{url}: refused: {host} is a {literal} address (use --allow-private-urls)")
    for address in (resolver or resolve_host)(host):
        reason = blocked_reason(address)
        if reason:
            raise BlockedURLError(
                f"{url}: refused: {host} resolves to {address}, a {reason} address (use --allow-private-urls)"
            )
