"""The command line: ``conformance run | mock | list | init | explain | specs | diff``.

Exit codes: 0 no error findings; 1 error findings (or warnings with --fail-on warning; for
``diff`` and ``specs update``, a breaking change);
2 usage, spec or contract error, or nothing tested; 3 target unreachable; 70 a bug of the tool
(one line, no traceback); interrupted, with the reports still written: 130 by SIGINT, 143 by
SIGTERM, 141 when stdout was closed (as a shell reports a process ended by SIGPIPE).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import sys
from collections.abc import AsyncGenerator, Sequence
from pathlib import Path
from typing import Any

import httpx
import hypothesis.configuration

from conformance import __version__
from conformance._arguments import HelpFormatter, SubcommandParser
from conformance.contracts import DEFAULT_AUTH_ENV, Api, OperationPolicy, Safety
from conformance.contracts.catalog import project_catalog, spec_base_url, spec_catalog
from conformance.contracts.project import find_project, init_project
from conformance.contracts.sources import url_secrets
from conformance.errors import (
    MAX_QUOTED,
    ConformanceError,
    Interrupted,
    SpecError,
    TargetUnreachable,
    UsageError,
    clip,
    did_you_mean,
)
from conformance.findings import CODES, Severity, describe
from conformance.generation import PHASES
from conformance.reporting import ConsoleReporter, NdjsonReporter, ReportFiles, load_baseline, prepare_directory
from conformance.results import Event, Reporter, RunCollector, RunFinished, StopReason
from conformance.runner import RunOptions, drive, run
from conformance.runner.interrupts import Interrupts
from conformance.runner.limits import Limits, parse_rate
from conformance.runner.plan import describe_plan, plan
from conformance.runner.targets import environment_redactor, read_secret
from conformance.transport import ReadLimits

__all__ = ["entry", "main"]

EXIT_INTERRUPTED = 130
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE


def entry() -> None:
    """The ``conformance`` script. An interrupted run leaves at once, its reports written: tearing
    the interpreter down (a thousand modules) would take most of the second it has to stop in."""
    code = main()
    if code >= 128:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.command(args))
    except Interrupted as exc:
        print(f"conformance: interrupted ({exc.reason}); the report holds what was done", file=sys.stderr)
        return exc.exit_code
    except ConformanceError as exc:
        print(f"conformance: error: {clip(_redacted(str(exc), args), 4 * MAX_QUOTED)}", file=sys.stderr)
        return exc.exit_code
    except (KeyboardInterrupt, asyncio.CancelledError):
        print("conformance: interrupted; the report holds what was done", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`conformance list | head`)
        sys.stderr.close()
        return 0
    except Exception as exc:  # a bug of the tool: one line, not a traceback; the reports say where it stopped
        detail = _redacted(f"{type(exc).__name__}: {exc}", args).splitlines()[0][:500]
        print(f"conformance: internal error: {detail} (a bug of conformance: please report it)", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def _redacted(text: str, args: argparse.Namespace) -> str:
    """An error's text without the environment's secrets, nor a password or query of a URL given."""
    redactor = environment_redactor(getattr(args, "auth_env", DEFAULT_AUTH_ENV))
    urls = [url for url in (getattr(args, "spec", None), getattr(args, "base_url", None)) if url]
    return redactor.with_secrets(secret for url in urls for secret in url_secrets(url)).text(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conformance",
        description="Does an HTTP API still do what its OpenAPI spec says?",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"conformance {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND", parser_class=SubcommandParser)

    run = commands.add_parser(
        "run",
        help="send generated requests and check every response",
        epilog=_codes_epilog(),
    )
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
        type=_natural,
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
    run.add_argument(
        "--report-dir",
        type=Path,
        default=Path("reports/latest"),
        metavar="DIR",
        help="where report.json, junit.xml, report.md, report.html and findings.ndjson go",
    )
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
    run.add_argument("--quiet", "-q", action="store_true", help="print only the final line (and errors)")
    run.add_argument(
        "--allow",
        action="append",
        default=[],
        choices=["unsafe", "costly"],
        help="let a live run send unsafe or costly operations",
    )
    run.add_argument("--auth-env", **_AUTH_ENV)
    _add_live_safety(run)
    run.set_defaults(command=_run)

    examples = commands.add_parser(
        "examples", help="check the examples of the specs and of the vendors' docs pages against their schemas"
    )
    examples.add_argument(
        "apis", nargs="*", metavar="API", help="vendored APIs whose spec and docs examples to check (default: all)"
    )
    examples.add_argument(
        "--spec", metavar="FILE|URL", help="check the examples of this spec instead (default: the vendored APIs)"
    )
    examples.add_argument(
        "--report-dir",
        type=Path,
        default=Path("reports/examples"),
        metavar="DIR",
        help="where report.json, junit.xml, report.md and findings.ndjson go (default reports/examples)",
    )
    examples.add_argument("--quiet", "-q", action="store_true", help="print only the final line (and errors)")
    examples.set_defaults(command=_examples)

    mock = commands.add_parser("mock", help="serve the embedded mock of an API on 127.0.0.1")
    mock.add_argument("api", metavar="API", help="the API to serve")
    mock.add_argument("--port", type=_port, default=8000, help="the port on 127.0.0.1")
    mock.add_argument("--seed", type=int, default=0, help="makes the bodies it serves reproducible")
    mock.set_defaults(command=_mock)

    listing = commands.add_parser("list", help="APIs, their operations and how safe each is")
    listing.set_defaults(command=_list)
    for command in (run, examples, mock, listing):
        command.add_argument(
            "--contracts", type=Path, metavar="DIR", help="contracts folder (default: the project folder's)"
        )

    explain = commands.add_parser("explain", help="what a finding code means and why it matters")
    explain.add_argument("code", metavar="CODE", help="a finding code, e.g. required_field")
    explain.set_defaults(command=_explain)

    init = commands.add_parser("init", help="vendor a spec into specs/NAME/ and write contracts/NAME.yaml")
    init.add_argument("name", metavar="NAME", help="the API's short name")
    init.add_argument("--spec", required=True, metavar="FILE|URL", help="the OpenAPI document")
    init.add_argument("--force", action="store_true", help="overwrite specs/NAME and contracts/NAME.yaml")
    init.add_argument("--auth-env", **_AUTH_ENV)
    init.set_defaults(command=_init)

    specs = commands.add_parser("specs", help="vendored specs").add_subparsers(required=True, metavar="ACTION")
    verify = specs.add_parser("verify", help="check every vendored spec against specs/lock.yaml")
    verify.set_defaults(command=_verify)
    for command in (run, examples, mock, listing, init, verify):
        command.add_argument("--project", type=Path, metavar="DIR", help=_PROJECT_HELP)
    vendor = specs.add_parser("vendor", help="cut chosen paths, and every component they reach, out of a spec")
    vendor.add_argument("source", type=Path, help="the OpenAPI document to cut from")
    vendor.add_argument("--prefix", action="append", required=True, help="keep paths starting with this (repeatable)")
    vendor.add_argument("--out", type=Path, required=True, help=".json or .yml/.yaml")
    vendor.set_defaults(command=_vendor)
    update = specs.add_parser("update", help="re-vendor an API's spec from upstream and show what changed")
    update.add_argument("api", metavar="API", help="a vendored API, as specs/lock.yaml names it")
    update.add_argument("--from", dest="source", required=True, metavar="FILE|URL", help="the new upstream spec")
    update.set_defaults(command=_update)
    diff = commands.add_parser("diff", help="what changed between two versions of a spec, and what it breaks")
    diff.add_argument("old", metavar="OLD", help="a file, URL, vendored API or git REV:PATH (e.g. origin/main:x.yml)")
    diff.add_argument("new", metavar="NEW", help="the same kinds as OLD")
    diff.set_defaults(command=_diff)
    for command in (update, diff):
        command.add_argument("--project", type=Path, metavar="DIR", help=_PROJECT_HELP)
        command.add_argument(
            "--report-dir",
            type=Path,
            metavar="DIR",
            help="write report.json, junit.xml, report.md and findings.ndjson there (default: none)",
        )
        command.add_argument("--quiet", "-q", action="store_true", help="print only the final line (and errors)")
    return parser


def _add_live_safety(run: argparse.ArgumentParser) -> None:
    """The options that bound what a run asks of a live target (conformance.runner.limits)."""
    limits = run.add_argument_group("live safety (README: Pointing it at production)")
    add = limits.add_argument
    add("--plan", action="store_true", help="print the operations and request counts a run would send, send nothing")
    add(
        "--max-requests",
        type=_positive,
        metavar="N",
        help="stop the run after N requests, retries included (default: no budget)",
    )
    add(
        "--max-requests-per-operation",
        type=_positive,
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
        type=_seconds,
        default=30.0,
        metavar="S",
        help="one deadline for each whole request: connect, send, every read (default 30)",
    )
    add("--max-retry-after", type=_seconds, default=60.0, metavar="S", help=_RETRY_AFTER_HELP)
    add("--circuit-breaker", type=_natural, default=5, metavar="N", help=_BREAKER_HELP)
    add("--max-response-bytes", type=_positive, default=10 * 1024 * 1024, metavar="N", help=_BYTES_HELP)


_RETRY_AFTER_HELP = "wait up to S s when a 429/503 asks to (Retry-After); past it, stop the operation (default 60)"
_BREAKER_HELP = "stop an operation after N answers in a row that are 5xx, 429 or none (default 5; 0: never)"
_BYTES_HELP = "read at most N bytes of a response body, after decompression (default 10485760, 10 MiB)"


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(
        max_requests=args.max_requests,
        max_requests_per_operation=args.max_requests_per_operation,
        rate_per_s=args.rate_limit,
        max_retry_after_s=args.max_retry_after,
        breaker=args.circuit_breaker,
        read=ReadLimits(timeout_s=args.timeout, max_bytes=args.max_response_bytes),
    )


def _codes_epilog() -> str:
    width = max(len(code) for code in CODES)
    lines = [f"  {code:{width}}  {entry.title}" for code, entry in sorted(CODES.items())]
    return "finding codes (conformance explain CODE says more):\n" + "\n".join(lines)


def _env_name(text: str) -> str:
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*", text):
        raise argparse.ArgumentTypeError(f"expected an environment variable name like MY_TOKEN, got {text!r}")
    return text


_AUTH_ENV: dict[str, Any] = {
    "type": _env_name,
    "default": DEFAULT_AUTH_ENV,
    "metavar": "VAR",
    "help": f"environment variable of the secret, where the contract names none (default {DEFAULT_AUTH_ENV})",
}
_PROJECT_HELP = "folder with specs/ and contracts/ (default: the working directory if it has both, else the bundled)"


def _phases(text: str) -> frozenset[str]:
    chosen = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(chosen - set(PHASES))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"expected phases from {', '.join(PHASES)}, got {text!r}")
    return chosen


def _port(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"expected a port from 1 to 65535, got {text!r}")
    return int(text)


def _positive(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return int(text)


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < 86400:
        raise argparse.ArgumentTypeError(f"expected seconds, more than 0 and less than a day, got {text!r}")
    return seconds


def _rate(text: str) -> float:
    try:
        return parse_rate(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _natural(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0, got {text!r}")
    return int(text)


def _catalog(args: argparse.Namespace) -> dict[str, Api]:
    if getattr(args, "spec", None):
        if args.contracts or args.project:
            raise UsageError("--spec runs the spec alone: no --contracts or --project with it")
        return spec_catalog(args.spec, args.auth_env)
    auth_env = getattr(args, "auth_env", DEFAULT_AUTH_ENV)
    return project_catalog(find_project(args.project), args.contracts, auth_env)


def _given_base_url(args: argparse.Namespace, catalog: dict[str, Api]) -> str | None:
    """--base-url; without it, a URL spec's server, else the embedded mock (None)."""
    given: str | None = args.base_url
    if given is not None or not args.spec:
        return given
    return spec_base_url(args.spec, catalog)


