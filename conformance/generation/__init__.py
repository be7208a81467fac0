"""Generating valid and invalid requests from a spec (Schemathesis and Hypothesis underneath)."""

from conformance.generation.cases import GeneratedCase, Intent
from conformance.generation.engine import PHASES, CaseGenerator, GenerationSettings

__all__ = ["PHASES", "CaseGenerator", "GeneratedCase", "GenerationSettings", "Intent"]
