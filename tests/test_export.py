"""kplan export ics|xlsx|csv and kplan map: read back by independent readers.

The calendar is parsed by the ``icalendar`` package (kplan writes it by hand), the
workbook by openpyxl and by LibreOffice (converted to CSV headless; skipped only when
neither ``soffice`` nor ``libreoffice`` is installed), the CSV by Python's csv module.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from kplan.load.loader import load_plan
from kplan.output.ics import escape_text, fold, parse_time
from kplan.output.tables import TABLES, Cell, all_tables, table
from tests.plantree import write_tree
from tests.reportplan import PLAN

EXTRA: dict[str, str | bytes] = {
    "activities/drogy/1.3.yaml": """\
        id: "1.3"
        title: "=1+1"
        implementers: ["@SUM(A1)", "Spolek K, z.s."]
        partners: [terenni-program, Město Testov]
        responsible: "-Ona; s čárkou, a \\\\ lomítkem"
        milestones:
          - {title: "@SUM(A1)", due: 2022-04-30}
          - {title: "+420 první", due: 2022-05, status: cancelled}
        """,
}
SECRET_PHONE, SECRET_EMAIL = "+420 777 999 888", "soukroma@example.org"


def _plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", {**PLAN, **EXTRA})


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": ""})
    assert result.exit_code == 0, result.output
    return result.output


# --- ics ---------------------------------------------------------------------------------------

def test_ics_parses_with_an_independent_parser(tmp_path: Path) -> None:
    import icalendar

    root = _plan(tmp_path)
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    _run("export", "ics", str(root), "-o", str(first))
    _run("export", "ics", str(root), "-o", str(second))
    raw = first.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends with CRLF"
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    plan = load_plan(root).plan
    milestones = sum(len(a.milestones) for a in plan.activities)
    assert len(events) == milestones + len(plan.meetings)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    again = icalendar.Calendar.from_ical(second.read_bytes())
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")], "UIDs stable across runs"
    by_summary = {str(e["SUMMARY"]): e for e in events}
    bed = by_summary["1.1.1 Vybavit lůžko"]
    assert bed.decoded("DTSTART") == date(2021, 8, 15)
    assert "activities/drogy/1.1.1.yaml" in str(bed["DESCRIPTION"])
    assert "drogy/1.1.1" in str(bed["DESCRIPTION"])
    assert by_summary["1.1.1 Najít prostory"].decoded("DTSTART") == date(2020, 12, 31)
    meeting = by_summary["Jednání skupiny"]
    start = meeting.decoded("DTSTART")
    assert isinstance(start, datetime) and str(start.tzinfo) in ("Europe/Prague", "CET")
    assert (start.hour, meeting.decoded("DTEND").hour) == (9, 11)
    assert str(meeting["LOCATION"]) == "Magistrát, zasedací místnost"
    assert by_summary["1.3 +420 první"]["STATUS"] == "CANCELLED"
    assert len(list(calendar.walk("VTIMEZONE"))) == 1
    workshop = [e for e in events if e.decoded("DTSTART") == date(2021, 10, 5)]
    assert len(workshop) == 1, "a meeting with no time is an all-day event"


def test_ics_one_group(tmp_path: Path) -> None:
    import icalendar

    root = _plan(tmp_path)
    text = _run("export", "ics", str(root), "--group", "seniori")
    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert len(events) == 2  # one milestone and one meeting


def test_ics_escaping_and_folding() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("DESCRIPTION:" + "ž" * 80)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "".join(line[1:] if i else line for i, line in enumerate(lines)) == \
        "DESCRIPTION:" + "ž" * 80
    assert parse_time("09:00–11:00") is not None
    assert parse_time("9:00") is not None and parse_time("9:00")[1] is None  # type: ignore[index]
    assert parse_time("11:00-09:00") is not None and parse_time("11:00-09:00")[1] is None  # type: ignore[index]
    assert parse_time("ráno") is None


# --- xlsx --------------------------------------------------------------------------------------

def _expected(root: Path) -> dict[str, list[tuple[Cell, ...]]]:
    plan = load_plan(root).plan
    return {t.title: [tuple(c.header("cs") for c in t.columns), *t.rows]
            for t in all_tables(plan, "cs")}


def test_xlsx_round_trip(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = _plan(tmp_path)
    target = tmp_path / "plan.xlsx"
    _run("export", "xlsx", str(root), "-o", str(target))
    book = load_workbook(target)
    expected = _expected(root)
    assert book.sheetnames == list(expected)
    for name, rows in expected.items():
        sheet = book[name]
        got = [tuple(_xlsx_value(v) for v in row) for row in sheet.iter_rows(values_only=True)]
        assert got == rows, name
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert all(sheet.column_dimensions[c].width for c in "ABC")
    milestones = book["Harmonogram"]
    due = next(row for row in milestones.iter_rows(min_row=2) if row[2].value == "Vybavit lůžko")
    assert due[4].is_date and due[4].number_format == "d. m. yyyy"
    budget = book["Aktivity"]
    money = next(row[12] for row in budget.iter_rows(min_row=2) if row[0].value == "drogy/1.1.1")
    assert money.value == 200000 and money.number_format == '#,##0 "Kč"'
    plan = load_plan(root).plan
    titles = {m.title for a in plan.activities for m in a.milestones}
    assert {row[2].value for row in milestones.iter_rows(min_row=2)} == titles


def _xlsx_value(value: object) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    return value  # type: ignore[return-value]


def test_xlsx_formula_injection_stays_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = _plan(tmp_path)
    target = tmp_path / "plan.xlsx"
    _run("export", "xlsx", str(root), "-o", str(target))
    book = load_workbook(target)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))]
    values = {c.value for c in cells}
    assert {"=1+1", "@SUM(A1)"} <= values
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FILTER = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1'


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_xlsx_in_libreoffice(tmp_path: Path) -> None:
    root = _plan(tmp_path)
    target = tmp_path / "plan.xlsx"
    _run("export", "xlsx", str(root), "-o", str(target))
    out = tmp_path / "lo"
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    subprocess.run([str(SOFFICE), "--headless", profile, "--convert-to", FILTER,
                    "--outdir", str(out), str(target)],
                   check=True, capture_output=True, timeout=180)
    for name, rows in _expected(root).items():
        text = (out / f"plan-{name}.csv").read_text(encoding="utf-8")
        got = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert len(got) == len(rows), name
        for got_row, row in zip(got, rows, strict=True):
            assert [_lo_value(v) for v in got_row] == [_plain(v) for v in row], name


def _lo_value(text: str) -> str:
    """LibreOffice writes dates in its default (US) format: back to ISO."""
    for pattern in ("%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    return text


def _plain(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# --- csv ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(TABLES))
@pytest.mark.parametrize("sep", [";", ","])
def test_csv_round_trip(tmp_path: Path, name: str, sep: str) -> None:
    root = _plan(tmp_path)
    target = tmp_path / f"{name}.csv"
    _run("export", "csv", name, str(root), "--sep", sep, "-o", str(target))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=sep))
    data = table(load_plan(root).plan, name, "cs")
    assert rows[0] == [c.header("cs") for c in data.columns]
    assert [[_unguard(v) for v in row] for row in rows[1:]] == \
        [[_csv_plain(v, sep) for v in row] for row in data.rows]


def _unguard(text: str) -> str:
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def _csv_plain(value: Cell, sep: str) -> str:
    if isinstance(value, float):
        return repr(value).replace(".", "," if sep == ";" else ".")
    return _plain(value)


def test_csv_formula_injection_is_guarded(tmp_path: Path) -> None:
    root = _plan(tmp_path)
    text = _run("export", "csv", "activities", str(root))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    card = next(row for row in rows if row[0] == "drogy/1.3")
    assert card[3] == "'=1+1"
    assert card[8].startswith("'@SUM(A1)")
    assert card[5].startswith("'-Ona")
    milestones = _run("export", "csv", "milestones", str(root))
    assert ";'@SUM(A1);" in milestones
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in csv.reader(
        io.StringIO(milestones.lstrip("\ufeff")), delimiter=";") for cell in line)


def test_csv_unknown_table_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "csv", "nothing", str(_plan(tmp_path))])
    assert result.exit_code == 2


# --- map ---------------------------------------------------------------------------------------

def test_map_json_and_svg(tmp_path: Path) -> None:
    root = _plan(tmp_path)
    data = json.loads(_run("map", str(root), "--format", "json"))
    edges = {(e["source"], e["target"], e["role"]) for e in data["edges"]}
    assert ("service:terenni-program", "activity:drogy/1.3", "partner") in edges
    assert ("org:Město Testov", "activity:drogy/1.3", "partner") in edges
    assert ("org:NNO", "activity:drogy/1.1.1", "implementer") in edges
    assert ("org:Spolek K, z.s.", "service:terenni-program", "provider") in edges
    assert ("org:Spolek K, z.s.", "activity:drogy/1.3", "implementer") in edges
    svg = _run("map", str(root), "--format", "svg")
    assert svg.startswith("<svg") and "<title>Mapa spolupráce</title>" in svg
    assert svg == _run("map", str(root), "--format", "svg"), "the layout is deterministic"
    text = _run("map", str(root))
    assert "Město Testov" in text and "realizátor" in text


# --- privacy -----------------------------------------------------------------------------------

def test_no_private_contact_in_any_output(tmp_path: Path) -> None:
    root = _plan(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    _run("export", "ics", str(root), "-o", str(out / "plan.ics"))
    _run("export", "xlsx", str(root), "-o", str(out / "plan.xlsx"))
    for name in TABLES:
        _run("export", "csv", name, str(root), "-o", str(out / f"{name}.csv"))
    (out / "map.json").write_text(_run("map", str(root), "--format", "json"))
    _run("site", str(root), "-o", str(out / "web"), "--as-of", "2022-02-15")
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 20
    public = False
    for path in files:
        if path.suffix == ".xlsx":
            import zipfile

            with zipfile.ZipFile(path) as archive:
                content = b"".join(archive.read(n) for n in archive.namelist())
        else:
            content = path.read_bytes()
        for secret in (SECRET_PHONE, SECRET_EMAIL, "Soukromá Osoba"):
            assert secret.encode() not in content, (path, secret)
        public = public or b"sluzba@example.org" in content
    assert public, "the public contact is published"


def test_docs_list_every_column_of_every_table() -> None:
    from kplan.output.tables import TABLES

    text = (Path(__file__).parent.parent / "docs" / "export.md").read_text(encoding="utf-8")
    for name, (cs, _, columns, _) in TABLES.items():
        section = text.split(f"## `{name}` ({cs})\n")[1].split("\n## ")[0]
        listed = [line.split(" | ")[:2] for line in section.splitlines()
                  if line.startswith("| ") and not line.startswith("| Sloupec")]
        assert listed == [[f"| {c.cs}", c.en] for c in columns], name


@pytest.mark.parametrize("name", list(TABLES))
def test_csv_of_a_cached_plan_in_pieces_is_the_whole_tables(
        tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a card changed, the plan's cards are skeletons read whole one at a time, and
    the CSV is encoded two rows a piece: the bytes are those of the whole plan's table."""
    from kplan.output import tables
    from kplan.output.tables import csv_text

    root = _plan(tmp_path)
    _run("validate", str(root))
    card = root / "activities" / "drogy" / "1.3.yaml"
    card.write_text(card.read_text("utf-8") + "# změna\n", "utf-8")
    monkeypatch.setattr(tables, "ROWS_A_PIECE", 2)
    target = tmp_path / f"{name}.csv"
    _run("export", "csv", name, str(root), "-o", str(target))
    whole = csv_text(table(load_plan(root).plan, name, "cs"), ";", "cs")
    assert target.read_bytes() == ("\ufeff" + whole).encode("utf-8")


