"""Running generated requests against a target and checking every response."""

from conformance.runner.engine import RunOptions, execute
from conformance.runner.selection import Selection, select_operations
from conformance.runner.targets import MOCK_SECRET, Target

__all__ = ["MOCK_SECRET", "RunOptions", "Selection", "Target", "execute", "select_operations"]
