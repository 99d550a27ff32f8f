"""One way to say each thing: texts are ``(cs, en)`` pairs chosen by ``kplan.i18n``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kplan.i18n import counted, in_lang, resolve_lang, say, table_in

SRC = Path(__file__).parents[1] / "src" / "kplan"
_WORDS = {"late": ("{n} po termínu", "{n} overdue"), "brace": ("{{x}}", "{{y}}")}


def _language_tests(path: Path) -> list[str]:
    """Comparisons of a value with ``"cs"`` or ``"en"``: a text chosen outside i18n."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare) and any(
                isinstance(side, ast.Constant) and side.value in ("cs", "en")
                for side in (node.left, *node.comparators)):
            found.append(f"{path}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_but_i18n_tests_the_language() -> None:
    found = [hit for path in sorted(SRC.rglob("*.py")) if path != SRC / "i18n.py"
             for hit in _language_tests(path)]
    assert not found, "choose texts with kplan.i18n (say, in_lang):\n" + "\n".join(found)


def test_the_check_finds_a_language_test(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text('text = "Ano" if lang == "cs" else "Yes"\nok = "en" != lang\n',
                      encoding="utf-8")
    assert len(_language_tests(module)) == 2


def test_say_fills_the_text_of_the_language() -> None:
    assert say(_WORDS, "late", "cs", n=2) == "2 po termínu"
    assert say(_WORDS, "late", "en", n=2) == "2 overdue"
    assert say(_WORDS, "brace", "en") == "{y}"


def test_in_lang_and_table_in() -> None:
    assert in_lang(("den", "day"), "cs") == "den"
    assert in_lang(("den", "day"), "en") == "day"
    assert table_in(_WORDS, "en") == {"late": "{n} overdue", "brace": "{{y}}"}


@pytest.mark.parametrize(("option", "env", "locale", "chosen"), [
    ("en", "cs", "cs_CZ", "en"), (None, "EN_gb", "cs", "en"), (None, None, "en_GB", "en"),
    (None, None, None, "cs"), (None, "de", "fr", "cs"), (" CS ", None, "en", "cs"),
])
def test_resolve_lang(monkeypatch: pytest.MonkeyPatch, option: str | None, env: str | None,
                      locale: str | None, chosen: str) -> None:
    if env is None:
        monkeypatch.delenv("KPLAN_LANG", raising=False)
    else:
        monkeypatch.setenv("KPLAN_LANG", env)
    assert resolve_lang(option, locale) == chosen


def test_counted_follows_the_czech_plural() -> None:
    assert [counted(n, "commit", "cs") for n in (1, 3, 5, 0)] == [
        "1 zápis", "3 zápisy", "5 zápisů", "0 zápisů"]
    assert [counted(n, "commit", "en") for n in (1, 0)] == ["1 commit", "0 commits"]
