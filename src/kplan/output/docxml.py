"""The body of a Word document written a piece at a time: python-docx makes the package
(styles, numbering, settings, the section), and the paragraphs and tables of the body go
into ``word/document.xml`` as text, so that a plan of many cards is never one tree of
elements. The XML is the one python-docx's ``add_heading``, ``add_table`` and ``cell.text``
would make."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.shared import Emu

DOCUMENT_PART = "word/document.xml"
BODY_START = b"<w:body>"
SECTION = b"<w:sectPr"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
RUN_BREAK = re.compile("(\t|\r|\n)")
SPECIAL = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")
NO_SPACE_AFTER = '<w:pPr><w:spacing w:after="0"/></w:pPr>'
TABLE_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
              'w:noHBand="0" w:noVBand="1" w:val="04A0"/>')


@dataclass(frozen=True)
class Layout:
    """The style ids of the template and the width of a table's column (in twips)."""

    headings: tuple[str, ...]
    table_style: str
    column: int


def document_bytes(body: Callable[[Layout], Iterable[str]]) -> bytes:
    """The package of python-docx's default template with the pieces of XML of
    ``body(layout)`` before the section's properties."""
    document = docx.Document()
    template = io.BytesIO()
    document.save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == DOCUMENT_PART:
                _write_document(target, info, source.read(info), body(_layout(document)))
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def _layout(document: Document) -> Layout:
    section = document.sections[-1]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    headings = tuple(document.styles[name].style_id
                     for name in ("Title", "Heading 1", "Heading 2", "Heading 3"))
    return Layout(headings, document.styles["Table Grid"].style_id, Emu(width // 2).twips)


def _write_document(target: zipfile.ZipFile, info: zipfile.ZipInfo, xml: bytes,
                    body: Iterable[str]) -> None:
    start = xml.index(BODY_START) + len(BODY_START)
    end = xml.index(SECTION, start)
    part = zipfile.ZipInfo(info.filename, info.date_time)
    part.compress_type = zipfile.ZIP_DEFLATED
    with target.open(part, "w") as stream:
        stream.write(xml[:start])
        for piece in body:
            stream.write(piece.encode("utf-8"))
        stream.write(xml[end:])


def heading(text: str, level: int, layout: Layout) -> str:
    run = _run(text) if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{layout.headings[level]}"/></w:pPr>{run}</w:p>'


def table(rows: Iterable[tuple[str, list[str]]], layout: Layout) -> str:
    """A card: a table of two columns (a bold label | the lines of the value), then an
    empty paragraph."""
    width = f'<w:tcPr><w:tcW w:type="dxa" w:w="{layout.column}"/></w:tcPr>'
    grid = f'<w:gridCol w:w="{layout.column}"/>' * 2
    head = (f'<w:tbl><w:tblPr><w:tblStyle w:val="{layout.table_style}"/>'
            f'<w:tblW w:type="auto" w:w="0"/>{TABLE_LOOK}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>')
    body = "".join(f"<w:tr><w:tc>{width}{_label(label)}</w:tc>"
                   f"<w:tc>{width}{_value(lines)}</w:tc></w:tr>" for label, lines in rows)
    return f"{head}{body}</w:tbl><w:p/>"


def _label(label: str) -> str:
    return f"<w:p><w:r/>{_run(label, bold=True)}</w:p>"


def _value(lines: list[str]) -> str:
    first = f"<w:p>{NO_SPACE_AFTER}{_run(lines[0] if lines else '')}</w:p>"
    rest = "".join(f"<w:p>{NO_SPACE_AFTER}{_run(line) if line else ''}</w:p>"
                   for line in lines[1:])
    return first + rest


def _run(text: str, bold: bool = False) -> str:
    """A run as python-docx's ``run.text`` makes it: a tab ``<w:tab/>``, a line break
    ``<w:br/>``, the rest in ``<w:t>`` (``xml:space="preserve"`` when it has spaces at an
    end)."""
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    if not text:
        return f"<w:r>{properties}</w:r>"
    if SPECIAL.search(text) is None:
        return f"<w:r>{properties}{_piece(text)}</w:r>"
    parts = RUN_BREAK.split(NOT_XML.sub("\ufffd", text))
    return f"<w:r>{properties}{''.join(_piece(part) for part in parts if part)}</w:r>"


def _piece(part: str) -> str:
    if part == "\t":
        return "<w:tab/>"
    if part in "\r\n":
        return "<w:br/>"
    escaped = part.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if len(part.strip()) < len(part):
        return f'<w:t xml:space="preserve">{escaped}</w:t>'
    return f"<w:t>{escaped}</w:t>"
