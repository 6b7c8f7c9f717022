"""What the server lets in and what it tells browsers: tokens, body size, CORS and security headers.

One pure ASGI middleware, ahead of routing, so no route can forget a check and a refused body is never
read into memory. Writes (any method but GET/HEAD/OPTIONS) need ``server.write_token``; with no token set
writes are refused outright, because an open ingest endpoint on a reachable port lets anyone plant
articles. ``server.read_token`` makes reading private too. Tokens come as ``Authorization: Bearer T``
or, so that a person's browser can open private pages, as the password of HTTP Basic (any user name).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import html
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from newsweave.config import ServerSettings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Paths anyone may read even when reads are private: a load balancer's health check and the stylesheet.
OPEN_PATHS = ("/healthz", "/static/")

#: Where Swagger UI's and ReDoc's scripts are served; under /static/, so open like the UI's style sheet.
DOCS_ASSETS = "/static/docs"

#: Pages render no script and load nothing from elsewhere; the API's docs pages are the exception: their
#: scripts come from this server (``DOCS_ASSETS``) and start with an inline script, and ReDoc runs its
#: search in a worker made from a blob.
STRICT_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class TooLarge(Exception):
    """The body went past ``server.max_request_bytes`` while it was being read."""


def presented_token(headers: dict[bytes, bytes]) -> str | None:
    """The token a request carries: a Bearer token or the password of Basic credentials."""
    value = headers.get(b"authorization", b"").decode("latin-1").strip()
    scheme, _, credentials = value.partition(" ")
    if scheme.lower() == "bearer":
        return credentials.strip() or None
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2] or None
    return None


def _matches(given: str | None, expected: str | None) -> bool:
    return given is not None and expected is not None and hmac.compare_digest(given.encode(), expected.encode())


def refusal(settings: ServerSettings, method: str, path: str, token: str | None) -> tuple[int, str] | None:
    """Why this request may not go on (status, message), or None when it may."""
    if method not in READ_METHODS:
        if settings.write_token is None:
            return 403, "writes are disabled on this server: the operator sets server.write_token to allow them"
        if not _matches(token, settings.write_token):
            return 401, "this request changes the store and needs the write token (Authorization: Bearer …)"
        return None
    if settings.read_token is None or path.startswith(OPEN_PATHS):
        return None
    if _matches(token, settings.read_token) or _matches(token, settings.write_token):
        return None
    return 401, "this server is private: send the read token (Authorization: Bearer …)"


class Guard:
    """The middleware: refuse early, cap the body, add headers to every response."""

    def __init__(self, app: ASGIApp, settings: ServerSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = dict(scope["headers"])
        why = refusal(self.settings, scope["method"], path, presented_token(headers))
        if why is not None:
            await self._refuse(scope, send, *why)
            return
        limit = self.settings.max_request_bytes
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await self._refuse(scope, send, 413, f"request body over {limit:,} bytes (server.max_request_bytes)")
            return
        received = 0
        too_large = False

        async def counted() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:  # a body sent without a length (chunked) that grew too big
                    too_large = True
                    raise TooLarge
            return message

        started = False
        csp = DOCS_CSP if path in ("/docs", "/redoc") else STRICT_CSP

        async def with_headers(message: Message) -> None:
            nonlocal started
            if too_large:  # the app turned our exception into an error of its own: ours says why
                if not started:
                    started = True
                    await self._refuse(
                        scope, send, 413, f"request body over {limit:,} bytes (server.max_request_bytes)"
                    )
                return
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *HEADERS, (b"content-security-policy", csp.encode())]
            await send(message)

        try:
            await self.app(scope, counted, with_headers)
        except TooLarge:
            if not started:
                await self._refuse(scope, send, 413, f"request body over {limit:,} bytes (server.max_request_bytes)")

    async def _refuse(self, scope: Scope, send: Send, status: int, message: str) -> None:
        api = scope["path"].startswith(("/api", "/openapi.json"))
        if api:
            body, kind = json.dumps({"error": message}).encode(), b"application/json"
        else:
            page = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{html.escape(message)}</p>"
            body, kind = page.encode(), b"text/html; charset=utf-8"
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *HEADERS]
        headers.append((b"content-security-policy", STRICT_CSP.encode()))
        if status == 401:
            challenge = b'Bearer realm="newsweave"' if api else b'Basic realm="newsweave", charset="UTF-8"'
            headers.append((b"www-authenticate", challenge))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
