"""The words of the yearly report in Czech and English: headings and labels the templates
use as ``t.<key>``.

Kept apart from ``context.py`` so that the context stays short to read; a plan's own
template can use any of these keys (docs/report.md lists them).
"""

from __future__ import annotations

from functools import partial
from types import MappingProxyType
from typing import Final

from kplan.i18n import Lang, say, table_in
from kplan.output.unloaded import CANNOT_LOAD

_WORDS: Final[dict[str, tuple[str, str]]] = {
    "document": ("Vyhodnocení plnění komunitního plánu", "Evaluation of the community plan"),
    "whole_plan": ("Plán jako celek", "The plan as a whole"),
    "for_year": ("za rok {year}", "for {year}"),
    "generated": ("Vygenerováno", "Generated on"),
    "area": ("Území", "Area"),
    "period": ("Období plánu", "Plan period"),
    "year_running": ("Rok {year} ještě neskončil: údaje platí ke dni vygenerování.",
                     "The year {year} is not over: the figures are as on the day generated."),
    "contents": ("Obsah", "Contents"),
    "summary": ("Souhrn", "Summary"),
    "activities": ("Aktivity", "Activities"),
    "activities_by_status": ("Aktivity podle hodnocení", "Activities by evaluation"),
    "evaluation": ("Hodnocení", "Evaluation"),
    "count": ("Počet", "Count"),
    "total": ("Celkem", "Total"),
    "not_evaluated": ("bez hodnocení", "not evaluated"),
    "milestones_due": ("Kroky harmonogramu s termínem v roce {year}",
                       "Milestones due in {year}"),
    "outcome_done": ("splněno", "done"),
    "outcome_late": ("po termínu", "late"),
    "outcome_postponed": ("odloženo", "postponed"),
    "outcome_cancelled": ("zrušeno", "cancelled"),
    "outcome_open": ("termín ještě nenastal", "not yet due"),
    "money": ("Peníze", "Money"),
    "source": ("Zdroj", "Source"),
    "source_none": ("zdroj neuveden", "no source named"),
    "planned": ("Plánováno", "Planned"),
    "spent": ("Vyčerpáno", "Spent"),
    "source_unsplit": ("nerozděleno podle zdrojů", "not split by source"),
    "unknown_money": ("neuvedeno", "not given"),
    "money_note": ("Plán na rok je částka karty pro ten rok, jinak její částka za rok; částka "
                   "za celé období je rozdělena rovným dílem mezi roky plánu. Karta, která "
                   "zdroje jen vyjmenuje bez rozdělení částky, je v řádku „nerozděleno podle "
                   "zdrojů“, ne u každého zdroje zvlášť; řádky se nepřekrývají a jejich součet "
                   "je v řádku Celkem. Částka, kterou karta neuvádí, je „neuvedeno“, ne 0.",
                   "A year's plan is the card's amount for that year, else its amount a year; "
                   "an amount for the whole period is divided evenly over the plan's years. A "
                   "card that only names its sources without splitting the amount is in the "
                   "row \"not split by source\", not under each source; rows do not overlap "
                   "and add up to the Total row. An amount a card does not give is \"not "
                   "given\", not 0."),
    "share": ("Podíl", "Share"),
    "headings_by_status": ("Priority a opatření podle hodnocení",
                           "Priorities and measures by evaluation"),
    "carry_over": ("Co přechází do dalšího plánu", "What carries over into the next plan"),
    "carry_over_lead": ("Rok {year} je posledním rokem plánu. Aktivity, které nejsou splněné "
                        "ani zrušené:",
                        "{year} is the plan's last year. Activities neither done nor "
                        "cancelled:"),
    "carry_over_none": ("Rok {year} je posledním rokem plánu; všechny aktivity jsou splněné "
                        "nebo zrušené.",
                        "{year} is the plan's last year; every activity is done or "
                        "cancelled."),
    "amendments": ("Dodatky plánu v roce {year}", "Amendments of the plan in {year}"),
    "resolution": ("usnesení", "resolution"),
    "unloaded": ("Karty, které nelze načíst", "Cards that cannot be loaded"),
    "unloaded_count": ("Karet, které nelze načíst (nejsou v počtech): {count}. Opravte je "
                       "podle kplan validate.",
                       "Cards that cannot be loaded (not in the counts): {count}. Fix them "
                       "as kplan validate says."),
    "cannot_load": CANNOT_LOAD,
    "file": ("soubor", "file"),
    "first_error": ("první chyba", "first error"),
    "meetings": ("Schůzky skupin", "Group meetings"),
    "group": ("Skupina", "Group"),
    "held": ("Sešla se", "Met"),
    "required": ("Má se sejít", "Should meet"),
    "not_required": ("neurčeno", "not set"),
    "priority": ("Priorita", "Priority"),
    "measure": ("Opatření", "Measure"),
    "coordinator": ("Koordinátor", "Coordinator"),
    "no_activities": ("Skupina nemá žádné aktivity.", "The group has no activities."),
    "responsible": ("Odpovědná osoba", "Responsible"),
    "implementers": ("Realizátor", "Implementers"),
    "comment": ("Komentář", "Comment"),
    "per_total": ("za celé období", "for the whole period"),
    "divided": ("rozděleno rovným dílem na roky plánu", "divided evenly over the plan's years"),
    "sources": ("zdroje", "sources"),
    "no_budget": ("neuvedeno", "not given"),
    "done_in_year": ("Kroky harmonogramu v roce {year}", "Milestones in {year}"),
    "no_milestones": ("V roce {year} žádný krok harmonogramu.", "No milestone in {year}."),
    "due": ("Termín", "Due"),
    "milestone": ("Krok", "Milestone"),
    "state": ("Stav", "Status"),
    "indicators": ("Ukazatele", "Indicators"),
    "indicator": ("Ukazatel", "Indicator"),
    "target": ("Cíl", "Target"),
    "value_in": ("Hodnota {year}", "Value {year}"),
    "services": ("Služby skupiny", "Services of the group"),
    "other_services": ("Další služby", "Other services"),
    "no_services": ("Skupina nemá v plánu žádné služby.", "The group has no services."),
    "service": ("Služba", "Service"),
    "kind": ("Druh", "Kind"),
    "provider": ("Poskytovatel", "Provider"),
    "hours": ("Provozní doba", "Hours"),
    "capacity": ("Kapacita", "Capacity"),
    "contacts": ("Kontakty", "Contacts"),
    "meetings_in": ("Schůzky v roce {year}", "Meetings in {year}"),
    "no_meetings": ("V roce {year} se skupina nesešla.", "The group did not meet in {year}."),
    "time": ("Čas", "Time"),
    "place": ("Místo", "Place"),
    "decisions": ("Usnesení", "Decisions"),
    "no_decisions": ("Zápis neuvádí žádná usnesení.", "The minutes record no decisions."),
    "decided_amount": ("částka", "amount"),
    "chart_status": ("Aktivity podle hodnocení", "Activities by evaluation"),
    "chart_money": ("Plánováno a vyčerpáno podle zdrojů", "Planned and spent by source"),
    "chart_milestones": ("Kroky harmonogramu roku {year}", "Milestones of {year}"),
    "dash": ("—", "—"),
    "needs": ("Potřeby", "Needs"),
    "needs_count": ("Potřeb v analýzách", "Needs in the analyses"),
    "needs_answered_count": ("S odpovědí", "Answered"),
    "needs_gaps_count": ("Nepokrytých", "Gaps"),
    "needs_answered": ("Potřeby, na které plán odpovídá", "Needs the plan answers"),
    "needs_gaps": ("Nepokryté potřeby", "Gaps"),
    "needs_gaps_note": ("Potřeby druhu nemáme, chceme nebo problém, na které zatím neodpovídá "
                        "žádná aktivita ani služba.",
                        "Needs of kind lack, want or problem that no activity or service "
                        "answers yet."),
    "no_gaps": ("Na každou potřebu druhu nemáme, chceme nebo problém něco odpovídá.",
                "Every need of kind lack, want or problem is answered."),
    "no_answered": ("Na žádnou potřebu zatím neodpovídá aktivita ani služba.",
                    "No activity or service answers a need yet."),
    "need": ("Potřeba", "Need"),
    "answered_by": ("Co na ni odpovídá", "Answered by"),
    "need_analysis": ("Analýza", "Analysis"),
    "need_kind_have": ("máme", "have"),
    "need_kind_lack": ("nemáme", "lack"),
    "need_kind_want": ("chceme", "want"),
    "need_kind_problem": ("problém", "problem"),
    "need_kind_risk": ("riziko", "risk"),
    "need_kind_expectation": ("očekávání", "expectation"),
}

_DOCUMENT_BY_KIND: Final[dict[str, tuple[str, str]]] = {
    "community_plan": _WORDS["document"],
    "action_plan": ("Vyhodnocení akčního plánu", "Evaluation of the action plan"),
    "development_plan": ("Vyhodnocení střednědobého plánu rozvoje sociálních služeb",
                         "Evaluation of the medium-term plan of social services"),
    "provider_plan": ("Vyhodnocení plánu rozvoje poskytovatele",
                      "Evaluation of the provider's development plan"),
}
"""The report's title by the plan's ``kind``."""


def report_words(lang: Lang, year: int,
                 kind: str = "community_plan") -> MappingProxyType[str, str]:
    """Every word of the report in one language, with the report's year filled in; the
    title follows the plan's kind."""
    pairs = {**_WORDS, "document": _DOCUMENT_BY_KIND.get(kind, _WORDS["document"])}
    return MappingProxyType({key: text.replace("{year}", str(year))
                             for key, text in table_in(pairs, lang).items()})


word = partial(say, _WORDS)
