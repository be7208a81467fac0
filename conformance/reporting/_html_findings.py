"""report.html's findings: the filters, and each finding with its explanation and evidence.

Each finding is a ``<details>`` (expandable with scripts off) carrying ``data-api``,
``data-code``, ``data-severity`` and, when the document marks it, ``data-baseline``: what the
filters of ``report.js`` match. The filter form is rendered ``hidden``: with scripts off it would
do nothing, so only the script shows it.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from conformance.findings import CODES

__all__ = ["findings_section"]

_SEVERITY_ORDER = ("error", "warning", "info")


def findings_section(findings: list[dict[str, Any]]) -> str:
    if not findings:
        return '<section id="findings"><h2>Findings</h2><p class="none">No findings.</p></section>'
    items = "".join(_finding(finding) for finding in findings)
    return (
        f'<section id="findings"><h2>Findings ({len(findings)})</h2>{_filters(findings)}'
        f'<ol class="findings">{items}</ol></section>'
    )


def _filters(findings: list[dict[str, Any]]) -> str:
    present = {key: {str(f[key]) for f in findings} for key in ("api", "code", "severity")}
    selects = [
        _select("api", "API", sorted(present["api"])),
        _select("code", "check", sorted(present["code"])),
        _select("severity", "severity", [s for s in _SEVERITY_ORDER if s in present["severity"]]),
    ]
    if any(finding.get("baseline") for finding in findings):
        selects.append(_select("baseline", "new or known", ["new", "known"]))
    buttons = (
        '<button type="button" id="expand">expand all</button><button type="button" id="collapse">collapse all</button>'
    )
    return (
        f'<form id="filters" hidden>{"".join(selects)}{buttons}'
        f'<output id="shown" for="filters">{len(findings)} of {len(findings)} findings shown</output></form>'
    )


def _select(name: str, label: str, values: list[str]) -> str:
    options = "".join(f'<option value="{escape(value)}">{escape(value)}</option>' for value in values)
    return f'<label>{escape(label)} <select name="{name}"><option value="">all</option>{options}</select></label>'


def _finding(finding: dict[str, Any]) -> str:
    data = {"api": finding["api"], "code": finding["code"], "severity": finding["severity"]}
    if finding.get("baseline"):
        data["baseline"] = str(finding["baseline"])
    attributes = "".join(f' data-{key}="{escape(value)}"' for key, value in data.items())
    mark = (
        f' <span class="mark {escape(data["baseline"])}">{escape(data["baseline"])}</span>'
        if "baseline" in data
        else ""
    )
    subject = " ".join(part for part in (finding["api"], finding["method"], finding["path"]) if part)
    summary = (
        f'<span class="badge sev-{escape(finding["severity"])}">{escape(finding["severity"])}</span>{mark} '
        f'<code class="code">{escape(finding["code"])}</code> <span class="subject">{escape(subject)}</span> '
        f'<span class="count">{finding["count"]}&times;</span> '
        f'<span class="message">{escape(finding["message"])}</span>'
    )
    body = _where(finding) + _explanation(finding) + _evidence(finding["evidence"])
    return f'<li class="finding"{attributes}><details><summary>{summary}</summary>{body}</details></li>'


def _where(finding: dict[str, Any]) -> str:
    location = finding["location"]
    parts = [("at", location["pointer"] or "(the whole body)")]
    parts += [(name, location[key]) for name, key in (("keyword", "keyword"), ("schema path", "schema_path"))]
    parts += [("response", location["response"]), ("fingerprint", finding["fingerprint"])]
    items = "".join(
        f"<dt>{escape(name)}</dt><dd><code>{escape(str(value))}</code></dd>" for name, value in parts if value
    )
    return f'<dl class="where">{items}</dl>'


def _explanation(finding: dict[str, Any]) -> str:
    entry = CODES.get(finding["code"])
    if entry is None:  # a code this version does not know: what the document says of it
        return f'<p class="explain"><strong>{escape(finding.get("title", finding["code"]))}</strong></p>'
    return (
        f'<p class="explain"><strong>{escape(entry.title)}</strong>: {escape(entry.meaning)} '
        f"<em>Why it matters: {escape(entry.why)}</em></p>"
    )


def _evidence(evidence: dict[str, Any]) -> str:
    kind = evidence.get("kind")
    if kind == "exchange":
        response = evidence["response"]
        return (
            _block(
                "Request",
                _message(evidence["request"]["method"] + " " + evidence["request"]["url"], evidence["request"]),
            )
            + _block("Response", "(no response)" if response is None else _message(str(response["status"]), response))
            + _block("Reproduce", evidence["curl"])
        )
    if kind == "document":
        where = f"{evidence['file']} at {evidence['pointer']}"
        excerpt = evidence.get("excerpt") or ""
        return _block("In the document", f"{where}\n\n{excerpt}" if excerpt else where)
    if kind == "spec_change":
        old, new = evidence["old"], evidence["new"]
        was = f"{old['file']} at {old['pointer']}" if old["pointer"] is not None else f"absent from {old['file']}"
        now = f"{new['file']} at {new['pointer']}" if new["pointer"] is not None else f"gone from {new['file']}"
        return _block("Spec change", f"was: {was}\nnow: {now}")
    return _block("Evidence", json.dumps(evidence, indent=2, sort_keys=True, ensure_ascii=False))


def _message(first_line: str, message: dict[str, Any]) -> str:
    headers = "\n".join(f"{name}: {value}" for name, value in message["headers"])
    body = message["body"]
    return "\n".join(part for part in (first_line, headers) if part) + ("" if body is None else f"\n\n{body}")


def _block(title: str, text: str) -> str:
    return f'<div class="evidence"><h4>{escape(title)}</h4><pre>{escape(text)}</pre></div>'
