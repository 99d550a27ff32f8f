"""kplan new activity, service and meeting: a new file of the plan, with comments."""


from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kplan.cli.common import LangFlag, LangOption, PathArgument, _usage_error
from kplan.cli.edit import DryRunFlag, GroupArgument, _choice, _day, _run, _say, new_app
from kplan.cli.language import english, helps, named
from kplan.i18n import resolve_lang

if TYPE_CHECKING:
    from kplan.edit.change import Change
    from kplan.plan.model import Plan


@new_app.command("activity")
@english("A new activity card activities/GROUP/NUMBER.yaml (without a group "
         "activities/NUMBER.yaml) with a comment on every field.")
def new_activity(group: Annotated[str, typer.Argument(
                     metavar="SKUPINA", show_default=False, help=helps(
                         "Pracovní skupina (její id z plan.yaml); kartu plánu jako celku "
                         "(activities/ČÍSLO.yaml) založíte jen s ČÍSLEM.",
                         "The working group (its id in plan.yaml); for a card of the plan as "
                         "a whole (activities/NUMBER.yaml) give the NUMBER alone."))],
                 number: Annotated[str | None, typer.Argument(
                     metavar="ČÍSLO", show_default=False, help=helps(
                         "Číslo aktivity, např. 2.1.3.",
                         "The activity's number, e.g. 2.1.3."))] = None,
                 path: PathArgument = None,
                 title: Annotated[str | None, typer.Option(help=helps(
                     "Název aktivity.", "The activity's title."))] = None,
                 implementer: Annotated[list[str] | None, typer.Option(
                     "--implementer", help=helps(
                         "Realizátor (organizace); volbu lze opakovat.",
                         "An implementer (an organisation); the option can be repeated."),
                     show_default=False)] = None,
                 partner: Annotated[list[str] | None, typer.Option(
                     "--partner", help=helps(
                         "Spolupracující subjekt nebo id služby; lze opakovat.",
                         "A partner or a service's id; can be repeated."),
                     show_default=False)] = None,
                 responsible: Annotated[list[str] | None, typer.Option(
                     "--responsible", help=helps(
                         "Odpovědná osoba; lze opakovat (zapíší se za sebou oddělené čárkou).",
                         "The person responsible; can be repeated (written one after another, "
                         "separated by commas)."), show_default=False)] = None,
                 whole_plan: Annotated[bool, typer.Option(
                     "--whole-plan", help=helps(
                         "Karta plánu jako celku (bez skupiny) i v plánu s pracovními "
                         "skupinami.",
                         "A card of the plan as a whole (without a group), also in a plan "
                         "with working groups."))] = False,
                 dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Nová karta aktivity activities/SKUPINA/ČÍSLO.yaml (bez skupiny activities/ČÍSLO.yaml)
    s komentáři ke každému poli."""
    import re

    from kplan.edit import change as edit
    from kplan.edit import new as templates_new
    from kplan.plan.values import NUMBER_RE

    named_group, number, path = _card_arguments(group, number, path, whole_plan, lang)
    if not re.fullmatch(NUMBER_RE, number):
        chosen = resolve_lang(lang, None)
        raise _usage_error(_say("bad_number", chosen, option=named("ČÍSLO", chosen),
                                value=number))

    def make(root: Path, plan: "Plan", today: date) -> "list[Change]":
        card_group = templates_new.card_group(plan, named_group, whole_plan)
        text = templates_new.activity_text(
            card_group, number, title, implementer or (), partner or (),
            ", ".join(responsible or ()) or None,
            templates_new.CardFields(templates_new.card_measure(plan, card_group, number)))
        return [edit.new_file(root, edit.activity_file(card_group, number), text)]

    _run(path, lang, dry_run, make, whole=True)


def _card_arguments(first: str, second: str | None, path: Path | None, whole_plan: bool,
                    lang: LangOption | None) -> tuple[str | None, str, Path | None]:
    """The group (None: not named), the number and the plan's folder: ``SKUPINA ČÍSLO``, or
    ``ČÍSLO`` alone for a card of the plan as a whole (then a folder may follow it)."""
    if second is None:
        return None, first, path
    if path is None and Path(second).is_dir():
        return None, first, Path(second)
    if whole_plan:
        raise _usage_error(_say("whole_plan_group", resolve_lang(lang, None), group=first,
                                number=second))
    return first, second, path


@new_app.command("service")
@english("A new service services/ID.yaml with a comment on every field.")
def new_service(service_id: Annotated[str, typer.Argument(
                    metavar="ID", help=helps(
                        "Identifikátor služby, např. renarkon-terenni-program.",
                        "The service's id, e.g. renarkon-terenni-program."))],
                path: PathArgument = None,
                name: Annotated[str | None, typer.Option(help=helps(
                    "Název služby.", "The service's name."))] = None,
                kind: Annotated[str, typer.Option(
                    help=helps("Druh podle zákona 108/2006 Sb., např. terenni-programy.",
                               "The kind by Act No. 108/2006 Coll., e.g. "
                               "terenni-programy."))]
                = "odborne-socialni-poradenstvi",
                dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Nová služba services/ID.yaml s komentáři ke každému poli."""
    import re

    from kplan.edit import change as edit
    from kplan.edit import new as templates_new
    from kplan.plan.service import ServiceKind
    from kplan.plan.values import SLUG_RE

    if not re.fullmatch(SLUG_RE, service_id):
        raise _usage_error(_say("bad_id", resolve_lang(lang, None), option="ID",
                                value=service_id))
    chosen = _choice(ServiceKind, kind, "--kind", lang)

    def make(root: Path, plan: "Plan", today: date) -> "list[Change]":
        text = templates_new.service_text(service_id, name, chosen.value)
        return [edit.new_file(root, edit.service_file(service_id), text)]

    _run(path, lang, dry_run, make, whole=True)


@new_app.command("meeting")
@english("""New minutes meetings/DATE-GROUP.yaml (the second of a day -2) with the agenda
    filled in with what is overdue, what ends before the next meeting, and the open tasks.""")
def new_meeting(group: GroupArgument,
                path: PathArgument = None,
                day: Annotated[str | None, typer.Option(
                    "--date", metavar="DEN",
                    help=helps("Den schůzky (15. 3. 2026 nebo 2026-03-15); výchozí dnes.",
                               "The day of the meeting (2026-03-15 or 15. 3. 2026); by "
                               "default today."))] = None,
                title: Annotated[str | None, typer.Option(help=helps(
                    "Název jednání.", "The meeting's title."))] = None,
                dry_run: DryRunFlag = False, lang: LangFlag = None) -> None:
    """Nový zápis meetings/DATUM-SKUPINA.yaml (druhý téhož dne -2) s programem
    předvyplněným tím, co je po termínu, co končí do příští schůzky, a otevřenými úkoly."""
    from kplan.edit import change as edit
    from kplan.edit import new as templates_new
    from kplan.query.status import known_groups

    held = _day(day, "--date", lang)

    def make(root: Path, plan: "Plan", today: date) -> "list[Change]":
        if group not in known_groups(plan):
            raise edit.EditProblem(
                f"Skupina „{group}“ v plan.yaml není; známé: {', '.join(known_groups(plan))}.",
                f"No group '{group}' in plan.yaml; known: {', '.join(known_groups(plan))}.")
        text = templates_new.meeting_text(plan, group, held, title)
        return [edit.new_file(root, edit.free_meeting_file(root, held, group), text)]

    _run(path, lang, dry_run, make, whole=True)