def _live_base_url(api: Api) -> str:
    if api.contract.base_url is None:
        raise UsageError(f"--live: {api.name} has no base URL (its spec names no absolute server); give --base-url")
    return api.contract.base_url


def _known(catalog: dict[str, Api], name: str) -> Api:
    if name not in catalog:
        raise UsageError(f"unknown API {name!r}{did_you_mean(name, catalog)} (known: {', '.join(catalog)})")
    return catalog[name]


def _run(args: argparse.Namespace) -> int:
    _keep_hypothesis_out_of_the_working_directory()
    catalog = _catalog(args)
    options = _run_options(args, catalog)
    if args.plan:
        print("\n".join(describe_plan(asyncio.run(plan(catalog, options)), options)))
        return 0
    if options.live:
        _warn_missing_secret(catalog[options.apis[0]])
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
        redactor = environment_redactor(args.auth_env, *(api.contract.auth.env for api in catalog.values()))
        finished = asyncio.run(interrupts.run(drive(run(catalog, options), reporters, redactor)))
    finally:
        if files.written:
            names = ", ".join(str(p) for p in (*files.paths, args.report_dir / "findings.ndjson"))
            print(f"reports: {names}", file=sys.stderr)
    return _exit_code(finished, files.result().failed)


def _exit_code(finished: RunFinished, failed: bool) -> int:
    if finished.stop is StopReason.NOTHING_TESTED:
        raise UsageError(f"nothing tested: {finished.message}")
    if finished.stop is StopReason.UNREACHABLE:
        raise TargetUnreachable(finished.message)
    return 1 if failed else 0


