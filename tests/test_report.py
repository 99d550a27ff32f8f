"""kplan report: the yearly evaluation in Markdown and HTML, from built-in or plan templates.

Refresh the golden files after an intended change with ``UPDATE_GOLDEN=1 python -m pytest
tests/test_report.py`` and review the diff of tests/golden/.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from kplan.cli import app
from kplan.load.loader import load_plan
from kplan.query import report as context
from kplan.query import report_needs, report_services
from kplan.render import context as render_context
from kplan.render.context import build_report
from kplan.render.environment import environment, render_report
from tests.plantree import write_tree
from tests.reportplan import AS_OF, NEEDS_PLAN, PLAN, YEAR
from tests.test_status_golden import check_golden, tables

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", PLAN)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, ["report", *args], env={"KPLAN_LANG": "", "NO_COLOR": ""})


def run(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


CASES = {
    "report-2021.md": ["--format", "md"],
    "report-2021.html": ["--format", "html"],
    "report-2021-en.md": ["--format", "md", "--lang", "en"],
}


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, plan: Path) -> None:
    check_golden(name, run(str(plan), "--year", YEAR, "--as-of", AS_OF, *CASES[name]))


NEEDS_CASES = {
    "report-needs-2021.md": ["--format", "md"],
    "report-needs-2021.html": ["--format", "html"],
    "report-needs-2021-en.md": ["--format", "md", "--lang", "en"],
}
NEEDS_SECTION = re.compile(r"\n## (?:Potřeby|Needs)\n.*|<section class=\"group needs\".*?"
                           r"</section>\n|<li><a href=\"#potreby\">[^<]*</a></li>", re.S)


@pytest.mark.parametrize("name", NEEDS_CASES)
def test_golden_with_needs(name: str, plan: Path, tmp_path: Path) -> None:
    """The section on needs (the golden file holds the section alone): what answers each
    need, the gaps with their analysis; without it the report is the plan's report without
    needs, and that has no such section."""
    with_needs = write_tree(tmp_path / "needs", NEEDS_PLAN)
    args = ["--year", YEAR, "--as-of", AS_OF, *NEEDS_CASES[name]]
    text, plain = run(str(with_needs), *args), run(str(plan), *args)
    assert NEEDS_SECTION.sub("", text) == plain
    assert NEEDS_SECTION.search(plain) is None
    check_golden(name, "".join(m.group(0) for m in NEEDS_SECTION.finditer(text)))


def test_needs_section_data(tmp_path: Path) -> None:
    loaded = load_plan(write_tree(tmp_path / "plan", NEEDS_PLAN), today=date(2022, 2, 15)).plan
    section = build_report(loaded, 2021, date(2022, 2, 15), "cs").needs
    assert section is not None and section.needs == 6
    assert [(n.ref, [a.ref for a in n.answers]) for n in section.answered] == [
        ("workshop-2020/krizove-luzko", ["drogy/1.1.1", "terenni-program"]),
        ("workshop-2020/terenni-prace", ["terenni-program"])]
    assert [(n.ref, n.analysis_title) for n in section.gaps] == [
        ("anketa/doprava", "Anketa mezi seniory"),
        ("workshop-2020/noclehy", "Workshop skupiny protidrogové prevence"),
        ("workshop-2020/dluhy", "Workshop skupiny protidrogové prevence")]


def test_no_needs_section_without_needs(plan: Path) -> None:
    loaded = load_plan(plan, today=date(2022, 2, 15)).plan
    assert build_report(loaded, 2021, date(2022, 2, 15), "cs").needs is None
    assert "Potřeby" not in run(str(plan), "--year", YEAR, "--as-of", AS_OF, "--format", "md")


def test_markdown_tables_keep_their_shape() -> None:
    found = tables((Path(__file__).parent / "golden" / "report-2021.md").read_text("utf-8"))
    assert len(found) > 5
    for rows in found:
        assert len({len(r) for r in rows}) == 1, rows


def test_summary_counts(plan: Path) -> None:
    loaded = load_plan(plan, today=date(2022, 2, 15)).plan
    summary = build_report(loaded, 2021, date(2022, 2, 15), "cs").summary
    assert {s.status: s.count for s in summary.by_status} == {
        "done": 1, "on_track": 1, "delayed": 1, "not_started": 0, "not_met": 0, "cancelled": 1,
        "none": 1}
    assert summary.milestones == context.MilestoneCounts(
        total=7, done=3, late=2, postponed=1, cancelled=1, open=0)
    # 200 000 a year + 400 000 over the four years of the plan + 30 000 a year
    assert summary.planned == 330_000
    assert summary.spent == 228_000
    # 1.1.1 names SMO and KÚ without a split: its money is its own row, not one under each
    assert [(s.code, s.kind, s.activities, s.planned, s.spent) for s in summary.sources] == [
        ("EU", "source", 1, 100_000, 50_000), (None, "unsplit", 1, 200_000, 150_000),
        (None, "none", 1, 30_000, 28_000)]
    assert sum(s.planned or 0 for s in summary.sources) == summary.planned
    assert [s.share for s in summary.by_status] == [20.0, 20.0, 20.0, 0.0, 0.0, 20.0, 20.0]
    assert [(m.group, m.held, m.required) for m in summary.meetings] == [
        ("drogy", 2, 2), ("seniori", 0, 1), ("rodiny", 0, None)]


def test_example_plan_2019() -> None:
    """The figures of data/ for 2019, counted by hand from the seeds' files."""
    text = run(str(REPO / "data"), "--year", "2019", "--as-of", "2024-03-01")
    assert "| bez hodnocení | 3 | 100 % |" in text
    assert "| **Celkem** | **3** | |" in text
    # due 2019: three steps of 2.1.2 and two of 3.1.1, all planned, so late after 2019
    assert "| 0 | 5 | 0 | 0 | 0 | **5** |" in text
    assert "| **Celkem** | **3** | **200\xa0000\xa0Kč** | **neuvedeno** |" in text
    assert "| Pracovní skupina protidrogové prevence | 1 | 2 |" in text
    assert "#### 25. 1. 2019 – pracovní skupina" in text
    assert text.count("- **Hodnocení 2019:** bez hodnocení") == 3
    loaded = load_plan(REPO / "data", today=date(2024, 3, 1)).plan
    summary = build_report(loaded, 2019, date(2024, 3, 1), "cs").summary
    assert (summary.activities, summary.milestones.total, summary.milestones.late) == (3, 5, 5)
    assert (summary.planned, summary.meetings_held) == (200_000, 1)
    drugs = next(m for m in summary.meetings if m.group == "protidrogova-prevence")
    assert (drugs.held, drugs.required) == (1, 2)


