"""`kplan status`, `overdue` and `upcoming` on the example plan, with states worked out by
hand from the seeds' schedule.

Every milestone in data/ is `planned`; they fall due at the end of 2019, 2020, 2021 and
2022. Card 2.1.2 has 3 steps due 2019, 3 due 2020, 2 due 2021 and 1 due 2022; card 3.1.1
has 2 due 2019 and 1 due 2020; card 3.2 has none. The round table of 22 Nov 2016 left 7
open tasks without due dates; the group (min. 2 meetings a year) met once in 2019.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.load.loader import load_plan
from kplan.query.status import (
    horizon,
    number_key,
)
from kplan.query.timeframe import HorizonBasis, Scope, Span, parse_span
from tests.plantree import PlanFactory

EXAMPLE = Path(__file__).resolve().parents[1] / "data"
GROUP = "protidrogova-prevence"
runner = CliRunner()


def kplan(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def status_json(*args: str) -> dict[str, Any]:
    code, out, err = kplan("status", str(EXAMPLE), "--format", "json", *args)
    assert (code, err) == (0, "")
    document: dict[str, Any] = json.loads(out)
    return document


def milestones(document: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {a["number"]: a["milestones"] for a in document["activities"]}


def test_mid_2019_nothing_is_overdue() -> None:
    document = status_json("--as-of", "2019-06-30")
    assert document["version"] == 1
    assert document["as_of"] == "2019-06-30"
    assert milestones(document) == {"2.1.2": {"total": 9, "done": 0, "overdue": 0},
                                    "3.1.1": {"total": 3, "done": 0, "overdue": 0},
                                    "3.2": {"total": 0, "done": 0, "overdue": 0}}
    assert document["totals"] == {"activities": 3, "milestones": 12, "milestones_done": 0,
                                  "milestones_overdue": 0, "milestones_upcoming": 0,
                                  "open_tasks": 7, "overdue_tasks": 0}
    assert document["overdue"] == []
    assert document["upcoming"] == []
    next_steps = {a["number"]: a["next_milestone"] for a in document["activities"]}
    assert next_steps == {
        "2.1.2": {"title": "Mapovat možnosti poskytovatelů na zajištění lůžka",
                  "due": "2019", "due_day": "2019-12-31", "overdue": False},
        "3.1.1": {"title": "Konference", "due": "2019", "due_day": "2019-12-31",
                  "overdue": False},
        "3.2": None,
    }
    assert {a["number"]: a["state"] for a in document["activities"]} == {
        "2.1.2": "open", "3.1.1": "open", "3.2": "open"}
    assert document["meetings_short"] == [
        {"group": GROUP, "year": 2019, "held": 1, "required": 2, "complete": False}]


def test_at_the_start_of_2021_the_2019_and_2020_steps_are_overdue() -> None:
    document = status_json("--as-of", "2021-01-01")
    assert milestones(document) == {"2.1.2": {"total": 9, "done": 0, "overdue": 6},
                                    "3.1.1": {"total": 3, "done": 0, "overdue": 3},
                                    "3.2": {"total": 0, "done": 0, "overdue": 0}}
    assert document["totals"]["milestones_overdue"] == 9
    overdue = [(i["activity"].rpartition("/")[2], i["due"], i["days"])
               for i in document["overdue"]]
    assert overdue == [("2.1.2", "2019", -367)] * 3 + [("3.1.1", "2019", -367)] * 2 + \
        [("2.1.2", "2020", -1)] * 3 + [("3.1.1", "2020", -1)]
    assert {a["number"]: a["state"] for a in document["activities"]} == {
        "2.1.2": "overdue", "3.1.1": "overdue", "3.2": "open"}
    assert [a["next_milestone"] for a in document["activities"][:2]] == [
        {"title": "Mapovat možnosti poskytovatelů na zajištění lůžka", "due": "2019",
         "due_day": "2019-12-31", "overdue": True},
        {"title": "Konference", "due": "2019", "due_day": "2019-12-31", "overdue": True}]
    assert [(s["year"], s["held"], s["complete"]) for s in document["meetings_short"]] == [
        (2019, 1, True), (2020, 0, True), (2021, 0, False)]


def test_when_every_step_is_overdue_the_next_step_is_the_earliest_marked_overdue() -> None:
    code, out, _ = kplan("status", str(EXAMPLE), "--as-of", "2023-06-01", "--format", "md")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("| 2.1.2 |"))
    assert row.endswith(" | 0/9<br>**9 po termínu** | Mapovat možnosti poskytovatelů na "
                        "zajištění lůžka<br>do 31. 12. 2019<br>po termínu |")
    step = status_json("--as-of", "2023-06-01")["activities"][0]["next_milestone"]
    assert step == {"title": "Mapovat možnosti poskytovatelů na zajištění lůžka",
                    "due": "2019", "due_day": "2019-12-31", "overdue": True}


def test_meetings_after_the_day_looked_at_do_not_count() -> None:
    document = status_json("--as-of", "2016-11-21")
    assert document["open_tasks"] == []
    assert document["meetings_short"] == []  # the plan period starts in 2019


def test_a_longer_horizon_brings_the_2021_steps_in() -> None:
    document = status_json("--as-of", "2021-01-01", "--within", "12m")
    assert document["horizon"] == {"end": "2022-01-01", "basis": "within", "within": "12m",
                                   "meeting": None}
    assert [(i["activity"], i["due_day"]) for i in document["upcoming"]] == [
        (f"{GROUP}/2.1.2", "2021-12-31")] * 2
    assert document["totals"]["milestones_upcoming"] == 2


def test_priorities_and_measures_carry_their_titles_where_known() -> None:
    activities = status_json("--as-of", "2019-06-30")["activities"]
    assert [(a["priority"], a["measure"]) for a in activities] == [
        ({"number": "2", "title": None}, {"number": "2.1", "title": None}),
        ({"number": "3", "title": None}, {"number": "3.1", "title": None}),
        ({"number": "3", "title": None},
         {"number": "3.2", "title": "Podporovat služby v síťování a hodnocení efektivity"}),
    ]


def test_text_shows_the_state_in_czech() -> None:
    code, out, _ = kplan("status", str(EXAMPLE), "--as-of", "2021-01-01")
    assert code == 0
    assert "Stav k 1. 1. 2021" in out
    assert "0 z 12 splněno, 9 po termínu, 0 do 1. 4. 2021" in out
    assert "6 po termínu" in out and "3 po termínu" in out
    assert "| 31. 12. 2019 | 2.1.2    | Mapovat možnosti poskytovatelů na zajištění " in out
    assert "367 dní" in out
    assert "2021 (rok běží)" in out
    assert "\x1b[" not in out
    assert all(len(line) <= 100 for line in out.splitlines())
    assert all(ord(c) < 0x2500 or ord(c) > 0x259F for c in out), "no box drawing when piped"


def test_text_in_english() -> None:
    code, out, _ = kplan("status", str(EXAMPLE), "--as-of", "2021-01-01", "--lang", "en")
    assert code == 0
    assert "As of 1 Jan 2021" in out
    assert "0 of 12 done, 9 overdue, 0 due by 1 Apr 2021" in out
    assert "2021 (year still running)" in out


def test_overdue_fail_exits_1_only_when_something_is_overdue() -> None:
    assert kplan("overdue", str(EXAMPLE), "--as-of", "2019-06-30", "--fail")[0] == 0
    code, out, _ = kplan("overdue", str(EXAMPLE), "--as-of", "2021-01-01", "--fail")
    assert code == 1
    assert "Mapovat možnosti poskytovatelů" in out
    assert kplan("overdue", str(EXAMPLE), "--as-of", "2021-01-01")[0] == 0


def test_overdue_and_upcoming_json() -> None:
    code, out, _ = kplan("overdue", str(EXAMPLE), "--as-of", "2020-06-30", "-f", "json",
                         "--group", GROUP)
    document = json.loads(out)
    assert (code, document["command"], document["group"]) == (0, "overdue", GROUP)
    assert [(i["activity"], i["due"]) for i in document["items"]] == [
        (f"{GROUP}/2.1.2", "2019")] * 3 + [(f"{GROUP}/3.1.1", "2019")] * 2
    code, out, _ = kplan("upcoming", str(EXAMPLE), "--as-of", "2020-10-15", "-f", "json")
    document = json.loads(out)
    assert document["horizon"]["end"] == "2021-01-13"
    assert [(i["title"], i["days"]) for i in document["items"]] == [
        ("Edukovat pracovníky v oboru závislostí", 77),
        ("Spolupracovat na vytvoření metodiky pro práci s klienty se závislostí", 77),
        ("Zajistit financování budoucího provozu", 77),
        ("Divadelní představení", 77)]


def test_default_horizon_is_the_groups_next_meeting() -> None:
    plan = load_plan(EXAMPLE).plan
    # The round table of 22 Nov 2016 planned the next one "around March 2017".
    until = horizon(plan, Scope(date(2017, 1, 10), GROUP))
    assert (until.end, until.basis, until.meeting) == (
        date(2017, 3, 31), HorizonBasis.NEXT_MEETING, f"2016-11-22-{GROUP}")
    # Once that day has passed, or for the whole plan of two groups: 90 days.
    assert horizon(plan, Scope(date(2017, 4, 1), GROUP)).basis is HorizonBasis.DEFAULT
    whole = horizon(plan, Scope(date(2017, 1, 10)))
    assert (whole.end, whole.basis) == (date(2017, 4, 10), HorizonBasis.DEFAULT)


@pytest.mark.parametrize(("text", "span", "end"), [
    ("60d", Span(60, "d"), date(2021, 3, 2)),
    ("8w", Span(8, "w"), date(2021, 2, 26)),
    ("3m", Span(3, "m"), date(2021, 4, 1)),
    (" 1Y ", Span(12, "m"), date(2022, 1, 1)),
])
def test_spans(text: str, span: Span, end: date) -> None:
    assert parse_span(text) == span
    assert span.end(date(2021, 1, 1)) == end


def test_month_spans_keep_to_the_end_of_a_short_month() -> None:
    assert Span(1, "m").end(date(2021, 1, 31)) == date(2021, 2, 28)


@pytest.mark.parametrize("text", ["", "60", "d", "2 roky", "-3m", "1.5m"])
def test_bad_spans_are_usage_errors(text: str) -> None:
    with pytest.raises(ValueError):
        parse_span(text)
    code, _, err = kplan("upcoming", str(EXAMPLE), "--within", text)
    assert code == 2
    assert "--within:" in err and "60d" in err


def test_bad_as_of_and_unknown_group_are_usage_errors() -> None:
    code, _, err = kplan("status", str(EXAMPLE), "--as-of", "2021-02-30")
    assert code == 2 and "RRRR-MM-DD" in err
    code, _, err = kplan("overdue", str(EXAMPLE), "--group", "drogy")
    assert code == 2
    assert "skupina „drogy“ v plánu není" in err and GROUP in err


def test_numbers_sort_part_by_part() -> None:
    assert sorted(["2.1.10", "2.1.2", "10.1", "2.1", "3"], key=number_key) == [
        "2.1", "2.1.2", "2.1.10", "3", "10.1"]


BROKEN = """\
id: "1.1.1"
titel: Rozbitá karta
"""


def test_a_plan_with_errors_shows_what_loaded_and_says_so_on_stderr(
        make_plan: PlanFactory) -> None:
    root = make_plan({"activities/drogy/1.1.1.yaml": BROKEN})
    code, out, err = kplan("status", str(root), "--as-of", "2019-06-30", "-f", "json")
    assert code == 0
    assert [a["ref"] for a in json.loads(out)["activities"]] == ["drogy/2.1.2"]
    assert err == ("Plán má 2 chyby; ukazuji jen to, co se načetlo. Podrobnosti: "
                   f"kplan validate {root.as_posix()}\n")
    code, _, err = kplan("overdue", str(root), "--as-of", "2020-01-01", "--fail")
    assert code == 1 and err.startswith("Plán má 2 chyby")


def test_a_usage_mistake_follows_the_note_that_the_plan_has_errors(
        make_plan: PlanFactory) -> None:
    """The mistake is said in the plan's language after the note, exit 2, nothing on stdout."""
    root = make_plan({"activities/drogy/1.1.1.yaml": BROKEN})
    note = ("Plán má 2 chyby; ukazuji jen to, co se načetlo. Podrobnosti: "
            f"kplan validate {root.as_posix()}\n")
    assert kplan("status", str(root), "--group", "nikdo") == (
        2, "", note + "--group: skupina „nikdo“ v plánu není; skupiny: drogy.\n")
    assert kplan("upcoming", str(root), "--within", "brzy", "--lang", "en") == (
        2, "", "The plan has 2 errors; showing only what loaded. Details: kplan validate "
        f"{root.as_posix()}\n--within: 'brzy' is not a length of time; write e.g. 60d (days), "
        "8w (weeks), 3m (months).\n")


def test_a_reference_that_finds_no_card_is_a_usage_mistake_after_the_note(
        make_plan: PlanFactory) -> None:
    root = make_plan({"services/azyl.yaml": "id: azyl\nnazev: Azylový dům\n"})
    assert kplan("show", "azyl", str(root), "--lang", "en") == (
        2, "", "The plan has 4 errors; showing only what loaded. Details: kplan validate "
        f"{root.as_posix()}\nThe file for 'azyl' has errors and did not load; kplan validate "
        "shows them.\n")
    assert kplan("minutes", "2019-01-01-drogy", str(root)) == (
        2, "", "Plán má 4 chyby; ukazuji jen to, co se načetlo. Podrobnosti: kplan validate "
        f"{root.as_posix()}\n„2019-01-01-drogy“ v plánu není (aktivita, služba ani schůzka).\n")
