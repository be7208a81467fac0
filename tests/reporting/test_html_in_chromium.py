"""report.html of a real run, opened in Debian's headless Chromium: no console error, nothing loaded but
the file, the filters work, a screenshot is taken; and with JavaScript off, everything is still there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from conformance.contracts import Api
from tests.reporting.browser import HOSTILE, chromium, drifted_report


@pytest.fixture(scope="module")
def report(catalog: dict[str, Api], tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TELNYX_API_KEY", "tk-browser-secret")
        return drifted_report(catalog["telnyx"], tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="module")
def browser(report: Path) -> Iterator[Browser]:
    # After the report: Playwright's sync API runs an event loop, where the CLI's asyncio.run cannot.
    with chromium() as launched:
        yield launched


class _Watched:
    """A page, with every console message, page error, dialog and request it made."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        page.on("dialog", lambda dialog: (self.console.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        page.on("request", lambda request: self.requests.append(request.url))


def _open(browser: Browser, report: Path, *, scripts: bool = True) -> _Watched:
    context = browser.new_context(java_script_enabled=scripts, viewport={"width": 1280, "height": 900})
    watched = _Watched(context.new_page())
    watched.page.goto(report.as_uri())
    return watched


def _visible_codes(page: Page) -> list[str]:
    return [item.get_attribute("data-code") or "" for item in page.locator("li.finding:visible").all()]


def test_the_page_loads_nothing_and_logs_no_error(browser: Browser, report: Path, tmp_path: Path) -> None:
    watched = _open(browser, report)
    watched.page.wait_for_load_state("load")
    assert watched.requests == [report.as_uri()]
    assert watched.console == []
    assert "is not one of" in watched.page.locator("#findings").inner_text()
    assert HOSTILE in watched.page.locator("#findings").inner_text()  # the hostile status, shown as text
    screenshot = tmp_path / "report.png"
    watched.page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and screenshot.stat().st_size > 20_000
    watched.page.context.close()


def test_selecting_a_check_hides_the_other_findings(browser: Browser, report: Path) -> None:
    watched = _open(browser, report)
    page = watched.page
    codes = _visible_codes(page)
    assert {"required_field", "enum_value", "server_error", "undocumented_field"} <= set(codes)
    page.select_option("select[name=code]", "required_field")
    assert set(_visible_codes(page)) == {"required_field"}
    assert page.locator("#shown").inner_text() == f"{codes.count('required_field')} of {len(codes)} findings shown"
    page.select_option("select[name=code]", "")
    assert _visible_codes(page) == codes
    assert watched.console == []
    page.context.close()


def test_the_severity_filter_keeps_that_severity(browser: Browser, report: Path) -> None:
    watched = _open(browser, report)
    page = watched.page
    page.select_option("select[name=severity]", "warning")
    severities = {item.get_attribute("data-severity") for item in page.locator("li.finding:visible").all()}
    assert severities == {"warning"}
    assert set(_visible_codes(page)) == {"undocumented_field"}
    page.select_option("select[name=severity]", "error")
    assert "undocumented_field" not in _visible_codes(page)
    page.click("#expand")
    assert page.locator("li.finding:visible details[open]").count() == len(_visible_codes(page))
    assert page.locator("li.finding:visible pre").first.is_visible()
    page.context.close()


def test_with_scripts_off_the_content_is_there(browser: Browser, report: Path) -> None:
    watched = _open(browser, report, scripts=False)
    page = watched.page
    assert page.locator("#verdict").inner_text() == "FAIL"
    rows = page.locator("#operations tbody tr")
    assert rows.count() == 11 and rows.first.is_visible()
    assert page.locator("li.finding:visible").count() == page.locator("li.finding").count() >= 4
    assert page.locator("svg.plot:visible").count() == 3  # statuses, checks, trend
    assert not page.locator("#filters").is_visible()  # it needs the script
    page.locator("li.finding summary").first.click()  # <details> expands without a script
    assert page.locator("li.finding pre").first.is_visible()
    assert watched.requests == [report.as_uri()]
    page.context.close()
