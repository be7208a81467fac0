"""Findings and run results: the plain data that reporters consume."""

from conformance.results.model import (
    Finding,
    FindingGroup,
    OperationRef,
    OperationResult,
    RequestRecord,
    ResponseRecord,
    RunResult,
    Severity,
)

__all__ = [
    "Finding",
    "FindingGroup",
    "OperationRef",
    "OperationResult",
    "RequestRecord",
    "ResponseRecord",
    "RunResult",
    "Severity",
]
