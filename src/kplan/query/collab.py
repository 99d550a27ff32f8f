"""The collaboration map ("mapa spolupráce"): who works with whom on what.

A graph of three kinds of node: organisations (the cards' implementers and partners named
by name, and the services' providers), services and activities. Edges: an organisation
carries out (``implementer``) or partners in (``partner``) an activity; a provider runs
(``provider``) a service; a partner that is a service id links that service to the
activity (``partner``). Drawn as SVG with a fixed layout: organisations in the left
column, activities and then services on the right, each in alphabetical (activities:
numeric) order, so the same plan always gives the same picture.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    for card in sorted(plan.activities, key=activity_key):
        activity = plan.whole(card)
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

LEFT_X, LEFT_W = 10, 240
RIGHT_X, RIGHT_W = 370, 300
"""Organisations on the left; activities, then services, on the right. Every edge from an
organisation crosses the empty gap between the two columns; an edge from a service to an
activity runs in a lane of its own right of the column. So no line passes under a box."""
TOP, GAP, LINE, PAD, LANE = 40, 12, 15, 9, 8
CHAR = 7.2
"""The widest average width of a character at 12 px (DejaVu Sans, Czech text)."""
FILLS = {"organisation": "#e8eff7", "service": "#fdf1e3", "activity": "#e7f4ec"}


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    width: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return 2 * PAD + LINE * len(self.lines)

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def _lines(label: str, width: float) -> tuple[str, ...]:
    import textwrap

    limit = int((width - 16) / CHAR)
    return tuple(textwrap.wrap(label, limit, break_on_hyphens=False)) or ("",)


def _stack(nodes: list[Node], x: float, width: float, y: float,
           into: dict[str, Box]) -> float:
    for node in nodes:
        box = Box(x, y, width, _lines(node.label, width))
        into[node.id] = box
        y += box.height + GAP
    return y


def layout(graph: CollabMap) -> tuple[dict[str, Box], float]:
    """The boxes by node id, and where the services' heading stands on the right."""
    boxes: dict[str, Box] = {}
    _stack(graph.column("organisation"), LEFT_X, LEFT_W, TOP, boxes)
    services_top = _stack(graph.column("activity"), RIGHT_X, RIGHT_W, TOP, boxes) + 18
    _stack(graph.column("service"), RIGHT_X, RIGHT_W, services_top + 10, boxes)
    return boxes, services_top


def edge_path(edge: Edge, boxes: dict[str, Box], lane: int) -> str:
    """A curve across the gap between the columns, or, from a service to an activity
    (both on the right), a path out to lane ``lane`` right of the column and back."""
    source, target = boxes[edge.source], boxes[edge.target]
    if source.x == target.x:
        right = source.x + source.width
        out = right + 12 + LANE * lane
        return (f"M{right:g},{source.middle:g} L{out:g},{source.middle:g} "
                f"L{out:g},{target.middle:g} L{right:g},{target.middle:g}")
    x1, y1, x2, y2 = source.x + source.width, source.middle, target.x, target.middle
    mid = (x1 + x2) / 2
    return f"M{x1:g},{y1:g} C{mid:g},{y1:g} {mid:g},{y2:g} {x2:g},{y2:g}"


def _xml(text: str) -> str:
    """Text for SVG: escaped, control characters (which XML forbids) as stand-ins."""
    return escape(printable(text))


def svg(graph: CollabMap, title: str, lang: str, links: dict[str, str] | None = None) -> str:
    """The map as inline SVG; ``links`` maps a node id to the page it opens on the site.
    With links it is a labelled group (links may not sit inside an image), else an image."""
    return "".join(svg_pieces(graph, title, lang, links))


def svg_pieces(graph: CollabMap, title: str, lang: str,
               links: dict[str, str] | None = None) -> Iterator[str]:
    """``svg`` a piece at a time as it is drawn: on 10,000 cards the map is 13 million
    characters, each copy of it 27 MB."""
    links = links or {}
    heads = in_lang((("Organizace", "Aktivity", "Služby"),
                     ("Organisations", "Activities", "Services")), lang)
    boxes, services_top = layout(graph)
    lanes = [e for e in graph.edges if boxes[e.source].x == boxes[e.target].x]
    lane_of = {edge: index for index, edge in reversed(list(enumerate(lanes)))}
    width = RIGHT_X + RIGHT_W + 12 + LANE * len(lanes) + 10
    height = max((b.y + b.height for b in boxes.values()), default=TOP) + 10
    role = "group" if links else "img"
    yield (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
           f'width="100%" role="{role}" aria-label="{_xml(title)}" class="collab" '
           f'style="max-width: {width:g}px"><title>{_xml(title)}</title>')
    yield _text(LEFT_X, 20, heads[0]) + _text(RIGHT_X, 20, heads[1])
    if graph.column("service"):
        yield _text(RIGHT_X, services_top, heads[2])
    yield '<g aria-hidden="true">'
    for edge in graph.edges:
        lane = lane_of.get(edge, 0)
        dash = ' stroke-dasharray="5 4"' if edge.role == "partner" else ""
        yield (f'<path d="{edge_path(edge, boxes, lane)}" fill="none" '
               f'stroke="{COLORS[edge.role]}" stroke-width="1.5" stroke-opacity="0.7"'
               f'{dash} data-source="{_xml(edge.source)}" '
               f'data-target="{_xml(edge.target)}"/>')
    yield "</g>"
    for node in graph.nodes:
        yield _node(node, boxes[node.id], links.get(node.id))
    yield "</svg>"


def _text(x: float, y: float, text: str) -> str:
    return (f'<text x="{x:g}" y="{y:g}" font-size="14" font-weight="bold" '
            f'fill="#1f2933">{_xml(text)}</text>')


def _node(node: Node, box: Box, href: str | None) -> str:
    spans = "".join(f'<tspan x="{box.x + 8:g}" y="{box.y + PAD + LINE * (i + 0.5):g}">'
                    f"{_xml(line)}</tspan>" for i, line in enumerate(box.lines))
    drawn = (f'<rect x="{box.x:g}" y="{box.y:g}" width="{box.width:g}" '
             f'height="{box.height:g}" rx="4" fill="{FILLS[node.kind]}" stroke="#8795a1" '
             f'data-node="{_xml(node.id)}"/><text font-size="12" fill="#1f2933" '
             f'dominant-baseline="middle">{spans}</text>')
    if href:
        return f'<a href="{_xml(href)}">{drawn}</a>'
    return f"<g><title>{_xml(node.label)}</title>{drawn}</g>"


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
    nodes = {n.id: n for n in graph.nodes}
    for edge in graph.edges:
        source, target = nodes[edge.source], nodes[edge.target]
        rows.append(Link(source.label, edge.role, target.kind, target.key, target.label))
    return sorted(rows, key=lambda r: (r.organisation.casefold(), r.role, r.key))


def as_json(graph: CollabMap) -> dict[str, object]:
    return {"version": 1,
            "nodes": [{"id": n.id, "kind": n.kind, "label": n.label, "key": n.key}
                      for n in graph.nodes],
            "edges": [{"source": e.source, "target": e.target, "role": e.role}
                      for e in graph.edges]}
