"""The command line keeps secrets out of what it prints: URLs with a password, errors that quote one."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette

from conformance.cli import main
from tests.apps.secret_echo import create_app
from tests.servers import serve
from tests.test_cli import valid_report

PASSWORD = "pw-0f9e8d7c6b"


@pytest.mark.parametrize(
    "base_url",
    [
        f"http://ann:{PASSWORD}@127.0.0.1:9",
        f"https://ann:{PASSWORD}@api.test:99999/v1",  # refused for its password before its port
        f"http://{PASSWORD}@127.0.0.1:9/",
    ],
)
def test_a_base_url_with_a_password_is_refused_naming_the_variable_to_use(
    base_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "telnyx", "--base-url", base_url]) == 2
    out, err = capsys.readouterr()
    assert err == (
        "conformance: error: the base URL carries a user and password; put the secret in $TELNYX_API_KEY instead\n"
    )
    assert PASSWORD not in out + err


def test_a_base_url_with_a_query_is_refused_without_showing_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "telnyx", "--base-url", f"http://127.0.0.1:9/v1?api_key={PASSWORD}"]) == 2
    err = capsys.readouterr().err
    assert "'http://127.0.0.1:9/v1': a base URL has no query or fragment" in err and PASSWORD not in err


def test_a_spec_url_with_a_password_is_read_with_it_and_never_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with serve(create_app("bearer", "sk-unused-0123456789", spec_password=PASSWORD)) as origin:
        url = origin.replace("http://", f"http://ann:{PASSWORD}@") + f"/openapi.json?token={PASSWORD}x"
        code = main(["run", "--spec", url, "--report-dir", str(tmp_path / "reports"), "--max-examples", "1"])
    out, err = capsys.readouterr()
    assert code == 1, err
    written = "".join(path.read_text("utf-8") for path in (tmp_path / "reports").iterdir())
    assert valid_report(tmp_path / "reports")["run"]["target"] == origin
    assert PASSWORD not in written + out + err and "ann:" not in written + out + err


def test_an_error_fetching_a_spec_url_does_not_show_its_password(capsys: pytest.CaptureFixture[str]) -> None:
    with serve(Starlette()) as origin:
        url = origin.replace("http://", f"http://ann:{PASSWORD}@") + f"/missing.json?key={PASSWORD}x"
        assert main(["run", "--spec", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("conformance: error: ") and "HTTP 404" in err and err.count("\n") == 1
    assert PASSWORD not in err


def test_an_internal_error_quoting_a_secret_is_shown_redacted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from conformance.checks import base

    monkeypatch.setenv("TELNYX_API_KEY", PASSWORD)

    def broken(ctx: object) -> list[object]:
        raise ValueError(f"cannot compare {PASSWORD!r}")

    monkeypatch.setitem(base.CHECKS, "schema", broken)
    assert main(["run", "revring", "--max-examples", "1", "--report-dir", str(tmp_path), "--quiet"]) == 70
    err = capsys.readouterr().err
    assert "conformance: internal error: ValueError: cannot compare '[REDACTED]'" in err
    written = "".join(path.read_text("utf-8") for path in tmp_path.iterdir())
    assert "cannot compare '[REDACTED]'" in written and PASSWORD not in err + written
