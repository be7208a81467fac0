"""Findings: what the tool found, as plain immutable data with a stable identity.

A finding says which check (its ``code``), how bad (``severity``), about what (``subject``: the
API and operation), where (``location``: a JSON pointer, the JSON Schema keyword and the schema
path), in words (``message``), and shows it (``evidence``): an HTTP exchange, a place in a
document (a docs example, or the spec itself), or a change between two versions of a spec.

Its **fingerprint** is what stays the same from one run to the next: the API, the operation,
the code, the pointer with array indices normalised, and the keyword. Never the random values
of one run, nor the seed, so nightly baselines can tell new findings from known ones.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from conformance.transport.records import RequestRecord, ResponseRecord

__all__ = [
    "DocumentEvidence",
    "Evidence",
    "ExchangeEvidence",
    "Finding",
    "Location",
    "Severity",
    "SpecChangeEvidence",
    "Subject",
    "fingerprint_of",
    "pointer_from",
]


class Severity(enum.Enum):
    ERROR = "error"  # the documented contract is broken
    WARNING = "warning"  # the spec is silent, or known to be incomplete; a change that may break
    INFO = "info"  # worth knowing, breaks nothing: a non-breaking or informational spec change

    @property
    def rank(self) -> int:
        """Most severe first: error 0, warning 1, info 2."""
        return _RANKS[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True, order=True)
class Subject:
    """What a finding is about: an API, and the operation when there is one."""

    api: str
    method: str = ""
    path: str = ""
    operation_id: str = ""

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}" if self.method else ""

    @property
    def identity(self) -> str:
        """The operation as the fingerprint sees it: method and path outlive a renamed operationId."""
        return self.label or self.operation_id


def pointer_from(tokens: Sequence[str | int]) -> str:
    """A JSON pointer (RFC 6901) of raw tokens: ``("data", 0, "a/b")`` -> ``/data/0/a~1b``."""
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in tokens)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: a pointer into what the finding is about, and what rule it broke.

    ``pointer`` points into the response body for response checks, into the request (FastAPI's
    ``loc``, as ``/query/limit``) for request checks, and into the spec for spec findings.
    ``template`` is the pointer with array indices as ``*``: the part a fingerprint uses.
    """

    pointer: str = ""
    keyword: str = ""  # the JSON Schema keyword broken ("required", "enum"), or the status for status checks
    schema_path: str = ""  # where in the schema the broken keyword is, as a JSON pointer
    template: str = ""
    response: str = ""  # the documented response judged ("200", "4XX", "default"), or the status received

    @classmethod
    def at(cls, tokens: Sequence[str | int], keyword: str = "", schema_path: Sequence[str | int] = ()) -> Location:
        """A location from path tokens, where integers are array indices."""
        template = pointer_from(["*" if isinstance(token, int) else token for token in tokens])
        return cls(pointer_from(tokens), keyword, pointer_from(schema_path), template)

    @property
    def identity(self) -> str:
        return self.template or self.pointer


@dataclass(frozen=True, slots=True)
class ExchangeEvidence:
    """An HTTP exchange: the request sent and the response (None if none came), redacted."""

    request: RequestRecord
    response: ResponseRecord | None
    curl: str

    kind = "exchange"

    @property
    def status(self) -> int | None:
        return None if self.response is None else self.response.status

    @property
    def size(self) -> int:
        return self.request.size


@dataclass(frozen=True, slots=True)
class DocumentEvidence:
    """A place in a document: a docs example, or the spec itself."""

    file: str
    pointer: str
    excerpt: str | None = None

    kind = "document"

    @property
    def size(self) -> int:
        return len(self.excerpt or "")


@dataclass(frozen=True, slots=True)
class SpecChangeEvidence:
    """A change between two versions of a spec: where it was, and where it is now."""

    old_file: str
    old_pointer: str | None  # None: it did not exist
    new_file: str
    new_pointer: str | None  # None: it is gone

    kind = "spec_change"

    @property
    def size(self) -> int:
        return 0


def fingerprint_of(subject: Subject, code: str, location: Location) -> str:
    """A finding's stable identity, computable before its evidence is built."""
    parts = [subject.api, subject.identity, code, location.identity, location.keyword, location.response]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


Evidence = ExchangeEvidence | DocumentEvidence | SpecChangeEvidence


@dataclass(frozen=True, slots=True)
class Finding:
    """One kind of finding, with how often it was seen and its smallest example."""

    code: str
    severity: Severity
    subject: Subject
    location: Location
    message: str
    evidence: Evidence
    count: int = 1

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.subject, self.code, self.location)

    @property
    def rank(self) -> tuple[int, int, int, str]:
        """Which of a fingerprint's examples is kept: the most severe, then the smallest."""
        return (self.severity.rank, self.evidence.size, len(self.message), self.message)

    @property
    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Report order within one operation: errors first, then by code and place."""
        location = self.location
        return (self.severity.rank, self.code, location.identity, location.keyword, location.response)
