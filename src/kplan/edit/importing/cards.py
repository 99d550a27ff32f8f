"""Found cards → card texts through ``kplan new``'s writer (with its Czech comments), and
everything the fields could not hold, with its place in the source and what to do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kplan.edit import new
from kplan.edit.importing import labels, values
from kplan.edit.importing.source import Entry, Found, Place, Unmapped
from kplan.plan.statuses import status_from_words


@dataclass(slots=True)
class Card:
    """A card's fields as read, in the shape of ``new.activity_text``'s arguments."""

    place: Place
    number: str | None = None
    title: str | None = None
    implementers: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    responsible: str | list[str] | None = None
    lists: dict[str, list[str]] = field(default_factory=dict)
    area: str | None = None
    budget: values.Budget | None = None
    budget_text: list[str] = field(default_factory=list)
    steps: list[new.StepText] = field(default_factory=list)
    status: str | None = None
    measure: str | None = None
    unmapped: list[Unmapped] = field(default_factory=list)

    def skip(self, place: Place, text: str, cs: str, en: str) -> None:
        self.unmapped.append(Unmapped(place, text, cs, en))


def _number_title(card: Card, entry: Entry) -> None:
    number, title = values.number_and_title(" ".join(entry.texts()))
    card.number = card.number or number
    card.title = card.title or title or None


def _number(card: Card, entry: Entry) -> None:
    text = " ".join(entry.texts())
    number, rest = values.number_and_title(text)
    if number is None:
        card.skip(entry.place, text, "Číslo aktivity nelze přečíst; napište ho jako 2.1.2.",
                  "The activity number cannot be read; write it as 2.1.2.")
        return
    card.number = number
    if rest and not card.title:
        card.title = rest


def _title(card: Card, entry: Entry) -> None:
    card.title = " ".join(entry.texts()) or None


def _names(key: str) -> Callable[[Card, Entry], None]:
    def read(card: Card, entry: Entry) -> None:
        getattr(card, key).extend(values.names_of(entry.texts()))
    return read


def _responsible(card: Card, entry: Entry) -> None:
    lines = [values.item(line) for line in entry.texts()]
    card.responsible = lines[0] if len(lines) == 1 else lines or None


def _list(key: str) -> Callable[[Card, Entry], None]:
    def read(card: Card, entry: Entry) -> None:
        card.lists.setdefault(key, []).extend(values.items(entry.texts()))
    return read


def _area(card: Card, entry: Entry) -> None:
    card.area = ", ".join(values.items(entry.texts())) or None


def _budget(card: Card, entry: Entry) -> None:
    text = " ".join(entry.texts())
    if not text:
        return
    read = values.budget(text)
    _merge_budget(card, read, text, entry.place)


def _amount(card: Card, entry: Entry) -> None:
    text = " ".join(entry.texts())
    read = values.amount(text) if text else None
    if read is None:
        if text:
            _merge_budget(card, values.Budget(), text, entry.place)
        return
    _merge_budget(card, values.Budget(read[0], read[1]), text, entry.place)


def _sources(card: Card, entry: Entry) -> None:
    text = ", ".join(entry.texts())
    if text:
        _merge_budget(card, values.budget_sources(text, values.Budget()), text, entry.place)


def _merge_budget(card: Card, read: values.Budget, text: str, place: Place) -> None:
    budget = card.budget = card.budget or values.Budget()
    card.budget_text.append(text)
    budget.amount = read.amount if read.amount is not None else budget.amount
    budget.per = read.per or budget.per
    budget.sources = read.sources or budget.sources
    if read.amount is None and not read.sources:
        card.skip(place, text, "Částku nelze přečíst; doplňte budget.amount v celých korunách.",
                  "The amount cannot be read; fill in budget.amount in whole crowns.")


def _milestones(card: Card, entry: Entry) -> None:
    dated, undated = values.steps(entry.texts())
    card.steps += [new.StepText(s.title, s.due, s.status, s.done) for s in dated
                   if s.due is not None]
    for step in undated:
        card.skip(entry.lines[step.line].place, step.title,
                  "Krok harmonogramu bez termínu; přidejte ho: kplan add milestone … --due ROK.",
                  "A schedule step without a due; add it: kplan add milestone … --due YEAR.")


def _due(card: Card, entry: Entry) -> None:
    text = " ".join(entry.texts())
    found = values.due(text)
    if found is None:
        card.skip(entry.place, text, "Termín nelze přečíst; pište rok, 2019–2021 nebo průběžně.",
                  "The due cannot be read; write a year, 2019–2021 or průběžně.")
        return
    card.steps.append(new.StepText(card.title or "Realizace aktivity", found))


def _status(card: Card, entry: Entry) -> None:
    card.status = " ".join(entry.texts()) or None


def _heading(card: Card, entry: Entry) -> None:
    number = values.number_and_title(" ".join(entry.texts()))[0]
    card.measure = number or card.measure


FIELDS: dict[str, Callable[[Card, Entry], None]] = {
    labels.NUMBER_TITLE: _number_title, "number": _number, "title": _title,
    "implementers": _names("implementers"), "partners": _names("partners"),
    "responsible": _responsible, "description": _list("description"),
    "target_groups": _list("target_groups"), "outputs": _list("outputs"),
    "risks": _list("risks"), "indicators": _list("indicators"), "area": _area,
    "budget": _budget, "amount": _amount, "sources": _sources, "milestones": _milestones,
    "due": _due, "status": _status, labels.PRIORITY: lambda card, entry: None,
    labels.MEASURE: _heading,
}
"""What each field of ``labels.LABELS`` does with its value."""


def read_card(found: Found) -> Card:
    card = Card(found.place)
    for entry in found.entries:
        key = labels.field_of(entry.label)
        if key is None:
            _unknown(card, entry)
        else:
            FIELDS[key](card, entry)
    _apply_status(card, found)
    _per_not_said(card, found)
    card.measure = card.measure or _measure(card.number, found)
    return card


def _unknown(card: Card, entry: Entry) -> None:
    text = "; ".join(entry.texts())
    card.skip(entry.place, f"{entry.label}: {text}" if text else entry.label,
              "Pole, které karta aktivity nemá; zapište ho do komentáře karty nebo do zápisu.",
              "A field activity cards do not have; put it in a comment of the card or in "
              "the minutes.")


def _apply_status(card: Card, found: Found) -> None:
    """„Stav“: the status of the card's steps when it is a step's status, else a hint."""
    if card.status is None:
        return
    status = status_from_words("milestone", card.status)
    if status is not None and card.steps:
        card.steps = [new.StepText(s.title, s.due, status.value, s.done) for s in card.steps]
        return
    entry = next(e for e in found.entries if labels.field_of(e.label) == "status")
    card.skip(entry.place, card.status,
              "Stav patří do ročního hodnocení: kplan evaluate AKTIVITA --year ROK --status ….",
              "A status belongs in the yearly evaluation: kplan evaluate ACTIVITY --year "
              "YEAR --status ….")


def _per_not_said(card: Card, found: Found) -> None:
    if card.budget is None or card.budget.amount is None or card.budget.per is not None:
        return
    entry = next(e for e in found.entries if labels.field_of(e.label) in ("budget", "amount"))
    card.skip(entry.place, " – ".join(card.budget_text),
              "Podklad neříká, zda je částka za rok, nebo za celé období; zapsáno per: year, "
              "opravte na total, je-li za celé období.",
              "The source does not say whether the amount is per year or for the whole "
              "period; written as per: year, change it to total if it is the whole period.")


def _measure(number: str | None, found: Found) -> str | None:
    """The measure heading the card stood under, when its number belongs there."""
    for heading in (found.measure, found.priority):
        if heading and number and (number == heading or number.startswith(heading + ".")):
            return heading
    return None


def card_fields(card: Card, source: str | None) -> new.CardFields:
    budget = None
    if card.budget is not None:
        budget = new.BudgetText(card.budget.amount, card.budget.per, card.budget.sources,
                                " – ".join(card.budget_text))
    return new.CardFields(
        measure=card.measure, description=card.lists.get("description", []),
        target_groups=card.lists.get("target_groups", []),
        outputs=card.lists.get("outputs", []), budget=budget, area=card.area,
        risks=card.lists.get("risks", []), milestones=card.steps,
        indicators=card.lists.get("indicators", []), source=source)


def card_text(card: Card, group: str, source: str | None) -> str:
    assert card.number is not None
    return new.activity_text(group, card.number, card.title, card.implementers, card.partners,
                             card.responsible, card_fields(card, source))
