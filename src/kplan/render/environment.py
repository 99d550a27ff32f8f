"""The Jinja environment of the reports: the plan's templates first, the built-ins last.

Templates are looked up in the plan's own ``templates/`` folder first, then in kplan's
built-ins (``resources.builtin_templates()``). The built-ins are ``kplan/report.md.j2``,
``kplan/report.html.j2`` and their partials; the entry points ``report.md.j2`` and
``report.html.j2`` only extend them, so a plan's ``templates/report.html.j2`` replaces the
entry point and can ``{% extends "kplan/report.html.j2" %}``.

Every template renders in Jinja's sandbox (a plan's templates come with its data, e.g. from
a pull request), bounded in time, memory and size (``kplan.render.sandbox`` and
``sizes``), with ``StrictUndefined`` (a misspelt variable is an error with the template's
name and line, not an empty cell) and autoescaping for ``.html.j2``. Errors come out as
``TemplateProblem`` (``kplan.render.problems``), a value the CLI turns into one message
and exit 1. A link in the plan's ``templates/`` (or the folder being one) is never
followed, wherever it leads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from kplan.diagnostics import Diagnostic
from kplan.plan.reader import read_source
from kplan.render.context import Report
from kplan.render.filters import Formatted, kplan_filters
from kplan.render.problems import template_problem
from kplan.render.sandbox import BoundedEnvironment, bounded_environment, bounded_pieces
from kplan.render.sizes import Bound
from kplan.resources import builtin_templates

if TYPE_CHECKING:
    from kplan.query.minutes import Minutes

FORMATS = ("md", "html")


class _PlanTemplates(jinja2.BaseLoader):
    """The plan's ``templates/`` folder: only real files in it are read. A link (the
    folder itself, a folder in it or the file) is refused before it is opened, wherever it
    leads: one to ``../services/x.yaml`` would print a service's private contacts. A file
    is read by the rules of every plan file (regular, at most 1 MiB)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        shown = (Path("templates") / template).as_posix()
        path = self.folder
        for piece in ["", *jinja2.loaders.split_template_path(template)]:
            path = path / piece if piece else path
            if path.is_symlink():
                raise Bound("link", shown)
            if not path.exists():
                raise jinja2.TemplateNotFound(template)
        problems: list[Diagnostic] = []
        raw = read_source(path, shown, problems)
        if raw is None:
            raise Bound("unreadable", shown)
        try:
            source = raw.data.decode("utf-8")
        except UnicodeDecodeError:
            raise Bound("unreadable", shown) from None
        return source, str(path), lambda: False


def environment(plan_templates: Path | None, report: Formatted) -> BoundedEnvironment:
    """The plan's folder first, built-ins last; filters for dates, money and Markdown."""
    loaders: list[jinja2.BaseLoader] = []
    if plan_templates is not None and plan_templates.is_dir():
        loaders.append(_PlanTemplates(plan_templates))
    loaders.append(jinja2.FileSystemLoader(builtin_templates()))
    env = bounded_environment(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(kplan_filters(report))
    return env


def render_report(report: Report, output_format: str, plan_templates: Path | None) -> str:
    """The report rendered by the entry point ``report.<format>.j2``."""
    return render_page(report, f"report.{output_format}.j2", plan_templates, {})


def render_minutes(minutes: Minutes, output_format: str, plan_templates: Path | None) -> str:
    """A meeting's minutes rendered by the entry point ``minutes.<format>.j2``."""
    return render_page(minutes, f"minutes.{output_format}.j2", plan_templates,
                       {"minutes": minutes})


def render_page(report: Formatted, name: str, plan_templates: Path | None,
                context: dict[str, Any]) -> str:
    """A template rendered with the plan's templates first and the built-ins last, in the
    sandbox, within the bounds, with strict variables and kplan's filters; problems come as
    ``TemplateProblem``. ``report`` gives the language and currency of the filters. The
    yearly report is rendered through here, the pages of the plan's website through
    ``page_renderer``."""
    return "".join(page_renderer(report, plan_templates)(name, context))


def page_renderer(report: Formatted, plan_templates: Path | None
                  ) -> Callable[[str, dict[str, Any]], Iterator[str]]:
    """``render_page`` for many pages of one report, each page's text given a chunk at a
    time as it is made (a site's map of 10,000 cards is 22 MB): the environment is made
    once, and each template compiled once (a site of 1,000 cards spent half its time
    compiling)."""
    if plan_templates is not None:
        plan_templates = plan_templates.absolute()  # not resolved: the loader checks links
    env = environment(plan_templates, report)
    roots = [p for p in (plan_templates, builtin_templates().resolve()) if p is not None]

    def render(name: str, context: dict[str, Any]) -> Iterator[str]:
        try:
            yield from bounded_pieces(env, env.get_template(name), report=report,
                                      t=report.t, **context)
        except Exception as error:  # anything a template does is the user's data
            raise template_problem(error, name, roots, plan_templates) from None

    return render
