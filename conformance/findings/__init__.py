"""Findings as plain data with a stable identity, and the registry of their codes."""

from conformance.findings.codes import CODES, Category, ChangeClass, Code, describe
from conformance.findings.model import (
    DocumentEvidence,
    Evidence,
    ExchangeEvidence,
    Finding,
    Location,
    Severity,
    SpecChangeEvidence,
    Subject,
    fingerprint_of,
    pointer_from,
)

__all__ = [
    "CODES",
    "Category",
    "ChangeClass",
    "Code",
    "DocumentEvidence",
    "Evidence",
    "ExchangeEvidence",
    "Finding",
    "Location",
    "Severity",
    "SpecChangeEvidence",
    "Subject",
    "describe",
    "fingerprint_of",
    "pointer_from",
]
