"""`kplan changes` and `kplan log` say budget and indicator changes in a working group's
words (format version 2: sources with amounts, indicators with a baseline and values)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.test_repo import (
    CARD,
    MEETING_YAML,
    PRIORITIES,
    edit,
    first_commit,
    git,
    init,
    kplan,
    write,
)

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
    return first_commit(root)


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


# --- money by year, a note, an unknown amount; baseline, direction, change ------------------

CARD_REF = "2.1.2 Podpořit vznik krizového lůžka: "
KC = {n: f"{n}\xa0000\xa0Kč" for n in ("10", "50", "90", "100", "150", "160", "200")}


def _md(root: Path, *args: str) -> list[str]:
    """The changes as Markdown bullets (whole lines, as the terminal would wrap them)."""
    code, output = kplan("changes", str(root), "--format", "md", *args)
    assert code == 0, output
    return [line[2:] for line in output.splitlines() if line.startswith("- ")]


def test_money_by_year_and_the_budget_note_in_words(repo: Path) -> None:
    edit(repo, CARD, "  sources: {SMO: 150000, KÚ: 50000}\n",
         "  sources: {SMO: 150000, KÚ: 50000}\n  years: {2025: 150000, 2026: {SMO: 100000, "
         "KÚ: 60000}}\n  note: cca 12,50 Kč za kus\n")
    assert kplan("validate", str(repo), "--strict")[0] == 0
    assert _md(repo) == [CARD_REF + line for line in [
        f"rozpočet na rok 2025: {KC['150']}",
        f"rozpočet na rok 2026: {KC['160']}",
        "nová poznámka k rozpočtu: „cca 12,50 Kč za kus“"]]
    git(repo, "commit", "-q", "-am", "Po letech", date="2025-02-01T10:00:00")
    edit(repo, CARD, "years: {2025: 150000, 2026: {SMO: 100000, KÚ: 60000}}",
         "years: {2026: {SMO: 90000, KÚ: 60000, MPSV: 10000}}")
    edit(repo, CARD, "note: cca 12,50 Kč za kus", "note: cca 13 Kč za kus")
    assert _md(repo) == [CARD_REF + line for line in [
        f"rozpočet na rok 2025 už není uveden zvlášť (byl {KC['150']}), rok se řídí částkou "
        "karty",
        f"rozpočet na rok 2026, zdroj SMO: {KC['100']} → {KC['90']}",
        f"rozpočet na rok 2026, zdroj MPSV: – → {KC['10']}",
        "poznámka k rozpočtu: „cca 12,50 Kč za kus“ → „cca 13 Kč za kus“"]]
    assert _md(repo, "--lang", "en") == [CARD_REF + line for line in [
        "budget for 2025 no longer given on its own (it was 150,000\xa0CZK); the year "
        "follows the card's amount",
        "budget for 2026, source SMO: 100,000\xa0CZK → 90,000\xa0CZK",
        "budget for 2026, source MPSV: – → 10,000\xa0CZK",
        "budget note: 'cca 12,50 Kč za kus' → 'cca 13 Kč za kus'"]]
    changes = json.loads(kplan("changes", str(repo), "--format", "json")[1])["changes"]
    assert [(c["kind"], c["item"], c["before"], c["after"], c["extra"]) for c in changes] == [
        ("budget_year", None, 150000, None, "2025"),
        ("budget_year_source", "SMO", 100000, 90000, "2026"),
        ("budget_year_source", "MPSV", None, 10000, "2026"),
        ("budget_note", None, "cca 12,50 Kč za kus", "cca 13 Kč za kus", None)]


def test_an_amount_no_longer_known_is_neuvedeno_never_zero(repo: Path) -> None:
    edit(repo, CARD, "  amount: 200000\n", "  amount: null\n")
    edit(repo, CARD, "{SMO: 150000, KÚ: 50000}", "[SMO, KÚ]")
    assert kplan("validate", str(repo), "--strict")[0] == 0
    assert _md(repo) == [CARD_REF + line for line in [
        f"rozpočet {KC['200']} ročně → neuvedeno",
        f"rozpočet, zdroj SMO: {KC['150']} ročně → bez vlastní částky",
        f"rozpočet, zdroj KÚ: {KC['50']} ročně → bez vlastní částky"]]
    english = "\n".join(_md(repo, "--lang", "en"))
    assert "budget 200,000\xa0CZK a year → not given" in english
    assert "budget, source KÚ: 50,000\xa0CZK a year → no amount of its own" in english


def test_baseline_direction_and_change_of_an_indicator_in_words(repo: Path) -> None:
    edit(repo, CARD, "    baseline: 10\n", "    baseline: {value: 12, year: 2024}\n")
    edit(repo, CARD, "indicators:\n", "indicators:\n  - {name: Kapacita DOZP, unit: lůžek, "
         "direction: decrease, change: -100}\n")
    assert kplan("validate", str(repo), "--strict")[0] == 0
    assert _md(repo) == [CARD_REF + line for line in [
        "nový ukazatel „Kapacita DOZP“, cíl o 100 lůžek méně",
        "ukazatel „Počet klientů“: výchozí stav 10 osob → 12 osob (2024)"]]
    git(repo, "commit", "-q", "-am", "Ukazatele", date="2025-02-01T10:00:00")
    edit(repo, CARD, "change: -100", "change: -150")
    edit(repo, CARD, "    baseline: {value: 12, year: 2024}\n",
         "    baseline: {value: 12, year: 2024}\n    direction: snížení\n")
    assert _md(repo) == [CARD_REF + line for line in [
        "ukazatel „Kapacita DOZP“: cílem je změna o 100 lůžek méně → o 150 lůžek méně",
        "ukazatel „Počet klientů“: více je lépe → méně je lépe"]]
    assert _md(repo, "--lang", "en") == [
        CARD_REF + "indicator 'Kapacita DOZP': the target change down by 100 lůžek → down by "
                   "150 lůžek",
        CARD_REF + "indicator 'Počet klientů': more is better → less is better"]
    changes = json.loads(kplan("changes", str(repo), "--format", "json")[1])["changes"]
    assert [(c["kind"], c["before"], c["after"]) for c in changes] == [
        ("indicator_change", -100.0, -150.0), ("indicator_direction", "increase", "decrease")]


def test_log_says_the_money_of_a_year(repo: Path) -> None:
    edit(repo, CARD, "  sources: {SMO: 150000, KÚ: 50000}\n",
         "  sources: {SMO: 150000, KÚ: 50000}\n  years: {2025: 150000}\n")
    git(repo, "commit", "-q", "-am", "Rok 2025", date="2025-03-02T10:00:00")
    code, output = kplan("log", "2.1.2", str(repo), "--format", "md")
    assert code == 0, output
    assert f"| rozpočet | rozpočet na rok 2025: {KC['150']} |" in output
