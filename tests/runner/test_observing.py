"""The observed schema of one operation: what its responses held, against what its spec documents."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.checks import CheckContext
from conformance.contracts import Api
from conformance.results import Gaps
from conformance.runner.observing import Observer
from tests.checks.support import UUID, custom_api, exchange, json_response

RUN = {
    "type": "object",
    "required": ["id", "status"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "status": {"enum": ["queued", "passed", "failed"]},
        "note": {"type": "string"},
        "meta": {"type": "object"},
        "steps": {"type": "array", "items": {"type": "object", "properties": {"state": {"enum": ["ok", "ko"]}}}},
    },
    "additionalProperties": False,
}
SECRET = "sk-observed-secret"


@pytest.fixture(scope="module")
def api(catalog: dict[str, Api]) -> Api:
    responses = {**json_response(RUN), "404": {"description": "no such run"}}
    return custom_api(catalog["telnyx"], responses)


def observer(api: Api) -> Observer:
    operation = api.spec.find("getThing")
    assert operation is not None
    return Observer(operation, api.validators.resolver, lambda text: text.replace(SECRET, "[REDACTED]"))


def record(api: Api, watcher: Observer, status: int, body: Any, content_type: str = "application/json") -> None:
    operation = watcher.operation
    watcher.record(CheckContext(api, operation, exchange(status, body, content_type), [], True))


def test_what_was_seen_and_what_the_spec_documents(api: Api) -> None:
    watcher = observer(api)
    body = {
        "id": UUID,
        "status": "queued",
        "extra": 1,
        "meta": {"free": 1},
        "steps": [{"state": "ok"}, {"state": "new"}],
    }
    record(api, watcher, 200, body)
    record(api, watcher, 200, {**body, "id": "not-a-uuid", "status": "cancelled"})
    record(api, watcher, 500, b"boom", "text/plain")
    observed = watcher.result()
    ok = observed.response("200")
    assert ok is not None and ok.media_types == ("application/json",)
    assert ok.fields == ("/extra", "/id", "/meta", "/status", "/steps", "/steps/*/state")  # not /meta/free: open
    assert ok.enum_values == {"/status": ("cancelled", "queued"), "/steps/*/state": ("new", "ok")}
    assert (ok.formats["/id"].format, ok.formats["/id"].seen, ok.formats["/id"].violated) == ("uuid", 2, 1)
    assert observed.never_seen == Gaps(
        statuses=("404",),
        fields={"200": ("/note",)},
        enum_values={"200": {"/status": ("failed", "passed"), "/steps/*/state": ("ko",)}},
    )
    assert observed.undocumented == Gaps(
        statuses=("500",),
        fields={"200": ("/extra",)},
        enum_values={"200": {"/status": ("cancelled",), "/steps/*/state": ("new",)}},
    )


def test_an_operation_that_got_no_response_calls_nothing_never_seen(api: Api) -> None:
    watcher = observer(api)
    watcher.record(CheckContext(api, watcher.operation, exchange(None), [], True))
    observed = watcher.result()
    assert observed.responses == () and not observed.never_seen and not observed.undocumented


def test_distinct_fields_and_enum_values_stop_at_their_caps(api: Api) -> None:
    watcher = observer(api)
    for n in range(700):
        record(api, watcher, 200, {"id": UUID, "status": f"state-{n}", f"echo-{n}": n})
    observed = watcher.result()
    ok = observed.response("200")
    assert ok is not None
    assert watcher.field_count == 500 and len(ok.fields) <= 500
    assert len(ok.enum_values["/status"]) == 50
    assert observed.capped == ("enum_values 200 /status", "fields")
    assert observed.never_seen.fields == {} and "/status" not in observed.never_seen.enum_values.get("200", {})


def test_a_server_echoing_the_secret_does_not_put_it_in_the_observations(api: Api) -> None:
    watcher = observer(api)
    record(api, watcher, 200, {"id": UUID, "status": SECRET, SECRET: 1})
    record(api, watcher, 200, b"{}", f"application/{SECRET}+json")
    text = repr(watcher.result())
    assert SECRET not in text and "[REDACTED]" in text
