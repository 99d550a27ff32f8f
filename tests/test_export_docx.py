"""``kplan export docx``: the document's content (paragraphs and their styles, tables and
their cells, in order) is that of the golden files, read back through python-docx; the file
is a valid Word package. Refresh after an intended change with
``UPDATE_GOLDEN=1 python -m pytest tests/test_export_docx.py`` and review the diff."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kplan.cli import app
from tests.docx_content import content
from tests.plantree import TODAY, write_tree
from tests.test_import_roundtrip import TEST_PLAN
from tests.test_v2_export import PLAN as V2_PLAN

GOLDEN = Path(__file__).parent / "golden" / "docx"
DATA = Path(__file__).parents[1] / "data"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

EDGES = {**TEST_PLAN, "activities/drogy/7.yaml": """\
    id: "7"
    title: "  Odsazený název & <značka> \\"v uvozovkách\\"  "
    partners: ["A\\tB", ""]
    responsible: [Jana Nováková, Petr Dvořák]
    description:
      - |-
        První řádek
        druhý řádek\r
        třetí
    risks: [" mezera na začátku"]
    budget: {amount: 5000, per: year, sources: []}
    """, "activities/drogy/2.1.1.yaml": """\
    id: "2.1.1"
    title: Karta opatření
    measure: "2.1"
    budget: {sources: [SMO]}
    """}


def _plans(tmp_path: Path) -> dict[str, Path]:
    return {"data": DATA, "edges": write_tree(tmp_path / "edges", EDGES),
            "v2": write_tree(tmp_path / "v2", V2_PLAN)}


def _export(root: Path, target: Path, *options: str) -> Path:
    result = CliRunner().invoke(app, ["export", "docx", str(root), "-o", str(target),
                                      *options])
    assert result.exit_code == 0, result.output
    return target


def _golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs (UPDATE_GOLDEN=1)"


@pytest.mark.parametrize("name", ["data", "edges", "v2"])
def test_the_document_has_the_content_of_the_golden_file(tmp_path: Path, name: str) -> None:
    document = _export(_plans(tmp_path)[name], tmp_path / "karty.docx")
    _golden(f"karty-{name}", content(document))


def test_one_group_has_only_its_cards(tmp_path: Path) -> None:
    root = _plans(tmp_path)["v2"]
    _golden("karty-v2-seniori", content(_export(root, tmp_path / "s.docx", "-g", "seniori")))


def test_the_package_is_whole_and_its_parts_are_those_of_word(tmp_path: Path) -> None:
    document = _export(DATA, tmp_path / "karty.docx")
    with zipfile.ZipFile(document) as package:
        assert package.testzip() is None
        names = package.namelist()
    assert names[:5] == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
                         "docProps/app.xml", "word/document.xml"]
    assert {"word/styles.xml", "word/numbering.xml", "word/settings.xml"} <= set(names)


def test_a_control_character_that_xml_cannot_hold_is_shown_as_a_replacement(
        tmp_path: Path) -> None:
    root = write_tree(tmp_path / "ctl", {**TEST_PLAN, "activities/drogy/2.2.yaml": """\
        id: "2.2"
        title: "Zvonek \\a a tabulátor \\t"
        """})
    result = CliRunner().invoke(app, ["export", "docx", str(root), "-o",
                                      str(tmp_path / "k.docx")])
    assert result.exit_code == 0, result.output
    assert "Plán má 1 chybu" in result.output
    assert "  2.2 [Normal after=0] 'Zvonek \ufffd a tabulátor \\t'\n" in content(
        tmp_path / "k.docx")


def test_a_plan_of_skeletons_gives_the_same_document_a_group_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kplan.load.cache import DocumentCache
    from kplan.load.loader import load_plan
    from kplan.load.warm import load_checked
    from kplan.output.docx import cards_document
    from kplan.plan.activity import Activity

    root = _plans(tmp_path)["v2"]
    whole = load_plan(root, TODAY).plan
    skeletons = load_checked(root, TODAY, DocumentCache.for_plan(root)).plan
    asked: list[str] = []
    cards = skeletons.cards
    assert cards is not None

    def whole_card(file: str) -> Activity:
        asked.append(file)
        return cards(file)

    monkeypatch.setattr(skeletons, "cards", whole_card)
    (tmp_path / "a.docx").write_bytes(cards_document(whole))
    (tmp_path / "b.docx").write_bytes(cards_document(skeletons))
    assert content(tmp_path / "b.docx") == content(tmp_path / "a.docx")
    assert sorted(set(asked)) == sorted(card.file for card in whole.activities)


@pytest.mark.parametrize("no_cache", [False, True])
def test_a_second_run_from_the_cache_and_a_run_without_it_give_the_same_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_cache: bool) -> None:
    if no_cache:
        monkeypatch.setenv("KPLAN_NO_CACHE", "1")
    root = _plans(tmp_path)["edges"]
    first = content(_export(root, tmp_path / "first.docx"))
    second = content(_export(root, tmp_path / "second.docx"))
    assert first == second == (GOLDEN / "karty-edges.txt").read_text(encoding="utf-8")
