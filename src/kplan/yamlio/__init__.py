"""The only package that speaks YAML.

``fast``: the read path (libyaml's C parser, YAML 1.2 core scalars of ``scalars``, every
value with its line and column, found by ``positions``). ``roundtrip``: ruamel.yaml's
round-trip mode for editing one file without losing a comment, a quote or a blank line.
``textedit``: surgical changes to a file's text at the places the round-trip parser
finds. ``write``: atomic writes under the plan's lock.
"""

from kplan.yamlio.charpos import control_position
from kplan.yamlio.fast import (
    BOM,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    Document,
    Node,
    RawFile,
    decode,
    os_reason,
    parse_bytes,
    parse_text,
    read_document,
    source_lines,
    text_lines,
)
from kplan.yamlio.positions import Position, node_at, node_kind, position_of, scalar_source
from kplan.yamlio.scalars import plain_scalar

__all__ = ["BOM", "MAX_DEPTH", "MAX_FILE_BYTES", "Document", "Node", "Position", "RawFile",
           "control_position", "decode", "node_at", "node_kind", "os_reason", "parse_bytes",
           "parse_text", "plain_scalar", "position_of", "read_document",
           "scalar_source", "source_lines", "text_lines"]
