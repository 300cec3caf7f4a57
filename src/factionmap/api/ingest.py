"""``POST /api/ingest``: a JSON body (text, html or url) or a multipart file upload → the stored document."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from factionmap.api.security import check_origin, check_token
from factionmap.api.writer import IngestRefused, IngestRequest

__all__ = ["router", "parse_json_body"]

router = APIRouter(prefix="/api")

_KINDS = ("text", "html", "url")
_META = ("id", "title", "source", "published")


def parse_json_body(body: Any) -> IngestRequest:
    """An :class:`IngestRequest` from ``{"text"|"html"|"url": str, "id"?, "title"?, "source"?, "published"?}``."""
    if not isinstance(body, dict):
        raise IngestRefused("the body must be a JSON object", "body", 400)
    given = [k for k in _KINDS if body.get(k) not in (None, "")]
    if len(given) != 1:
        raise IngestRefused("give exactly one of text, html or url", "text", 400)
    unknown = sorted(set(body) - set(_KINDS) - set(_META))
    if unknown:
        raise IngestRefused(f"unknown field(s): {', '.join(unknown)}", unknown[0], 400)
    for key in (*given, *_META):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise IngestRefused(f"{key} must be a string", key, 400)
    meta = {k: body.get(k) or None for k in _META}
    return IngestRequest(kind=given[0], value=body[given[0]], **meta)  # type: ignore[arg-type]


async def _form_request(request: Request) -> IngestRequest:
    form = await request.form()
    upload = form.get("file")
    meta = {k: str(form.get(k)) if form.get(k) else None for k in _META}
    if upload is not None and hasattr(upload, "read"):
        data = await upload.read()
        return IngestRequest(kind="upload", value=data, name=upload.filename or "upload", **meta)
    fields = {k: str(form.get(k)) for k in _KINDS if form.get(k)}
    return parse_json_body({**fields, **{k: v for k, v in meta.items() if v}})


@router.post("/ingest")
async def ingest(request: Request) -> Response:
    """Analyse one document and store it; returns its id and findings. Needs the token when one is set."""
    app = request.app
    check_token(request, app.state.settings.token)
    check_origin(request)
    app.state.limiter.check(request.client.host if request.client else "unknown")
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data") or ctype.startswith("application/x-www-form-urlencoded"):
        item = await _form_request(request)
    else:
        try:
            body = json.loads(await request.body() or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise IngestRefused(f"the body is not JSON: {exc}", "body", 400) from None
        item = parse_json_body(body)
    result = await asyncio.wrap_future(app.state.writer.submit(item))
    content = json.dumps(result.to_record(), ensure_ascii=False)
    return Response(content, status_code=201 if result.new else 200, media_type="application/json")
