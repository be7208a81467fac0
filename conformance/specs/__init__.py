"""Vendored OpenAPI documents: loading, subsets, the lock, and schema validators."""

from conformance.specs.loader import load_spec
from conformance.specs.model import ApiSpec, DocumentedResponse, Operation, Parameter
from conformance.specs.schemas import SchemaValidators

__all__ = ["ApiSpec", "DocumentedResponse", "Operation", "Parameter", "SchemaValidators", "load_spec"]
