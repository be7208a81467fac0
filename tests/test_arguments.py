"""The command line's parser behaviour: defaults named in every help, mistakes reported by their subcommand."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from conformance._arguments import HelpFormatter, SubcommandParser, shows_default


def _tool() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tool", formatter_class=HelpFormatter)
    commands = parser.add_subparsers(required=True, parser_class=SubcommandParser)
    sub = commands.add_parser("sub")
    sub.add_argument("--out", type=Path, default=Path("reports/x"), help="where")
    sub.add_argument("--tag", action="append", default=[], help="a tag")
    sub.add_argument("--ratio", default="50%", help="how much")
    sub.add_argument("--seed", type=int, default=0, help="the seed (default 0)")
    sub.add_argument("--fast", action="store_true", help="go fast")
    sub.add_argument("--name", help="a name")
    return parser


def _sub(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    sub: argparse.ArgumentParser = commands.choices["sub"]
    return sub


def _help_of(parser: argparse.ArgumentParser) -> str:
    return " ".join(_sub(parser).format_help().split())


def test_an_option_gets_its_default_named_without_saying_it() -> None:
    text = _help_of(_tool())
    assert "where (default: reports/x)" in text and "a tag (default: none)" in text
    assert "how much (default: 50%)" in text
    assert "the seed (default 0)" in text and "(default 0) (default" not in text  # said once
    assert "go fast --name" in text and "a name" in text and "a name (default" not in text


def test_only_options_with_a_default_must_name_it() -> None:
    actions = {action.dest: action for action in _sub(_tool())._actions}
    assert {dest for dest, action in actions.items() if shows_default(action)} == {"out", "tag", "ratio", "seed"}


def test_an_unknown_option_is_reported_by_its_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _tool().parse_args(["sub", "--tagg", "x"])
    err = capsys.readouterr().err
    assert (
        err.startswith("usage: tool sub ")
        and "tool sub: error: unrecognized arguments: --tagg x (did you mean --tag?)" in err
    )


def test_a_far_off_option_gets_no_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _tool().parse_args(["sub", "--zzzzzz"])
    assert capsys.readouterr().err.endswith("unrecognized arguments: --zzzzzz\n")


def test_known_arguments_parse() -> None:
    args = _tool().parse_args(["sub", "--tag", "a", "--tag", "b", "--fast"])
    assert (args.tag, args.fast, args.out) == (["a", "b"], True, Path("reports/x"))
