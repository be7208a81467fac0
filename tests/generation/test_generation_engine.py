"""conformance.generation.engine: reproducible valid and invalid requests for every operation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conformance.contracts import Api
from conformance.errors import GenerationFailed
from conformance.generation import CaseGenerator, GeneratedCase, GenerationSettings, Intent
from conformance.generation import engine as engine_module
from conformance.specs import Operation
from conformance.specs.requests import RequestParts, match_path, validate_request

CREATE_TEST = "create_assistant_test_public_assistants_tests_post"
GET_RUN = "get_test_run_public_assistants_tests__test_id__runs__run_id__get"
LIST_TESTS = "get_assistant_tests_public_assistants_tests_get"
CHANNELS = ("phone_call", "web_call", "sms_chat", "web_chat")  # TelnyxConversationChannel in the spec
CREATE_REQUIRED = ("name", "destination", "instructions", "rubric")  # CreateAssistantTestRequest.required

CaseTable = dict[tuple[str, str], list[GeneratedCase]]


def _operation(api: Api, operation_id: str) -> Operation:
    operation = api.spec.find(operation_id)
    assert operation is not None, operation_id
    return operation


def _json(case: GeneratedCase) -> object:
    try:
        return json.loads(case.body or b"")
    except ValueError:
        return None


@pytest.fixture(scope="module")
def all_cases(catalog: dict[str, Api]) -> CaseTable:
    """Seed 0, five Hypothesis cases of each kind, coverage on: every case of every operation."""
    table: CaseTable = {}
    for name, api in catalog.items():
        generator = CaseGenerator(api, GenerationSettings(max_examples=5, seed=0))
        for operation in api.spec.operations:
            table[(name, operation.operation_id)] = generator.cases(operation)
    return table


def _request(operation: Operation, case: GeneratedCase) -> RequestParts:
    assert match_path(operation.path, urlsplit(case.target).path) is not None, f"{case.target} vs {operation.path}"
    return RequestParts.from_target(operation, case.target, case.headers, case.body or b"")


def test_every_operation_gets_cases(catalog: dict[str, Api], all_cases: CaseTable) -> None:
    for name, api in catalog.items():
        for operation in api.spec.operations:
            cases = all_cases[(name, operation.operation_id)]
            assert any(c.intent is Intent.VALID for c in cases), operation.operation_id
            assert all(c.operation_id == operation.operation_id for c in cases)
            assert all(c.method == operation.method for c in cases)


def test_cases_are_unique_by_key(all_cases: CaseTable) -> None:
    for cases in all_cases.values():
        keys = [case.key for case in cases]
        assert len(keys) == len(set(keys))


def test_phases_are_known(all_cases: CaseTable) -> None:
    phases = {case.phase for cases in all_cases.values() for case in cases}
    assert phases == {"coverage", "fuzzing", "malformed"}


def test_same_seed_same_cases(catalog: dict[str, Api], all_cases: CaseTable) -> None:
    api = catalog["telnyx"]
    again = CaseGenerator(api, GenerationSettings(max_examples=5, seed=0)).cases(_operation(api, CREATE_TEST))
    assert [c.key for c in again] == [c.key for c in all_cases[("telnyx", CREATE_TEST)]]
    assert [(c.intent, c.phase) for c in again] == [(c.intent, c.phase) for c in all_cases[("telnyx", CREATE_TEST)]]


def test_other_seed_other_fuzzing_cases(catalog: dict[str, Api], all_cases: CaseTable) -> None:
    api = catalog["telnyx"]
    other = CaseGenerator(api, GenerationSettings(max_examples=5, seed=1)).cases(_operation(api, CREATE_TEST))
    fuzzing = [c.key for c in all_cases[("telnyx", CREATE_TEST)] if c.phase == "fuzzing"]
    other_fuzzing = [c.key for c in other if c.phase == "fuzzing"]
    assert fuzzing and other_fuzzing
    assert fuzzing != other_fuzzing
    # the coverage phase is deterministic and does not depend on the seed
    assert [c.key for c in other if c.phase == "coverage"] == [
        c.key for c in all_cases[("telnyx", CREATE_TEST)] if c.phase == "coverage"
    ]


def test_coverage_has_a_valid_case_for_each_channel(all_cases: CaseTable) -> None:
    valid = [c for c in all_cases[("telnyx", CREATE_TEST)] if c.phase == "coverage" and c.intent is Intent.VALID]
    seen = {body.get("telnyx_conversation_channel") for body in map(_json, valid) if isinstance(body, dict)}
    assert set(CHANNELS) <= seen


@pytest.mark.parametrize("field", CREATE_REQUIRED)
def test_coverage_has_an_invalid_case_missing_each_required_field(all_cases: CaseTable, field: str) -> None:
    invalid = [c for c in all_cases[("telnyx", CREATE_TEST)] if c.phase == "coverage" and c.intent is Intent.INVALID]
    bodies = [body for body in map(_json, invalid) if isinstance(body, dict)]
    assert any(field not in body and set(CREATE_REQUIRED) - {field} <= set(body) for body in bodies)


def test_malformed_case_only_for_operations_with_a_body(catalog: dict[str, Api], all_cases: CaseTable) -> None:
    for name, api in catalog.items():
        for operation in api.spec.operations:
            malformed = [c for c in all_cases[(name, operation.operation_id)] if c.phase == "malformed"]
            if operation.request_body_pointer() is None:
                assert malformed == [], operation.operation_id
                continue
            assert [case.reason for case in malformed] == ["Body is not valid JSON", "Body is not UTF-8 (Latin-1)"]
            for case in malformed:
                assert case.intent is Intent.INVALID
                assert _json(case) is None
                assert ("Content-Type", "application/json") in case.headers
                assert match_path(operation.path, case.target) is not None


def test_get_operations_have_no_malformed_case(all_cases: CaseTable) -> None:
    for (_, operation_id), cases in all_cases.items():
        if cases[0].method == "GET":
            assert all(c.phase != "malformed" for c in cases), operation_id


def test_no_case_carries_credentials(catalog: dict[str, Api], all_cases: CaseTable) -> None:
    secret_headers = {"authorization"} | {api.contract.auth.header.lower() for api in catalog.values()}
    assert "x-api-key" in secret_headers
    for cases in all_cases.values():
        for case in cases:
            assert not {name.lower() for name, _ in case.headers} & secret_headers, case


def test_internal_headers_are_dropped(all_cases: CaseTable) -> None:
    for cases in all_cases.values():
        for case in cases:
            names = {name.lower() for name, _ in case.headers}
            assert not names & {"x-schemathesis-testcaseid", "user-agent", "content-length"}


def test_targets_are_relative(all_cases: CaseTable) -> None:
    for cases in all_cases.values():
        for case in cases:
            assert case.target.startswith("/")
            assert "conformance.invalid" not in case.target


def test_contract_path_examples_in_valid_cases(catalog: dict[str, Api], all_cases: CaseTable) -> None:
    for name, api in catalog.items():
        examples = api.contract.path_parameters
        for operation in api.spec.operations:
            if not operation.path_parameter_names():
                continue
            for case in all_cases[(name, operation.operation_id)]:
                if case.intent is not Intent.VALID:
                    continue
                found = match_path(operation.path, urlsplit(case.target).path)
                assert found is not None, case.target
                for parameter in operation.path_parameter_names():
                    if parameter in examples:
                        assert found[parameter] == examples[parameter], case.target


def test_telnyx_example_ids_appear_in_targets(all_cases: CaseTable) -> None:
    targets = {c.target.split("?")[0] for c in all_cases[("telnyx", GET_RUN)] if c.intent is Intent.VALID}
    assert targets == {
        "/ai/assistants/tests/123e4567-e89b-12d3-a456-426614174000/runs/987fcdeb-51a2-43d1-b456-426614174000"
    }


def test_no_fuzzing_without_examples(catalog: dict[str, Api]) -> None:
    api = catalog["telnyx"]
    generator = CaseGenerator(api, GenerationSettings(max_examples=0, seed=0))
    with_body = generator.cases(_operation(api, CREATE_TEST))
    assert {c.phase for c in with_body} == {"coverage", "malformed"}
    without_body = generator.cases(_operation(api, LIST_TESTS))
    assert {c.phase for c in without_body} == {"coverage"}


def test_no_coverage_when_disabled(catalog: dict[str, Api]) -> None:
    api = catalog["revring"]
    (operation,) = api.spec.operations
    cases = CaseGenerator(
        api, GenerationSettings(max_examples=2, seed=0, phases=frozenset({"fuzzing", "malformed"}))
    ).cases(operation)
    assert {c.phase for c in cases} <= {"fuzzing", "malformed"}
    assert 1 <= sum(c.phase == "fuzzing" for c in cases) <= 4  # at most max_examples of each intent
    assert sum(c.phase == "malformed" for c in cases) == 2  # not JSON, and not UTF-8


def test_an_operation_schemathesis_cannot_read_fails_generation_for_it_alone(catalog: dict[str, Api]) -> None:
    telnyx, revring = catalog["telnyx"], catalog["revring"]
    generator = CaseGenerator(telnyx, GenerationSettings(max_examples=0))
    with pytest.raises(GenerationFailed, match="Schemathesis cannot read this operation"):
        generator.cases(revring.spec.operations[0])
    assert generator.cases(telnyx.spec.operations[0])  # the others still generate


def test_a_generation_error_names_the_operation_and_the_cause(
    catalog: dict[str, Api], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise ValueError("no strategy for this schema")

    monkeypatch.setattr(engine_module, "coverage_cases", broken)
    operation = catalog["revring"].spec.operations[0]
    with pytest.raises(GenerationFailed) as caught:
        CaseGenerator(catalog["revring"], GenerationSettings(max_examples=0)).cases(operation)
    assert str(caught.value) == f"{operation.label}: cannot generate requests: ValueError: no strategy for this schema"


def test_phases_choose_what_is_generated(catalog: dict[str, Api]) -> None:
    api = catalog["revring"]
    operation = api.spec.operations[0]
    for phases in ({"coverage"}, {"fuzzing"}, {"malformed"}, {"fuzzing", "malformed"}):
        cases = CaseGenerator(api, GenerationSettings(max_examples=2, phases=frozenset(phases))).cases(operation)
        assert cases and {case.phase for case in cases} == phases


def test_valid_cases_pass_request_validation(catalog: dict[str, Api], all_cases: CaseTable) -> None:
    """The oracle: what the generator calls valid, our own validator accepts."""
    rejected = []
    checked = 0
    for name, api in catalog.items():
        for operation in api.spec.operations:
            for case in all_cases[(name, operation.operation_id)]:
                if case.intent is not Intent.VALID:
                    continue
                checked += 1
                violations = validate_request(operation, api.validators, _request(operation, case))
                if violations:
                    rejected.append((case.phase, case.target, case.body, violations))
    assert checked > 50
    assert rejected == []


def test_invalid_coverage_bodies_break_the_spec(catalog: dict[str, Api], all_cases: CaseTable) -> None:
    # The operation has no parameters: a negative JSON case can only be invalid in its body.
    api = catalog["telnyx"]
    operation = _operation(api, CREATE_TEST)
    cases = [c for c in all_cases[("telnyx", CREATE_TEST)] if c.intent is Intent.INVALID and c.phase == "coverage"]
    body_cases = [
        c for c in cases if "Content-Type" in dict(c.headers) and dict(c.headers)["Content-Type"] == "application/json"
    ]
    rejected = [c for c in body_cases if validate_request(operation, api.validators, _request(operation, c))]
    assert len(rejected) == len(body_cases)


_KEYS_SCRIPT = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
if sys.argv[2] == "import":
    import literal_rich_module
from conformance._bundled import contracts_dir
from conformance.contracts import load_api
from conformance.generation import CaseGenerator, GenerationSettings
api = load_api(contracts_dir() / "telnyx.yaml")
operation = api.spec.find(sys.argv[3])
cases = CaseGenerator(api, GenerationSettings(max_examples=10, seed=4)).cases(operation)
print(hashlib.sha256(repr([case.key for case in cases]).encode()).hexdigest())
"""


def test_cases_for_a_seed_do_not_depend_on_what_else_is_imported(tmp_path: Path) -> None:
    # Hypothesis mixes literals of imported local modules into its draws; generation must not.
    # Fresh processes, because Hypothesis caches the literals it has seen within one.
    module = tmp_path / "literal_rich_module.py"
    module.write_text(
        "WORDS = " + repr([f"word-{n}" for n in range(200)]) + "\nNUMBERS = " + repr(list(range(-50, 50)))
    )
    operation = "trigger_test_suite_runs_public_assistants_tests_test_suites__suite_name__runs_post"
    digests = [
        subprocess.run(
            [sys.executable, "-c", _KEYS_SCRIPT, str(tmp_path), mode, operation],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for mode in ("plain", "import")
    ]
    assert digests[0] == digests[1] and len(digests[0].strip()) == 64
