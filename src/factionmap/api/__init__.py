"""The HTTP API and web app behind ``factionmap serve`` (FastAPI over :mod:`factionmap.query`)."""

from __future__ import annotations

from factionmap.api.app import create_app, web_dir
from factionmap.api.settings import ServeError, ServeSettings, is_loopback

__all__ = ["create_app", "web_dir", "ServeSettings", "ServeError", "is_loopback"]
