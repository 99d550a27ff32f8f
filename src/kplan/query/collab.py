"""The collaboration map ("mapa spolupráce"): who works with whom on what.

A graph of three kinds of node: organisations (the cards' implementers and partners named
by name, and the services' providers), services and activities. Edges: an organisation
carries out (``implementer``) or partners in (``partner``) an activity; a provider runs
(``provider``) a service; a partner that is a service id links that service to the
activity (``partner``). Drawn as SVG with a fixed layout: organisations in the left
column, services in the middle, activities on the right, each column in alphabetical
(activities: numeric) order, so the same plan always gives the same picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Literal

from kplan.i18n import in_lang
from kplan.plan.model import Plan
from kplan.query.status import activity_key
from kplan.visible import printable

NodeKind = Literal["organisation", "service", "activity"]
Role = Literal["implementer", "partner", "provider"]
ROLE_WORDS = {"implementer": ("realizátor", "carries out"), "partner": ("partner", "partner"),
              "provider": ("poskytovatel", "provides")}
COLORS = {"implementer": "#1f4e79", "partner": "#2e7d4f", "provider": "#8a4b08"}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    """``org:<name>``, ``service:<id>`` or ``activity:<group>/<number>``."""
    kind: NodeKind
    label: str
    key: str
    """The service id or the activity's full reference; the name for an organisation."""


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    role: Role


@dataclass(frozen=True, slots=True)
class CollabMap:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)

    def column(self, kind: NodeKind) -> list[Node]:
        return [n for n in self.nodes if n.kind == kind]


def collab_map(plan: Plan) -> CollabMap:
    services = {s.id: s for s in plan.services}
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []

    def org(name: str) -> str:
        node_id = f"org:{name.strip()}"
        nodes.setdefault(node_id, Node(node_id, "organisation", name.strip(), name.strip()))
        return node_id

    for service in sorted(plan.services, key=lambda s: s.id):
        node_id = f"service:{service.id}"
        nodes[node_id] = Node(node_id, "service", service.name, service.id)
    for activity in sorted(plan.activities, key=activity_key):
        target = f"activity:{activity.ref}"
        nodes[target] = Node(target, "activity", f"{activity.ref} {activity.title}",
                             activity.ref)
        edges += [Edge(org(name), target, "implementer") for name in activity.implementers]
        for partner in activity.partners:
            source = f"service:{partner}" if partner in services else org(partner)
            edges.append(Edge(source, target, "partner"))
    for service in sorted(plan.services, key=lambda s: s.id):
        edges.append(Edge(org(service.provider.name), f"service:{service.id}", "provider"))
    ordered = sorted(nodes.values(), key=_node_key)
    unique = tuple(dict.fromkeys(edges))
    return CollabMap(tuple(ordered), unique)


def _node_key(node: Node) -> tuple[int, str]:
    order = {"organisation": 0, "service": 1, "activity": 2}[node.kind]
    return order, node.label.casefold()


# --- the drawing --------------------------------------------------------------------------------

COLUMN_X = (10, 290, 570)
BOX_W, BOX_H, GAP = 220, 34, 12
TOP = 40
WIDTH = COLUMN_X[2] + BOX_W + 10


def _short(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _xml(text: str) -> str:
    """Text for SVG: escaped, control characters (which XML forbids) as stand-ins."""
    return escape(printable(text))


def svg(graph: CollabMap, title: str, lang: str, links: dict[str, str] | None = None) -> str:
    """The map as inline SVG; ``links`` maps a node id to the page it opens on the site."""
    links = links or {}
    kinds: tuple[NodeKind, ...] = ("organisation", "service", "activity")
    heads = in_lang((("Organizace", "Služby", "Aktivity"),
                     ("Organisations", "Services", "Activities")), lang)
    places: dict[str, tuple[float, float]] = {}
    x: float
    body: list[str] = []
    rows = max((len(graph.column(k)) for k in kinds), default=0)
    height = TOP + max(rows, 1) * (BOX_H + GAP) + 10
    for column, (kind, head) in enumerate(zip(kinds, heads, strict=True)):
        x = COLUMN_X[column]
        body.append(f'<text x="{x}" y="20" font-size="14" font-weight="bold" '
                    f'fill="#1f2933">{_xml(head)}</text>')
        for row, node in enumerate(graph.column(kind)):
            places[node.id] = (x, TOP + row * (BOX_H + GAP))
    for edge in graph.edges:
        (sx, sy), (tx, ty) = places[edge.source], places[edge.target]
        x1, y1, x2, y2 = sx + BOX_W, sy + BOX_H / 2, tx, ty + BOX_H / 2
        mid = (x1 + x2) / 2
        dash = ' stroke-dasharray="5 4"' if edge.role == "partner" else ""
        body.append(f'<path d="M{x1:g},{y1:g} C{mid:g},{y1:g} {mid:g},{y2:g} {x2:g},{y2:g}" '
                    f'fill="none" stroke="{COLORS[edge.role]}" stroke-width="1.5" '
                    f'stroke-opacity="0.7"{dash}/>')
    for node in graph.nodes:
        x, y = places[node.id]
        fill = {"organisation": "#e8eff7", "service": "#fdf1e3", "activity": "#e7f4ec"}[node.kind]
        box = (f'<rect x="{x}" y="{y:g}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="{fill}" '
               f'stroke="#8795a1"/><text x="{x + 8}" y="{y + BOX_H / 2:g}" font-size="12" '
               f'fill="#1f2933" dominant-baseline="middle">{_xml(_short(node.label))}</text>')
        tooltip = f"<title>{_xml(node.label)}</title>"
        href = links.get(node.id)
        body.append(f'<a href="{_xml(href)}">{tooltip}{box}</a>' if href
                    else f"<g>{tooltip}{box}</g>")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:g}" '
            f'width="100%" role="img" aria-label="{_xml(title)}" class="collab" '
            f'style="max-width: {WIDTH}px"><title>{_xml(title)}</title>'
            + "".join(body) + "</svg>")


# --- rows for the terminal and JSON ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Link:
    organisation: str
    role: Role
    kind: NodeKind
    key: str
    label: str


def links(graph: CollabMap) -> list[Link]:
    """One row an edge, by the organisation (or service) that carries it."""
    rows = []
    for edge in graph.edges:
        source, target = graph.node(edge.source), graph.node(edge.target)
        rows.append(Link(source.label, edge.role, target.kind, target.key, target.label))
    return sorted(rows, key=lambda r: (r.organisation.casefold(), r.role, r.key))


def as_json(graph: CollabMap) -> dict[str, object]:
    return {"version": 1,
            "nodes": [{"id": n.id, "kind": n.kind, "label": n.label, "key": n.key}
                      for n in graph.nodes],
            "edges": [{"source": e.source, "target": e.target, "role": e.role}
                      for e in graph.edges]}
