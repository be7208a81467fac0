"""OpenAPI documents, file or URL, 3.0 or 3.1: loading, bundling, the one resolver, defects, subsets, the lock."""

from typing import TYPE_CHECKING

from conformance._lazy import lazy_exports

if TYPE_CHECKING:
    from conformance.specs.loader import load_spec, load_spec_source
    from conformance.specs.model import ApiSpec, DocumentedResponse, Operation, Parameter, SpecDefect
    from conformance.specs.resolver import Resolver
    from conformance.specs.schemas import SchemaValidators
    from conformance.specs.sources import SpecSource, read_source

__getattr__ = lazy_exports(__name__, __file__)

__all__ = [
    "ApiSpec",
    "DocumentedResponse",
    "Operation",
    "Parameter",
    "Resolver",
    "SchemaValidators",
    "SpecDefect",
    "SpecSource",
    "load_spec",
    "load_spec_source",
    "read_source",
]
