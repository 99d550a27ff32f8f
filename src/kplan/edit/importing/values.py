"""Values as people write them on cards: amounts with their period and sources, schedule
lines with years, activity numbers with a trailing dot, lists with bullets or numbers.

Amounts and dates go through ``plan.entered`` (the parser of the command options); what is
only on cards (a period, a list of sources, a year inside a line) is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kplan.plan import entered
from kplan.plan.statuses import status_from_words

_PART = r"(?:[0-9]+[a-zA-Z]?|[A-Za-z])"
_NUMBER = re.compile(rf"({_PART}(?:\.{_PART}){{0,4}})\.?(?=\s|$)")
_BULLET = re.compile(r"^\s*(?:[-–—•*▪·◦]|[0-9]{1,2}[.)]|[a-z]\))\s+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ])")
_DASH = re.compile(r"\s+[–—-]\s+")
_YEAR = r"(?:19|20)[0-9]{2}"
_RANGE = re.compile(rf"({_YEAR})\s*[–—-]\s*({_YEAR})")
_DUE_TOKEN = (rf"{_YEAR}\s*[–—-]\s*{_YEAR}|{_YEAR}-[0-9]{{2}}(?:-[0-9]{{2}})?"
              rf"|[0-9]{{1,2}}\.\s*[0-9]{{1,2}}\.\s*{_YEAR}|[0-9]{{1,2}}/{_YEAR}|{_YEAR}|průběžně")
_LEADING_DUE = re.compile(rf"^({_DUE_TOKEN})(?:\s*[–—:]\s*|\s+-\s+|\s+)(\S.*)$",
                          re.IGNORECASE)
_STATUS = re.compile(r"\s*\[([^\]0-9]+?)\s*([0-9]{4}-[0-9]{2}-[0-9]{2})?\]$")
_TRAILING_DUE = re.compile(rf"^(.+?)[\s,(]+(?:v roce\s+|do\s+)?"
                           rf"((?:{_YEAR})(?:\s*[–—-]\s*{_YEAR})?)\)?\.?$")
_ONGOING = ("průběžně", "prubezne", "trvale", "ongoing")
_PER_YEAR = re.compile(r"\s*(/\s*rok|ročně|za rok|/\s*rok\.?|p\.\s*a\.)\s*$", re.IGNORECASE)
_TOTAL = re.compile(r"\s*(celkem|za celé období|za období)\s*$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*[,;]\s*|\s+a\s+|\s*\+\s*|\n")
_SOURCE_AMOUNT = re.compile(r"^(.+?)\s*[:–-]?\s+([0-9][0-9 .,\u00a0]*(?:\s*(?:tis|mil)\.?)?"
                            r"(?:\s*Kč)?)$")


def number_and_title(text: str) -> tuple[str | None, str]:
    """``2.1.2. Podpořit …`` → (``2.1.2``, ``Podpořit …``); a number alone, or a title alone
    (the number None). One letter alone is not a number: it may be a Czech word."""
    stripped = text.strip()
    found = _NUMBER.match(stripped)
    if not found or (not any(c.isdigit() for c in found[1]) and "." not in found[1]):
        return None, stripped
    return found[1], stripped[found.end():].strip(" .–-:")


def number(text: str) -> str | None:
    found, rest = number_and_title(text)
    return found if found and not rest else None


def item(text: str) -> str:
    """A list item without its bullet or numbering (``- ``, ``•``, ``1.``, ``a)``)."""
    return " ".join(_BULLET.sub("", text).split())


def items(lines: list[str]) -> list[str]:
    """One item a line; a single paragraph of several sentences is split into sentences, as
    the example plan's cards have it (docs/decisions.md)."""
    found = [item(line) for line in lines if item(line)]
    if len(found) == 1 and not _BULLET.match(lines[0]):
        return [s for s in _SENTENCE.split(found[0]) if s]
    return found


_LEGAL_FORM = re.compile(r"(o\.\s?p\.\s?s|z\.\s?ú|z\.\s?s|s\.\s?r\.\s?o|spol\.\s?s\s?r\.\s?o"
                         r"|a\.\s?s|p\.\s?o|v\.\s?o\.\s?s|k\.\s?s)\.?", re.IGNORECASE)


def names(text: str) -> list[str]:
    """``NNO, SMO`` or ``KÚ MSK; MPSV a EU`` → the names; a legal form after a comma stays
    with its name (``Renarkon, o.p.s.``)."""
    found: list[str] = []
    for part in (item(p) for p in _SPLIT.split(text)):
        if found and _LEGAL_FORM.fullmatch(part):
            found[-1] += ", " + part
        elif part:
            found.append(part)
    return found


