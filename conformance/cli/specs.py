"""``conformance init`` and ``conformance specs verify | vendor | update``: the vendored specs and their lock."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from conformance.cli._options import AUTH_ENV, add_project, add_quiet, add_report_dir
from conformance.cli.diff import report_diff
from conformance.errors import SpecError, UsageError

__all__ = ["register"]


def register(commands: Any) -> None:
    init = commands.add_parser("init", help="vendor a spec into specs/NAME/ and write contracts/NAME.yaml")
    init.add_argument("name", metavar="NAME", help="the API's short name")
    init.add_argument("--spec", required=True, metavar="FILE|URL", help="the OpenAPI document")
    init.add_argument("--force", action="store_true", help="overwrite specs/NAME and contracts/NAME.yaml")
    init.add_argument("--auth-env", **AUTH_ENV)
    add_project(init)
    init.set_defaults(command=_init)

    specs = commands.add_parser("specs", help="vendored specs").add_subparsers(required=True, metavar="ACTION")
    verify = specs.add_parser("verify", help="check every vendored spec against specs/lock.yaml")
    add_project(verify)
    verify.set_defaults(command=_verify)
    vendor = specs.add_parser("vendor", help="cut chosen paths, and every component they reach, out of a spec")
    vendor.add_argument("source", type=Path, help="the OpenAPI document to cut from")
    vendor.add_argument("--prefix", action="append", required=True, help="keep paths starting with this (repeatable)")
    vendor.add_argument("--out", type=Path, required=True, help=".json or .yml/.yaml")
    vendor.set_defaults(command=_vendor)
    update = specs.add_parser("update", help="re-vendor an API's spec from upstream and show what changed")
    update.add_argument("api", metavar="API", help="a vendored API, as specs/lock.yaml names it")
    update.add_argument("--from", dest="source", required=True, metavar="FILE|URL", help="the new upstream spec")
    add_project(update)
    add_report_dir(update, None)
    add_quiet(update)
    update.set_defaults(command=_update)


def _verify(args: argparse.Namespace) -> int:
    from conformance.contracts.project import find_project
    from conformance.specs.lock import verify_lock

    for entry in verify_lock(find_project(args.project).specs / "lock.yaml"):
        print(f"ok  {entry.api}: {entry.file.name} {entry.sha256}")
    return 0


def _init(args: argparse.Namespace) -> int:
    from conformance.contracts.project import init_project

    done = init_project(args.project or Path.cwd(), args.name, args.spec, force=args.force, auth_env=args.auth_env)
    print(f"{done.spec}: vendored, recorded in {done.spec.parent.parent / 'lock.yaml'}")
    print(f"{done.contract}: {done.operations} operations with their derived safety; review, then commit both")
    return 0


def _vendor(args: argparse.Namespace) -> int:
    from conformance.contracts.vendoring import write_vendored
    from conformance.specs.documents import dump_document, load_document
    from conformance.specs.subset import cut_subset

    if args.out.suffix not in (".json", ".yml", ".yaml"):
        raise UsageError(f"--out {args.out}: use a .json, .yml or .yaml name")
    document = load_document(args.source, SpecError)
    try:
        subset = cut_subset(document, args.prefix)
    except KeyError as exc:
        raise SpecError(args.source, str(exc.args[0]), key="paths") from exc
    digest = write_vendored(dump_document(subset, args.out).encode(), args.out)
    print(f"{args.out}: {len(subset['paths'])} paths, sha256 {digest} (record it in specs/lock.yaml)")
    return 0


def _update(args: argparse.Namespace) -> int:
    from conformance.contracts.project import find_project
    from conformance.drift import diff_events
    from conformance.drift.update import update_vendored

    done = update_vendored(find_project(args.project), args.api, args.source)
    print(
        f"{done.file}: re-vendored from {args.source}, sha256 {done.sha256}, recorded in {done.lock}", file=sys.stderr
    )
    return report_diff(diff_events(done.old, done.new), args)
