"""`kplan export csv` writes a column for each field of format version 2."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree

PLAN = {
    "plan.yaml": """\
        title: Plán
        period: {start: 2021, end: 2022}
        funding_sources: {SMO: Město, MPSV: Ministerstvo}
        groups:
          - {id: drogy, name: Drogy}
          - {id: seniori, name: Senioři}
        """,
    "activities/drogy/1.1.yaml": """\
        id: "1.1"
        title: Sdílená karta
        responsible: ["Spolek K, z.s.", Petr Dvořák]
        groups: [seniori]
        after: ["1.0"]
        budget:
          amount: 200000
          sources: {SMO: 150000, MPSV: 50000}
          years: {2022: {SMO: 100000, MPSV: 60000}}
          note: cca 12,50 Kč za kus
        milestones:
          - {title: Rozsah, due: 2021-03–2022-06}
          - {title: Stále, due: průběžně}
        evaluations:
          - year: 2021
            status: plní se
            spent: {SMO: 50000, MPSV: 20000}
            reasons: [pandemie covid-19, nedostatek pracovníků]
        """,
    "services/kc.yaml": """\
        id: kc
        name: Kontaktní centrum
        provider: {name: "Centrum, o.p.s."}
        kind: other
        kind_name: Mobilní hospic
        forms: [terénní, ambulantní]
        capacity: [{value: 20, unit: lůžek}, {value: 1.5, unit: úvazku, note: přímá péče}]
        website: https://kc.example.org
        contacts:
          - {name: Vedoucí, phone: ["+420 600 111 222", "+420 600 111 333"],
             email: [a@kc.example.org, b@kc.example.org], public: true}
          - {name: Soukromá, phone: "+420 777 999 888", email: tajny@kc.example.org}
        """,
}


def exported(tmp_path: Path, name: str) -> list[list[str]]:
    root = write_tree(tmp_path / "p", PLAN)
    result = CliRunner().invoke(app, ["export", "csv", name, str(root), "--sep", ","],
                                env={"KPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))


def columns(rows: list[list[str]], *names: str) -> list[list[str]]:
    at = [rows[0].index(n) for n in names]
    return [[row[i] for i in at] for row in rows[1:]]


def test_activities_name_every_person_the_shared_groups_after_and_the_budget_note(
        tmp_path: Path) -> None:
    rows = exported(tmp_path, "activities")
    assert columns(rows, "Odpovědná osoba", "Další skupiny", "Navazuje na",
                   "Poznámka k nákladům") == [
        ["Spolek K, z.s.; Petr Dvořák", "seniori", "1.0", "cca 12,50 Kč za kus"]]


def test_milestones_have_the_first_and_last_day_of_a_range_and_say_ongoing(
        tmp_path: Path) -> None:
    rows = exported(tmp_path, "milestones")
    assert columns(rows, "Krok", "Termín", "Termín od (den)", "Termín (den)", "Průběžně") == [
        ["Rozsah", "2021-03–2022-06", "2021-03-01", "2022-06-30", ""],
        ["Stále", "průběžně", "", "", "ano"]]


def test_evaluations_have_their_reasons_and_the_money_spent_by_source(tmp_path: Path) -> None:
    rows = exported(tmp_path, "evaluations")
    assert columns(rows, "Rok", "Stav", "Vyčerpáno", "Vyčerpáno po zdrojích", "Důvody") == [
        ["2021", "plní se", "70000", "SMO: 50000; MPSV: 20000",
         "pandemie covid-19\nnedostatek pracovníků"]]


def test_services_have_forms_capacity_website_and_every_public_phone_and_email(
        tmp_path: Path) -> None:
    rows = exported(tmp_path, "services")
    assert columns(rows, "Druh", "§", "Formy", "Kapacita", "Web", "Telefony", "E-maily") == [
        ["Mobilní hospic", "", "terénní, ambulantní", "20 lůžek; 1,5 úvazku (přímá péče)",
         "https://kc.example.org", "'+420 600 111 222, +420 600 111 333",
         "a@kc.example.org, b@kc.example.org"]]


def test_the_budget_has_each_sources_money_of_each_year(tmp_path: Path) -> None:
    assert exported(tmp_path, "budget") == [
        ["Zdroj", "Název zdroje", "Rok", "Aktivit", "Plánováno", "Vyčerpáno"],
        ["SMO", "Město", "2021", "1", "150000", "50000"],
        ["SMO", "Město", "2022", "1", "100000", ""],
        ["MPSV", "Ministerstvo", "2021", "1", "50000", "20000"],
        ["MPSV", "Ministerstvo", "2022", "1", "60000", ""]]
