"""`kplan changes` and `kplan log` say budget and indicator changes in a working group's
words (format version 2: sources with amounts, indicators with a baseline and values)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.test_repo import CARD, MEETING_YAML, PRIORITIES, edit, git, init, kplan, write

CARD_V2 = """\
id: "2.1.2"
title: Podpořit vznik krizového lůžka
responsible: Jana Nováková
budget:
  amount: 200000
  per: year
  sources: {SMO: 150000, KÚ: 50000}
indicators:
  - name: Počet klientů
    unit: osob
    baseline: 10
    target: 20
    values: {2025: 12}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A plan from kplan init with one version-2 card and a meeting, committed."""
    root = init(tmp_path / "plan", "--group", "drogy", "--group-name", "Protidrogová prevence")
    plan = (root / "plan.yaml").read_text(encoding="utf-8")
    write(root, "plan.yaml", re.sub(r"    priorities: \[\].*\n", PRIORITIES, plan))
    write(root, CARD, CARD_V2)
    write(root, "meetings/2025-01-20-drogy.yaml", MEETING_YAML)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Jana Nováková")
    git(root, "config", "user.email", "jana@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Plán", date="2025-01-21T10:00:00")
    return root


def _lines(root: Path, *args: str) -> list[str]:
    code, output = kplan("changes", str(root), *args)
    assert code == 0, output
    return [line[2:] for line in output.splitlines() if line.startswith("- ")]


def _change_budget_and_indicators(repo: Path) -> None:
    edit(repo, CARD, "amount: 200000", "amount: 250000")
    edit(repo, CARD, "{SMO: 150000, KÚ: 50000}", "{SMO: 180000, KÚ: 50000, MPSV: 20000}")
    edit(repo, CARD, "target: 20", "target: 25")
    edit(repo, CARD, "values: {2025: 12}", "values: {2025: 14, 2026: 18}")
    edit(repo, CARD, "indicators:\n", "indicators:\n  - {name: Počet lůžek, target: 1}\n")
    assert kplan("validate", str(repo), "--strict")[0] == 0


def test_budget_and_indicator_changes_in_words(repo: Path) -> None:
    _change_budget_and_indicators(repo)
    card = "2.1.2 Podpořit vznik krizového lůžka: "
    money = {"150": "150\xa0000\xa0Kč", "180": "180\xa0000\xa0Kč", "200": "200\xa0000\xa0Kč",
             "250": "250\xa0000\xa0Kč", "20": "20\xa0000\xa0Kč"}
    assert _lines(repo) == [card + line for line in [
        "nový ukazatel „Počet lůžek“, cíl 1",
        "ukazatel „Počet klientů“: cíl 20 osob → 25 osob",
        "ukazatel „Počet klientů“ 2025: 12 osob → 14 osob",
        "ukazatel „Počet klientů“ 2026: 18 osob",
        f"rozpočet {money['200']} ročně → {money['250']} ročně",
        f"rozpočet, zdroj SMO: {money['150']} ročně → {money['180']} ročně",
        f"rozpočet: nový zdroj MPSV ({money['20']} ročně)"]]
    output = kplan("changes", str(repo), "--format", "md")[1]
    assert "### Ukazatele\n\n- 2.1.2" in output and "### Peníze\n\n- 2.1.2" in output


def test_a_source_removed_and_a_period_changed_in_english(repo: Path) -> None:
    edit(repo, CARD, "per: year", "per: total")
    edit(repo, CARD, "{SMO: 150000, KÚ: 50000}", "{SMO: 200000}")
    code, output = kplan("changes", str(repo), "--lang", "en", "--format", "md")
    assert code == 0, output
    lines = [line[2:] for line in output.splitlines() if line.startswith("- ")]
    assert lines == [
        "2.1.2 Podpořit vznik krizového lůžka: budget 200,000\xa0CZK a year → 200,000\xa0CZK "
        "in total",
        "2.1.2 Podpořit vznik krizového lůžka: budget, source SMO: 150,000\xa0CZK a year → "
        "200,000\xa0CZK in total",
        "2.1.2 Podpořit vznik krizového lůžka: budget: source KÚ removed (50,000\xa0CZK a "
        "year)"]


def test_changes_json_gives_the_kinds_the_unit_and_the_period_before(repo: Path) -> None:
    _change_budget_and_indicators(repo)
    changes = json.loads(kplan("changes", str(repo), "--format", "json")[1])["changes"]
    assert [(c["kind"], c["item"], c["before"], c["after"], c["extra"]) for c in changes] == [
        ("budget", None, 200000, 250000, "year"),
        ("budget_source_changed", "SMO", 150000, 180000, "year"),
        ("budget_source_added", "MPSV", None, 20000, "year"),
        ("indicator_added", "Počet lůžek", None, 1.0, None),
        ("indicator_target", "Počet klientů", 20.0, 25.0, None),
        ("indicator_value", "Počet klientů", 12.0, 14.0, "2025"),
        ("indicator_value", "Počet klientů", None, 18.0, "2026")]
    assert changes[4]["unit"] == "osob" and changes[0]["was"] == "year"
    assert "unit" not in changes[0] and "was" not in changes[4]


def test_log_of_a_card_has_its_budget_and_indicator_changes(repo: Path) -> None:
    _change_budget_and_indicators(repo)
    git(repo, "commit", "-q", "-am", "Rozpočet", date="2025-03-02T10:00:00")
    code, output = kplan("log", "2.1.2", str(repo), "--format", "json")
    assert code == 0, output
    events = json.loads(output)["events"]
    assert [(e["date"][:10], e["kind"], e["milestone"]) for e in events] == [
        ("2025-03-02", "budget", None),
        ("2025-03-02", "budget_source_changed", "SMO"),
        ("2025-03-02", "budget_source_added", "MPSV"),
        ("2025-03-02", "indicator_added", "Počet lůžek"),
        ("2025-03-02", "indicator_target", "Počet klientů"),
        ("2025-03-02", "indicator_value", "Počet klientů"),
        ("2025-03-02", "indicator_value", "Počet klientů")]
    code, output = kplan("log", "2.1.2", str(repo), "--format", "md")
    assert code == 0, output
    assert "| rozpočet | rozpočet 200\xa0000\xa0Kč ročně → 250\xa0000\xa0Kč ročně" in output
    assert "změny kroků harmonogramu, rozpočtu a ukazatelů:" in output
