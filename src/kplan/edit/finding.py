"""Finding what an edit changes: an activity, a meeting, one item of a list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

from kplan.edit.problem import EditProblem
from kplan.plan.activity import Activity
from kplan.plan.layout import YAML_SUFFIX
from kplan.plan.meeting import Meeting
from kplan.plan.model import Plan
from kplan.query import catalog
from kplan.visible import printable


def find_activity(plan: Plan, ref: str) -> Activity:
    """``group/number``, or a bare number that only one group uses."""
    found = catalog.find(plan, ref)
    if isinstance(found, Activity):
        return plan.whole(found)
    if isinstance(found, catalog.Ambiguous):
        raise EditProblem(f"Číslo {ref} používá víc skupin: {', '.join(found.matches)}. "
                          "Napište celý odkaz skupina/číslo.",
                          f"Several groups use {ref}: {', '.join(found.matches)}. "
                          "Give the full reference group/number.")
    _not_found("aktivita", "activity", ref, found)


def find_meeting(plan: Plan, name: str) -> Meeting:
    """A meeting by its file name without ``.yaml`` (or its date, when only one that day)."""
    found = catalog.find(plan, name.removesuffix(YAML_SUFFIX))
    if isinstance(found, Meeting):
        return found
    if isinstance(found, catalog.Ambiguous):
        raise EditProblem(f"Ten den bylo víc schůzek: {', '.join(found.matches)}. Napište "
                          "celý název jedné z nich.", "Several meetings were held that day: "
                          f"{', '.join(found.matches)}. Write the whole name of one.")
    _not_found("schůzka", "meeting", name, found)


def _not_found(cs: str, en: str, query: str, found: object) -> NoReturn:
    broken = found.broken if isinstance(found, catalog.NotFound) else None
    if broken:
        raise EditProblem(f"Soubor {broken} má chyby; opravte je (kplan validate) a zkuste "
                          "to znovu.", f"{broken} has errors; fix them (kplan validate) first.",
                          exit_code=1)
    close = found.suggestions if isinstance(found, catalog.NotFound) else ()
    similar_cs = f" Podobné: {', '.join(close)}." if close else ""
    similar_en = f" Similar: {', '.join(close)}." if close else ""
    raise EditProblem(f"{cs.capitalize()} „{query}“ v plánu není.{similar_cs}",
                      f"No {en} '{query}' in the plan.{similar_en}")


def pick(titles: Sequence[str], query: str, what: tuple[str, str], shown: str = "") -> int:
    """The index of an item by its 1-based position, or by a unique fragment of its title
    (ignoring case and diacritics); ``shown`` is what ``kplan show`` numbers them for."""
    cs, en = what
    list_cs = f" Seznam s čísly ukáže kplan show {shown}." if shown else ""
    list_en = f" kplan show {shown} lists them with their numbers." if shown else ""
    text = query.strip()
    if text.isdigit():
        position = int(text)
        if 1 <= position <= len(titles):
            return position - 1
        raise EditProblem(f"{cs.capitalize()} číslo {position} neexistuje; je jich "
                          f"{len(titles)}.{list_cs}", f"There is no {en} {position}; there "
                          f"are {len(titles)}.{list_en}")
    wanted = catalog.fold(text)
    matches = [i for i, title in enumerate(titles) if wanted and wanted in catalog.fold(title)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise EditProblem(f"Žádný {cs} neobsahuje „{query}“.{list_cs}",
                          f"No {en} contains '{query}'.{list_en}")
    listed = "; ".join(f"{i + 1}. {printable(titles[i])}" for i in matches)
    raise EditProblem(f"„{query}“ odpovídá víc položkám: {listed}. Zadejte číslo nebo delší "
                      "část názvu.", f"'{query}' matches several: {listed}. Give the number "
                      "or a longer part of the title.")
