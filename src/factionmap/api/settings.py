"""Settings of ``factionmap serve``: where the database is, where to listen, and the security limits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["ServeSettings", "ServeError", "is_loopback"]


class ServeError(ValueError):
    """Settings the server refuses to start with (the message says which and why)."""


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeSettings:
    """How the API and web app run.

    Any ``host`` other than a loopback address needs a ``token``; with a token, the
    write endpoints (ingest) always need it, and on a non-loopback host the read
    endpoints too.  Ingest bodies are capped at ``max_body_bytes`` and each client
    may ingest ``ingest_rate`` times per ``ingest_window`` seconds.  URL ingest
    refuses loopback, private and link-local targets (after redirects too) unless
    ``allow_private_urls``.  ``camp_restarts`` random restarts (besides the
    spectral start) are tried when camps are solved heuristically for a large
    piece (the CLI tries 8).  ``transport`` replaces the network in tests.
    """

    db: Path
    host: str = "127.0.0.1"
    port: int = 8765
    token: str | None = None
    allow_private_urls: bool = False
    max_body_bytes: int = 5_000_000
    ingest_rate: int = 30
    ingest_window: float = 60.0
    edge_limit: int = 300
    camp_restarts: int = 2
    cache_size: int = 64
    transport: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not is_loopback(self.host) and not self.token:
            raise ServeError(
                f"refusing to listen on {self.host}: a host other than 127.0.0.1 needs a token "
                "(--token or FACTIONMAP_TOKEN)"
            )
        if self.token is not None and len(self.token) < 8:
            raise ServeError("the token must be at least 8 characters long")
        if not 0 < self.port < 65536:
            raise ServeError(f"port {self.port} is not between 1 and 65535")

    @property
    def protect_reads(self) -> bool:
        """Whether reading needs the token too (a token on a non-loopback host)."""
        return bool(self.token) and not is_loopback(self.host)

    @property
    def allowed_hosts(self) -> list[str]:
        """Host headers accepted (a guard against DNS rebinding on loopback)."""
        if is_loopback(self.host):
            return ["127.0.0.1", "localhost", "[::1]", "::1"]
        return ["*"]
