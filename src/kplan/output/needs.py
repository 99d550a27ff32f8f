"""`kplan needs`: each needs analysis with its needs and what answers each, gaps first;
and one need for `kplan show <analysis>/<need>`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kplan.i18n import Lang, in_lang, say
from kplan.output.blocks import Block, Bullets, Cell, Column, Fields, Heading, Para, row, table
from kplan.output.format import format_due, label
from kplan.plan.needs import NeedKind, NeedsAnalysis
from kplan.query.needs import AnalysisRow, Answer, NeedCard, NeedRow, NeedsView

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Potřeby plánu", "The plan's needs"),
    "summary": ("Potřeb: {needs}, s odpovědí: {answered}, nepokrytých: {gaps}.",
                "Needs: {needs}, answered: {answered}, gaps: {gaps}."),
    "filters": ("Výběr", "Filters"),
    "none": ("Plán nemá žádné analýzy potřeb (složka needs/). Novou založí "
             "kplan new need-analysis ID.",
             "The plan has no needs analyses (folder needs/). kplan new need-analysis ID "
             "writes one."),
    "none_found": ("Výběru nic neodpovídá.", "Nothing matches the filters."),
    "no_needs": ("Analýza zatím neuvádí žádné potřeby.", "The analysis lists no needs yet."),
    "date": ("Datum", "Date"), "group": ("Skupina", "Group"), "meeting": ("Schůzka", "Meeting"),
    "source": ("Zdroj", "Source"), "note": ("Poznámka", "Note"), "file": ("Soubor", "File"),
    "conclusion": ("Závěr", "Conclusion"), "need": ("Potřeba", "Need"), "id": ("Id", "Id"),
    "kind": ("Druh", "Kind"), "answers": ("Co na ni odpovídá", "Answered by"),
    "gap": ("NEPOKRYTO", "GAP"), "nothing": ("Nic.", "Nothing."),
    "gap_card": ("NEPOKRYTO: na potřebu zatím neodpovídá žádná aktivita ani služba.",
                 "GAP: no activity or service answers this need yet."),
    "area": ("Území", "Area"), "target_groups": ("Cílové skupiny", "Target groups"),
    "not_evaluated": ("bez hodnocení", "not evaluated"),
    "steps": ("{done}/{total} kroků", "{done}/{total} milestones"),
    "service": ("služba", "service"),
    "analysis": ("Analýza", "Analysis"),
}

KIND_LABELS: dict[NeedKind, tuple[str, str]] = {
    NeedKind.HAVE: ("máme", "have"), NeedKind.LACK: ("nemáme", "lack"),
    NeedKind.WANT: ("chceme", "want"), NeedKind.PROBLEM: ("problém", "problem"),
    NeedKind.RISK: ("riziko", "risk"), NeedKind.EXPECTATION: ("očekávání", "expectation"),
}


def words(key: str, lang: Lang, **args: object) -> str:
    return say(_WORDS, key, lang, **args)


def kind_label(kind: NeedKind, lang: Lang) -> str:
    return in_lang(KIND_LABELS[kind], lang)


def answer_text(answer: Answer, lang: Lang) -> str:
    """``drogy/2.1.2 Krizové lůžko (plní se 2021, 1/3 kroků)``; a service with its id."""
    if answer.kind == "service":
        return f"{answer.title} ({words('service', lang)} {answer.ref})"
    state = words("not_evaluated", lang) if answer.evaluation is None else \
        f"{label(answer.evaluation[1], lang)} {answer.evaluation[0]}"
    if answer.milestones and answer.milestones[1]:
        done, total = answer.milestones
        state += ", " + words("steps", lang, done=done, total=total)
    return f"{answer.ref} {answer.title} ({state})"


def needs_doc(view: NeedsView, lang: Lang, has_any: bool) -> list[Block]:
    blocks: list[Block] = [Heading(words("title", lang))]
    if not has_any:
        return [*blocks, Para(words("none", lang))]
    rows = view.rows
    blocks.append(Para(words("summary", lang, needs=len(rows),
                             answered=view.answered, gaps=view.gaps)))
    given = _given(view, lang)
    if given:
        blocks.append(Para(f"{words('filters', lang)}: {given}"))
    if not view.analyses:
        return [*blocks, Para(words("none_found", lang))]
    for analysis in view.analyses:
        blocks += analysis_blocks(analysis, lang)
    return blocks


def _given(view: NeedsView, lang: Lang) -> str:
    filters = view.filters
    parts = [f"--group {filters.group}"] if filters.group else []
    if filters.kind is not None:
        parts.append(f"--kind {kind_label(filters.kind, lang)}")
    if filters.gaps_only:
        parts.append("--gaps")
    return ", ".join(parts)


def analysis_blocks(found: AnalysisRow, lang: Lang, level: int = 2) -> list[Block]:
    analysis = found.analysis
    blocks: list[Block] = [Heading(f"{analysis.title} ({analysis.id})", level)]
    fields = _analysis_fields(analysis, lang)
    if fields:
        blocks.append(Fields(tuple(fields)))
    blocks.append(need_table(found.needs, lang) if found.needs else Para(words("no_needs", lang)))
    if analysis.conclusion:
        blocks.append(Para(f"{words('conclusion', lang)}: {analysis.conclusion}"))
    return blocks


def _analysis_fields(analysis: NeedsAnalysis, lang: Lang) -> list[tuple[str, str]]:
    values = (("date", format_due(analysis.date, lang) if analysis.date else None),
              ("group", analysis.group), ("meeting", analysis.meeting),
              ("source", analysis.source), ("note", analysis.note), ("file", analysis.file))
    return [(words(key, lang), value) for key, value in values if value]


def need_table(rows: Sequence[NeedRow], lang: Lang) -> Block:
    lines = [row(r.need.id, Cell(r.need.text, "bold red" if r.gap else ""),
                 kind_label(r.need.kind, lang), _answers_cell(r, lang)) for r in rows]
    return table((words("id", lang), Column(words("need", lang), wrap=2), words("kind", lang),
                  Column(words("answers", lang), wrap=2)), lines)


def _answers_cell(found: NeedRow, lang: Lang) -> Cell:
    if found.gap:
        return Cell(words("gap", lang), "bold red")
    if not found.answers:
        return Cell("—")
    return Cell("; ".join(answer_text(a, lang) for a in found.answers))


def need_card_doc(card: NeedCard, lang: Lang) -> list[Block]:
    need, analysis = card.row.need, card.analysis
    blocks: list[Block] = [Heading(f"{need.text} ({card.row.ref})")]
    fields = [(words("kind", lang), kind_label(need.kind, lang)),
              (words("analysis", lang), f"{analysis.title} ({analysis.id})")]
    fields += [(words(key, lang), value) for key, value in
               (("area", need.area), ("target_groups", ", ".join(need.target_groups)),
                ("note", need.note), ("file", analysis.file)) if value]
    blocks += [Fields(tuple(fields)), Heading(words("answers", lang), 2)]
    if card.row.answers:
        return [*blocks, Bullets(tuple(answer_text(a, lang) for a in card.row.answers))]
    return [*blocks, Para(words("gap_card", lang) if card.row.gap else words("nothing", lang),
                          "bold red" if card.row.gap else "")]


# --- JSON -------------------------------------------------------------------------------------

def answer_json(answer: Answer) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": answer.kind, "ref": answer.ref, "title": answer.title,
                             "file": answer.file}
    if answer.kind == "activity":
        found["evaluation"] = None if answer.evaluation is None else \
            {"year": answer.evaluation[0], "status": answer.evaluation[1]}
        done, total = answer.milestones or (0, 0)
        found["milestones"] = {"done": done, "total": total}
    return found


def need_json(found: NeedRow) -> dict[str, Any]:
    need = found.need
    return {"id": need.id, "ref": found.ref, "text": need.text, "kind": need.kind.value,
            "target_groups": list(need.target_groups), "area": need.area, "note": need.note,
            "gap": found.gap, "answers": [answer_json(a) for a in found.answers]}


def analysis_json(found: AnalysisRow) -> dict[str, Any]:
    a = found.analysis
    return {"id": a.id, "title": a.title, "date": str(a.date) if a.date else None,
            "group": a.group, "meeting": a.meeting, "source": a.source, "note": a.note,
            "conclusion": a.conclusion, "file": a.file,
            "needs": [need_json(r) for r in found.needs]}


def needs_json(view: NeedsView) -> dict[str, Any]:
    filters = view.filters
    return {"version": 1,
            "filters": {"group": filters.group,
                        "kind": filters.kind.value if filters.kind else None,
                        "gaps": filters.gaps_only},
            "summary": {"needs": len(view.rows), "answered": view.answered, "gaps": view.gaps},
            "analyses": [analysis_json(a) for a in view.analyses]}


def need_card_json(card: NeedCard) -> dict[str, Any]:
    return {"version": 1, "analysis": {"id": card.analysis.id, "title": card.analysis.title,
                                       "file": card.analysis.file},
            **need_json(card.row)}
