"""Help in the user's language: with --lang en (or KPLAN_LANG=en) every help text of every
command is English, with Czech (the default) every one is the Czech one."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from kplan.cli import app, language, main
from kplan.i18n import Lang
from tests.plantree import PlanFactory


def kplan(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", **(env or {})})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


def _commands(command: click.Command,
              path: tuple[str, ...] = ()) -> Iterator[tuple[str, click.Command]]:
    yield " ".join(("kplan", *path)), command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))


def _helps(lang: Lang) -> dict[str, str | None]:
    """Every help text of the app as the language ``lang`` shows it, by where it is."""
    language.choose(["--lang", lang])
    try:
        found: dict[str, str | None] = {}
        for where, command in _commands(typer.main.get_command(app)):
            found[where] = command.help
            found[f"{where} (in the list)"] = language.first_paragraph(command)
            for param in command.params:
                found[f"{where} {param.name}"] = getattr(param, "help", None)
        return found
    finally:
        language.choose(["--lang", "cs"])


ENGLISH, CZECH = _helps("en"), _helps("cs")


@pytest.mark.parametrize("where", sorted(CZECH))
def test_every_help_text_is_czech_by_default_and_english_with_lang_en(where: str) -> None:
    czech, english = CZECH[where], ENGLISH[where]
    assert czech and english
    assert english != czech
    if not where.endswith("(in the list)"):
        assert language._ENGLISH[inspect.cleandoc(czech)] == english


def test_the_walk_sees_every_kind_of_help() -> None:
    assert {"kplan", "kplan new", "kplan validate", "kplan validate path",
            "kplan validate strict", "kplan new activity number",
            "kplan validate (in the list)"} <= set(CZECH)
    assert CZECH["kplan validate strict"] == "Neúspěch i při varováních."
    assert ENGLISH["kplan validate strict"] == "Fail on warnings too."


def test_one_czech_help_has_one_english() -> None:
    assert language.helps("Hodnocený rok.", "The year evaluated.") == "Hodnocený rok."
    with pytest.raises(ValueError, match="Hodnocený rok"):
        language.helps("Hodnocený rok.", "The year of the evaluation.")


VALIDATE_HELP = """\
Usage: kplan validate [OPTIONS] [FOLDER]

  Checks the plan's data and prints every error with its place and a hint.

  Exit status: 0 all right, 1 errors in the data (with --strict warnings too), 2
  wrong use.

Arguments:
  [FOLDER]  The plan's folder (with plan.yaml); by default ./data, else the
            current folder.

Options:
  -f, --format [text|json|github|gitlab]
                                  text (for people), json (for tools), github
                                  (annotations in GitHub Actions; the default
                                  when GITHUB_ACTIONS=true), gitlab (a Code
                                  Quality report for GitLab).
  --strict                        Fail on warnings too.
  --lang [cs|en]                  The language of messages: cs or en (else
                                  KPLAN_LANG, the plan's language).
  --no-cache                      Neither read nor write the cache
                                  (KPLAN_NO_CACHE).
  --help                          Show this message and exit.
"""


@pytest.mark.parametrize(("args", "env"), [
    (("validate", "--help", "--lang", "en"), {}),
    (("--lang", "en", "validate", "--help"), {}),
    (("--lang=en", "validate", "--help"), {}),
    (("validate", "--help"), {"KPLAN_LANG": "en"}),
    (("validate", "--lang", "cs", "--help", "--lang", "en"), {}),
])
def test_the_english_help_of_a_command(args: tuple[str, ...], env: dict[str, str]) -> None:
    assert kplan(*args, env=env) == (0, VALIDATE_HELP)


def test_the_czech_help_stays_the_default() -> None:
    code, out = kplan("validate", "--help")
    assert code == 0
    assert out.startswith("Použití: kplan validate [VOLBY] [SLOŽKA]\n\n  Zkontroluje data "
                          "plánu a vypíše každou chybu s místem a radou.\n")
    assert "  --strict                        Neúspěch i při varováních.\n" in out
    assert kplan("--lang", "cs", "validate", "--help", env={"KPLAN_LANG": "en"})[1] == out


def test_kplan_lang_en_help_lists_the_commands_in_english() -> None:
    code, out = kplan("--lang", "en", "--help")
    assert code == 0
    assert out.startswith(
        "Usage: kplan [OPTIONS] COMMAND [ARGS]...\n\n"
        "  A town's community plan of social services in git: data checks, the plan's\n"
        "  status, evaluation.\n\n"
        "Options:\n"
        "  --lang [cs|en]  The language of messages: cs or en (else KPLAN_LANG, the\n"
        "                  plan's language).\n"
        "  --help          Show this message and exit.\n\n"
        "Commands:\n"
        "  validate    Checks the plan's data and prints every error with its place and a\n"
        "              hint.\n")
    listed = " ".join(out.partition("Commands:")[2].split())
    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        text = " ".join(str(ENGLISH[f"kplan {name} (in the list)"]).split())
        assert f" {name} {text} " in f" {listed} "


def test_lang_before_the_command_is_the_command_s_language(make_plan: PlanFactory) -> None:
    root: Path = make_plan({})
    assert kplan("--lang", "en", "validate", str(root)) == (
        0, "The plan is valid: 1 activity, 0 services, 0 meetings.\n")
    assert kplan("--lang", "en", "validate", str(root), "--lang", "cs") == (
        0, "Plán je v pořádku: 1 aktivita, 0 služeb, 0 schůzek.\n")


@pytest.mark.parametrize(("lang", "said"), [
    ("cs", "Chyba: chybí příkaz.\nNápověda: kplan --help\n"),
    ("en", "Error: Missing command.\nHelp: kplan --help\n"),
])
def test_lang_without_a_command(lang: str, said: str, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.argv", ["kplan", "--lang", lang])
    monkeypatch.delenv("KPLAN_LANG", raising=False)
    with pytest.raises(SystemExit) as exited:
        main()
    assert (exited.value.code, capsys.readouterr().err) == (2, said)
