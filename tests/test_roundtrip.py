"""The round-trip path keeps every byte, and agrees with the fast path on what files say."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from kplan.yamlio import parse_bytes
from kplan.yamlio.roundtrip import RoundTripError, canonical, load, plain_data, roundtrip
from kplan.yamlio.textedit import AppendItem, SetKey, edit_text, render_scalar
from tests.corpus_builders import is_readable, prepare

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data"
CORPUS = Path(__file__).parent / "corpus"
EXAMPLE_FILES = sorted(p.relative_to(EXAMPLE).as_posix() for p in EXAMPLE.rglob("*.yaml"))

COMMENTS_EVERYWHERE = """\
# yaml-language-server: $schema=../../schemas/activity.schema.json
# hlavička

id: "1.1.1"   # číslo v uvozovkách
title: 'Terénní práce'  # jednoduché uvozovky
# komentář mezi klíči
implementers: [NNO, SMO]  # tok
partners:
  # komentář před položkou
  - Renarkon, o.p.s.  # za položkou
  - ARKA
responsible: ~  # vlnovka

budget:   # za klíčem
  amount: 200_000
  sources: {SMO: 1}
description:
  - |
    doslovný text<SPACES>
      s odsazením

  - >-
    skládaný
    text
milestones:
  - title: Krok s velmi dlouhým názvem, <LONG>
    due: 2019 # těsně
    done:
