"""Running generated requests against a target and checking every response, as a stream of events."""

from conformance.runner.drive import drive
from conformance.runner.engine import RunOptions, run
from conformance.runner.selection import Selection, select_operations
from conformance.runner.targets import MOCK_SECRET, Target

__all__ = ["MOCK_SECRET", "RunOptions", "Selection", "Target", "drive", "run", "select_operations"]
