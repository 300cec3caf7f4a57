"""The FastAPI application: the JSON API, the web app's static files, and OpenAPI docs without a CDN."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from factionmap.api.cache import ResponseCache
from factionmap.api.ingest import router as ingest_router
from factionmap.api.routes import router as read_router
from factionmap.api.security import BodyLimit, RateLimiter, SecurityHeaders
from factionmap.api.settings import ServeSettings
from factionmap.api.writer import IngestRefused, Writer
from factionmap.query import IndexHolder, NotFound, QueryError
from factionmap.store import Store, StoreError

__all__ = ["create_app", "web_dir"]


def web_dir() -> Path:
    """The web app's static files (``factionmap/web``)."""
    return Path(str(resources.files("factionmap") / "web"))


def _error(status: int, message: str, param: str | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "param": param}, status_code=status, headers=headers)


def _validation(exc: RequestValidationError) -> JSONResponse:
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(x) for x in first.get("loc", ()) if x not in ("query", "path", "body")]
    param = loc[-1] if loc else None
    given = first.get("input")
    shown = f" (got {given!r})" if given is not None and not isinstance(given, (dict, list)) else ""
    return _error(400, f"{param or 'request'}: {first.get('msg', 'invalid value')}{shown}", param)


def _handlers(app: FastAPI) -> None:
    app.add_exception_handler(QueryError, lambda r, e: _error(400, str(e), e.param))  # type: ignore[arg-type]
    app.add_exception_handler(NotFound, lambda r, e: _error(404, str(e)))
    app.add_exception_handler(IngestRefused, lambda r, e: _error(e.status, str(e), e.param))  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, lambda r, e: _error(503, str(e)))
    app.add_exception_handler(RequestValidationError, lambda r, e: _validation(e))  # type: ignore[arg-type]
    app.add_exception_handler(
        StarletteHTTPException,
        lambda r, e: _error(e.status_code, str(e.detail), headers=getattr(e, "headers", None)),  # type: ignore[arg-type]
    )


def _pages(app: FastAPI) -> None:
    web = web_dir()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(web / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(web / "docs.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg")

    app.mount("/static", StaticFiles(directory=web), name="static")
    try:
        import swagger_ui_bundle

        app.mount("/docs/assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    except ImportError:  # pragma: no cover - the docs page then shows the raw OpenAPI link only
        pass


def create_app(settings: ServeSettings, *, analyzer: Any = None) -> FastAPI:
    """The app for ``settings``; ``analyzer`` (a pipeline ``Analyzer``) is loaded on first ingest when None."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        Store(settings.db).open().close()  # creates the schema, so read-only connections find it
        app.state.writer = Writer(settings.db, analyzer=analyzer, allow_private_urls=settings.allow_private_urls,
                                  transport=settings.transport, max_bytes=settings.max_body_bytes)
        try:
            yield
        finally:
            app.state.writer.close()

    app = FastAPI(title="factionmap", version="0.1.0", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Who backs, fights, pressures, accuses and talks to whom, with every claim's sentence.")
    app.openapi_version = "3.0.3"  # the bundled Swagger UI (4.x) reads OpenAPI 3.0
    app.state.settings = settings
    app.state.cache = ResponseCache(settings.cache_size)
    app.state.index = IndexHolder(freeze_gc=True)
    app.state.limiter = RateLimiter(settings.ingest_rate, settings.ingest_window)
    _handlers(app)
    app.include_router(read_router)
    app.include_router(ingest_router)
    _pages(app)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app
