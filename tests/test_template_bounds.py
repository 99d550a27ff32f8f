"""A plan's report templates come with its data: they are sandboxed and bounded.

A template that reaches for Python objects, runs forever, recurses or makes gigabytes is
stopped with one clear message and exit 1; a template file that is a link (wherever it
leads) is never read.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from kplan.cli import app
from kplan.render import sandbox
from tests.plantree import write_tree
from tests.reportplan import AS_OF, PLAN, YEAR


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "plan", PLAN)


def report(plan: Path, template: str, *, fmt: str = "md") -> Result:
    write_tree(plan, {f"templates/report.{fmt}.j2": template})
    return CliRunner().invoke(app, ["report", str(plan), "--year", YEAR, "--as-of", AS_OF,
                                    "--format", fmt], env={"KPLAN_LANG": "cs"})


def refused(result: Result, *words: str) -> str:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


# --- too large ---------------------------------------------------------------------------

@pytest.mark.parametrize("expression", [
    "'x' * 10**9", "10**9 * 'x'", "['x'] * 10**9", "'ab' * 600000", "2 ** 999999999",
    "'x'|center(10**9)", "'x'|indent(10**9)", "'x'.ljust(10**9)", "'{:>999999999}'.format(1)",
    "'%999999999s' % 'x'", "'%999999999s'|format('x')", "'%*s' % (999999999, 'x')",
    "range(10**9)|list|length",
])
def test_a_huge_value_is_refused(plan: Path, expression: str) -> None:
    started = time.monotonic()
    refused(report(plan, "ok\n{{ " + expression + " }}\n"),
            "templates/report.md.j2 na řádku 2", "příliš velká hodnota")
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("expression", [
    "('x' * 1000000) ~ ('x' * 1000000)", "('x' * 1000000) + 'x'", "['x'] * 600000 + ['x'] * 600000",
    "('a' * 1000000).replace('a', 'aaaaaaaaaa')", "('\\t' * 1000).expandtabs(10000)",
    "('x' * 100000,) * 100000", "(('x' * 100000,) * 100000)|join",
    "'-'.join(('x' * 100000,) * 100000)", "(('x' * 100000,) * 100000)|tojson",
    "(('x' * 100000,) * 100000)|string", "'{0}{0}{0}{0}'.format('x' * 1000000)",
    "'{a}{a}'.format_map({'a': 'x' * 1000000})", "'%s%s' % ('x' * 1000000, 'y')",
    "('x\\n' * 100000)|indent(10000)", "('a' * 1000000)|replace('a', 'bb')",
    "'abc'.translate({97: 'x' * 1000000})", "((10 ** 64) ** 64) ** 64",
    "(2 ** 64) ** 64 * (2 ** 64) ** 64 * (2 ** 64) ** 64",
    "[['x'] * 600000, ['y'] * 600000]|sum(start=[])",
])
def test_a_value_that_would_grow_too_large_is_refused(plan: Path, expression: str) -> None:
    started = time.monotonic()
    refused(report(plan, "ok\n{{ " + expression + " }}\n"),
            "Chyba v šabloně templates/report.md.j2 na řádku 2: příliš velká hodnota")
    assert time.monotonic() - started < 5


def test_doubling_a_text_eleven_times_is_refused(plan: Path) -> None:
    doubling = "".join(f"{{% set s{n + 1} = s{n} ~ s{n} %}}" for n in range(11))
    refused(report(plan, "{% set s0 = 'x' * 1000000 %}\n" + doubling + "{{ s11|length }}\n"),
            "templates/report.md.j2 na řádku 2: příliš velká hodnota pro šablonu zprávy: "
            "2000000 > 1000000")


@pytest.mark.parametrize("piece", ["'x' * 999990 ~ i", "[i] * 1000000"])
def test_memory_is_bounded(plan: Path, monkeypatch: pytest.MonkeyPatch, piece: str) -> None:
    """Many values, each within the bounds, kept in a list: the memory bound stops them."""
    monkeypatch.setattr(sandbox, "MAX_MEMORY", 100 * 2**20)
    template = ("{% set kept = [] %}\n{% for i in range(100000) %}{{ kept.append(" + piece +
                ") }}{% endfor %}\n")
    assert refused(report(plan, template)) == (
        "Chyba v šabloně templates/report.md.j2 na řádku 2: vykreslení potřebuje víc než "
        "512 MB paměti, zastaveno\n")


@pytest.mark.parametrize(("expression", "detail"), [
    ("1/0", "ZeroDivisionError: division by zero"),
    ("10 // 0", "ZeroDivisionError: integer division or modulo by zero"),
    ("'abc'.index('z')", "ValueError: substring not found"),
    ("'{0}'.format_map({})", "IndexError: tuple index out of range"),
    ("2.0 ** 64 ** 64", "OverflowError: (34, 'Numerical result out of range')"),
    ("'a' < 1", "TypeError: '<' not supported between instances of 'str' and 'int'"),
])
def test_any_failure_is_the_templates_name_line_and_exit_1(plan: Path, expression: str,
                                                           detail: str) -> None:
    assert refused(report(plan, "ok\n\n{{ " + expression + " }}\n")) == (
        "Chyba v šabloně templates/report.md.j2 na řádku 3: šablonu nelze vykreslit: "
        f"{detail}\n")


def test_a_memory_error_is_the_templates_name_and_exit_1(plan: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def out_of_memory(*args: object) -> object:
        raise MemoryError
    monkeypatch.setitem(sandbox.__dict__, "_range", out_of_memory)
    assert refused(report(plan, "ok\n{{ range(3) }}\n")) == (
        "Chyba v šabloně templates/report.md.j2 na řádku 2: vykreslení potřebuje víc než "
        "512 MB paměti, zastaveno: MemoryError\n")


def test_small_values_still_work(plan: Path) -> None:
    result = report(plan, "{{ 'ab' * 3 }} {{ 2 ** 10 }} {{ '%5s'|format('x') }} "
                          "{{ '{:>4}'.format(7) }} {{ 'x'|center(5) }} {{ range(3)|list }} "
                          "{% for i in range(2, 5) %}{{ loop.length }}{{ i }}{% endfor %}\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "ababab 1024     x    7   x   [0, 1, 2] 323334"


def test_the_sandbox_range_bound_is_set_explicitly() -> None:
    assert sandbox.MAX_RANGE == 100_000


def test_output_over_the_size_limit_is_stopped(plan: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Nested loops of small pieces: no single value is large, the output is."""
    monkeypatch.setattr(sandbox, "MAX_OUTPUT_CHARS", 1_000_000)
    template = ("{% for i in range(100000) %}{% for j in range(100000) %}"
                "{{ 'xxxxxxxxxx' }}{% endfor %}{% endfor %}\n")
    started = time.monotonic()
    refused(report(plan, template), "výstup by byl větší než")
    assert time.monotonic() - started < 5


