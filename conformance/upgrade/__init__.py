"""Before upgrading an SDK: what changed between two versions of a spec, and which one the target follows."""

from conformance.upgrade.check import upgrade_events, upgraded_api

__all__ = ["upgrade_events", "upgraded_api"]