def names_of(lines: list[str]) -> list[str]:
    """A name a line when the value has several lines, else the names of its one line."""
    if len(lines) > 1:
        return [item(line) for line in lines if item(line)]
    return names(lines[0]) if lines else []


@dataclass(slots=True)
class Budget:
    amount: int | None = None
    per: str | None = None
    sources: list[str] | dict[str, int] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)


def budget(text: str) -> Budget:
    """``200,000 Kč/rok – KÚ MSK, SMO, MPSV``; ``150 tis. Kč``; ``cca 1,2 mil. Kč celkem``;
    ``SMO 120 000 Kč, MPSV 80 000 Kč`` (sources with their amounts)."""
    result = Budget()
    parts = _DASH.split(text.strip(), maxsplit=1)
    money, rest = parts[0], parts[1] if len(parts) > 1 else ""
    read = amount(money)
    if read is None:
        return budget_sources(text, result)
    result.amount, result.per = read
    if rest:
        budget_sources(rest, result)
    return result


def amount(text: str) -> tuple[int, str | None] | None:
    """An amount with its period (``year``, ``total`` or None: not said), or None."""
    stripped = text.strip()
    per = "year" if _PER_YEAR.search(stripped) else "total" if _TOTAL.search(stripped) else None
    plain = _TOTAL.sub("", _PER_YEAR.sub("", stripped))
    try:
        return entered.amount(plain), per
    except ValueError:
        return None


def budget_sources(text: str, into: Budget) -> Budget:
    """Names of sources into ``into.sources``; ``SMO 120 000 Kč`` pairs into a mapping."""
    parts = [p for p in re.split(r"\s*[;,\n]\s*(?=[^0-9])", text.strip()) if p]
    pairs = [_SOURCE_AMOUNT.match(p) for p in parts]
    if parts and all(pairs):
        split = {m[1]: amount(m[2]) for m in pairs if m}
        if all(split.values()):
            into.sources = {name: value[0] for name, value in split.items() if value}
            return into
    into.sources = names(text)
    return into


@dataclass(frozen=True, slots=True)
class Step:
    title: str
    due: str | int | None
    line: int
    """Its index among the lines given."""
    status: str = "planned"
    done: str | None = None


def due(text: str) -> str | int | None:
    """A due as the files write it: ``2019`` (a number), ``2019–2021``, ``ongoing``,
    ``2020-03``, ``2020-03-15``; None when it is none of these."""
    stripped = text.strip().rstrip(".")
    if stripped.casefold() in _ONGOING:
        return "ongoing"
    if re.fullmatch(_YEAR, stripped):
        return int(stripped)
    ranged = _RANGE.fullmatch(stripped)
    if ranged:
        return f"{ranged[1]}–{ranged[2]}"
    written = entered.due(stripped)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", written):
        return written
    return None


def step(line: str, index: int) -> Step:
    """``2019 – Konference``, ``Edukovat pracovníky 2020``, ``Informovat průběžně``; a status
    in brackets at the end as ``kplan export docx`` writes it: ``[splněno 2019-05-03]``."""
    text = item(line)
    status, done = "planned", None
    marked = _STATUS.search(text)
    found = status_from_words("milestone", marked[1]) if marked else None
    if marked and found is not None:
        text, status, done = text[:marked.start()], found.value, marked[2]
    title, when = _title_and_due(text)
    return Step(title, when, index, status, done)


def _title_and_due(text: str) -> tuple[str, str | int | None]:
    leading = _LEADING_DUE.match(text)
    if leading:
        return capitalized(leading[2]), due(leading[1])
    trailing = _TRAILING_DUE.match(text)
    if trailing:
        return trailing[1].strip(" –-,"), due(trailing[2])
    for word in _ONGOING:
        if text.casefold().endswith(" " + word):
            return text[: -len(word)].strip(" –-,"), "ongoing"
    return text, None


def steps(lines: list[str]) -> tuple[list[Step], list[Step]]:
    """The schedule's steps with their dues, and the steps no due could be given. A step
    without a year takes the year of the next step that has one (the seed's card 2.1.2
    writes the year after the last step of each year: docs/decisions.md)."""
    read = [step(line, i) for i, line in enumerate(lines) if item(line)]
    dated: list[Step] = []
    pending: list[Step] = []
    for found in read:
        if found.due is None:
            pending.append(found)
            continue
        dated += [Step(p.title, found.due, p.line, p.status, p.done) for p in pending]
        dated.append(found)
        pending = []
    return dated, pending


def capitalized(text: str) -> str:
    stripped = text.strip()
    return stripped[:1].upper() + stripped[1:]
