"""Spec drift: what changed between two versions of a spec, and what that breaks for clients.

    two versions (file | URL | vendored API | git REV:PATH)   versions.py
    -> operations matched, path parameter names aside          operations.py
    -> parameters, bodies, responses, security                 requests.py, responses.py, security.py
    -> resolved schemas walked pairwise, by direction          views.py, schemas.py, keywords.py, unions.py
    -> changes as findings and run events                      changes.py, events.py

The rules (their ids and classes) are finding codes: ``conformance.findings.spec_changes``.

Hand-written because no Python library compares two OpenAPI documents by meaning, with a direction
and classes (oasdiff, which does, is Go; openapi-diff is Java); the walk stands on what the tool already
has: the spec loader, the one resolver and the ``allOf`` merger of ``conformance.specs``.
"""

from conformance.drift.events import diff_events, diff_findings
from conformance.drift.versions import Version, load_versions

__all__ = ["Version", "diff_events", "diff_findings", "load_versions"]
