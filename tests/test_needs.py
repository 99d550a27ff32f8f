"""Needs analyses (DATA.md, "Needs"): the data, the checks, kplan needs and kplan show,
and every seed cited by an example file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.plan.needs import NeedKind, need_kind_from_words
from tests.plantree import PlanFactory, found, load
from tests.test_status_golden import check_golden

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent.parent / "shared" / "seeds"

ANALYSIS = """\
    id: workshop
    title: Závěry workshopu
    date: 2022-04
    source: Zápis pracovní skupiny
    needs:
      - {id: bydleni, text: Nízkoprahové bydlení, kind: Chceme}
      - {id: azyl, text: Azylové domy, kind: máme}
      - {id: prace, text: Nízkoprahová práce, kind: chybi}
      - {id: scena, text: Nebude přehled o drogové scéně, kind: černý scénář}
      - {id: lekari, text: Partneři ze zdravotnictví, kind: problem}
    conclusion: Je co zlepšovat.
    """

FILES: dict[str, str | bytes] = {
    "needs/workshop.yaml": ANALYSIS,
    "needs/seniori.yaml": """\
        id: seniori
        title: Šetření mezi seniory
        group: drogy
        needs:
          - {id: odlehcovaci, text: Odlehčovací služby, kind: want}
        """,
    "activities/drogy/2.1.3.yaml": """\
        id: "2.1.3"
        title: Byty prvního kroku
        responsible: Jana Nováková
        needs: [workshop/bydleni, workshop/prace]
        milestones:
          - {title: Najít byty, due: 2020, status: done, done: 2020-05-01}
          - {title: Zahájit provoz, due: 2021}
        evaluations:
          - {year: 2020, status: on_track}
        """,
    "services/k-centrum.yaml": """\
        id: k-centrum
        name: Kontaktní centrum
        provider: {name: Spolek}
        kind: kontaktni-centra
        needs: [workshop/prace]
        """,
}


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": ""})
    assert result.exit_code == code, result.output
    return result.stdout if code == 0 else result.stderr


@pytest.mark.parametrize(("word", "kind"), [
    ("máme", NeedKind.HAVE), ("NEMÁME", NeedKind.LACK), ("chybi", NeedKind.LACK),
    ("Chceme", NeedKind.WANT), ("problem", NeedKind.PROBLEM), ("cerny scenar", NeedKind.RISK),
    ("riziko", NeedKind.RISK), ("očekávání", NeedKind.EXPECTATION), ("want", NeedKind.WANT)])
def test_kind_takes_czech_with_or_without_diacritics(word: str, kind: NeedKind) -> None:
    assert need_kind_from_words(word) is kind


def test_a_plan_with_needs_is_valid(make_plan: PlanFactory) -> None:
    result = load(make_plan(FILES))
    assert result.diagnostics == []
    assert [a.id for a in sorted(result.plan.needs, key=lambda a: a.id)] == ["seniori",
                                                                              "workshop"]


def test_reference_checks(make_plan: PlanFactory) -> None:
    root = make_plan({**FILES,
                      "needs/nazev.yaml": "id: jiny\ntitle: T\ngroup: nikdo\nmeeting: 2020-01-01\n",
                      "activities/drogy/2.1.4.yaml":
                          'id: "2.1.4"\ntitle: T\nresponsible: X\n'
                          "needs: [workshop/bydlen, workshop/bydlen, rozbita/x]\n",
                      "needs/rozbita.yaml": "id: rozbita\ntitle: [\n",
                      "meetings/2020-03-10-drogy.yaml":
                          "date: 2020-03-10\ngroup: drogy\nneeds: [workshop, workshp]\n"})
    assert found(root) == [
        ("activities/drogy/2.1.4.yaml", 4, 9, "KP313"),
        ("activities/drogy/2.1.4.yaml", 4, 26, "KP212"),
        ("activities/drogy/2.1.4.yaml", 4, 26, "KP313"),
        ("meetings/2020-03-10-drogy.yaml", 3, 19, "KP314"),
        ("needs/nazev.yaml", 1, 5, "KP210"),
        ("needs/nazev.yaml", 3, 8, "KP302"),
        ("needs/nazev.yaml", 4, 10, "KP315"),
        ("needs/rozbita.yaml", 2, 9, "KP101"),
    ]


def test_a_bad_kind_and_a_bad_reference_say_what_is_allowed(make_plan: PlanFactory) -> None:
    root = make_plan({"needs/workshop.yaml": "id: workshop\ntitle: T\nneeds:\n"
                                             "  - {id: a, text: A, kind: snad}\n",
                      "services/k-centrum.yaml": "id: k-centrum\nname: K\nprovider: {name: S}\n"
                                                 "kind: kontaktni-centra\nneeds: [bydleni]\n"})
    out = run("validate", str(root), "--no-cache", code=1)
    text = CliRunner().invoke(app, ["validate", str(root), "--no-cache"]).stdout
    assert out == "" and "Hodnota „snad“ pole „kind“ není mezi povolenými." in text
    assert "→ Použijte jednu z hodnot: have, lack, want, problem, risk, expectation." in text
    assert "→ Odkaz na potřebu má tvar analýza/potřeba, např. " \
           "at-konference-sec/nizkoprahove-bydleni." in text


@pytest.mark.parametrize(("name", "args"), [
    ("needs.txt", []), ("needs.md", ["--format", "md"]), ("needs.json", ["--format", "json"]),
    ("needs-gaps-en.txt", ["--gaps", "--lang", "en"]),
    ("needs-group.md", ["--group", "drogy", "--format", "md"])])
def test_needs_view(make_plan: PlanFactory, name: str, args: list[str]) -> None:
    check_golden(name, run("needs", str(make_plan(FILES)), "--no-cache", *args))


def test_needs_filters(make_plan: PlanFactory) -> None:
    root = str(make_plan(FILES))
    gaps = json.loads(run("needs", root, "--gaps", "--format", "json"))
    assert [n["ref"] for a in gaps["analyses"] for n in a["needs"]] == \
        ["seniori/odlehcovaci", "workshop/lekari"]
    risks = json.loads(run("needs", root, "--kind", "cerny scenar", "--format", "json"))
    assert [n["ref"] for a in risks["analyses"] for n in a["needs"]] == ["workshop/scena"]
    assert risks["summary"] == {"needs": 1, "answered": 0, "gaps": 0}
    assert run("needs", root, "--kind", "snad", code=2) == (
        "--kind: „snad“ není druh potřeby; povolené jsou have (máme), lack (nemáme, chybí), "
        "want (chceme), problem (problém), risk (riziko, černý scénář), expectation "
        "(očekávání).\n")


def test_a_plan_without_needs_says_how_to_start(make_plan: PlanFactory) -> None:
    assert run("needs", str(make_plan())) == (
        "Potřeby plánu\nPlán nemá žádné analýzy potřeb (složka needs/). Novou založí "
        "kplan new need-analysis ID.\n")


def test_show_a_need_and_the_needs_of_a_card(make_plan: PlanFactory) -> None:
    root = str(make_plan(FILES))
    need = run("show", "workshop/prace", root)
    assert need.splitlines()[-3:] == [
        "Co na ni odpovídá",
        "- drogy/2.1.3 Byty prvního kroku (plní se 2020, 1/2 kroků)",
        "- Kontaktní centrum (služba k-centrum)"]
    gap = run("show", "workshop/lekari", root, "--lang", "en")
    assert gap.splitlines()[-1] == "GAP: no activity or service answers this need yet."
    card = run("show", "2.1.3", root)
    assert "Odpovídá na potřeby\n- workshop/bydleni: Nízkoprahové bydlení (chceme)\n" \
           "- workshop/prace: Nízkoprahová práce (nemáme)\n" in card
    data = json.loads(run("show", "workshop/bydleni", root, "--format", "json"))
    assert data["gap"] is False and data["answers"][0]["ref"] == "drogy/2.1.3"


EXAMPLES = ["data", "examples/liberec", "examples/moravskoslezsky-kraj"]


@pytest.mark.parametrize("folder", EXAMPLES)
def test_example_plans_pass_strict(folder: str) -> None:
    run("validate", str(ROOT / folder), "--strict", "--no-cache")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds are not beside the repository")
def test_every_seed_is_cited_by_an_example_file() -> None:
    texts = [p.read_text(encoding="utf-8") for folder in ("data", "examples")
             for p in (ROOT / folder).rglob("*.yaml")]
    for seed in sorted(SEEDS.glob("*.txt")):
        assert any(seed.name in text for text in texts), seed.name
