"""The words of ``kplan changes`` and ``kplan log`` for a card's money and indicators:
``rozpočet na rok 2025: 150 000 Kč → 160 000 Kč``, ``výchozí stav 600 lůžek (2019)``.

Money nobody gave is "neuvedeno", never 0 Kč; a source named without an amount of its own
is "bez vlastní částky" (the card does not split its money by source).
"""

from __future__ import annotations

from kplan.i18n import Lang, in_lang
from kplan.output.format import format_money, format_number, label
from kplan.query.change_rows import Change, ChangeKind

BUDGET_KINDS = (ChangeKind.BUDGET, ChangeKind.BUDGET_SOURCE_ADDED,
                ChangeKind.BUDGET_SOURCE_REMOVED, ChangeKind.BUDGET_SOURCE_CHANGED,
                ChangeKind.BUDGET_YEAR, ChangeKind.BUDGET_YEAR_SOURCE, ChangeKind.BUDGET_NOTE)
INDICATOR_KINDS = (ChangeKind.INDICATOR_ADDED, ChangeKind.INDICATOR_TARGET,
                   ChangeKind.INDICATOR_VALUE, ChangeKind.INDICATOR_BASELINE,
                   ChangeKind.INDICATOR_DIRECTION, ChangeKind.INDICATOR_CHANGE)

CARD_WORDS: dict[str, tuple[str, str]] = {
    ChangeKind.BUDGET: ("{ref} {title}: rozpočet {before} → {after}",
                        "{ref} {title}: budget {before} → {after}"),
    ChangeKind.BUDGET_SOURCE_ADDED: ("{ref} {title}: rozpočet: nový zdroj {item}{amount}",
                                     "{ref} {title}: budget: new source {item}{amount}"),
    ChangeKind.BUDGET_SOURCE_REMOVED: ("{ref} {title}: rozpočet: zdroj {item} odebrán{amount}",
                                       "{ref} {title}: budget: source {item} removed{amount}"),
    ChangeKind.BUDGET_SOURCE_CHANGED: ("{ref} {title}: rozpočet, zdroj {item}: {before} → "
                                       "{after}", "{ref} {title}: budget, source {item}: "
                                       "{before} → {after}"),
    ChangeKind.BUDGET_YEAR: ("{ref} {title}: rozpočet na rok {year}: {before} → {after}",
                             "{ref} {title}: budget for {year}: {before} → {after}"),
    "budget_year_added": ("{ref} {title}: rozpočet na rok {year}: {after}",
                          "{ref} {title}: budget for {year}: {after}"),
    "budget_year_removed": ("{ref} {title}: rozpočet na rok {year} už není uveden zvlášť (byl "
                            "{before}), rok se řídí částkou karty",
                            "{ref} {title}: budget for {year} no longer given on its own (it "
                            "was {before}); the year follows the card's amount"),
    ChangeKind.BUDGET_YEAR_SOURCE: ("{ref} {title}: rozpočet na rok {year}, zdroj {item}: "
                                    "{before} → {after}",
                                    "{ref} {title}: budget for {year}, source {item}: "
                                    "{before} → {after}"),
    ChangeKind.BUDGET_NOTE: ("{ref} {title}: poznámka k rozpočtu: „{before}“ → „{after}“",
                             "{ref} {title}: budget note: '{before}' → '{after}'"),
    "budget_note_added": ("{ref} {title}: nová poznámka k rozpočtu: „{after}“",
                          "{ref} {title}: new budget note: '{after}'"),
    "budget_note_removed": ("{ref} {title}: odebrána poznámka k rozpočtu („{before}“)",
                            "{ref} {title}: budget note removed ('{before}')"),
    ChangeKind.INDICATOR_ADDED: ("{ref} {title}: nový ukazatel „{item}“{goal}",
                                 "{ref} {title}: new indicator '{item}'{goal}"),
    ChangeKind.INDICATOR_TARGET: ("{ref} {title}: ukazatel „{item}“: cíl {before} → {after}",
                                  "{ref} {title}: indicator '{item}': target {before} → "
                                  "{after}"),
    ChangeKind.INDICATOR_VALUE: ("{ref} {title}: ukazatel „{item}“ {year}: {after}",
                                 "{ref} {title}: indicator '{item}' {year}: {after}"),
    "indicator_value_changed": ("{ref} {title}: ukazatel „{item}“ {year}: {before} → {after}",
                                "{ref} {title}: indicator '{item}' {year}: {before} → "
                                "{after}"),
    ChangeKind.INDICATOR_BASELINE: ("{ref} {title}: ukazatel „{item}“: výchozí stav {before} → "
                                    "{after}", "{ref} {title}: indicator '{item}': baseline "
                                    "{before} → {after}"),
    ChangeKind.INDICATOR_DIRECTION: ("{ref} {title}: ukazatel „{item}“: {before} → {after}",
                                     "{ref} {title}: indicator '{item}': {before} → {after}"),
    ChangeKind.INDICATOR_CHANGE: ("{ref} {title}: ukazatel „{item}“: cílem je změna {before} → "
                                  "{after}", "{ref} {title}: indicator '{item}': the target "
                                  "change {before} → {after}"),
    "goal": (", cíl {goal}", ", target {goal}"),
    "unknown_money": ("neuvedeno", "not given"),
    "not_split": ("bez vlastní částky", "no amount of its own"),
    "less": ("o {amount} méně", "down by {amount}"),
    "more": ("o {amount} více", "up by {amount}"),
}


