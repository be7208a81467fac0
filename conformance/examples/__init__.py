"""Examples against the schemas they illustrate: the spec's own, and those on vendors' docs pages."""

from conformance.examples.engine import check_examples, collect_sites
from conformance.examples.placeholders import is_placeholder
from conformance.examples.sources import ExampleSource, given_source, vendored_sources

__all__ = [
    "ExampleSource",
    "check_examples",
    "collect_sites",
    "given_source",
    "is_placeholder",
    "vendored_sources",
]
