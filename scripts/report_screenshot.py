"""Draw docs/report-screenshot.png: a real report.html, as tests/reporting/test_html_in_chromium.py renders it.

    .venv/bin/python scripts/report_screenshot.py [--out docs/report-screenshot.png]

Needs Debian's chromium at /usr/bin/chromium (`.ci/run` installs it) and the dev extra (playwright).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the report comes from the tests' drifted mock (tests/reporting/browser.py)

from conformance._bundled import contracts_dir  # noqa: E402
from conformance.contracts import load_catalog  # noqa: E402
from tests.reporting.browser import chromium, drifted_report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "report-screenshot.png", help="default: %(default)s"
    )
    out = parser.parse_args().out
    os.environ.setdefault("TELNYX_API_KEY", "tk-screenshot-secret")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(scratch) / "hypothesis"))
        report = drifted_report(load_catalog(contracts_dir())["telnyx"], Path(scratch) / "reports", hostile=False)
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1200, "height": 1400}, device_scale_factor=1)
            page.goto(report.as_uri())
            page.select_option("select[name=severity]", "error")
            page.locator("li.finding:not([hidden]) details").first.evaluate("details => details.open = true")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out), full_page=True)
    print(f"{out}: written")  # noqa: T201 - a command-line script


if __name__ == "__main__":
    main()
