"""Which environment values an error's message hides: secrets, not the shell's folders."""

from __future__ import annotations

import pytest

from conformance.runner.targets import environment_redactor


def test_variables_that_say_secret_are_hidden_but_the_working_folder_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PWD", "/srv/checkout")
    monkeypatch.setenv("OLDPWD", "/srv/elsewhere")
    monkeypatch.setenv("SERVICE_PASSWORD", "hunter2-very-secret")
    text = environment_redactor().text("/srv/checkout/spec.yaml failed with hunter2-very-secret")
    assert text == "/srv/checkout/spec.yaml failed with [REDACTED]"