def test_title_with_markup_is_escaped(tmp_path: Path) -> None:
    files = dict(PLAN)
    files["activities/drogy/1.2.1.yaml"] = str(files["activities/drogy/1.2.1.yaml"]).replace(
        "Preventivní programy ve školách", "'<script>alert(1)</script> a | b'")
    root = write_tree(tmp_path / "escaped", files)
    html = run(str(root), "--year", YEAR, "--as-of", AS_OF, "-f", "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; a | b" in html
    markdown = run(str(root), "--year", YEAR, "--as-of", AS_OF)
    assert "<script>" not in markdown
    assert r"##### 1.2.1 \<script\>alert(1)\</script\> a \| b" in markdown


def test_private_contacts_never_appear(plan: Path) -> None:
    for output_format in ("md", "html"):
        text = run(str(plan), "--year", YEAR, "--as-of", AS_OF, "-f", output_format)
        assert "+420 600 111 222" in text and "sluzba@example.org" in text
        assert "777 999 888" not in text and "soukroma@example.org" not in text
        assert "Soukromá Osoba" not in text


def test_output_to_a_folder_and_a_file(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert invoke(str(plan), "--year", YEAR, "-f", "html", "-o", str(out)).exit_code == 0
    assert (out / "vyhodnoceni-2021.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    target = tmp_path / "zprava.md"
    assert invoke(str(plan), "--year", YEAR, "-o", str(target)).exit_code == 0
    assert target.read_text("utf-8").startswith("# Vyhodnocení plnění komunitního plánu")


def test_default_year_is_the_one_before_as_of(plan: Path) -> None:
    assert "za rok 2021" in run(str(plan), "--as-of", "2022-01-10")


# --- templates ----------------------------------------------------------------------------------

def test_plan_template_overrides_and_extends_the_builtin(plan: Path) -> None:
    write_tree(plan, {
        "templates/report.html.j2": """\
            {% extends "kplan/report.html.j2" %}
            {% block footer %}<footer class="town">Město Testov: \
            {{- report.summary.activities }} aktivit</footer>{% endblock %}
            """,
        "templates/report.md.j2": "Vlastní zpráva {{ report.year }}: {{ report.plan.title|md }}\n",
    })
    html = run(str(plan), "--year", YEAR, "--as-of", AS_OF, "-f", "html")
    assert '<footer class="town">Město Testov:5 aktivit</footer>' in html
    assert "Vyhodnocení plnění komunitního plánu" in html  # the rest is the built-in report
    assert 'class="doc-footer"' not in html
    assert run(str(plan), "--year", YEAR) == "Vlastní zpráva 2021: Komunitní plán Testov " \
        "2020–2023\n"


def test_plan_template_overrides_a_partial(plan: Path) -> None:
    write_tree(plan, {"templates/kplan/_meeting.md.j2": "\n* {{ meeting.date|day }}\n"})
    text = run(str(plan), "--year", YEAR, "--as-of", AS_OF)
    assert "\n* 10. 3. 2021\n" in text and "Jednání skupiny" not in text


def test_undefined_variable_names_template_and_line(plan: Path) -> None:
    write_tree(plan, {"templates/report.md.j2": "Rok {{ report.year }}\n\n{{ report.titel }}\n"})
    result = invoke(str(plan), "--year", YEAR)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Chyba v šabloně templates/report.md.j2 na řádku 3" in result.stderr
    assert "titel" in result.stderr
    assert "Traceback" not in result.output


def test_undefined_in_an_included_partial_names_the_partial(plan: Path) -> None:
    write_tree(plan, {"templates/kplan/_meeting.md.j2": "{{ meeting.date|day }}\n{{ nic }}\n"})
    result = invoke(str(plan), "--year", YEAR, "--lang", "en")
    assert result.exit_code == 1
    assert "Error in template templates/kplan/_meeting.md.j2 on line 2" in result.stderr
    assert "'nic' is undefined" in result.stderr


def test_syntax_error_names_template_and_line(plan: Path) -> None:
    write_tree(plan, {"templates/report.html.j2": "<p>\n{% if report.year %}\n</p>\n"})
    result = invoke(str(plan), "--year", YEAR, "-f", "html")
    assert result.exit_code == 1
    assert re.search(r"Chyba v šabloně templates/report\.html\.j2 na řádku \d: chybný zápis",
                     result.stderr), result.stderr


@pytest.mark.parametrize("expression", ["''.__class__.__mro__", "report.__class__",
                                        "report.plan.__init__.__globals__"])
def test_sandbox_blocks_python_internals(plan: Path, expression: str) -> None:
    write_tree(plan, {"templates/report.md.j2": "ok\n{{ " + expression + " }}\n"})
    result = invoke(str(plan), "--year", YEAR)
    assert result.exit_code == 1
    assert "Chyba v šabloně templates/report.md.j2 na řádku 2: nepovolený přístup, " \
        "šablony běží v sandboxu" in result.stderr
    assert "unsafe" in result.stderr


def test_filter_given_the_wrong_type_is_a_template_error(plan: Path) -> None:
    write_tree(plan, {"templates/report.md.j2": "{{ report.plan.title|money }}\n"})
    result = invoke(str(plan), "--year", YEAR)
    assert result.exit_code == 1
    assert "řádku 1" in result.stderr and "filter money got str" in result.stderr


def test_markdown_is_not_autoescaped_and_html_is(plan: Path) -> None:
    loaded = load_plan(plan, today=date(2022, 2, 15)).plan
    built = build_report(loaded, 2021, date(2022, 2, 15), "cs")
    env = environment(None, built)
    assert env.from_string("{{ '<b>' }}").render() == "<b>"
    assert env.get_template("kplan/report.html.j2").render(report=built, t=built.t) \
        == render_report(built, "html", None)
    assert env.autoescape("kplan/report.html.j2") is True  # type: ignore[operator]
    assert env.autoescape("kplan/report.md.j2") is False  # type: ignore[operator]


# --- documentation --------------------------------------------------------------------------

def test_every_variable_and_filter_is_documented(plan: Path) -> None:
    docs = (REPO / "docs" / "report.md").read_text("utf-8")
    modules = (context, report_needs, report_services, render_context)
    classes = [c for module in modules for c in vars(module).values()
               if isinstance(c, type) and dataclasses.is_dataclass(c)
               and c.__module__ == module.__name__]
    missing = [f"{c.__name__}.{f.name}" for c in classes for f in dataclasses.fields(c)
               if f"`{f.name}`" not in docs]
    missing += [c.__name__ for c in classes if f"`{c.__name__}`" not in docs]
    loaded = load_plan(plan, today=date(2022, 2, 15)).plan
    built = build_report(loaded, 2021, date(2022, 2, 15), "cs")
    filters = environment(None, built).filters
    ours = ("day", "due", "money", "number", "label", "counted", "md_cell", "md", "first_error")
    missing += [name for name in ours if name in filters and f"`{name}`" not in docs]
    missing += [f"t.{key}" for key in built.t if f"`{key}`" not in docs]
    assert not missing, f"undocumented in docs/report.md: {missing}"
