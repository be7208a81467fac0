"""The checks, each registered under its public code. Importing this package registers them all."""

from conformance.checks import body, errors, fields, status  # noqa: F401 - registers the checks
from conformance.checks.base import (
    BODY_CHECKS,
    CHECKS,
    CheckContext,
    CheckedBody,
    Issue,
    Scope,
    Severity,
    applicable_checks,
    check,
)

CHECK_CODES = tuple(sorted(CHECKS))

__all__ = [
    "BODY_CHECKS",
    "CHECKS",
    "CHECK_CODES",
    "CheckContext",
    "CheckedBody",
    "Issue",
    "Scope",
    "Severity",
    "applicable_checks",
    "check",
]