# na konci
""".replace("<SPACES>", "   ").replace(
    "<LONG>", "který by ruamel bez nastavené šířky zalomil na osmdesáti znacích, a to nechceme")


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_every_example_file_round_trips_byte_for_byte(name: str) -> None:
    text = (EXAMPLE / name).read_bytes().decode("utf-8")
    assert roundtrip(text) == text


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_every_example_file_round_trips_with_crlf(name: str) -> None:
    text = (EXAMPLE / name).read_bytes().decode("utf-8").replace("\n", "\r\n")
    assert roundtrip(text) == text


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_example_files_are_canonical(name: str) -> None:
    text = (EXAMPLE / name).read_bytes().decode("utf-8")
    assert canonical(text) == text


def test_a_file_with_comments_everywhere_round_trips() -> None:
    text = COMMENTS_EVERYWHERE.replace("done:\n", "done: null\n").replace("~", "null")
    assert roundtrip(text) == text
    assert roundtrip(text.replace("\n", "\r\n")) == text.replace("\n", "\r\n")


def test_canonical_style_keeps_content_and_comments() -> None:
    styled = canonical(COMMENTS_EVERYWHERE.replace("\n", "\r\n"))
    assert "\r" not in styled
    assert plain_data(load(styled)) == plain_data(load(COMMENTS_EVERYWHERE))
    for comment in ("# hlavička", "# za položkou", "# komentář před položkou", "# na konci"):
        assert comment in styled
    assert "  - ARKA\n" in styled
    irregular = "a:\n- x\n-   y\nb:\n    c: 1\n"
    assert canonical(irregular) == "a:\n  - x\n  - y\nb:\n  c: 1\n"
    assert "    doslovný text   \n" in styled  # trailing spaces in a literal block are content


def test_surgical_edit_changes_only_its_lines() -> None:
    text = COMMENTS_EVERYWHERE
    edited = edit_text(text, [SetKey(("milestones", 0), "status", "done"),
                              SetKey(("milestones", 0), "done", "2020-01-31"),
                              AppendItem((), "evaluations", {"year": 2020, "status": "done"})])
    old, new = text.splitlines(), edited.splitlines()
    assert [line for line in new if line not in old] == [
        "    done: 2020-01-31", "    status: done", "evaluations:", "  - year: 2020",
        "    status: done"]
    assert [line for line in old if line not in new] == ["    done:"]
    crlf = edit_text(text.replace("\n", "\r\n"), [SetKey((), "responsible", "Jana")])
    assert crlf == text.replace("\n", "\r\n").replace("responsible: ~", "responsible: Jana")


@pytest.mark.parametrize("value", ["3.2", "2019", "yes", "a: b", "# x", "- x", "",
                                   " mezera", "řádek\nřádek", "ok text", "null", "x, [y]"])
def test_scalars_read_back_as_written(value: str) -> None:
    document = parse_bytes(f"k: {render_scalar(value)}\n".encode(), "-", [])
    assert document is not None and document.data == {"k": value}


# --- both read paths agree ----------------------------------------------------------------------

def _same(left: Any, right: Any) -> bool:
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    if isinstance(left, dict) and isinstance(right, dict):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same, left, right))
    return type(left) is type(right) and left == right


def _corpus_files(tmp: Path) -> list[Path]:
    files = []
    for case in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        root = prepare(case, tmp)
        files += [p for p in sorted(root.rglob("*.yaml"))
                  if p.is_file() and p.resolve().is_relative_to(root.resolve())]
    return files


def test_fast_and_round_trip_readers_agree(tmp_path: Path) -> None:
    compared = 0
    for path in sorted(EXAMPLE.rglob("*.yaml")) + _corpus_files(tmp_path):
        if not is_readable(path) or path.stat().st_size > 1024 * 1024:
            continue
        raw = path.read_bytes()
        fast = parse_bytes(raw, path.name, [])
        try:
            slow = load(raw.decode("utf-8").lstrip("\ufeff"))
        except (RoundTripError, UnicodeDecodeError, RecursionError):
            continue
        if fast is None:
            continue
        assert _same(fast.data, plain_data(slow)), path
        compared += 1
    assert compared >= 60


TRICKY_LAYOUTS = [
    COMMENTS_EVERYWHERE,
    COMMENTS_EVERYWHERE.replace("\n", "\r\n"),
    'a: "ž\\e[2J\\u00e1"\nb: \'it\'\'s\'\nc: plain\n  continued\n  lines\nd:\n',
    "a: [x,\n    y,  # k\n    z]\nb: {k: v,\n    l: 😀}\nc: >\n  folded\n\n  para\nd: |-\n  kept\n",
    "- 😀 emoji: a\n  next: b\n-   - nested\n    - list\n- ~\n",
]


def _marks(node: Any) -> Any:
    """A node's kind and marks, its children's, and what an edit reads of scalars. Two
    things differ and no edit reads them: ruamel marks the folds of a block scalar in its
    value, and puts an empty value's mark at the next token (edits use the key's)."""
    mark = (node.start_mark.index, node.start_mark.line, node.start_mark.column,
            node.end_mark.index, node.end_mark.line, node.end_mark.column)
    kind = type(node).__name__
    if kind == "ScalarNode":
        if node.value == "" and not node.style:
            return kind, "empty"
        return kind, mark, None if node.style in ("|", ">") else node.value, node.style or None
    children = [(_marks(k), _marks(v)) for k, v in node.value] if kind == "MappingNode" \
        else [_marks(item) for item in node.value]
    return kind, mark, bool(node.flow_style), children


@pytest.mark.parametrize("text", [*TRICKY_LAYOUTS,
                                  *((EXAMPLE / n).read_text("utf-8") for n in EXAMPLE_FILES)])
def test_the_edits_node_tree_has_ruamels_marks(text: str) -> None:
    """Surgical edits find their places in libyaml's node tree (``compose``): it has the
    marks ruamel's round-trip composer gives, node for node, in characters of the text."""
    from ruamel.yaml import YAML

    from kplan.yamlio.roundtrip import compose

    assert _marks(compose(text)) == _marks(YAML(typ="rt").compose(text))


def test_a_tab_before_a_comment_no_longer_stops_an_edit() -> None:
    """The fast path reads such a file; ruamel's composer did not, and the edit was refused."""
    text = "title: Plán\t# tab before a comment\nstatus: planned\n"
    assert edit_text(text, [SetKey((), "status", "done")]) == \
        "title: Plán\t# tab before a comment\nstatus: done\n"