def _keep_hypothesis_out_of_the_working_directory() -> None:
    """Hypothesis keeps caches in ./.hypothesis; a CLI should not litter the user's repository."""
    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        return
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    hypothesis.configuration.set_hypothesis_home_dir(cache / "conformance" / "hypothesis")


def _run_options(args: argparse.Namespace, catalog: dict[str, Api]) -> RunOptions:
    apis = [_known(catalog, name).name for name in args.apis] or list(catalog)
    for flag, given in (("--live", args.live), ("--base-url", args.base_url), ("--operation", args.operation)):
        if given and len(apis) != 1:
            raise UsageError(f"{flag} needs exactly one API")
    base_url = _live_base_url(catalog[apis[0]]) if args.live else _given_base_url(args, catalog)
    if base_url is not None:
        _check_base_url(base_url, catalog[apis[0]].contract.auth.env)
    return RunOptions(
        apis=apis,
        base_url=base_url,
        operations=args.operation,
        max_examples=args.max_examples,
        seed=args.seed,
        allow=frozenset(Safety(name) for name in args.allow),
        fail_on=Severity(args.fail_on),
        phases=args.phases,
        limits=_limits(args),
    )


def _check_base_url(base_url: str, secret_env: str) -> None:
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
    if api.contract.auth.scheme != "none" and read_secret(api) is None:
        print(
            f"conformance: warning: {api.contract.auth.env} is not set; requests go without credentials",
            file=sys.stderr,
        )


