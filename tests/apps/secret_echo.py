"""A server that echoes the caller's secret back in every place and every encoding, and breaks its
spec so that findings quote what it sent: the target of the secret-planting test.

``create_app(scheme, secret)`` serves ``/openapi.json`` (a tiny spec whose security scheme is
``bearer``, ``query`` (an apiKey query parameter named ``apiKey``) or ``basic``) and three GET
operations. Every response plants the secret:

- in headers: plain, base64, a cookie, a ``Location`` query parameter, a ``Link`` in base64url;
- in the JSON body: plain, percent-encoded (both hex cases), base64 and base64url (padded and
  not) of the secret, of ``user:secret`` and of ``Bearer secret``, base64 of the secret inside a
  longer value at each of the three alignments, ``\\u``-escaped (either hex case), split across
  JSON escapes (``\\/``), as a key, in an error message, and in fields that break the schema so
  that checks quote them (a base64 secret where an integer belongs, a base64url ``Bearer secret``
  where a uuid belongs, a percent-encoded one outside an enum);
- fields named ``refresh_token``, ``clientSecret`` and ``access_token`` (which breaks its type,
  so a finding's message quotes it without its name) hold :data:`NAMED_VALUE`: not the secret,
  hidden for their names alone; beside them ``key_count`` and ``monkey`` must stay;
- a 500 whose text quotes the ``Authorization`` header, and a 200 of HTML where JSON is documented.

``seen`` counts the requests that carried the secret, so a test knows the tool sent it.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

__all__ = ["NAMED_VALUE", "create_app"]

NAMED_VALUE = "srv-issued-0f3a9c2e7b"  # held by fields whose names say secret
_SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer"},
    "query": {"type": "apiKey", "in": "query", "name": "apiKey"},
    "basic": {"type": "http", "scheme": "basic"},
}


def _spec(scheme: str) -> dict[str, Any]:
    echo = {
        "type": "object",
        "required": ["count", "id", "status", "missing_field"],
        "properties": {
            "count": {"type": "integer"},
            "id": {"type": "string", "format": "uuid"},
            "status": {"type": "string", "enum": ["ok"]},
            "missing_field": {"type": "string"},
            "access_token": {"type": "integer"},
        },
    }
    json_200 = {"200": {"description": "ok", "content": {"application/json": {"schema": echo}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Secret echo", "version": "1"},
        "components": {"securitySchemes": {"auth": _SCHEMES[scheme]}},
        "security": [{"auth": []}],
        "paths": {
            "/echo": {"get": {"operationId": "echo", "responses": json_200}},
            "/fail": {"get": {"operationId": "fail", "responses": json_200}},
            "/page": {"get": {"operationId": "page", "responses": json_200}},
        },
    }


def _b64(data: bytes, *, url: bool = False, pad: bool = True) -> str:
    text = (base64.urlsafe_b64encode if url else base64.b64encode)(data).decode()
    return text if pad else text.rstrip("=")


def _encodings(secret: str) -> dict[str, str]:
    """The secret in every encoding that is a plain JSON string."""
    raw = secret.encode()
    forms = {"plain": secret, "url_upper": quote(secret, safe=""), "url_lower": _lower_hex(quote(secret, safe=""))}
    for name, payload in (("secret", raw), ("basic", b"someone:" + raw), ("bearer", b"Bearer " + raw)):
        for url in (False, True):
            for pad in (False, True):
                forms[f"b64_{name}_{'url' if url else 'std'}_{'pad' if pad else 'nopad'}"] = _b64(
                    payload, url=url, pad=pad
                )
    for offset in range(3):
        forms[f"embedded_{offset}"] = _b64(b"p" * offset + b"{" + raw + b"} and more", url=offset == 1)
    return forms


def _lower_hex(quoted: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda match: match.group().lower(), quoted)


def _escaped(secret: str) -> dict[str, str]:
    """The secret as raw JSON string contents that use escapes: all, mixed, and split by ``\\/``."""
    every = "".join(f"\\u{ord(c):04x}" if i % 2 else f"\\u{ord(c):04X}" for i, c in enumerate(secret))
    mixed = "".join(f"\\u{ord(c):04x}" if i % 3 == 0 else c for i, c in enumerate(secret))
    split = secret.replace("/", "\\/")
    return {"@@EVERY@@": every, "@@MIXED@@": mixed.replace("/", "\\/"), "@@SPLIT@@": split}


def _echo_body(secret: str) -> bytes:
    forms = _encodings(secret)
    document = {
        "refresh_token": NAMED_VALUE,
        "access_token": NAMED_VALUE,  # not an integer: the schema finding's message quotes it
        "auth": {"clientSecret": NAMED_VALUE, "key_count": 3, "monkey": "banana"},
        "count": forms["b64_secret_std_pad"],
        "id": forms["b64_bearer_url_nopad"],
        "status": forms["url_lower"],
        "echo": forms,
        "escaped": {"every": "@@EVERY@@", "mixed": "@@MIXED@@", "split": "@@SPLIT@@"},
        secret: "the secret as a key",
        "error": f"invalid credential {secret!r}: try again",
    }
    text = json.dumps(document)
    for placeholder, raw in _escaped(secret).items():
        text = text.replace(placeholder, raw)
    return text.encode()


def _headers(secret: str) -> dict[str, str]:
    return {
        "X-Echo": secret,
        "X-Echo-B64": _b64(secret.encode()),
        "Set-Cookie": f"session={quote(secret)}; HttpOnly",
        "Location": f"/next?token={quote(secret, safe='')}&page=2",
        "Link": f"</page?cursor={_b64(b'Bearer ' + secret.encode(), url=True)}>; rel=next",
    }


def create_app(scheme: str, secret: str, spec_password: str | None = None) -> Starlette:
    """The app; with ``spec_password``, its spec is served only with Basic auth of that password."""
    seen = {"requests": 0, "with_secret": 0}

    def openapi(request: Request) -> Response:
        presented = base64.b64decode(request.headers.get("authorization", "Basic ")[6:] or b"").decode()
        if spec_password is not None and presented.partition(":")[2] != spec_password:
            return Response(status_code=401)
        return JSONResponse(_spec(scheme))

    def carried(request: Request) -> bool:
        presented = {
            "bearer": request.headers.get("authorization", "") == f"Bearer {secret}",
            "query": request.query_params.get("apiKey") == secret,
            "basic": request.headers.get("authorization", "") == f"Basic {_b64(secret.encode())}",
        }
        return presented[scheme]

    def planted(handler: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            seen["requests"] += 1
            seen["with_secret"] += carried(request)
            return handler()

        return endpoint

    def echo() -> Response:
        return Response(_echo_body(secret), headers=_headers(secret), media_type="application/json")

    def fail() -> Response:
        text = f"upstream said no to Authorization: Bearer {secret} ({_b64(secret.encode(), url=True, pad=False)})"
        return Response(text, status_code=500, headers={"X-Echo": secret}, media_type="text/plain")

    def page() -> Response:
        return Response(f"<html><p>welcome {quote(secret)}</p></html>", media_type="text/html")

    app = Starlette(
        routes=[
            Route("/openapi.json", openapi),
            Route("/echo", planted(echo)),
            Route("/fail", planted(fail)),
            Route("/page", planted(page)),
        ]
    )
    app.state.seen = seen
    return app
