"""--shard K/N: every operation in exactly one shard, shards balanced, spec findings reported once."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.contracts import Api
from conformance.errors import UsageError
from conformance.results import RunCollector
from conformance.runner import RunOptions, drive, run
from conformance.runner.engine import selected_operations
from conformance.runner.shards import Shard, deal


@pytest.mark.parametrize("text", ["1/1", "2/4", " 4/4 ", "10/12"])
def test_a_shard_reads_k_of_n(text: str) -> None:
    shard = Shard.parse(text)
    assert str(shard) == text.strip()


@pytest.mark.parametrize("text", ["0/2", "3/2", "1/0", "2", "1/2/3", "a/b", "-1/2", "1/99999", ""])
def test_a_wrong_shard_is_a_usage_error_naming_it(text: str) -> None:
    with pytest.raises(UsageError, match="--shard"):
        Shard.parse(text)


@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=5), st.integers(min_value=1, max_value=6))
def test_every_item_falls_to_exactly_one_shard_and_shards_differ_by_one_at_most(sizes: list[int], count: int) -> None:
    groups = [(f"api{index}", [f"api{index}-op{op}" for op in range(size)]) for index, size in enumerate(sizes)]
    shares = [deal(groups, Shard(index, count)) for index in range(1, count + 1)]
    dealt = [item for share in shares for _, items in share for item in items]
    assert sorted(dealt) == sorted(item for _, items in groups for item in items)
    lengths = [sum(len(items) for _, items in share) for share in shares]
    assert max(lengths) - min(lengths) <= 1
    assert all([key for key, _ in share] == [key for key, _ in groups] for share in shares)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_the_vendored_apis_split_into_n_shares_of_one_run(catalog: dict[str, Api], count: int) -> None:
    def labels(shard: Shard | None) -> list[str]:
        options = RunOptions(apis=list(catalog), shard=shard)
        return [
            f"{api.name} {s.operation.label}"
            for api, selections in selected_operations(catalog, options)
            for s in selections
        ]

    whole = labels(None)
    shares = [labels(Shard(index, count)) for index in range(1, count + 1)]
    assert sorted(label for share in shares for label in share) == sorted(whole)
    assert labels(Shard(1, count)) == labels(Shard(1, count))  # the same on every machine


def _result(catalog: dict[str, Api], shard: Shard, apis: list[str]) -> RunCollector:
    collector = RunCollector()
    options = RunOptions(apis=apis, max_examples=1, phases=frozenset({"fuzzing"}), shard=shard)
    asyncio.run(drive(run(catalog, options), [collector]))
    return collector


def test_a_shard_with_no_operation_completes_and_says_why(catalog: dict[str, Api]) -> None:
    operations = len(catalog["revring"].spec.operations)
    result = _result(catalog, Shard(operations + 1, operations + 1), ["revring"]).result()
    assert result.operations == ()
    assert result.stop is not None and result.stop.value == "completed"
    assert "no operation falls to it" in result.stop_message
    assert result.info.shard == f"{operations + 1}/{operations + 1}"
