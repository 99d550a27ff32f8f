"""The plan as a static website: which services exist, what they do, whom to call.

``build_site`` returns every file of the site (a path relative to the site's folder and
its content), rendered from ``kplan/site/*.html.j2`` through ``render.page_renderer`` (a
plan's own ``templates/kplan/site/...`` replaces a built-in page); ``write_site`` writes
them. Pages: the home page with the plan's state as ``kplan status`` counts it, a page a
working group, activity and service, the services directory (searchable in the browser by
an inline script, with or without diacritics), the meetings, the collaboration map, the
latest yearly report, the calendar to subscribe to, and when the plan has needs analyses
the needs with what answers each (``potreby.html``). Only contacts marked ``public``
are on any page (through ``report_services.service_entry``). The site is in Czech.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from markupsafe import Markup

from kplan.output.files import write_output
from kplan.output.ics import calendar_pieces
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.plan.service import Service
from kplan.query import collab
from kplan.query.needs import NeedFilters, needs_view
from kplan.query.report_services import ServiceEntry, service_entry
from kplan.query.status import known_groups, meeting_id, status
from kplan.query.timeframe import Scope
from kplan.render.context import build_report
from kplan.render.environment import page_renderer
from kplan.resources import builtin_templates

CALENDAR = "kalendar.ics"
NEEDS_PAGE = "potreby.html"
STYLE = "styl.css"


def fold(text: str) -> str:
    """Lower case without diacritics: what the directory's search compares."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class GroupLink:
    id: str
    name: str
    href: str
    """Relative to the site's root."""


@dataclass(frozen=True, slots=True)
class SiteInfo:
    title: str
    area: str | None
    period: str | None
    generated: date
    groups: tuple[GroupLink, ...]
    report_year: int
    report_href: str
    calendar_href: str
    needs_href: str | None = None
    """None when the plan has no needs analyses: the site then has no page of needs."""


@dataclass(frozen=True, slots=True)
class ServiceCard:
    entry: ServiceEntry
    href: str
    target_groups: tuple[str, ...]
    groups: tuple[GroupLink, ...]
    search: str
    """Every searchable word of the service, folded (``fold``)."""
    ico: str | None
    registry_id: str | None
    staff: float | None
    certified_until: date | None
    activities: tuple[ActivityLink, ...]


@dataclass(frozen=True, slots=True)
class ActivityLink:
    ref: str
    number: str
    title: str
    href: str


@dataclass(frozen=True, slots=True)
class MeetingItem:
    id: str
    """The file name without ``.yaml``: the anchor on the meetings page."""
    group: GroupLink | None
    """None for a meeting of the plan as a whole (a steering group)."""
    meeting: Meeting


@dataclass(frozen=True, slots=True)
class PartnerLink:
    name: str
    href: str | None
    """A partner that is a service id links to that service's page."""


def _group_href(group: str) -> str:
    return f"skupiny/{group}.html"


def _activity_href(ref: str) -> str:
    return f"aktivity/{ref}.html"


def _service_href(service_id: str) -> str:
    return f"sluzby/{service_id}.html"


def report_year(plan: Plan, as_of: date) -> int:
    """The latest year the plan has a complete evaluation for: the year before ``as_of``,
    kept within the plan's period."""
    year = as_of.year - 1
    if plan.meta is None:
        return year
    return max(plan.meta.period.start, min(year, plan.meta.period.end))


def build_site(plan: Plan, as_of: date, plan_templates: Path | None,
               stamp: datetime | None = None) -> dict[str, str]:
    """Every file of the site by its path; ``TemplateProblem`` from a broken template."""
    return {name: "".join(pieces) for name, pieces in site_files(plan, as_of, plan_templates,
                                                                 stamp)}


