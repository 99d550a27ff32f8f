"""Where report, export, site and schema write: a folder or a file as ``-o`` means it,
one line a file written, and never through a link found at the target."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from tests.plantree import write_tree
from tests.reportplan import AS_OF, PLAN, YEAR


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_tree(tmp_path / "plan", PLAN)


def kplan(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"KPLAN_LANG": "", "NO_COLOR": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_a_trailing_slash_means_a_folder_made_for_the_file(plan: Path) -> None:
    code, output = kplan("report", "plan", "--year", YEAR, "-f", "html", "--as-of", AS_OF,
                         "-o", "vystupy/")
    assert (code, output) == (0, f"Zapsáno: vystupy/vyhodnoceni-{YEAR}.html\n")
    assert Path(f"vystupy/vyhodnoceni-{YEAR}.html").read_text("utf-8").startswith("<!DOCTYPE")
    code, output = kplan("export", "csv", "milestones", "plan", "-o", "tabulky/", "--lang", "en")
    assert (code, output) == (0, "Written: tabulky/milestones.csv\n")
    assert Path("tabulky/milestones.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_an_existing_folder_gets_the_named_file(plan: Path) -> None:
    Path("out").mkdir()
    assert kplan("export", "ics", "plan", "-o", "out") == (0, "Zapsáno: out/plan.ics\n")
    assert kplan("export", "xlsx", "plan", "-o", "out") == (0, "Zapsáno: out/plan.xlsx\n")
    assert kplan("report", "plan", "--year", YEAR, "--as-of", AS_OF, "-o", "out") == (
        0, f"Zapsáno: out/vyhodnoceni-{YEAR}.md\n")
    assert sorted(p.name for p in Path("out").iterdir()) == [
        "plan.ics", "plan.xlsx", f"vyhodnoceni-{YEAR}.md"]


def test_a_file_in_a_missing_folder_is_written_there(plan: Path) -> None:
    assert kplan("export", "ics", "plan", "-o", "nove/kalendar.ics") == (
        0, "Zapsáno: nove/kalendar.ics\n")
    assert Path("nove/kalendar.ics").read_text("utf-8").startswith("BEGIN:VCALENDAR")


def _link(at: str, target: Path) -> None:
    Path(at).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, at)


def test_report_and_export_replace_a_link_and_keep_its_target(plan: Path,
                                                              tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("moje data\n", encoding="utf-8")
    cases = [("report", "plan", "--year", YEAR, "--as-of", AS_OF, "-o", "out/zprava.md"),
             ("export", "ics", "plan", "-o", "out/plan.ics"),
             ("export", "xlsx", "plan", "-o", "out/"),
             ("export", "csv", "tasks", "plan", "-o", "out/tasks.csv")]
    for args in cases:
        written = args[-1] if not args[-1].endswith("/") else "out/plan.xlsx"
        _link(written, precious)
        code, output = kplan(*args)
        assert (code, output) == (0, f"Zapsáno: {written}\n")
        assert not Path(written).is_symlink() and Path(written).stat().st_size > 100
        assert precious.read_text(encoding="utf-8") == "moje data\n"


def test_site_replaces_a_linked_page_and_lists_every_file(plan: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("moje data\n", encoding="utf-8")
    _link("web/index.html", precious)
    code, output = kplan("site", "plan", "-o", "web", "--as-of", AS_OF)
    assert code == 0, output
    pages = sorted(p.relative_to("web").as_posix() for p in Path("web").rglob("*")
                   if p.is_file())
    assert output == "".join(f"Zapsáno: web/{page}\n" for page in pages)
    assert "index.html" in pages and "kalendar.ics" in pages
    assert not Path("web/index.html").is_symlink()
    assert Path("web/index.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert precious.read_text(encoding="utf-8") == "moje data\n"


def test_site_refuses_a_linked_folder_inside_its_folder(plan: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    Path("web").mkdir()
    _link("web/sluzby", elsewhere)
    code, output = kplan("site", "plan", "-o", "web", "--as-of", AS_OF)
    assert code == 2
    assert "web/sluzby je odkaz (symlink); kplan přes odkazy nezapisuje. Odkaz odstraňte, " \
        "nebo zvolte jinou složku.\n" in output
    assert list(elsewhere.iterdir()) == []


def test_schema_lists_what_it_wrote_and_replaces_a_link(plan: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("moje data\n", encoding="utf-8")
    _link("schemas/plan.schema.json", precious)
    code, output = kplan("schema", "schemas")
    assert code == 0
    assert output == "".join(f"Zapsáno: schemas/{kind}.schema.json\n"
                             for kind in ("plan", "activity", "service", "meeting", "needs"))
    assert not Path("schemas/plan.schema.json").is_symlink()
    assert precious.read_text(encoding="utf-8") == "moje data\n"


def test_a_new_output_file_gets_the_usual_mode(plan: Path) -> None:
    old = os.umask(0o022)
    try:
        assert kplan("export", "ics", "plan", "-o", "plan.ics")[0] == 0
    finally:
        os.umask(old)
    assert Path("plan.ics").stat().st_mode & 0o777 == 0o644


def test_init_lists_every_file_it_wrote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = kplan("init", "kp", "--town", "Testov", "--start", "2025", "--end", "2028")
    assert code == 0
    files = sorted(p.as_posix() for p in Path("kp").rglob("*")
                   if p.is_file())
    listed = sorted(line.removeprefix("Zapsáno: ") for line in output.splitlines()
                    if line.startswith("Zapsáno: "))
    assert listed == files and "kp/plan.yaml" in listed
    assert output.splitlines()[len(files)].startswith("Založen repozitář plánu v kp (")


def test_a_named_pipe_at_the_target_stays_and_the_output_is_refused(plan: Path) -> None:
    os.mkfifo("roura.ics")
    code, output = kplan("export", "ics", "plan", "-o", "roura.ics")
    assert code != 0
    assert "roura.ics není obyčejný soubor (je to zařízení nebo roura)" in output
    assert "vynechte -o" in output
    assert Path("roura.ics").is_fifo()


def test_site_compiles_each_template_once(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page a card: compiling the card's template again for each cost half the site."""
    import jinja2

    compiled: list[str | None] = []
    original = jinja2.Environment.compile

    def counting(env: jinja2.Environment, source: str, name: str | None = None,
                 *args: object, **kwargs: object) -> object:
        compiled.append(name)
        return original(env, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    code, output = kplan("site", "plan", "-o", "web", "--as-of", AS_OF)
    assert code == 0, output
    assert len(list(Path("web/aktivity").rglob("*.html"))) > 1
    assert compiled.count("kplan/site/activity.html.j2") == 1
    assert len(compiled) == len(set(compiled))


def plan_from(source: str, root: Path) -> tuple[Path, str]:
    """The report's test plan, or a copy of one of the project's plans; with its day."""
    if source == "report plan":
        return write_tree(root, PLAN), AS_OF
    shutil.copytree(Path(__file__).resolve().parents[1] / source, root)
    return root, "2025-06-30"


@pytest.mark.parametrize("source", ["report plan", "data", "examples/liberec",
                                    "examples/moravskoslezsky-kraj"])
def test_a_site_of_card_skeletons_is_the_site_of_whole_cards(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> None:
    """The site reads each card's whole model for a moment from a plan of skeletons (on
    10,000 cards the whole plan alone is 230 MB): every file is the one the whole plan
    gives, on a cold read and after a card changed."""
    from datetime import date

    from kplan.load.loader import load_plan
    from kplan.render.site import build_site

    monkeypatch.chdir(tmp_path)
    root, as_of = plan_from(source, tmp_path / "plan")
    for run in range(2):
        shutil.rmtree("web", ignore_errors=True)
        code, output = kplan("site", "plan", "-o", "web", "--as-of", as_of)
        assert code == 0, output
        whole = build_site(load_plan(root, date.fromisoformat(as_of)).plan,
                           date.fromisoformat(as_of), root / "templates")
        written = {p.relative_to("web").as_posix(): p.read_bytes().decode("utf-8")
                   for p in Path("web").rglob("*") if p.is_file()}
        assert written == whole, run
        card = min((root / "activities").rglob("*.yaml"), default=root / "plan.yaml")
        card.write_text(card.read_text("utf-8") + "# poznámka\n", encoding="utf-8")


def test_a_page_whose_template_fails_halfway_leaves_the_page_written_before(
        plan: Path) -> None:
    """A page is written as it is made: a template that stops in the middle of it leaves
    the page of the run before whole, and no part of the new one."""
    assert kplan("site", "plan", "-o", "web", "--as-of", AS_OF)[0] == 0
    before = {p: p.read_bytes() for p in Path("web").rglob("*") if p.is_file()}
    own = Path("plan/templates/kplan/site")
    own.mkdir(parents=True)
    (own / "activity.html.j2").write_text("<p>začátek stránky</p>\n" + "x" * 100_000
                                          + "\n{{ neznama_promenna }}\n", encoding="utf-8")
    code, output = kplan("site", "plan", "-o", "web", "--as-of", AS_OF)
    assert code != 0 and "neznama_promenna" in output, output
    assert "Traceback" not in output
    after = {p: p.read_bytes() for p in Path("web").rglob("*") if p.is_file()}
    assert after == before, "no page changed and no temporary file left"


@pytest.mark.parametrize("source", ["report plan", "data", "examples/moravskoslezsky-kraj"])
@pytest.mark.parametrize("output_format", ["md", "html"])
def test_a_report_of_card_skeletons_is_the_report_of_whole_cards(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str,
        output_format: str) -> None:
    """kplan report reads each card's whole model for a moment, as the site does."""
    from datetime import date

    from kplan.load.loader import load_plan
    from kplan.render.context import build_report
    from kplan.render.environment import render_report

    monkeypatch.chdir(tmp_path)
    root, as_of = plan_from(source, tmp_path / "plan")
    day = date.fromisoformat(as_of)
    for year in (str(day.year - 1), str(day.year)):
        result = CliRunner().invoke(app, ["report", "plan", "--year", year, "-f", output_format,
                                          "--as-of", as_of], env={"KPLAN_LANG": ""})
        assert result.exit_code == 0, result.output
        whole = render_report(build_report(load_plan(root, day).plan, int(year), day, "cs"),
                              output_format, root / "templates")
        assert result.stdout == whole, year
