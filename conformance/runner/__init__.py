"""Running generated requests against a target and checking every response, as a stream of events."""

from typing import TYPE_CHECKING

from conformance._lazy import lazy_exports

if TYPE_CHECKING:
    from conformance.runner.drive import drive
    from conformance.runner.engine import RunOptions, run
    from conformance.runner.selection import Selection, select_operations
    from conformance.runner.targets import MOCK_SECRET, Target

__getattr__ = lazy_exports(__name__, __file__)

__all__ = ["MOCK_SECRET", "RunOptions", "Selection", "Target", "drive", "run", "select_operations"]
