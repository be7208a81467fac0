"""Real-world specs load whole, 3.0 or 3.1, with their own defects reported as data."""

from __future__ import annotations

from collections import Counter

import pytest

from conformance.specs import ApiSpec, load_spec
from tests.conftest import REALWORLD


@pytest.fixture(scope="module")
def telnyx() -> ApiSpec:
    return load_spec("telnyx", REALWORLD / "telnyx" / "spec3.yml")


def test_full_telnyx_loads_with_its_defects(telnyx: ApiSpec) -> None:
    assert len(telnyx.operations) == 1156
    assert Counter(d.code for d in telnyx.defects) == {"spec_invalid": 64, "duplicate_operation_id": 1}
    assert all(d.message.startswith("default is not valid") for d in telnyx.defects if d.code == "spec_invalid")
    assert all(op.unusable is None for op in telnyx.operations)


def test_telnyx_duplicate_operation_id_is_renamed(telnyx: ApiSpec) -> None:
    (duplicate,) = [d for d in telnyx.defects if d.code == "duplicate_operation_id"]
    assert duplicate.pointer == "/paths/~1v2~1whatsapp~1phone_numbers/get/operationId"
    assert duplicate.operation_id == "GET /v2/whatsapp/phone_numbers"
    assert telnyx.find("GET /v2/whatsapp/phone_numbers").operation_id == duplicate.operation_id  # type: ignore[union-attr]
    assert telnyx.find("ListPhoneNumbers").label == "GET /phone_numbers"  # type: ignore[union-attr]
    assert len({op.operation_id for op in telnyx.operations}) == len(telnyx.operations)


def test_arize_phoenix_31_loads_clean() -> None:
    spec = load_spec("phoenix", REALWORLD / "arize-phoenix" / "openapi.json")
    assert len(spec.operations) == 121
    assert spec.defects == ()


def test_langfuse_30_with_anchors_and_const_loads_upgraded() -> None:
    spec = load_spec("langfuse", REALWORLD / "langfuse" / "openapi.yml")
    assert spec.document["openapi"] == "3.1.0"
    assert spec.document["info"]["x-conformance-original-openapi"] == "3.0.1"
    assert len(spec.operations) == 114
    # 'const' is 3.1-only: two schemas break the 3.0 schema, but validate fine once upgraded
    assert sorted(d.pointer for d in spec.defects) == [
        "/components/schemas/PricingTierAttributeCondition",
        "/components/schemas/unstableCodeEvaluationRuleEvaluatorReference",
    ]
    assert all(op.unusable is None for op in spec.operations)
    assert "nullable" not in str(spec.document["components"])
