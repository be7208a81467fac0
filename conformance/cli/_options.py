"""What several commands share: option types, common options, and finding the APIs asked for."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conformance.contracts.model import DEFAULT_AUTH_ENV
from conformance.errors import UsageError, did_you_mean

if TYPE_CHECKING:
    from conformance.contracts import Api

__all__ = [
    "AUTH_ENV",
    "DEFAULT_AUTH_ENV",
    "PROJECT_HELP",
    "add_allow",
    "add_contracts",
    "add_project",
    "add_quiet",
    "add_report_dir",
    "catalog",
    "known",
    "natural",
    "port",
    "positive",
    "seconds",
]


def env_name(text: str) -> str:
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*", text):
        raise argparse.ArgumentTypeError(f"expected an environment variable name like MY_TOKEN, got {text!r}")
    return text


AUTH_ENV: dict[str, Any] = {
    "type": env_name,
    "default": DEFAULT_AUTH_ENV,
    "metavar": "VAR",
    "help": f"environment variable of the secret, where the contract names none (default {DEFAULT_AUTH_ENV})",
}
PROJECT_HELP = "folder with specs/ and contracts/ (default: the working directory if it has both, else the bundled)"


def add_project(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--project", type=Path, metavar="DIR", help=PROJECT_HELP)


def add_contracts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--contracts", type=Path, metavar="DIR", help="contracts folder (default: the project folder's)"
    )


def add_report_dir(parser: argparse.ArgumentParser, default: str | None) -> None:
    """Where the reports go; with no default, a command writes none unless asked."""
    files = "report.json, junit.xml, report.md, report.html and findings.ndjson"
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=None if default is None else Path(default),
        metavar="DIR",
        help=f"where {files} go" if default else f"write {files} there (default: none)",
    )


def add_allow(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        choices=["unsafe", "costly"],
        help="let a run against a live API send unsafe or costly operations",
    )


def add_quiet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="print only the final line (and errors)")


def port(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, got {text!r}")
    return int(text)


def positive(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return int(text)


def natural(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return int(text)


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < 86400:
        raise argparse.ArgumentTypeError(f"expected seconds, more than 0 and less than a day, got {text!r}")
    return value


def catalog(args: argparse.Namespace) -> dict[str, Api]:
    """The APIs a command works on: ``--spec`` alone, else the project's (or ``--contracts``)."""
    from conformance.contracts.catalog import project_catalog, spec_catalog
    from conformance.contracts.project import find_project

    if getattr(args, "spec", None):
        if args.contracts or args.project:
            raise UsageError("--spec runs the spec alone: no --contracts or --project with it")
        return spec_catalog(args.spec, args.auth_env)
    auth_env = getattr(args, "auth_env", DEFAULT_AUTH_ENV)
    return project_catalog(find_project(args.project), args.contracts, auth_env)


def known(apis: dict[str, Api], name: str) -> Api:
    if name not in apis:
        raise UsageError(f"unknown API {name!r}{did_you_mean(name, apis)} (known: {', '.join(apis)})")
    return apis[name]
