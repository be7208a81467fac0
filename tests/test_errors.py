"""The tool's errors: "did you mean" suggestions for mistyped names."""

from __future__ import annotations

from conformance.errors import did_you_mean


def test_a_close_name_is_suggested() -> None:
    assert did_you_mean("telnix", ["freeplay", "revring", "telnyx"]) == " (did you mean 'telnyx'?)"


def test_several_close_names_are_all_suggested() -> None:
    assert did_you_mean("run_idd", ["run_id", "run_ids", "suite"]) == " (did you mean 'run_id' or 'run_ids'?)"


def test_nothing_close_gives_nothing() -> None:
    assert did_you_mean("zzz", ["freeplay", "revring"]) == ""
    assert did_you_mean("x", []) == ""
