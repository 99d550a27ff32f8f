"""kplan new need-analysis: a commented needs/<id>.yaml that validates, never overwriting."""

from __future__ import annotations

from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import PlanFactory, found, make_plan

__all__ = ["make_plan"]

EXPECTED = """\
# yaml-language-server: $schema=../schemas/needs.schema.json
# Analýza potřeb: co zjistil workshop, schůzka nebo šetření. Doplňte pole podle
# komentářů; co není známo, nechte null nebo []. Kontrola: kplan validate, přehled:
# kplan needs.
# Identifikátor: Identifikátor analýzy; shoduje se s názvem souboru
# needs/<identifikátor>.yaml.
id: workshop-2026
# Název: Název analýzy, workshopu nebo šetření.
title: "Workshop: senioři"
# Datum: Rok, měsíc nebo den, kdy analýza vznikla; neuvádí-li ho podklad, nechte null.
# Např. date: 2022-04-11, date: 2022-04 nebo date: 2022.
date: null
# Pracovní skupina: Skupina z plan.yaml, je-li.
group: null
# Schůzka: Schůzka, ze které analýza vzešla: název souboru z meetings/ bez .yaml.
meeting: null
# Zdroj: Odkud zjištění jsou (autoři, dokument).
source: null
# Poznámka: Poznámka k analýze.
note: null
# Potřeby: Zjištěné potřeby, jedna položka každá. Položka: id, text, kind, target_groups,
# area, note.
# Např.:
#   needs:
#     - id: nizkoprahove-bydleni
#       text: Nízkoprahové bydlení (princip housing first)
#       kind: chceme
# Aktivita nebo služba na potřebu odpovídá polem needs: [workshop-2026/nizkoprahove-bydleni].
needs: []
# Závěr: Závěr analýzy, uvádí-li ho podklad.
conclusion: null
"""


def kplan(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": "1",
                                                      "KPLAN_NO_CACHE": "1"})
    return result.exit_code, result.output


def test_writes_a_commented_analysis_that_validates(make_plan: PlanFactory) -> None:
    root = make_plan()
    code, output = kplan("new", "need-analysis", "workshop-2026", str(root),
                         "--title", "Workshop: senioři")
    assert (code, output) == (0, f"Zapsáno: {(root / 'needs/workshop-2026.yaml').as_posix()}\n")
    assert (root / "needs/workshop-2026.yaml").read_text("utf-8") == EXPECTED
    assert found(root) == []
    assert kplan("validate", "--strict", str(root))[0] == 0


def test_without_a_title_the_title_is_to_fill_in(make_plan: PlanFactory) -> None:
    root = make_plan()
    assert kplan("new", "need-analysis", "anketa", str(root))[0] == 0
    text = (root / "needs/anketa.yaml").read_text("utf-8")
    assert "\ntitle: Doplňte název analýzy\n" in text
    assert "needs: [anketa/nizkoprahove-bydleni]" in text


def test_never_overwrites(make_plan: PlanFactory) -> None:
    root = make_plan({"needs/anketa.yaml": "id: anketa\ntitle: Moje\n"})
    code, output = kplan("new", "need-analysis", "anketa", str(root))
    assert code == 1
    assert output == f"Soubor {(root / 'needs/anketa.yaml').as_posix()} už existuje; " \
                     "kplan ho nepřepíše.\n"
    assert (root / "needs/anketa.yaml").read_text("utf-8") == "id: anketa\ntitle: Moje\n"


def test_an_id_that_is_no_slug_is_a_usage_error(make_plan: PlanFactory) -> None:
    root = make_plan()
    code, output = kplan("new", "need-analysis", "Anketa 2026", str(root))
    assert code == 2
    assert "ID: hodnota „Anketa 2026“ není povolená; povolené jsou malá písmena bez " \
           "diakritiky, číslice a pomlčky." in output
    assert not (root / "needs").exists()


def test_dry_run_writes_nothing(make_plan: PlanFactory) -> None:
    root = make_plan()
    code, output = kplan("new", "need-analysis", "anketa", str(root), "--dry-run")
    assert code == 0 and "+id: anketa\n" in output
    assert not (root / "needs").exists()


def test_a_title_that_breaks_the_file_is_refused(make_plan: PlanFactory) -> None:
    """The new file is loaded with the plan before it is written, as every kplan new."""
    root = make_plan()
    code, output = kplan("new", "need-analysis", "anketa", str(root), "--title", "x" * 100_001)
    assert code == 1 and "KP117" in output
    assert not (root / "needs" / "anketa.yaml").exists()
