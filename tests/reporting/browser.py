"""A real report.html, and Debian's headless Chromium to open it (driven by Playwright for Python).

``drifted_report`` runs ``conformance run`` (the CLI, with ``--report-dir``) against the embedded
mock of Telnyx served on 127.0.0.1 with drift planted in some answers, so the report has errors,
warnings, several checks and statuses; a few past runs in ``history.jsonl`` give it a trend.
``scripts/report_screenshot.py`` uses the same to draw the README's screenshot.

Chromium is /usr/bin/chromium (``.ci/run`` installs it); Playwright only drives it, its own
browsers are never downloaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from conformance.cli import main
from conformance.contracts import Api
from conformance.mock import create_app
from tests.servers import drifted, serve

__all__ = ["CHROMIUM", "HOSTILE", "chromium", "drifted_report"]

CHROMIUM = "/usr/bin/chromium"
_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = "</script><img src=x onerror=alert(1)>"
_PAST = [
    ("2026-11-15T02:00:00Z", "PASS", 702, 0, 74, 0, 0),
    ("2026-11-16T02:00:00Z", "PASS", 698, 0, 73, 0, 0),
    ("2026-11-17T02:00:00Z", "FAIL", 701, 3, 73, 3, 0),
    ("2026-11-18T02:00:00Z", "FAIL", 700, 3, 75, 1, 0),
    ("2026-11-19T02:00:00Z", "PASS", 699, 0, 74, 0, 3),
    ("2026-11-20T02:00:00Z", "PASS", 700, 0, 73, 0, 0),
]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def drifted_report(api: Api, reports: Path, *, hostile: bool = True) -> Path:
    """Run the CLI against the drifted mock; returns ``reports/latest/report.html``.

    The caller sets the API's secret in the environment (the report shows it redacted)."""
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "history.jsonl").write_text("".join(_history_line(past) for past in _PAST) + "not json\n")
    with serve(drifted(create_app(api, seed=1), _drift(HOSTILE if hostile else "cancelled"))) as base_url:
        argv = ["run", api.name, "--base-url", base_url, "--allow", "unsafe", "--allow", "costly"]
        main([*argv, "--max-examples", "2", "--report-dir", str(reports / "latest"), "--quiet"])
    return reports / "latest" / "report.html"


def _history_line(past: tuple[Any, ...]) -> str:
    keys = ("started_at", "verdict", "requests", "errors", "warnings", "new", "fixed")
    return json.dumps(dict(zip(keys, past, strict=True))) + "\n"


def _drift(status: str) -> Any:
    """A test run answered without its ``run_id`` and with a status outside the enum; a crash on DELETE;
    an undocumented property in the test list."""

    def mutate(method: str, path: str, code: int, headers: list[Any], body: bytes) -> tuple[int, list[Any], bytes]:
        if method == "DELETE":
            return 500, [(b"content-type", b"application/json")], b'{"detail": "internal error"}'
        if code != 200 or not body or method != "GET":
            return code, headers, body
        document = json.loads(body)
        if "/runs/" in path and isinstance(document, dict):
            document = {key: value for key, value in document.items() if key != "run_id"} | {"status": status}
        elif path.endswith("/tests") and isinstance(document, dict):
            document = {**document, "debug_trace": "on"}
        return code, headers, json.dumps(document).encode()

    return mutate