# --- too long ----------------------------------------------------------------------------

@pytest.mark.parametrize("template", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% set r = range(100000) %}{% for i in r %}{% for j in r %}{% for k in r %}"
    "{% endfor %}{% endfor %}{% endfor %}",
    "{% macro f(n) %}{{ f(n + 1) }}{{ f(n + 1) }}{% endmacro %}{% macro g(n) %}"
    "{% if n < 40 %}{{ g(n + 1) }}{{ g(n + 1) }}{% endif %}{% endmacro %}{{ g(0) }}",
])
def test_a_template_that_runs_too_long_is_stopped(plan: Path, template: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1.0)
    started = time.monotonic()
    refused(report(plan, template + "\n"), "trvá déle než")
    assert time.monotonic() - started < 4


def test_a_loop_with_no_calls_is_stopped_by_the_timer(plan: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A list built once and walked in nested loops: nothing the sandbox sees runs inside."""
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1.0)
    template = ("{% set r = [1] * 1000 %}{% for i in r %}{% for j in r %}{% for k in r %}"
                "{% endfor %}{% endfor %}{% endfor %}\n")
    started = time.monotonic()
    refused(report(plan, template), "trvá déle než")
    assert time.monotonic() - started < 4


def test_endless_macro_recursion_is_stopped(plan: Path) -> None:
    template = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n"
    refused(report(plan, template), "makro volá samo sebe")


@pytest.mark.parametrize("expression", [
    "report.__class__.__mro__", "report.plan.__init__.__globals__", "t.__class__",
    "range.__globals__", "''.__class__.__subclasses__()",
])
def test_python_objects_stay_out_of_reach(plan: Path, expression: str) -> None:
    result = report(plan, "{{ " + expression + " }}\n")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "nepovolený přístup" in result.stderr or "neexistuje" in result.stderr


# --- links -------------------------------------------------------------------------------

def test_a_template_file_linked_outside_the_plan_is_not_read(plan: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.j2"
    secret.write_text("TAJNE-HESLO\n", encoding="utf-8")
    (plan / "templates").mkdir()
    (plan / "templates/report.md.j2").symlink_to(secret)
    result = CliRunner().invoke(app, ["report", str(plan), "--year", YEAR, "--as-of", AS_OF],
                                env={"KPLAN_LANG": "cs"})
    message = refused(result, "templates/report.md.j2", "je symbolický odkaz")
    assert "TAJNE-HESLO" not in result.output + message


def test_a_templates_folder_linked_outside_the_plan_is_not_read(plan: Path,
                                                                tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "report.md.j2").write_text("TAJNE-HESLO\n", encoding="utf-8")
    (plan / "templates").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(app, ["report", str(plan), "--year", YEAR, "--as-of", AS_OF],
                                env={"KPLAN_LANG": "cs"})
    refused(result, "je symbolický odkaz")
    assert "TAJNE-HESLO" not in result.output


def test_an_included_template_linked_outside_is_not_read(plan: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.j2"
    secret.write_text("TAJNE-HESLO\n", encoding="utf-8")
    (plan / "templates").mkdir()
    (plan / "templates/part.j2").symlink_to(os.path.relpath(secret, plan / "templates"))
    result = report(plan, "a\n{% include 'part.j2' %}\n")
    refused(result, "templates/part.j2", "je symbolický odkaz")
    assert "TAJNE-HESLO" not in result.output


def test_a_link_inside_the_plan_is_not_read_either(plan: Path) -> None:
    write_tree(plan, {"shared/report.md.j2": "Sdílená {{ report.year }}\n"})
    (plan / "templates").mkdir()
    (plan / "templates/report.md.j2").symlink_to("../shared/report.md.j2")
    result = CliRunner().invoke(app, ["report", str(plan), "--year", YEAR, "--as-of", AS_OF],
                                env={"KPLAN_LANG": "cs"})
    refused(result, "templates/report.md.j2", "je symbolický odkaz")
    assert "Sdílená" not in result.stdout


def test_the_message_is_english_too(plan: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.j2"
    secret.write_text("x\n", encoding="utf-8")
    (plan / "templates").mkdir()
    (plan / "templates/report.md.j2").symlink_to(secret)
    result = CliRunner().invoke(app, ["report", str(plan), "--year", YEAR, "--as-of", AS_OF,
                                      "--lang", "en"])
    assert result.exit_code == 1
    assert "the template file is a symbolic link" in result.stderr