def site_files(plan: Plan, as_of: date, plan_templates: Path | None,
               stamp: datetime | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """The files of ``build_site``, each (its path, its content a piece at a time) made
    when it is asked for, to be read before the next: no page of a big plan is held
    whole, nor all of them at once."""
    year = report_year(plan, as_of)
    report = build_report(plan, year, as_of, "cs")
    groups = tuple(GroupLink(g, _group_name(plan, g), _group_href(g))
                   for g in _groups(plan))
    meta = plan.meta
    info = SiteInfo(meta.title if meta else "", meta.area if meta else None,
                    f"{meta.period.start}–{meta.period.end}" if meta else None, as_of, groups,
                    year, f"vyhodnoceni-{year}.html", CALENDAR,
                    NEEDS_PAGE if plan.needs else None)
    used = _used_by(plan)
    cards = {s.id: _service_card(s, groups, used.get(s.id, ()))
             for s in sorted(plan.services, key=lambda s: s.id)}
    state = status(plan, Scope(as_of))
    statuses = {s.ref: s for s in state.activities}  # activity_statuses, made once
    graph = collab.collab_map(plan)
    by_id = {g.id: g for g in groups}
    meetings = [MeetingItem(meeting_id(m), by_id.get(m.group_id), m)
                for m in sorted(plan.meetings, key=lambda m: (m.date, m.file), reverse=True)]

    render = page_renderer(report, plan_templates)

    def page(path: str, template: str, **context: Any) -> tuple[str, Iterator[str]]:
        root = "../" * path.count("/")
        return path, render(f"kplan/site/{template}.html.j2",
                            {"site": info, "root": root, "path": path, **context})

    yield page("index.html", "index", state=state,
               activities=list(statuses.values()), services=len(cards),
               meetings=len(plan.meetings))
    yield page("sluzby.html", "services",
               services=sorted(cards.values(), key=lambda c: (c.entry.name, c.entry.id)),
               kinds=sorted({(c.entry.kind, c.entry.kind_name, c.entry.paragraph)
                             for c in cards.values()}, key=lambda k: k[1]))
    yield page("schuzky.html", "meetings", meetings=meetings)
    hrefs = _map_links(graph, "")
    drawn = (Markup(piece)  # escaped as it was drawn
             for piece in collab.svg_pieces(graph, "Mapa spolupráce", "cs", hrefs))
    yield page("mapa.html", "map", svg=drawn,
               links=collab.links(graph), hrefs=hrefs)
    if info.needs_href:
        yield page(NEEDS_PAGE, "needs", view=needs_view(plan, NeedFilters()),
                   groups=by_id, meetings={m.id for m in meetings})
    for link in groups:
        yield page(link.href, "group", group=link,
                   about=plan.meta.group(link.id) if plan.meta else None,
                   activities=[s for s in statuses.values() if s.group == link.id],
                   services=[c for c in cards.values()
                             if any(g.id == link.id for g in c.groups)],
                   meetings=[m for m in meetings
                             if m.group is not None and m.group.id == link.id])
    discussed = _discussed(meetings)
    for activity in plan.activities:
        yield page(_activity_href(activity.ref), "activity", activity=plan.whole(activity),
                   state=statuses[activity.ref],
                   group=by_id.get(activity.group),
                   partners=[PartnerLink(p, _service_href(p) if p in cards else None)
                             for p in activity.partners],
                   meetings=discussed.get(activity.ref, []))
    for card in cards.values():
        yield page(card.href, "service", card=card)
    yield info.report_href, render("report.html.j2", {})  # as render_report gives it
    yield CALENDAR, calendar_pieces(plan, None, stamp or datetime.combine(as_of, time(),
                                                                          tzinfo=UTC))
    yield STYLE, iter([(builtin_templates() / "kplan" / "site" / "styl.css").read_text(
        encoding="utf-8")])


def _discussed(meetings: list[MeetingItem]) -> dict[str, list[MeetingItem]]:
    """The meetings (in their order) that discussed each activity, by its reference."""
    found: dict[str, list[MeetingItem]] = {}
    for item in meetings:
        for ref in dict.fromkeys(item.meeting.resolve(r) for r in item.meeting.activities):
            found.setdefault(ref, []).append(item)
    return found


def _used_by(plan: Plan) -> dict[str, tuple[ActivityLink, ...]]:
    """The activities (by reference) that name each service among their partners."""
    found: dict[str, list[ActivityLink]] = {}
    for a in sorted((a for a in plan.activities if a.partners), key=lambda a: a.ref):
        link = ActivityLink(a.ref, a.id, plan.whole(a).title, _activity_href(a.ref))
        for partner in dict.fromkeys(a.partners):
            found.setdefault(partner, []).append(link)
    return {service: tuple(links) for service, links in found.items()}


def _groups(plan: Plan) -> list[str]:
    listed = [g.id for g in plan.meta.groups] if plan.meta else []
    return listed + [g for g in known_groups(plan) if g not in listed]


def _group_name(plan: Plan, group: str) -> str:
    found = plan.meta.group(group) if plan.meta else None
    return found.name if found else group


def _service_card(service: Service, groups: tuple[GroupLink, ...],
                  used: tuple[ActivityLink, ...]) -> ServiceCard:
    entry = service_entry(service)
    words = [service.name, service.provider.name, entry.kind_name, entry.paragraph,
             service.area or "", *service.target_groups]
    return ServiceCard(entry, _service_href(service.id), tuple(service.target_groups),
                       tuple(g for g in groups if g.id in service.groups),
                       fold(" ".join(words)), service.provider.ico, service.registry_id,
                       service.staff, service.certified_until, tuple(used))


def _map_links(graph: collab.CollabMap, root: str) -> dict[str, str]:
    out = {}
    for node in graph.nodes:
        if node.kind == "service":
            out[node.id] = root + _service_href(node.key)
        elif node.kind == "activity":
            out[node.id] = root + _activity_href(node.key)
    return out


def write_site(files: Iterable[tuple[str, Iterable[str]]],
               target: Path) -> Iterator[tuple[str, Path]]:
    """Write the files under ``target`` (created when missing) as they come, each one's
    name and path as it is written; other files stay, a link among them is replaced
    (``kplan.output.files``)."""
    for name, pieces in files:
        encoded = (piece.encode("utf-8") for piece in pieces)
        yield name, write_output(target / name, encoded, inside=target)
