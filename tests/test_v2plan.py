"""Version 2's plan shape on real-shaped plans: four levels with lettered numbers (Praha
2019–2021), two levels (Praha 2022–2024), a provider's plan without groups with
single-number goals and a steering group's minutes (DATA.md, "Version 2")."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.plan.values import number_key
from tests.plantree import found, write_tree
from tests.test_status_golden import check_golden

AS_OF = "2021-06-30"

PRAHA_2019 = {
    "plan.yaml": """\
        title: Komunitní plán rozvoje sociálních služeb hl. m. Prahy 2019–2021
        area: Praha
        period: {start: 2019, end: 2021}
        groups:
          - id: seniori
            name: Pracovní skupina senioři
            level_names: [Priorita, Cíl, Opatření]
            priorities:
              - number: "1"
                title: Podpora sociálních služeb
                measures:
                  - number: "1.1"
                    measures:
                      - number: "1.1.1"
                        title: Rozvoj terénních služeb
                        evaluations:
                          - {year: 2020, status: on_track, comment: Plní se.}
          - id: zdravotne-postizeni
            name: Pracovní skupina osoby se zdravotním postižením
        """,
    "activities/seniori/1.1.1.B.yaml": """\
        id: "1.1.1.B"
        title: Informovat o službách
        responsible: Jana Nováková
        """,
    "activities/seniori/1.1.1.A.yaml": """\
        id: "1.1.1.A"
        title: Realizovat potřebné služby
        responsible: Jana Nováková
        groups: [zdravotne-postizeni]
        milestones:
          - {title: Zmapovat potřeby, due: 2021-09}
        """,
    "activities/seniori/1.1.10.yaml": """\
        id: "1.1.10"
        title: Podpořit pečující
        responsible: Petr Dvořák
        measure: "1"
        """,
}

PRAHA_2022 = {
    "plan.yaml": """\
        title: Střednědobý plán rozvoje sociálních služeb hl. m. Prahy 2022–2024
        period: {start: 2022, end: 2024}
        kind: development_plan
        groups:
          - id: krajsky
            name: Krajská síť
            priorities:
              - {number: "1", title: Podpora stability sítě}
        """,
    "activities/krajsky/1.2.yaml": "id: \"1.2\"\ntitle: Financovat síť\nresponsible: OZV\n",
    "activities/krajsky/1.10.yaml": "id: \"1.10\"\ntitle: Vyhodnotit síť\nresponsible: OZV\n",
}

PROVIDER = {
    "plan.yaml": """\
        title: Plán rozvoje sociálních služeb Charity Testov 2022–2024
        kind: provider_plan
        period: {start: 2022, end: 2024}
        level_names: [Cíl]
        priorities:
          - number: "1"
            title: Rozvoj terénní služby
        amendments:
          - {date: 2023-06-15, title: Dodatek č. 1 – nový cíl 7, resolution: "usnesení 12/2023"}
        """,
    "activities/1.1.yaml": """\
        id: "1.1"
        title: Rozšířit terénní službu o víkendy
        responsible: Jana Nováková
        evaluations:
          - {year: 2022, status: done, comment: Služba běží i o víkendech.}
        """,
    "activities/7.yaml": """\
        id: "7"
        title: Zvýšit kvalifikaci pracovníků
        responsible: Jana Nováková
        milestones:
          - {title: Proškolit pracovníky, due: 2022-11}
        """,
    "meetings/2022-03-02-ridici-skupina.yaml": """\
        date: 2022-03-02
        kind: steering_group
        title: Jednání řídící skupiny
        activities: ["7"]
        decisions:
          - Plán se schvaluje.
          - {text: Dotace na terénní službu, resolution: "usnesení RM č. 12/2022", amount: 150000}
        tasks:
          - title: Připravit vyhodnocení
            owner: [Jana Nováková, Petr Dvořák]
            due: 2022-12
        """,
}


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": ""})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("files", [PRAHA_2019, PRAHA_2022, PROVIDER],
                         ids=["praha-2019", "praha-2022", "provider"])
def test_real_shaped_plans_validate_strictly(tmp_path: Path, files: dict[str, str]) -> None:
    root = write_tree(tmp_path / "plan", files)
    assert found(root) == []
    run("validate", str(root), "--strict")


def test_four_levels_in_status_and_report(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PRAHA_2019)
    check_golden("v2-praha-status.md", run("status", str(root), "--as-of", AS_OF, "-f", "md"))
    check_golden("v2-praha-report.md", run("report", str(root), "--as-of", AS_OF,
                                            "--year", "2020"))
    check_golden("v2-praha-show.txt", run("show", "seniori/1.1.1.A", str(root), "--as-of",
                                          AS_OF))


def test_a_shared_card_is_in_each_group_and_counted_once(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PRAHA_2019)
    shared = run("status", str(root), "--as-of", AS_OF, "--group", "zdravotne-postizeni",
                 "-f", "json")
    assert '"ref": "seniori/1.1.1.A"' in shared and '"activities": 1' in shared
    assert '"activities": 3' in run("status", str(root), "--as-of", AS_OF, "-f", "json")


def test_two_levels_sit_under_the_priority(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PRAHA_2022)
    check_golden("v2-praha-2022-status.txt", run("status", str(root), "--as-of", "2023-01-10"))


def test_a_provider_plan_has_no_invented_heading(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", PROVIDER)
    status = run("status", str(root), "--as-of", "2023-01-10", "-f", "md")
    assert "Priorita 7" not in status and "Opatření 7" not in status
    check_golden("v2-provider-status.md", status)
    report = run("report", str(root), "--as-of", "2023-01-10", "--year", "2022")
    assert report.startswith("# Vyhodnocení plánu rozvoje poskytovatele za rok 2022")
    check_golden("v2-provider-report.md", report)
    check_golden("v2-provider-show-meeting.txt",
                 run("show", "2022-03-02-ridici-skupina", str(root), "--as-of", "2023-01-10"))


def test_numbers_sort_naturally() -> None:
    numbers = ["1.10", "1.1.1.B", "1.2", "3a", "1.1.1.A", "3", "B.1.1", "1.1.1.10"]
    assert sorted(numbers, key=number_key) == \
        ["1.1.1.10", "1.1.1.A", "1.1.1.B", "1.2", "1.10", "3", "3a", "B.1.1"]


_PLAN = """\
    title: Plán
    period: {start: 2019, end: 2021}
    groups:
      - id: seniori
        name: Senioři
        priorities:
          - number: "1"
            measures:
              - number: "1.1"
                measures:
                  - number: "2.1.1"
                    evaluations:
                      - {year: 2020, status: done}
                      - {year: 2020, status: done}
                      - {year: 2025, status: done}
    """


def test_numbers_headings_and_names_refused(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "plan", {
        "plan.yaml": _PLAN,
        "activities/seniori/1.1.1.1.1.A.yaml": 'id: "1.1.1.1.1.A"\ntitle: Šest částí\n',
        "activities/seniori/1.1.AB.yaml": 'id: "1.1.AB"\ntitle: Dvě písmena\n',
        "activities/seniori/1.1.2.yaml": 'id: "1.1.2"\ntitle: T\nresponsible: J\n'
                                         "groups: [senori]\n",
        "meetings/2020-01-10.yaml": "date: 2020-01-11\nkind: steering_group\n",
        "meetings/2020-02-10-ridici-skupina.yaml": "date: 2020-02-10\n",
    })
    assert found(root) == [
        ("activities/seniori/1.1.1.1.1.A.yaml", 1, 5, "KP209"),
        ("activities/seniori/1.1.2.yaml", 4, 10, "KP302"),
        ("activities/seniori/1.1.AB.yaml", 1, 5, "KP209"),
        ("meetings/2020-01-10.yaml", 1, 7, "KP210"),
        ("plan.yaml", 11, 25, "KP306"),
        ("plan.yaml", 14, 28, "KP212"),
        ("plan.yaml", 15, 28, "KP407"),
    ]
