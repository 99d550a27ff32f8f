"""The mistakes a coordinator makes by hand, named where they start, in Czech (issue 18)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from tests.corpus_builders import prepare

CORPUS = Path(__file__).parent / "corpus"

CASES = [
    ("KP101-unclosed-quote", "activities/prevence/1.1.1.yaml", 1, 5, "KP101",
     "Soubor není platný YAML: uvozovka \" otevřená zde se na tomto řádku neuzavírá.",
     "Doplňte \" na konec hodnoty: „id: \"1.1.1\"“."),
    ("KP101-unclosed-quote-at-end", "meetings/2020-03-10-prevence.yaml", 3, 8, "KP101",
     "Soubor není platný YAML: uvozovka \" otevřená zde se na tomto řádku neuzavírá.",
     "Doplňte \" na konec hodnoty: „title: \"Jednání pracovní skupiny\"“."),
    ("KP101-dash-without-space", "meetings/2020-03-10-prevence.yaml", 5, 3, "KP101",
     "Soubor není platný YAML: za pomlčkou chybí mezera.",
     "Napište „- Honza Horák“; bez mezery to není položka seznamu."),
    ("KP101-items-under-empty-list", "activities/prevence/1.1.1.yaml", 4, 15, "KP101",
     "Soubor není platný YAML: pod „implementers: []“ následují položky, ale [] znamená "
     "prázdný seznam.",
     "Smažte []: napište jen „implementers:“ a položky pod něj."),
    ("KP101-unclosed-bracket", "activities/prevence/1.1.1.yaml", 3, 15, "KP101",
     "Soubor není platný YAML: závorka [ otevřená zde se na tomto řádku neuzavírá.",
     "Doplňte ] za poslední položku."),
    ("KP106-tab-for-four-spaces", "activities/prevence/1.1.1.yaml", 7, 1, "KP106",
     "Tabulátor v odsazení.",
     "YAML odsazuje jen mezerami: odsaďte řádek čtyřmi mezerami místo tabulátoru."),
    ("KP106-tab-indent", "activities/prevence/1.1.1.yaml", 5, 1, "KP106",
     "Tabulátor v odsazení.",
     "YAML odsazuje jen mezerami: odsaďte řádek dvěma mezerami místo tabulátoru."),
    ("KP201-czech-key", "meetings/2020-03-10-prevence.yaml", 3, 1, "KP201",
     "Neznámé pole „usneseni“.",
     "Název pole „usneseni“ je česky; napište „decisions“."),
    ("KP302-unknown-meeting-group", "meetings/2020-03-10-prevence.yaml", 2, 8, "KP302",
     "Pracovní skupina „prevenec“ v plan.yaml není.",
     "Skupiny v plan.yaml: prevence. Myslíte „prevence“?"),
    ("KP411-legal-form-item", "meetings/2020-03-10-prevence.yaml", 3, 38, "KP411",
     "Položka „o.p.s.“ v poli „attendees“ je jen právní forma, ne organizace.",
     "Čárka v [ ] odděluje položky; dejte celý název do uvozovek: \"Renarkon, o.p.s.\"."),
]


def _diagnostics(case: str, tmp_path: Path, *extra: str) -> list[dict[str, object]]:
    root = prepare(CORPUS / case, tmp_path)
    result = CliRunner().invoke(app, ["validate", str(root), "--format", "json", *extra],
                                env={"KPLAN_LANG": "", "GITHUB_ACTIONS": ""})
    assert result.exit_code in (0, 1), result.output
    diagnostics: list[dict[str, object]] = json.loads(result.stdout)["diagnostics"]
    return diagnostics


@pytest.mark.parametrize(("case", "file", "line", "column", "code", "message", "hint"), CASES)
def test_named_where_it_starts(case: str, file: str, line: int, column: int, code: str,
                               message: str, hint: str, tmp_path: Path) -> None:
    assert _diagnostics(case, tmp_path) == [{
        "file": file, "line": line, "column": column, "code": code,
        "severity": "warning" if code == "KP411" else "error",
        "message": message, "hint": hint}]


def test_single_item_without_space_says_so(tmp_path: Path) -> None:
    root = prepare(CORPUS / "VALID-minimal", tmp_path)
    card = root / "activities/prevence/1.1.1.yaml"
    card.write_text(card.read_text(encoding="utf-8") + "implementers:\n  -Honza Horák\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(root), "--format", "json"])
    [found] = json.loads(result.stdout)["diagnostics"]
    assert (found["code"], found["hint"]) == (
        "KP202", "Za pomlčkou chybí mezera; napište „- Honza Horák“.")


def test_unknown_non_czech_key_is_renamed_not_deleted(tmp_path: Path) -> None:
    root = prepare(CORPUS / "KP201-czech-key", tmp_path)
    meeting = root / "meetings/2020-03-10-prevence.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("usneseni", "zaverky"),
                       encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(root), "--format", "json"])
    [found] = json.loads(result.stdout)["diagnostics"]
    assert found["hint"].startswith("Přejmenujte ho na jedno z povolených polí: date, time, ")
    assert "Smažte" not in found["hint"]


def test_messages_in_english(tmp_path: Path) -> None:
    [found] = _diagnostics("KP101-items-under-empty-list", tmp_path, "--lang", "en")
    assert (found["message"], found["hint"]) == (
        "The file is not valid YAML: items follow 'implementers: []', but [] means an empty "
        "list.", "Delete the []: write just 'implementers:' with the items below it.")


@pytest.mark.parametrize(("card", "message"), [
    ('id: "2.1.2"\ntitle Krok\n  dalsi\ngroup: drogy\n',
     "Soubor není platný YAML: chybí dvojtečka za názvem pole."),
    ("? [a]\n: b\n", "Soubor není platný YAML: název pole musí být text."),
    ("a:\n  b: 1\n c: 2\n", "Soubor není platný YAML: očekává se další pole se stejným "
                            "odsazením."),
    ("title: a\ntitle: b\n", "Pole „title“ je v téže části souboru dvakrát (poprvé na řádku 1)."),
])
def test_yaml_mistakes_speak_of_fields_not_keys(card: str, message: str,
                                                make_plan: Callable[..., Path]) -> None:
    root = make_plan({"activities/drogy/2.1.2.yaml": card})
    result = CliRunner().invoke(app, ["validate", str(root), "--format", "json"],
                                env={"KPLAN_LANG": "", "GITHUB_ACTIONS": ""})
    assert [d["message"] for d in json.loads(result.stdout)["diagnostics"]] == [message]
