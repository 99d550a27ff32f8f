"""Diagnostics for people (text), for tools (json) and for GitHub Actions (github)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any, TextIO

from rich.cells import cell_len, set_cell_size
from rich.color import ColorSystem
from rich.console import Console
from rich.control import strip_control_codes
from rich.style import Style
from rich.text import Text

from kplan import visible
from kplan.diagnostics import Diagnostic, Severity, count_by_severity
from kplan.diagnostics.codes import hint, message
from kplan.i18n import Lang, counted, counted_in, say

JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class ValidationReport:
    root: Path
    """The plan folder as the user named it: paths are shown under it."""
    diagnostics: Sequence[Diagnostic]
    lang: Lang
    counts: dict[str, int]
    """What loaded: activities, services, meetings."""

    def shown_path(self, file: str) -> str:
        return (self.root / file).as_posix() if str(self.root) != "." else file


# --- words ---------------------------------------------------------------------------------

_COLOR_SYSTEMS = {"standard": ColorSystem.STANDARD, "256": ColorSystem.EIGHT_BIT,
                  "truecolor": ColorSystem.TRUECOLOR, "windows": ColorSystem.WINDOWS}
_SEVERITY = {Severity.ERROR: ("chyba", "error"), Severity.WARNING: ("varování", "warning")}
_WORDS = {"valid": ("Plán je v pořádku: {what}.", "The plan is valid: {what}.")}


def summary_line(report: ValidationReport) -> str:
    counts = count_by_severity(report.diagnostics)
    lang = report.lang
    if not report.diagnostics:
        kinds = ("activity", "service", "meeting") + (("needs",) if report.counts.get("needs")
                                                      else ())
        what = ", ".join(counted(report.counts.get(k, 0), k, lang) for k in kinds)
        return say(_WORDS, "valid", lang, what=what)
    files = len({d.file for d in report.diagnostics})
    found = f"{counted(counts[Severity.ERROR], 'error', lang)}, " \
            f"{counted(counts[Severity.WARNING], 'warning', lang)}"
    return f"{found} {counted_in(files, 'file', lang)}."


# --- text ----------------------------------------------------------------------------------

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
Segments = tuple[tuple[str, str], ...]
"""One line of output as pieces of text, each with its rich style (``""`` for none)."""


def render_text(report: ValidationReport, console: Console) -> None:
    """Diagnostics grouped by file, written line by line (``Console.print`` costs about
    a millisecond a call). A message or hint wraps only between words, never inside a
    path, a reference or a code, and its continuation lines are indented."""
    write = _line_writer(console)
    width = console.width
    for file, group in groupby(report.diagnostics, key=lambda d: d.file):
        write(((report.shown_path(file), "bold underline"),))
        for diagnostic in group:
            for segments in _diagnostic_lines(diagnostic, report.lang, width):
                write(segments)
        write(())
    style = "bold red" if count_by_severity(report.diagnostics)[Severity.ERROR] else \
        "yellow" if report.diagnostics else "bold green"
    for said in _wrapped(summary_line(report), width, "", ""):
        write(((said, style),))


def _diagnostic_lines(diagnostic: Diagnostic, lang: Lang, width: int) -> Iterator[Segments]:
    severity = say(_SEVERITY, diagnostic.severity, lang)
    place = f"  {diagnostic.line}:{diagnostic.column}  "
    label = f"{severity} {diagnostic.code}"
    text = strip_control_codes(message(diagnostic, lang))
    for index, line in enumerate(_wrapped(text, width, place + label + "  ", "    ")):
        yield ((place, ""), (label, _STYLE[diagnostic.severity]),
               (line[len(place) + len(label):], "")) if index == 0 else ((line, ""),)
    if diagnostic.source is not None:
        source = printable(diagnostic.source)
        gutter = f"    {diagnostic.line:>4} | "
        if cell_len(gutter + source) > width:
            source = set_cell_size(gutter + source, width - 1)[len(gutter):] + "…"
        yield ((gutter, "dim"), (source, ""))
        caret = " " * (len(gutter) - 2) + "| " + " " * max(diagnostic.column - 1, 0) + "^"
        yield ((caret, "bold " + _STYLE[diagnostic.severity].split()[-1]),)
    advice = strip_control_codes(hint(diagnostic, lang))
    if advice:
        for line in _wrapped(f"→ {advice}", max(width - 6, 40), "", ""):
            yield ((f"    {line}" if line.startswith("→") else f"      {line}", "cyan"),)


def _wrapped(text: str, width: int, first: str, rest: str) -> list[str]:
    """Lines of at most ``width`` broken only at spaces: a word longer than a line (a
    path, a reference) stays whole on a line of its own."""
    paragraphs = text.split("\n")
    wrapped: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        wrapped += textwrap.wrap(paragraph, width, initial_indent=first if index == 0 else rest,
                                 subsequent_indent=rest, break_long_words=False,
                                 break_on_hyphens=False) or [first if index == 0 else rest]
    return wrapped


def _line_writer(console: Console) -> Callable[[Segments], None]:
    """Write a line to the console's stream as rich would draw it; on a legacy Windows
    console, which rich draws on through the Windows API, through rich."""
    if console.is_terminal and console.legacy_windows:
        return lambda segments: console.print(Text.assemble(*segments), soft_wrap=True)
    color = console.color_system if console.is_terminal else None
    styles: dict[str, Style] = {}

    def paint(text: str, style: str) -> str:
        if color is None or not style or not text:
            return text
        parsed = styles.get(style)
        if parsed is None:
            parsed = Style.parse(style)
            styles[style] = parsed.without_color if console.no_color else parsed
        return styles[style].render(text, color_system=_COLOR_SYSTEMS[color])

    stream = console.file

    def write(segments: Segments) -> None:
        stream.write("".join(paint(text, style) for text, style in segments) + "\n")

    return write


def printable(source: str) -> str:
    """A source line safe for a terminal: tabs as spaces (the caret stays under its
    column), other control characters as their stand-ins (``kplan.visible``)."""
    return visible.printable(source.replace("\t", " "))


# --- json ----------------------------------------------------------------------------------

def diagnostic_dict(diagnostic: Diagnostic, lang: Lang) -> dict[str, Any]:
    return {
        "file": diagnostic.file,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": message(diagnostic, lang),
        "hint": hint(diagnostic, lang),
    }


def render_json(report: ValidationReport, out: TextIO) -> None:
    counts = count_by_severity(report.diagnostics)
    document = {
        "version": JSON_VERSION,
        "root": report.root.as_posix(),
        "lang": report.lang,
        "valid": counts[Severity.ERROR] == 0,
        "summary": {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING],
                    **{f"{k}_count": v for k, v in sorted(report.counts.items())}},
        "diagnostics": [diagnostic_dict(d, report.lang) for d in report.diagnostics],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- github --------------------------------------------------------------------------------

def escape_data(value: str) -> str:
    """As the Actions toolkit's ``escapeData``."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """As the Actions toolkit's ``escapeProperty``: data, and also ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_command(report: ValidationReport, diagnostic: Diagnostic) -> str:
    properties = {
        "file": report.shown_path(diagnostic.file),
        "line": str(diagnostic.line),
        "col": str(diagnostic.column),
        "title": f"kplan {diagnostic.code}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    text = message(diagnostic, report.lang)
    advice = hint(diagnostic, report.lang)
    body = f"{text}\n{advice}" if advice else text
    return f"::{diagnostic.severity.value} {joined}::{escape_data(body)}"


def render_github(report: ValidationReport, out: TextIO) -> None:
    """One workflow command a diagnostic, then the same as plain lines for the log.

    GitHub shows at most 10 annotations of each kind per step; the plain lines keep the
    full list readable in the job's log.
    """
    for diagnostic in report.diagnostics:
        out.write(github_command(report, diagnostic) + "\n")
    for diagnostic in report.diagnostics:
        where = f"{report.shown_path(diagnostic.file)}:{diagnostic.line}:{diagnostic.column}"
        out.write(inert_log_line(f"{where}: {diagnostic.severity.value} {diagnostic.code}: "
                                 f"{message(diagnostic, report.lang)}") + "\n")
    out.write(summary_line(report) + "\n")


def inert_log_line(text: str) -> str:
    """A line of the job's log that the runner cannot take for a workflow command: one line
    (control characters as stand-ins), no ``::`` at its start (the runner ignores leading
    blanks) and no ``##[`` anywhere (the older form, found anywhere in a line)."""
    line = visible.printable(text).replace("##[", "##%5B")
    stripped = line.lstrip()
    if stripped.startswith("::"):
        line = line[:len(line) - len(stripped)] + "%3A" + stripped[1:]
    return line



# --- gitlab --------------------------------------------------------------------------------

_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def gitlab_issues(report: ValidationReport) -> list[dict[str, Any]]:
    """GitLab's Code Quality report: one issue a diagnostic.

    The fingerprint is stable across runs and languages and does not move with the line:
    the file, the code and the English message, and which of equal ones this is.
    """
    import hashlib

    seen: dict[str, int] = {}
    issues = []
    for diagnostic in report.diagnostics:
        path = report.shown_path(diagnostic.file)
        key = "\0".join((path, diagnostic.code, message(diagnostic, "en")))
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()
        advice = hint(diagnostic, report.lang)
        text = message(diagnostic, report.lang)
        issues.append({
            "description": f"{diagnostic.code}: {text}" + (f" {advice}" if advice else ""),
            "check_name": diagnostic.code,
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITY[diagnostic.severity],
            "location": {"path": path, "lines": {"begin": max(diagnostic.line, 1)}},
        })
    return issues


def render_gitlab(report: ValidationReport, out: TextIO) -> None:
    json.dump(gitlab_issues(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


Renderer = Callable[[ValidationReport, TextIO], None]
def write_text(report: ValidationReport, out: TextIO) -> None:
    """The text for people, on a console made for ``out``."""
    from kplan.output.terminal import console_for

    render_text(report, console_for(out))