def _examples(args: argparse.Namespace) -> int:
    from conformance.examples import check_examples, given_source, vendored_sources

    if args.spec:
        if args.apis or args.contracts or args.project:
            raise UsageError("--spec checks that spec alone: no API, --contracts or --project with it")
        sources = [given_source(args.spec)]
    else:
        catalog = _catalog(args)
        names = [_known(catalog, name).name for name in args.apis]
        sources = vendored_sources(catalog, names, find_project(args.project).specs)
    events = check_examples(sources)  # every example read: a wrong docs file stops here
    prepare_directory(args.report_dir)
    files = ReportFiles(args.report_dir)
    console, stream = ConsoleReporter(quiet=args.quiet), NdjsonReporter(args.report_dir / "findings.ndjson")
    asyncio.run(drive(events, [console, stream, files]))
    print(f"reports: {', '.join(str(path) for path in (*files.paths, stream.path))}", file=sys.stderr)
    return 1 if files.result().failed else 0


def _mock(args: argparse.Namespace) -> int:
    api = _known(_catalog(args), args.api)
    from conformance.mock import create_app
    from conformance.mock.server import HOST, bind, serve

    listener = bind(args.port)
    print(f"conformance: mock of {args.api} on http://{HOST}:{args.port}", file=sys.stderr)
    serve(create_app(api, seed=args.seed), listener)
    return 0


