"""The command line: ``conformance run | merge | examples | mock | list | explain | init | specs | diff``, and
``conformance upgrade-check``.

Exit codes: 0 no error findings; 1 error findings (or warnings with --fail-on warning; for
``diff`` and ``specs update``, a breaking change);
2 usage, spec or contract error, or nothing tested; 3 target unreachable; 70 a bug of the tool
(one line, no traceback); interrupted, with the reports still written: 130 by SIGINT, 143 by
SIGTERM, 141 when stdout was closed (as a shell reports a process ended by SIGPIPE).

One module per command, each with ``register(commands)`` and its handler. A module imports at its
top only what building its parser needs; the machinery of a command (httpx, Hypothesis,
Schemathesis, the runner, rich) is imported by its handler, so ``conformance --help`` and the light
commands start at once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from conformance import __version__
from conformance._arguments import HelpFormatter, SubcommandParser
from conformance.cli import diff, examples, listing, merge, mock, run, specs, upgrade
from conformance.errors import MAX_QUOTED, ConformanceError, Interrupted, clip

__all__ = ["COMMANDS", "entry", "main", "parser"]

COMMANDS: tuple[ModuleType, ...] = (run, merge, examples, mock, listing, specs, diff, upgrade)

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
    args = parser().parse_args(argv)
    try:
        return int(args.command(args))
    except Interrupted as exc:
        print(f"conformance: interrupted ({exc.reason}); the report holds what was done", file=sys.stderr)
        return exc.exit_code
    except ConformanceError as exc:
        print(f"conformance: error: {clip(_redacted(str(exc), args), 4 * MAX_QUOTED)}", file=sys.stderr)
        return exc.exit_code
    except (KeyboardInterrupt, _cancelled()):
        print("conformance: interrupted; the report holds what was done", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`conformance list | head`)
        sys.stderr.close()
        return 0
    except Exception as exc:  # a bug of the tool: one line, not a traceback; the reports say where it stopped
        detail = _redacted(f"{type(exc).__name__}: {exc}", args).splitlines()[0][:500]
        print(f"conformance: internal error: {detail} (a bug of conformance: please report it)", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def _cancelled() -> type[BaseException]:
    """asyncio's CancelledError when a command ran asyncio (asyncio is not imported for the others)."""
    asyncio = sys.modules.get("asyncio")
    return asyncio.CancelledError if asyncio is not None else KeyboardInterrupt


def _redacted(text: str, args: argparse.Namespace) -> str:
    """An error's text without the environment's secrets, nor a password or query of a URL given."""
    from conformance.cli._options import DEFAULT_AUTH_ENV
    from conformance.contracts.sources import url_secrets
    from conformance.runner.targets import environment_redactor

    redactor = environment_redactor(getattr(args, "auth_env", DEFAULT_AUTH_ENV))
    urls = [url for url in (getattr(args, "spec", None), getattr(args, "base_url", None)) if url]
    return redactor.with_secrets(secret for url in urls for secret in url_secrets(url)).text(text)


def parser() -> argparse.ArgumentParser:
    """The whole command line: each command module adds its own parsers."""
    top = argparse.ArgumentParser(
        prog="conformance",
        description="Does an HTTP API still do what its OpenAPI spec says?",
        formatter_class=HelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"conformance {__version__}")
    commands = top.add_subparsers(required=True, metavar="COMMAND", parser_class=SubcommandParser)
    for command in COMMANDS:
        command.register(commands)
    return top
