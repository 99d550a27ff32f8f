"""Jana's planning year, through the command line only, on a copy of the example plan.

Jana coordinates the drug-prevention group and has never used a terminal: she types
values as she would write them in Czech, and never edits YAML by hand.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app

DATA = Path(__file__).parents[1] / "data"
GROUP = "protidrogova-prevence"
MEETING = f"2022-03-15-{GROUP}"
CARD = f"activities/{GROUP}/2.1.3.yaml"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The plan folder, where Jana opened her terminal."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    monkeypatch.chdir(root)
    return root


def kplan(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def test_janas_year(plan: Path) -> None:
    said = [
        kplan("new", "activity", GROUP, "2.1.3", "--title", "Krizová linka",
              "--implementer", "Renarkon, o.p.s.", "--responsible", "Jana Nováková"),
        kplan("new", "meeting", GROUP, "--date", "15. 3. 2022"),
        kplan("add", "decision", MEETING, "Skupina souhlasí: krizová linka ano"),
        kplan("add", "task", MEETING, "--title", "Oslovit kraj", "--owner",
              "Jana Nováková", "--due", "2022-06", "--activity", "2.1.3"),
        kplan("add", "milestone", "2.1.3", "--title", "Spustit linku", "--due", "2022-09"),
        kplan("done", "2.1.3", "1", "--date", "15.9.2022"),
        kplan("evaluate", "2.1.3", "--year", "2022", "--status", "plní se",
              "--spent", "150 000 Kč", "--comment", "Linka běží od září."),
        kplan("task", "done", MEETING, "kraj"),
    ]
    assert said == [
        f"Zapsáno: {CARD}\n",
        f"Zapsáno: meetings/{MEETING}.yaml\n",
        f"Zapsáno: meetings/{MEETING}.yaml (usnesení 1)\n",
        f"Zapsáno: meetings/{MEETING}.yaml (úkol 1 „Oslovit kraj“)\n",
        f"Zapsáno: {CARD} (krok 1 „Spustit linku“ aktivity {GROUP}/2.1.3, termín 2022-09)\n",
        f"Zapsáno: {CARD} (krok 1 „Spustit linku“ aktivity {GROUP}/2.1.3 splněn 15. 9. 2022)\n",
        f"Rozumím: --spent „150 000 Kč“ = 150 000 Kč.\nZapsáno: {CARD} (nové hodnocení 2022 "
        f"aktivity {GROUP}/2.1.3: plní se, vyčerpáno 150 000 Kč, s komentářem)\n",
        f"Zapsáno: meetings/{MEETING}.yaml (úkol 1 „Oslovit kraj“ splněn)\n",
    ]
    assert kplan("validate", "--strict") == \
        "Plán je v pořádku: 4 aktivity, 2 služby, 3 schůzky, 1 analýza potřeb.\n"

    card = (plan / CARD).read_text(encoding="utf-8")
    for line in ('implementers: ["Renarkon, o.p.s."]', "responsible: Jana Nováková",
                 "  - title: Spustit linku\n    due: 2022-09\n    status: done\n"
                 "    done: 2022-09-15\n",
                 "  - year: 2022\n    status: on_track\n    spent: 150000\n"
                 "    comment: Linka běží od září.\n"):
        assert line in card
    minutes = (plan / "meetings" / f"{MEETING}.yaml").read_text(encoding="utf-8")
    assert '"Skupina souhlasí: krizová linka ano"' in minutes
    assert "title: Oslovit kraj" in minutes and "status: done" in minutes

    shown = kplan("show", MEETING, "--as-of", "2022-10-01")
    assert re.search(r"^\| Č\. \| Termín +\| Úkol", shown, re.MULTILINE)
    assert re.search(r"^\| 1\. \| 30\. 6\. 2022 \| Oslovit kraj \|", shown, re.MULTILINE)

    brief = kplan("status", "--group", GROUP, "--as-of", "2022-10-01", "--brief")
    assert "| 2.1.3 | Krizová linka" in brief and "1/1" in brief
    assert len(brief.splitlines()) <= 40
    sent = kplan("minutes", MEETING)
    assert "Skupina souhlasí: krizová linka ano" in sent and "Oslovit kraj" in sent
    report = kplan("report", "--year", "2022", "--as-of", "2023-01-15", "-o", "vystupy/")
    assert report == "Zapsáno: vystupy/vyhodnoceni-2022.md\n"
    assert "Krizová linka" in (plan / "vystupy" / "vyhodnoceni-2022.md").read_text(
        encoding="utf-8")
