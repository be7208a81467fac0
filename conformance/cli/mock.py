"""``conformance mock``: serve the embedded mock of an API on 127.0.0.1."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from conformance.cli._options import add_contracts, add_project, catalog, known, port

__all__ = ["register"]


def register(commands: Any) -> None:
    mock = commands.add_parser("mock", help="serve the embedded mock of an API on 127.0.0.1")
    mock.add_argument("api", metavar="API", help="the API to serve")
    mock.add_argument("--port", type=port, default=8000, help="the port on 127.0.0.1")
    mock.add_argument("--seed", type=int, default=0, help="makes the bodies it serves reproducible")
    add_contracts(mock)
    add_project(mock)
    mock.set_defaults(command=_mock)


def _mock(args: argparse.Namespace) -> int:
    from conformance.mock import create_app
    from conformance.mock.server import HOST, bind, serve

    api = known(catalog(args), args.api)
    listener = bind(args.port)
    print(f"conformance: mock of {args.api} on http://{HOST}:{args.port}", file=sys.stderr)
    serve(create_app(api, seed=args.seed), listener)
    return 0
