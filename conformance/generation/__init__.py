"""Generating valid and invalid requests from a spec (Schemathesis and Hypothesis underneath)."""

from typing import TYPE_CHECKING

from conformance._lazy import lazy_exports

if TYPE_CHECKING:
    from conformance.generation.cases import PHASES, GeneratedCase, Intent
    from conformance.generation.engine import CaseGenerator, GenerationSettings

__getattr__ = lazy_exports(__name__, __file__)

__all__ = ["PHASES", "CaseGenerator", "GeneratedCase", "GenerationSettings", "Intent"]