def _word(key: str, lang: Lang, **args: object) -> str:
    return in_lang(CARD_WORDS[key], lang).format(**args)


def words_key(change: Change) -> str:
    """The sentence for the change: the kind's, or its variant for something new or gone."""
    kind = change.kind
    if kind is ChangeKind.INDICATOR_VALUE and change.before is not None:
        return "indicator_value_changed"
    if kind in (ChangeKind.BUDGET_YEAR, ChangeKind.BUDGET_NOTE) and \
            None in (change.before, change.after):
        return f"{kind.value}_{'added' if change.before is None else 'removed'}"
    return kind


def _money(value: str | int | float | None, currency: str, lang: Lang,
           missing: str = "unknown_money") -> str:
    return _word(missing, lang) if value is None else format_money(int(value), currency, lang)


def _money_per(value: str | int | float | None, per: str | None, currency: str, lang: Lang,
               missing: str = "unknown_money") -> str:
    """``200 000 Kč ročně``; "neuvedeno" when unknown."""
    shown = _money(value, currency, lang, missing)
    return f"{shown} {label(per, lang)}" if per and value is not None else shown


def budget_args(change: Change, currency: str, lang: Lang) -> dict[str, object]:
    if change.kind in (ChangeKind.BUDGET_NOTE, ChangeKind.BUDGET_YEAR,
                       ChangeKind.BUDGET_YEAR_SOURCE):
        return _year_or_note_args(change, currency, lang)
    was = change.was or change.extra
    missing = "unknown_money" if change.kind is ChangeKind.BUDGET else "not_split"
    amount = change.after if change.kind is ChangeKind.BUDGET_SOURCE_ADDED else change.before
    return {"before": _money_per(change.before, was, currency, lang, missing),
            "after": _money_per(change.after, change.extra, currency, lang, missing),
            "amount": f" ({_money_per(amount, change.extra, currency, lang)})"
            if amount is not None else ""}


def _year_or_note_args(change: Change, currency: str, lang: Lang) -> dict[str, object]:
    if change.kind is ChangeKind.BUDGET_NOTE:
        return {"before": change.before, "after": change.after}
    return {"year": change.extra, "before": _dash_money(change.before, currency, lang),
            "after": _dash_money(change.after, currency, lang)}


def _dash_money(value: str | int | float | None, currency: str, lang: Lang) -> str:
    return "–" if value is None else format_money(int(value), currency, lang)


def _measured(value: str | int | float | None, unit: str | None, lang: Lang) -> str:
    if value is None or isinstance(value, str):
        return value or "–"
    return f"{format_number(value, lang)} {unit}" if unit else format_number(value, lang)


def _by(change: str | int | float | None, unit: str | None, lang: Lang) -> str:
    """``o 100 lůžek méně``: a change against the baseline in words."""
    if change is None or isinstance(change, str):
        return change or "–"
    return _word("less" if change < 0 else "more", lang,
                 amount=_measured(abs(change), unit, lang))


def indicator_args(change: Change, lang: Lang) -> dict[str, object]:
    kind, unit = change.kind, change.unit
    if kind is ChangeKind.INDICATOR_DIRECTION:
        return {"before": label(str(change.before), lang), "after": label(str(change.after), lang)}
    if kind is ChangeKind.INDICATOR_CHANGE:
        return {"before": _by(change.before, unit, lang), "after": _by(change.after, unit, lang)}
    before, after = _measured(change.before, unit, lang), _measured(change.after, unit, lang)
    if kind is ChangeKind.INDICATOR_BASELINE:
        before += f" ({change.was})" if change.was and change.before is not None else ""
        after += f" ({change.extra})" if change.extra and change.after is not None else ""
    return {"before": before, "after": after, "year": change.extra,
            "goal": _goal(change, after, lang)}


def _goal(change: Change, after: str, lang: Lang) -> str:
    """A new indicator's target, or the change it is to make when no target follows."""
    if change.after is not None:
        return _word("goal", lang, goal=after)
    if change.kind is ChangeKind.INDICATOR_ADDED and change.extra:
        return _word("goal", lang, goal=_by(float(change.extra), change.unit, lang))
    return ""
