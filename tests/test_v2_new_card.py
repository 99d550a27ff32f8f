"""kplan new activity for a card of the plan as a whole (activities/<number>.yaml, a bare
reference): in a plan without working groups by the number alone, in a plan with groups
when asked with --whole-plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import PLAN_YAML, PlanFactory, write_tree

NO_GROUPS = """\
title: Plán rozvoje sociálních služeb Testov
area: Testov
period: {start: 2024, end: 2026}
locale: cs
currency: CZK
priorities:
  - number: "1"
    title: Dostupnost služeb
    measures:
      - number: "1.2"
        title: Informovanost
"""


def kplan(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"GITHUB_ACTIONS": "", "KPLAN_LANG": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_a_plan_without_groups_gets_a_card_of_its_own_by_the_number_alone(
        tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", {"plan.yaml": NO_GROUPS})
    for number in ("1.1", "1.2.3.A", "7"):
        code, output = kplan("new", "activity", number, str(root), "--title", "Linka",
                             "--responsible", "Jana Nováková")
        assert (code, output) == (0, f"Zapsáno: {root.as_posix()}/activities/{number}.yaml\n")
    card = (root / "activities/1.2.3.A.yaml").read_text(encoding="utf-8")
    assert card.startswith("# yaml-language-server: $schema=../schemas/activity.schema.json\n")
    assert '\nmeasure: "1.2"\n' in card  # the longest heading plan.yaml defines
    assert "kplan add milestone 1.2.3.A --title" in card
    assert "\nmeasure: null\n" in (root / "activities/7.yaml").read_text(encoding="utf-8")
    assert kplan("validate", "--strict", str(root)) == (
        0, "Plán je v pořádku: 3 aktivity, 0 služeb, 0 schůzek.\n")
    assert kplan("show", "1.2.3.A", str(root))[0] == 0


def test_the_number_alone_in_the_plan_folder(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_tree(tmp_path / "plan", {"plan.yaml": NO_GROUPS})
    monkeypatch.chdir(root)
    code, output = kplan("new", "activity", "1.1", "--dry-run")
    assert code == 0 and "+++ b/activities/1.1.yaml" in output
    assert not (root / "activities").exists()


def test_a_group_named_in_a_plan_without_groups_says_how_to_write_the_card(
        tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", {"plan.yaml": NO_GROUPS})
    assert kplan("new", "activity", "seniori", "1.1", str(root)) == (
        2, "Skupina „seniori“ v plan.yaml není; plán nemá pracovní skupiny. Kartu plánu jako "
           "celku založíte bez skupiny: kplan new activity ČÍSLO.\n")
    assert not (root / "activities").exists()


def test_a_plan_with_groups_asks_which_card_is_meant(make_plan: PlanFactory) -> None:
    root = make_plan()
    assert kplan("new", "activity", "2.1.3", str(root)) == (
        2, "Plán má pracovní skupiny (drogy). Napište skupinu před číslo (kplan new activity "
           "SKUPINA ČÍSLO), nebo pro kartu plánu jako celku přidejte --whole-plan.\n")
    assert kplan("new", "activity", "2.1.3", str(root), "--lang", "en") == (
        2, "The plan has working groups (drogy). Put the group before the number (kplan new "
           "activity GROUP NUMBER), or add --whole-plan for a card of the plan as a whole.\n")
    assert not (root / "activities/2.1.3.yaml").exists()


def test_whole_plan_writes_the_common_card_of_a_plan_with_groups(
        make_plan: PlanFactory) -> None:
    root = make_plan({"plan.yaml": PLAN_YAML + 'priorities:\n  - number: "5"\n'})
    code, output = kplan("new", "activity", "5.1", str(root), "--whole-plan",
                         "--responsible", "Jana Nováková")
    assert (code, output) == (0, f"Zapsáno: {root.as_posix()}/activities/5.1.yaml\n")
    assert kplan("validate", "--strict", str(root))[0] == 0
    code, output = kplan("new", "activity", "drogy", "2.1.3", str(root), "--whole-plan")
    assert code == 2
    assert output == ("--whole-plan: karta plánu jako celku nemá skupinu; napište jen číslo: "
                      "kplan new activity 2.1.3 --whole-plan (nebo bez --whole-plan kartu "
                      "skupiny drogy).\n")

