"""Spec drift: what changed between two versions of a spec, and what that breaks for clients.

    two versions (file | URL | vendored API | git REV:PATH)   versions.py
    -> operations matched, path parameter names aside          operations.py
    -> parameters, bodies, responses, security                 requests.py, responses.py, security.py
    -> resolved schemas walked pairwise, by direction          views.py, schemas.py, keywords.py, unions.py
    -> changes as findings and run events                      changes.py, events.py

The rules (their ids and classes) are finding codes: ``conformance.findings.spec_changes``.
"""

from conformance.drift.events import diff_events, diff_findings
from conformance.drift.versions import Version, load_versions

__all__ = ["Version", "diff_events", "diff_findings", "load_versions"]
