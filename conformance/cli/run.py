"""``conformance run``: send generated requests and check every response; ``--plan`` sends nothing."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conformance.cli._options import (
    AUTH_ENV,
    add_allow,
    add_contracts,
    add_project,
    add_quiet,
    add_report_dir,
    catalog,
    known,
    natural,
    positive,
    seconds,
)
from conformance.errors import TargetUnreachable, UsageError
from conformance.findings.codes import CODES
from conformance.generation.cases import PHASES

if TYPE_CHECKING:
    from conformance.contracts import Api
    from conformance.results import RunFinished
    from conformance.runner import RunOptions
    from conformance.runner.limits import Limits

__all__ = ["exit_code", "register", "validated_base_url"]


def register(commands: Any) -> None:
    run = commands.add_parser("run", help="send generated requests and check every response", epilog=_codes_epilog())
    run.add_argument("apis", nargs="*", metavar="API", help="APIs to run (default: all, against the embedded mock)")
    run.add_argument(
        "--spec",
        metavar="FILE|URL",
        help="run one spec with the contract derived from it (a URL spec: against its server; a file: the mock)",
    )
    target = run.add_mutually_exclusive_group()
    target.add_argument("--base-url", help="a running server of one API (default: the embedded mock)")
    target.add_argument("--live", action="store_true", help="one API at the live base URL its contract names")
    run.add_argument(
        "--operation", action="append", default=[], metavar="ID", help="an operationId or 'METHOD /path' (repeatable)"
    )
    run.add_argument(
        "--max-examples",
        type=natural,
        default=10,
        metavar="N",
        help="random valid and invalid requests per operation (default 10 each)",
    )
    run.add_argument("--seed", type=int, default=0, help="makes generation reproducible (default 0)")
    run.add_argument(
        "--phases",
        type=_phases,
        default=frozenset(PHASES),
        metavar="LIST",
        help=f"which requests to generate, comma-separated from {','.join(PHASES)} (default: all)",
    )
    add_report_dir(run, "reports/latest")
    run.add_argument(
        "--fail-on", choices=["error", "warning"], default="error", help="the least severe finding that fails the run"
    )
    run.add_argument(
        "--baseline",
        type=Path,
        metavar="PATH",
        help="an earlier report.json (or its folder): findings are marked new or known, gone ones fixed, "
        "and only new ones fail the run (default: none; every run also appends to history.jsonl beside REPORT-DIR)",
    )
    add_quiet(run)
    add_allow(run)
    run.add_argument("--auth-env", **AUTH_ENV)
    run.add_argument(
        "--shard",
        metavar="K/N",
        help="run the Kth of N shares of the operations, for N CI machines; conformance merge joins their "
        "reports (default: all)",
    )
    _add_live_safety(run)
    add_contracts(run)
    add_project(run)
    run.set_defaults(command=_run)


def _add_live_safety(run: argparse.ArgumentParser) -> None:
    """The options that bound what a run asks of a live target (conformance.runner.limits)."""
    limits = run.add_argument_group("live safety (README: Pointing it at production)")
    add = limits.add_argument
    add("--plan", action="store_true", help="print the operations and request counts a run would send, send nothing")
    add(
        "--max-requests",
        type=positive,
        metavar="N",
        help="stop the run after N requests, retries included (default: no budget)",
    )
    add(
        "--max-requests-per-operation",
        type=positive,
        metavar="N",
        help="stop each operation after N requests (default: no budget)",
    )
    add(
        "--rate-limit",
        type=_rate,
        metavar="R",
        help="at most R requests a second (10, 10/s) or a minute (600/m) (default: no limit)",
    )
    add(
        "--timeout",
        type=seconds,
        default=30.0,
        metavar="S",
        help="one deadline for each whole request: connect, send, every read (default 30)",
    )
    add("--max-retry-after", type=seconds, default=60.0, metavar="S", help=_RETRY_AFTER_HELP)
    add("--circuit-breaker", type=natural, default=5, metavar="N", help=_BREAKER_HELP)
    add("--max-response-bytes", type=positive, default=10 * 1024 * 1024, metavar="N", help=_BYTES_HELP)


_RETRY_AFTER_HELP = "wait up to S s when a 429/503 asks to (Retry-After); past it, stop the operation (default 60)"
_BREAKER_HELP = "stop an operation after N answers in a row that are 5xx, 429 or none (default 5; 0: never)"
_BYTES_HELP = "read at most N bytes of a response body, after decompression (default 10485760, 10 MiB)"


def _codes_epilog() -> str:
    width = max(len(code) for code in CODES)
    lines = [f"  {code:{width}}  {entry.title}" for code, entry in sorted(CODES.items())]
    return "finding codes (conformance explain CODE says more):\n" + "\n".join(lines)


def _phases(text: str) -> frozenset[str]:
    chosen = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(chosen - set(PHASES))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"expected phases from {', '.join(PHASES)}, got {text!r}")
    return chosen


def _rate(text: str) -> float:
    from conformance.runner.limits import parse_rate

    try:
        return parse_rate(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _run(args: argparse.Namespace) -> int:
    import asyncio

    from conformance.reporting import ConsoleReporter, NdjsonReporter, ReportFiles, load_baseline, prepare_directory
    from conformance.results import Reporter
    from conformance.runner import drive, run
    from conformance.runner.interrupts import Interrupts
    from conformance.runner.plan import describe_plan, plan
    from conformance.runner.targets import environment_redactor

    _keep_hypothesis_out_of_the_working_directory()
    apis = catalog(args)
    options = _run_options(args, apis)
    if args.plan:
        print("\n".join(describe_plan(asyncio.run(plan(apis, options)), options)))
        return 0
    if options.live:
        _warn_missing_secret(apis[options.apis[0]])
    baseline = None if args.baseline is None else load_baseline(args.baseline)  # before this run overwrites it
    prepare_directory(args.report_dir)
    files = ReportFiles(args.report_dir, baseline)
    interrupts = Interrupts()
    reporters: list[Reporter] = [
        ConsoleReporter(
            quiet=args.quiet,
            baseline=None if baseline is None else baseline.fingerprints,
            on_closed=interrupts.output_closed,
        ),
        NdjsonReporter(args.report_dir / "findings.ndjson"),
        files,
    ]
    try:
        redactor = environment_redactor(args.auth_env, *(api.contract.auth.env for api in apis.values()))
        finished = asyncio.run(interrupts.run(drive(run(apis, options), reporters, redactor)))
    finally:
        if files.written:
            names = ", ".join(str(p) for p in (*files.paths, args.report_dir / "findings.ndjson"))
            print(f"reports: {names}", file=sys.stderr)
    return exit_code(finished, files.result().failed)


def exit_code(finished: RunFinished, failed: bool) -> int:
    from conformance.results import StopReason

    if finished.stop is StopReason.NOTHING_TESTED:
        raise UsageError(f"nothing tested: {finished.message}")
    if finished.stop is StopReason.UNREACHABLE:
        raise TargetUnreachable(finished.message)
    return 1 if failed else 0


def _keep_hypothesis_out_of_the_working_directory() -> None:
    """Hypothesis keeps caches in ./.hypothesis; a CLI should not litter the user's repository."""
    import hypothesis.configuration

    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        return
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    hypothesis.configuration.set_hypothesis_home_dir(cache / "conformance" / "hypothesis")


