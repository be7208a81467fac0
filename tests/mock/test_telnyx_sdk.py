"""The official Telnyx Python SDK, with strict response validation, against `conformance mock telnyx`."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
import telnyx

from tests.servers import free_port


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "conformance", "mock", "telnyx", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        try:
            _wait_until_listening(url, process)
            yield url
        finally:
            process.terminate()
            process.communicate(timeout=10)


def _wait_until_listening(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mock exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            httpx.get(url + "/ai/assistants/tests/test-suites", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError("mock did not start listening")


@pytest.fixture
def client(mock_url: str) -> Iterator[telnyx.Telnyx]:
    with telnyx.Telnyx(
        api_key="sdk-test-key", base_url=mock_url, _strict_response_validation=True, max_retries=0
    ) as sdk:
        yield sdk


def test_sdk_triggers_and_retrieves_the_same_run(client: telnyx.Telnyx) -> None:
    triggered = client.ai.assistants.tests.runs.trigger(test_id="test_id")
    retrieved = client.ai.assistants.tests.runs.retrieve(triggered.run_id, test_id="test_id")
    assert retrieved.run_id == triggered.run_id
    assert retrieved.status == triggered.status
    assert retrieved.created_at == triggered.created_at
    assert triggered.status in ("pending", "starting", "running", "passed", "failed", "error")


def test_sdk_retrieves_a_placeholder_id_as_prism_would(client: telnyx.Telnyx) -> None:
    run = client.ai.assistants.tests.runs.retrieve("run_id", test_id="test_id")
    assert run.created_at.tzinfo is not None


def test_sdk_sees_the_error_convention(client: telnyx.Telnyx) -> None:
    with pytest.raises(telnyx.UnprocessableEntityError) as raised:
        client.ai.assistants.tests.create(name="n", destination="+15551234567", instructions="i", rubric=[])
    detail = raised.value.body["detail"]  # type: ignore[index]
    assert detail[0]["loc"] == ["body", "rubric"]


def test_mock_refuses_requests_without_credentials(mock_url: str) -> None:
    response = httpx.get(mock_url + "/ai/assistants/tests/test_id/runs/run_id")
    assert response.status_code == 401