def _live_note(policy: OperationPolicy) -> str:
    """How a live run treats the operation, as ``select_operations`` decides it."""
    if policy.safety is not Safety.SAFE:
        return f"  (live: only with --allow {policy.safety.value})"
    return "" if policy.run_by_default else "  (live: only when named with --operation)"


def _explain(args: argparse.Namespace) -> int:
    if args.code not in CODES:
        hint = did_you_mean(args.code, CODES)
        raise UsageError(f"unknown finding code {args.code!r}{hint} (known: {', '.join(sorted(CODES))})")
    print(describe(args.code))
    return 0


def _list(args: argparse.Namespace) -> int:
    folder = f"{args.contracts} (--contracts)" if args.contracts else find_project(args.project).description
    print(f"contracts: {folder}")
    for name, api in _catalog(args).items():
        contract = api.contract
        where = contract.base_url or "no base URL"
        secret = "no auth" if contract.auth.scheme == "none" else f"secret from {contract.auth.env}"
        print(f"{name}: {contract.title} ({where}; {secret})")
        for operation in api.spec.operations:
            policy = api.policy(operation)
            default = _live_note(policy)
            print(f"  {policy.safety.value:7} {operation.label}  [{operation.operation_id}]{default}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from conformance.specs.lock import verify_lock

    for entry in verify_lock(find_project(args.project).specs / "lock.yaml"):
        print(f"ok  {entry.api}: {entry.file.name} {entry.sha256}")
    return 0


def _init(args: argparse.Namespace) -> int:
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


def _diff(args: argparse.Namespace) -> int:
    from conformance.drift import diff_events, load_versions

    old, new = load_versions(args.old, args.new, args.project)
    return _report_diff(diff_events(old, new), args)


def _update(args: argparse.Namespace) -> int:
    from conformance.drift import diff_events
    from conformance.drift.update import update_vendored

    done = update_vendored(find_project(args.project), args.api, args.source)
    print(
        f"{done.file}: re-vendored from {args.source}, sha256 {done.sha256}, recorded in {done.lock}", file=sys.stderr
    )
    return _report_diff(diff_events(done.old, done.new), args)


def _report_diff(events: AsyncGenerator[Event, None], args: argparse.Namespace) -> int:
    """The diff's events to the console and, with --report-dir, the report files; exit 1 when it breaks clients."""
    collector = RunCollector()
    reporters: list[Reporter] = [ConsoleReporter(quiet=args.quiet), collector]
    if args.report_dir is not None:
        prepare_directory(args.report_dir)
        reporters += [NdjsonReporter(args.report_dir / "findings.ndjson"), ReportFiles(args.report_dir)]
    asyncio.run(drive(events, reporters))
    return 1 if collector.result().failed else 0
