"""`kplan changes` and `kplan log` as documents (``doc``) and as versioned JSON-able dicts.

The words are a working group's: "krok splněn", "aktivita přečíslována", not file diffs.
JSON is language-neutral: coded kinds and statuses, ISO dates, amounts as numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from kplan.i18n import Lang, counted, in_lang, say
from kplan.output.blocks import Block, Bullets, Column, Heading, Para, row, table
from kplan.output.format import (
    format_day,
    format_due,
    label,
    task_status_label,
)
from kplan.output.history_card import (
    BUDGET_KINDS,
    CARD_WORDS,
    INDICATOR_KINDS,
    budget_args,
    indicator_args,
    words_key,
)
from kplan.output.needs import KIND_LABELS
from kplan.plan.dates import Due
from kplan.plan.needs import NeedKind
from kplan.query.change_rows import Change, ChangeKind

JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class Base:
    """The commit compared with, as the CLI found it."""

    since: str
    commit: str
    short: str
    author: str
    when: datetime


@dataclass(frozen=True, slots=True)
class LogEntry:
    commit: str
    short: str
    author: str
    when: datetime
    change: Change


_WORDS: dict[str, tuple[str, str]] = {
    "heading": ("Co se v plánu změnilo od {since}", "What changed in the plan since {since}"),
    "compared": ("Soubory plánu na disku proti stavu uloženému v gitu {day} ({author}, "
                 "verze {short}).",
                 "The working tree against commit {short} ({day}, {author})."),
    "since_head": ("posledního zápisu v gitu", "the last commit"),
    "since_meeting": ("poslední schůzky", "the last meeting"),
    "since_ref": ("verze {since} v gitu", "{since}"),
    "nothing": ("Žádné změny v plánu.", "No changes in the plan."),
    "activities": ("Aktivity", "Activities"),
    "milestones": ("Harmonogram", "Milestones"),
    "evaluations": ("Hodnocení", "Evaluations"),
    "indicators": ("Ukazatele", "Indicators"),
    "money": ("Peníze", "Money"),
    "meetings": ("Schůzky a úkoly", "Meetings and tasks"),
    "needs": ("Potřeby", "Needs"),
    "skipped_base": ("Přeskočeno ve verzi {short} z gitu (soubor tehdy neprošel kontrolou): "
                     "{files}",
                     "Skipped at {short} (the file did not validate then): {files}"),
    "skipped_now": ("Přeskočeno v souborech na disku (neprošlo kontrolou, viz kplan validate): "
                    "{files}", "Skipped in the working tree (does not validate, see kplan "
                    "validate): {files}"),
    ChangeKind.ACTIVITY_ADDED: ("Nová aktivita {ref} {title}", "New activity {ref} {title}"),
    ChangeKind.ACTIVITY_REMOVED: ("Odebrána aktivita {ref} {title}",
                                  "Removed activity {ref} {title}"),
    ChangeKind.ACTIVITY_RENUMBERED: ("Aktivita {before} přečíslována na {ref}: {title}",
                                     "Activity {before} renumbered to {ref}: {title}"),
    ChangeKind.MILESTONE_DONE: ("{ref} {title}: krok „{item}“ splněn{done}",
                                "{ref} {title}: milestone '{item}' done{done}"),
    ChangeKind.MILESTONE_STATUS: ("{ref} {title}: krok „{item}“: {before} → {after}",
                                  "{ref} {title}: milestone '{item}': {before} → {after}"),
    ChangeKind.MILESTONE_MOVED: ("{ref} {title}: krok „{item}“ přesunut z {before} na {after}",
                                 "{ref} {title}: milestone '{item}' moved from {before} to "
                                 "{after}"),
    ChangeKind.MILESTONE_ADDED: ("{ref} {title}: nový krok „{item}“, termín {after}",
                                 "{ref} {title}: new milestone '{item}', due {after}"),
    ChangeKind.MILESTONE_REMOVED: ("{ref} {title}: odebrán krok „{item}“ (termín {before})",
                                   "{ref} {title}: removed milestone '{item}' (due {before})"),
    ChangeKind.EVALUATION: ("{ref} {title}: hodnocení {item}: {before} → {after}",
                            "{ref} {title}: evaluation {item}: {before} → {after}"),
    "budget_item": ("rozpočet", "budget"),
    ChangeKind.MEETING_RECORDED: ("Zapsána schůzka {day} ({group}){title}",
                                  "Meeting recorded {day} ({group}){title}"),
    ChangeKind.TASK_OPENED: ("Nový úkol „{item}“{owner} ze schůzky {day}",
                             "New task '{item}'{owner} from the meeting of {day}"),
    ChangeKind.TASK_CLOSED: ("Úkol „{item}“ ze schůzky {day}: {after}",
                             "Task '{item}' from the meeting of {day}: {after}"),
    ChangeKind.NEEDS_ADDED: ("Přibyla analýza potřeb {ref}: {title} ({count})",
                             "New needs analysis {ref}: {title} ({count})"),
    ChangeKind.NEED_ADDED: ("Přibyla potřeba {ref} ({kind}): {title}",
                            "New need {ref} ({kind}): {title}"),
    ChangeKind.NEED_ANSWERED: ("Na potřebu {ref} ({title}) nově odpovídá {answer}",
                               "Need {ref} ({title}) is now answered by {answer}"),
    "answer_activity": ("aktivita {ref} {title}", "activity {ref} {title}"),
    "answer_service": ("služba {title} ({ref})", "service {title} ({ref})"),
    "log_heading": ("Historie aktivity {ref}", "History of activity {ref}"),
    "log_summary": ("{commits} v gitu; změny kroků harmonogramu, rozpočtu a ukazatelů:",
                    "{commits} in git; changes of its milestones, budget and indicators:"),
    "log_none": ("Žádné změny kroků, rozpočtu ani ukazatelů.",
                 "No changes of milestones, budget or indicators."),
    "col_day": ("Datum", "Date"),
    "col_commit": ("Verze v gitu", "Commit"),
    "col_author": ("Autor", "Author"),
    "col_step": ("Krok, ukazatel", "Milestone, indicator"),
    "col_change": ("Změna", "Change"),
    "log_added": ("přidán: {status}, termín {due}", "added: {status}, due {due}"),
    "log_done": ("splněn{done}", "done{done}"),
    "log_status": ("{before} → {after}", "{before} → {after}"),
    "log_moved": ("termín {before} → {after}", "due {before} → {after}"),
    "log_removed": ("odebrán", "removed"),
    **CARD_WORDS,
}

_SECTIONS = (
    ("activities", (ChangeKind.ACTIVITY_ADDED, ChangeKind.ACTIVITY_REMOVED,
                    ChangeKind.ACTIVITY_RENUMBERED)),
    ("milestones", (ChangeKind.MILESTONE_DONE, ChangeKind.MILESTONE_STATUS,
                    ChangeKind.MILESTONE_MOVED, ChangeKind.MILESTONE_ADDED,
                    ChangeKind.MILESTONE_REMOVED)),
    ("evaluations", (ChangeKind.EVALUATION,)),
    ("indicators", INDICATOR_KINDS),
    ("money", BUDGET_KINDS),
    ("meetings", (ChangeKind.MEETING_RECORDED, ChangeKind.TASK_OPENED, ChangeKind.TASK_CLOSED)),
    ("needs", (ChangeKind.NEEDS_ADDED, ChangeKind.NEED_ADDED, ChangeKind.NEED_ANSWERED)),
)
_NEED_KINDS = dict(_SECTIONS)["needs"]


_w = partial(say, _WORDS)


def _due(text: str | int | float | None, lang: Lang) -> str:
    if text is None:
        return "–"
    try:
        return format_due(Due.parse(str(text)), lang)
    except ValueError:
        return str(text)


def describe(change: Change, lang: Lang, currency: str = "CZK",
             several_groups: bool = False) -> str:
    """One change as a sentence of the minutes."""
    if change.kind in _NEED_KINDS:
        return _need_sentence(change, lang)
    ref = f"{change.group}/{change.subject}" if several_groups else change.subject
    args: dict[str, object] = {"ref": ref, "title": change.title, "item": change.item,
                               "before": change.before, "after": change.after,
                               "group": change.group}
    kind = change.kind
    if kind in (ChangeKind.MILESTONE_STATUS, ChangeKind.EVALUATION):
        args["before"] = label(str(change.before), lang) if change.before else "–"
        args["after"] = label(str(change.after), lang)
    elif kind in (ChangeKind.MILESTONE_MOVED, ChangeKind.MILESTONE_ADDED,
                  ChangeKind.MILESTONE_REMOVED):
        args["before"], args["after"] = _due(change.before, lang), _due(change.after, lang)
    elif kind is ChangeKind.MILESTONE_DONE:
        args["done"] = f" ({_day(change.extra, lang)})" if change.extra else ""
    elif kind in BUDGET_KINDS:
        args.update(budget_args(change, currency, lang))
    elif kind in INDICATOR_KINDS:
        args.update(indicator_args(change, lang))
    elif kind in (ChangeKind.MEETING_RECORDED, ChangeKind.TASK_OPENED, ChangeKind.TASK_CLOSED):
        args["day"] = _day(change.subject[:10], lang)
        args["title"] = f": {change.title}" if change.title else ""
        args["owner"] = f" ({change.extra})" if change.extra else ""
        args["after"] = task_status_label(str(change.after), lang)
    return _w(words_key(change), lang, **args).strip()


def _need_sentence(change: Change, lang: Lang) -> str:
    args: dict[str, object] = {"ref": change.subject, "title": change.title}
    if change.kind is ChangeKind.NEEDS_ADDED:
        args["count"] = counted(int(change.after or 0), "need", lang)
    elif change.kind is ChangeKind.NEED_ADDED:
        args["kind"] = in_lang(KIND_LABELS[NeedKind(str(change.extra))], lang)
    else:
        args["answer"] = _w(f"answer_{change.extra}", lang, ref=change.after, title=change.item)
    return _w(change.kind, lang, **args)


def _day(text: str | None, lang: Lang) -> str:
    try:
        return format_day(date.fromisoformat(text or ""), lang)
    except ValueError:
        return text or ""


def changes_blocks(changes: Sequence[Change], base: Base, lang: Lang, currency: str,
                   skipped_base: Sequence[str] = (),
                   skipped_now: Sequence[str] = ()) -> list[Block]:
    blocks: list[Block] = [
        Heading(_w("heading", lang, since=_since(base.since, lang))),
        Para(_w("compared", lang, short=base.short, author=base.author,
                day=format_day(base.when.date(), lang)), style="dim")]
    several = len({c.group for c in changes}) > 1
    for key, kinds in _SECTIONS:
        items = [describe(c, lang, currency, several) for c in changes if c.kind in kinds]
        if items:
            blocks += [Heading(_w(key, lang), level=2), Bullets(tuple(items))]
    if not changes:
        blocks.append(Para(_w("nothing", lang)))
    if skipped_base:
        blocks.append(Para(_w("skipped_base", lang, short=base.short,
                              files=", ".join(skipped_base)), style="yellow"))
    if skipped_now:
        blocks.append(Para(_w("skipped_now", lang, files=", ".join(skipped_now)),
                           style="yellow"))
    return blocks


def change_dict(change: Change) -> dict[str, Any]:
    return {"kind": change.kind.value, "group": change.group, "subject": change.subject,
            "title": change.title, "item": change.item, "before": change.before,
            "after": change.after, "extra": change.extra, **_v2_keys(change)}


def _v2_keys(change: Change) -> dict[str, str]:
    """``was`` (a budget's period or a baseline's year before) and ``unit`` (an
    indicator's), where they apply."""
    return {key: value for key, value in (("was", change.was), ("unit", change.unit))
            if value is not None}


def changes_json(changes: Sequence[Change], base: Base, group: str | None,
                 skipped_base: Sequence[str], skipped_now: Sequence[str]) -> dict[str, Any]:
    return {"version": JSON_VERSION,
            "base": {"since": base.since, "commit": base.commit, "short": base.short,
                     "author": base.author, "date": base.when.isoformat()},
            "group": group, "changes": [change_dict(c) for c in changes],
            "skipped": {"base": list(skipped_base), "working_tree": list(skipped_now)}}


# --- kplan log --------------------------------------------------------------------------------

def log_change_text(change: Change, lang: Lang, currency: str = "CZK") -> str:
    kind = change.kind
    if kind in BUDGET_KINDS or kind in INDICATOR_KINDS:
        return describe(change, lang, currency).removeprefix(
            f"{change.subject} {change.title}: ")
    if kind is ChangeKind.MILESTONE_ADDED:
        return _w("log_added", lang, status=label(str(change.extra), lang),
                  due=_due(change.after, lang))
    if kind is ChangeKind.MILESTONE_DONE:
        done = f" {_day(change.extra, lang)}" if change.extra else ""
        return _w("log_done", lang, done=done)
    if kind is ChangeKind.MILESTONE_MOVED:
        return _w("log_moved", lang, before=_due(change.before, lang),
                  after=_due(change.after, lang))
    if kind is ChangeKind.MILESTONE_REMOVED:
        return _w("log_removed", lang)
    return _w("log_status", lang, before=label(str(change.before), lang),
              after=label(str(change.after), lang))


def _since(since: str, lang: Lang) -> str:
    """``HEAD`` and ``last-meeting`` in words; a day in the language's form."""
    import re

    if since == "HEAD":
        return _w("since_head", lang)
    if since == "last-meeting":
        return _w("since_meeting", lang)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", since):
        try:
            return format_day(date.fromisoformat(since), lang)
        except ValueError:
            pass
    return _w("since_ref", lang, since=since)


def _log_item(change: Change, lang: Lang) -> str | None:
    return _w("budget_item", lang) if change.kind in BUDGET_KINDS else change.item


def log_blocks(ref: str, title: str, commits: int, entries: Sequence[LogEntry],
               lang: Lang, currency: str = "CZK") -> list[Block]:
    blocks: list[Block] = [Heading(_w("log_heading", lang, ref=ref)), Para(title)]
    if not entries:
        return [*blocks, Para(_w("log_none", lang))]
    columns = [Column(_w("col_day", lang)), Column(_w("col_commit", lang)),
               Column(_w("col_author", lang)), Column(_w("col_step", lang), wrap=3),
               Column(_w("col_change", lang), wrap=2)]
    rows = [row(format_day(e.when.date(), lang), e.short, e.author, _log_item(e.change, lang),
                log_change_text(e.change, lang, currency)) for e in entries]
    summary = _w("log_summary", lang, commits=counted(commits, "commit", lang))
    return [*blocks, Para(summary), table(columns, rows)]


def log_json(ref: str, title: str, commits: int, entries: Sequence[LogEntry]) -> dict[str, Any]:
    return {"version": JSON_VERSION, "activity": ref, "title": title, "commits": commits,
            "events": [{"commit": e.commit, "short": e.short, "author": e.author,
                        "date": e.when.isoformat(), "number": e.change.subject,
                        "kind": e.change.kind.value, "milestone": e.change.item,
                        "before": e.change.before, "after": e.change.after,
                        "extra": e.change.extra, **_v2_keys(e.change)} for e in entries]}