def _run_options(args: argparse.Namespace, apis: dict[str, Api]) -> RunOptions:
    from conformance.contracts import Safety
    from conformance.findings import Severity
    from conformance.runner import RunOptions
    from conformance.runner.shards import Shard

    names = [known(apis, name).name for name in args.apis] or list(apis)
    for flag, given in (("--live", args.live), ("--base-url", args.base_url), ("--operation", args.operation)):
        if given and len(names) != 1:
            raise UsageError(f"{flag} needs exactly one API")
    base_url = _live_base_url(apis[names[0]]) if args.live else _given_base_url(args, apis)
    if base_url is not None:
        validated_base_url(base_url, apis[names[0]].contract.auth.env)
    return RunOptions(
        apis=names,
        base_url=base_url,
        operations=args.operation,
        max_examples=args.max_examples,
        seed=args.seed,
        allow=frozenset(Safety(name) for name in args.allow),
        fail_on=Severity(args.fail_on),
        phases=args.phases,
        limits=_limits(args),
        shard=None if args.shard is None else Shard.parse(args.shard),
    )


def _limits(args: argparse.Namespace) -> Limits:
    from conformance.runner.limits import Limits
    from conformance.transport import ReadLimits

    return Limits(
        max_requests=args.max_requests,
        max_requests_per_operation=args.max_requests_per_operation,
        rate_per_s=args.rate_limit,
        max_retry_after_s=args.max_retry_after,
        breaker=args.circuit_breaker,
        read=ReadLimits(timeout_s=args.timeout, max_bytes=args.max_response_bytes),
    )


def _given_base_url(args: argparse.Namespace, apis: dict[str, Api]) -> str | None:
    """--base-url; without it, a URL spec's server, else the embedded mock (None)."""
    from conformance.contracts.catalog import spec_base_url

    given: str | None = args.base_url
    if given is not None or not args.spec:
        return given
    return spec_base_url(args.spec, apis)


def _live_base_url(api: Api) -> str:
    if api.contract.base_url is None:
        raise UsageError(f"--live: {api.name} has no base URL (its spec names no absolute server); give --base-url")
    return api.contract.base_url


def validated_base_url(base_url: str, secret_env: str) -> None:
    import httpx

    if re.match(r"[^/?#]*//[^/?#]*@", base_url):  # userinfo: its password is never shown, not even here
        raise UsageError(f"the base URL carries a user and password; put the secret in ${secret_env} instead")
    if "?" in base_url or "#" in base_url:  # the query may hold a key: it is not shown either
        shown = re.split(r"[?#]", base_url, maxsplit=1)[0]
        raise UsageError(f"--base-url {shown!r}: a base URL has no query or fragment (each path is added to it)")
    try:
        url = httpx.URL(base_url)
        port = url.port
    except (httpx.InvalidURL, ValueError) as exc:
        raise UsageError(f"--base-url {base_url!r}: {exc}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise UsageError(f"--base-url {base_url!r} is not an http(s) URL with a host")
    if port is not None and not 0 < port < 65536:
        raise UsageError(f"--base-url {base_url!r}: port {port} is out of range")


def _warn_missing_secret(api: Api) -> None:
    from conformance.runner.targets import read_secret

    if api.contract.auth.scheme != "none" and read_secret(api) is None:
        print(
            f"conformance: warning: {api.contract.auth.env} is not set; requests go without credentials",
            file=sys.stderr,
        )