def test_ics_of_a_cached_plan_is_the_whole_plans(tmp_path: Path) -> None:
    from kplan.output.ics import calendar_text

    root = _plan(tmp_path)
    _run("validate", str(root))
    card = root / "activities" / "drogy" / "1.3.yaml"
    card.write_text(card.read_text("utf-8") + "# změna\n", "utf-8")
    target = tmp_path / "plan.ics"
    _run("export", "ics", str(root), "-o", str(target))
    made = target.read_text("utf-8")
    stamp = datetime.strptime(made.split("DTSTAMP:")[1][:16], "%Y%m%dT%H%M%SZ")
    whole = calendar_text(load_plan(root).plan, None, stamp.replace(tzinfo=UTC))
    assert made.replace("\r\n", "\n") == whole.replace("\r\n", "\n")
    assert "SUMMARY:1.3 @SUM(A1)" in made


def test_xlsx_of_a_cached_plan_is_the_whole_plans(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """After a card changed, the workbook is made of the plan's cards read whole one at a
    time: every cell is what a run without the cache writes."""
    from openpyxl import load_workbook

    root = _plan(tmp_path)
    _run("validate", str(root))
    card = root / "activities" / "drogy" / "1.3.yaml"
    card.write_text(card.read_text("utf-8") + "# změna\n", "utf-8")
    books = []
    for name in ("cached", "whole"):
        if name == "whole":
            monkeypatch.setenv("KPLAN_NO_CACHE", "1")
        _run("export", "xlsx", str(root), "-o", str(tmp_path / f"{name}.xlsx"))
        book = load_workbook(tmp_path / f"{name}.xlsx", read_only=True)
        books.append([[cell.value for row in sheet.iter_rows() for cell in row]
                      for sheet in book.worksheets])
    assert books[0] == books[1] and len(books[0]) == len(TABLES)
