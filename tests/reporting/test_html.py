"""report.html rendered from the report document: everything on the page without scripts, every value
escaped, nothing loaded, filters for what the findings hold, and reports of commands that sent nothing."""

from __future__ import annotations

import base64
import copy
import hashlib
from html.parser import HTMLParser
from typing import Any

from conformance.contracts import Api
from conformance.findings import Severity
from conformance.reporting import PastRun, render_html, report_document
from tests.reporting.browser import HOSTILE
from tests.reporting.synthetic import CHECKED, SKIP_REASON, error_and_warning, finding, revring_run, synthetic_result


class _Page(HTMLParser):
    """The elements of a page, with their attributes, and its text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._inside: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._inside = tag if tag in self.raw else None

    def handle_data(self, data: str) -> None:
        if self._inside in self.raw:
            self.raw[self._inside].append(data)
            self._inside = None
        else:
            self.text.append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def _document(*findings: Any) -> dict[str, Any]:
    return report_document(synthetic_result(*findings))


def test_verdict_operations_and_findings_are_in_the_html_itself() -> None:
    page = _Page(render_html(report_document(error_and_warning())))
    words = page.words
    assert "Conformance report FAIL" in words
    assert "6 requests to 1 operations (1 skipped): 3 errors, 1 warnings, 0 notes." in words
    assert f"GET {CHECKED.path}" in words and f"skipped: {SKIP_REASON.message}" in words
    assert "'run_id' is a required property" in words and "property 'extra' is not in the schema" in words
    assert "required field missing" in words  # the check's explanation from the registry
    assert "Strict clients (pydantic, generated SDKs) reject the whole response." in words
    assert "authorization: [REDACTED]" in words and "curl -X GET https://api.test/v2/" in words
    assert [attrs.get("data-code") for attrs in page.tags("li")] == ["required_field", "undocumented_field"]


def test_a_hostile_message_renders_inert() -> None:
    text = render_html(_document(finding("schema", Severity.ERROR, HOSTILE, body=HOSTILE)))
    assert HOSTILE not in text
    page = _Page(text)
    assert page.tags("img") == [] and len(page.tags("script")) == 1
    assert HOSTILE in page.words  # shown, as text


def test_nothing_is_loaded_and_only_our_script_and_style_may_run() -> None:
    page = _Page(render_html(report_document(error_and_warning()), _history(3)))
    for tag, attrs in page.elements:
        assert not {"src", "href", "action"} & set(attrs), tag
    [policy] = [attrs["content"] for attrs in page.tags("meta") if attrs.get("http-equiv") == "Content-Security-Policy"]
    assert policy is not None and policy.startswith("default-src 'none'; ")
    for kind in ("script", "style"):
        [inline] = page.raw[kind]
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in policy


def test_filters_offer_what_the_findings_hold_and_wait_for_the_script() -> None:
    page = _Page(render_html(report_document(error_and_warning())))
    [form] = page.tags("form")
    assert "hidden" in form
    names = [attrs["name"] for attrs in page.tags("select")]
    assert names == ["api", "code", "severity"]  # no baseline: no new/known filter
    values = [attrs["value"] for attrs in page.tags("option")]
    assert values == ["", "telnyx", "", "required_field", "undocumented_field", "", "error", "warning"]


def test_the_new_or_known_filter_appears_when_findings_carry_a_baseline_mark() -> None:
    document = report_document(error_and_warning())
    document["findings"][0]["baseline"] = "new"
    document["findings"][1]["baseline"] = "known"
    page = _Page(render_html(document))
    assert [attrs["name"] for attrs in page.tags("select")][-1] == "baseline"
    assert [attrs.get("data-baseline") for attrs in page.tags("li")] == ["new", "known"]
    assert "error new required_field" in page.words


def test_statuses_and_checks_are_plotted_without_scripts(catalog: dict[str, Api]) -> None:
    document = report_document(revring_run(catalog))
    page = _Page(render_html(document))
    labels = [attrs.get("aria-label") for attrs in page.tags("svg")]
    assert labels[0] == "Statuses per operation"
    assert len(page.tags("svg")) == (2 if document["summary"]["by_check"] else 1)
    bars = [attrs for attrs in page.tags("rect") if (attrs.get("class") or "").startswith("s-")]
    assert len(bars) >= 5 + len(document["operations"])  # the legend, and a segment per operation at least


def test_the_trend_plots_past_runs_and_this_one() -> None:
    text = render_html(report_document(error_and_warning()), _history(4))
    page = _Page(text)
    assert "Findings over recent runs" in [attrs.get("aria-label") for attrs in page.tags("svg")]
    assert "The last 5 runs" in page.words
    verdicts = [attrs for attrs in page.tags("rect") if "verdict" in (attrs.get("class") or "")]
    assert [attrs["class"] for attrs in verdicts] == ["verdict pass"] * 4 + ["verdict fail"]
    assert "2026-11-01" in page.words and "2025-01-02" in page.words  # the first and the last run


def test_without_history_there_is_no_trend() -> None:
    labels = [attrs.get("aria-label") for attrs in _Page(render_html(report_document(error_and_warning()))).tags("svg")]
    assert "Findings over recent runs" not in labels


def test_a_diff_report_speaks_of_changes_not_requests() -> None:
    document = _spec_change_document()
    page = _Page(render_html(document))
    words = page.words
    assert "requests to" not in words and "requests (valid" not in words
    assert "0 operations (0 skipped): 1 errors, 0 warnings, 0 notes." in words
    assert "was: old.json at /paths/~1runs/get" in words and "now: gone from new.json" in words
    assert "operation removed" in words
    assert [attrs.get("aria-label") for attrs in page.tags("svg")] == ["Findings per check"]


def test_an_examples_report_shows_the_document_evidence() -> None:
    document = _document(finding("schema", Severity.ERROR, "example is not valid"))
    document["run"]["command"] = "examples"
    document["operations"] = []
    document["findings"][0]["evidence"] = {"kind": "document", "file": "docs/x.md", "pointer": "/3", "excerpt": "{}"}
    words = _Page(render_html(document)).words
    assert "In the document docs/x.md at /3 {}" in words
    assert "request" not in words.split("Findings", 1)[0].lower()


def _spec_change_document() -> dict[str, Any]:
    document = _document(finding("schema", Severity.ERROR, "GET /runs was removed"))
    document["run"]["command"] = "diff"
    document["operations"] = []
    document["summary"]["requests"] = 0
    document["summary"]["operations_run"] = document["summary"]["operations_skipped"] = 0
    change = copy.deepcopy(document["findings"][0])
    change.update(code="operation_removed", title="operation removed", category="spec change")
    change["evidence"] = {
        "kind": "spec_change",
        "old": {"file": "old.json", "pointer": "/paths/~1runs/get"},
        "new": {"file": "new.json", "pointer": None},
    }
    document["findings"] = [change]
    document["summary"]["by_check"] = {"operation_removed": {"error": 1, "warning": 0, "info": 0}}
    return document


def _history(count: int) -> tuple[PastRun, ...]:
    return tuple(PastRun(f"2026-11-0{day + 1}T02:00:00Z", "PASS", 100, 0, day, None, None) for day in range(count))


def test_an_operation_stopped_early_says_why_and_escapes_it() -> None:
    document = report_document(error_and_warning())
    ran = next(op for op in document["operations"] if op["skipped"] is None)
    ran["stopped"] = {"code": "budget", "message": "the budget of <3> requests is spent"}
    page = _Page(render_html(document))
    assert "stopped: the budget of <3> requests is spent" in page.words
    assert "<3>" not in render_html(document).split("stopped: ", 1)[1].split("</span>", 1)[0]
