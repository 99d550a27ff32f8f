"""The registry of stable diagnostic codes and their messages in Czech and English.

KP1xx: files and YAML; KP2xx: a document against its schema; KP3xx: references
between documents; KP4xx: plausibility. A code never changes its meaning; a retired
code is never reused. Every code is documented, with an example, in docs/codes.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kplan.diagnostics import Diagnostic, Loc, Severity
from kplan.i18n import Lang, in_lang
from kplan.visible import printable

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    cs: tuple[str, str]
    """Message and hint in Czech, as ``str.format`` templates over the diagnostic's args."""
    en: tuple[str, str]
    defaults: Mapping[str, Any] | None = None
    """Args a diagnostic of this code may leave out."""


_SYNTAX_ADVICE = {
    "cs": "Opravte zápis na vyznačeném místě; odsazení musí být mezerami a za dvojtečkou po "
          "názvu pole následuje mezera.",
    "en": "Fix the syntax at the marked place; indent with spaces and put a space after the "
          "colon of a key."}

_CODES = (
    # --- KP1xx: files and YAML -------------------------------------------------------------
    Code("KP101", E,
         ("Soubor není platný YAML: {problem}.", "{advice}"),
         ("The file is not valid YAML: {problem}.", "{advice}"),
         defaults={"advice": _SYNTAX_ADVICE}),
    Code("KP102", E,
         ("Pole „{key}“ je v téže části souboru dvakrát (poprvé na řádku {first_line}).",
          "Smažte jeden z nich nebo je slučte; platil by jen ten poslední."),
         ("The key '{key}' appears twice in the same mapping (first on line {first_line}).",
          "Delete one of them or merge them; only the last one would count.")),
    Code("KP103", E,
         ("YAML kotvy a odkazy (&, *) nejsou v datech plánu povoleny.",
          "Napište hodnotu znovu celou; kotvy umožňují, aby malý soubor narostl do obrovské "
          "velikosti."),
         ("YAML anchors and aliases (&, *) are not allowed in plan data.",
          "Write the value out in full; anchors let a small file expand into a huge one.")),
    Code("KP104", E,
         ("Soubor má {size} bajtů, víc než povolený 1 MiB.",
          "Rozdělte obsah do více souborů; jedna karta aktivity má obvykle pár kilobajtů."),
         ("The file has {size} bytes, more than the allowed 1 MiB.",
          "Split the content into several files; an activity card is usually a few kilobytes.")),
    Code("KP105", E,
         ("Soubor není v kódování UTF-8 (bajt 0x{byte:02x}).",
          "Uložte soubor v kódování UTF-8 (v Poznámkovém bloku: Uložit jako → Kódování: UTF-8); "
          "soubory z Wordu a starších programů bývají ve windows-1250."),
         ("The file is not UTF-8 encoded (byte 0x{byte:02x}).",
          "Save the file as UTF-8; files from Word and older programs are often windows-1250.")),
    Code("KP106", E,
         ("Tabulátor v odsazení.",
          "YAML odsazuje jen mezerami: odsaďte řádek {spaces} místo tabulátoru."),
         ("A tab in the indentation.",
          "YAML indents with spaces only: indent the line with {spaces} instead of the tab.")),
    Code("KP107", E,
         ("Soubor je prázdný.",
          "Doplňte obsah podle vzoru (kplan new …), nebo soubor smažte."),
         ("The file is empty.",
          "Fill it in from the template (kplan new …) or delete it.")),
    Code("KP108", E,
         ("Data jsou zanořená víc než {limit} úrovní.",
          "Data plánu jsou mělká (nejvýš pár úrovní); zkontrolujte odsazení a závorky."),
         ("The data is nested more than {limit} levels deep.",
          "Plan data is shallow (a few levels at most); check the indentation and brackets.")),
    Code("KP109", E,
         ("Odkaz „{target}“ vede mimo složku plánu; kplan ho nečte.",
          "Nahraďte symbolický odkaz skutečným souborem uvnitř plánu."),
         ("The link '{target}' points outside the plan folder; kplan does not read it.",
          "Replace the symbolic link with a real file inside the plan.")),
    Code("KP110", W,
         ("Soubor „{name}“ není YAML; kplan ho ve složce {folder}/ nečte.",
          "{suggestion}"),
         ("The file '{name}' is not YAML; kplan does not read it in {folder}/.",
          "{suggestion}")),
    Code("KP111", E,
         ("Soubor obsahuje víc YAML dokumentů (oddělovač ---).",
          "Každá karta, služba a schůzka patří do vlastního souboru."),
         ("The file holds more than one YAML document (separator ---).",
          "Every card, service and meeting goes into a file of its own.")),
    Code("KP112", W,
         ("Soubor začíná znakem BOM.",
          "Uložte soubor jako UTF-8 bez BOM; některé nástroje pak první klíč nenajdou."),
         ("The file starts with a byte order mark (BOM).",
          "Save the file as UTF-8 without BOM; some tools fail to find the first key.")),
    Code("KP113", E,
         ("Soubor nelze přečíst: {reason}.",
          "Zkontrolujte práva k souboru a že jde o obyčejný soubor."),
         ("The file cannot be read: {reason}.",
          "Check the file's permissions and that it is a regular file.")),
    Code("KP114", E,
         ("Soubor plan.yaml chybí.",
          "Každý plán má v kořenové složce plan.yaml s názvem, obdobím a pracovními skupinami."),
         ("plan.yaml is missing.",
          "Every plan has plan.yaml at its root with its title, period and working groups.")),
    Code("KP116", E,
         ("Plán má víc než {limit} souborů; kplan další soubory nečte, počínaje tímto.",
          "Do plánu patří jen karty, služby a zápisy; zkontrolujte, zda do složek nepřibyla "
          "cizí data. Limit lze zvýšit proměnnou prostředí KPLAN_MAX_FILES."),
         ("The plan has more than {limit} files; kplan reads no more files, starting with "
          "this one.",
          "A plan holds cards, services and minutes only; check that no other data landed "
          "in its folders. Raise the limit with the environment variable KPLAN_MAX_FILES.")),
    Code("KP117", E,
         ("Hodnota má {length} znaků, víc než povolených {limit}.",
          "Zkraťte text; dlouhé podklady patří do samostatného dokumentu (docs/), na který "
          "karta odkáže."),
         ("The value has {length} characters, more than the allowed {limit}.",
          "Shorten the text; long material belongs in a separate document (docs/) that the "
          "card links to.")),
    Code("KP118", E,
         ("Název souboru obsahuje řídicí nebo neplatný znak; kplan soubor nečte.",
          "Přejmenujte soubor jen na písmena, číslice, tečky a pomlčky (např. 1.1.1.yaml); "
          "znak je ve výpisu zapsán jako \\n, \\x1b apod."),
         ("The file name holds a control or invalid character; kplan does not read the file.",
          "Rename the file to letters, digits, dots and hyphens (e.g. 1.1.1.yaml); the "
          "character is shown as \\n, \\x1b and the like.")),
    # --- KP2xx: a document against its schema ----------------------------------------------
    Code("KP201", E,
         ("Neznámé pole „{field}“.",
          "{suggestion}"),
         ("Unknown field '{field}'.",
          "{suggestion}")),
    Code("KP202", E,
         ("Pole „{field}“ má být {expected}, je tu {found}.",
          "{hint}"),
         ("The field '{field}' must be {expected}; found {found}.",
          "{hint}")),
    Code("KP203", E,
         ("Hodnota „{value}“ pole „{field}“ není mezi povolenými.",
          "Použijte jednu z hodnot: {allowed}."),
         ("The value '{value}' of '{field}' is not one of the allowed values.",
          "Use one of: {allowed}.")),
    Code("KP204", E,
         ("Chybí povinné pole „{field}“.",
          "Doplňte „{field}:“ ({description})."),
         ("The required field '{field}' is missing.",
          "Add '{field}:' ({description}).")),
    Code("KP205", E,
         ("Číslo {raw} v poli „{field}“ musí být v uvozovkách.",
          "YAML čte nechráněné {raw} jako číslo {read}; napište {field}: \"{raw}\"."),
         ("The number {raw} in '{field}' must be quoted.",
          "YAML reads a bare {raw} as the number {read}; write {field}: \"{raw}\".")),
    Code("KP206", E,
         ("Datum „{value}“ v poli „{field}“ neexistuje nebo nemá správný tvar.",
          "Pište datum jako RRRR-MM-DD (2019-01-25){due_hint}{fix}."),
         ("The date '{value}' in '{field}' does not exist or has the wrong form.",
          "Write dates as YYYY-MM-DD (2019-01-25){due_hint}{fix}.")),
    Code("KP207", E,
         ("Hodnota {value} v poli „{field}“ nesmí být záporná.",
          "Částky a počty jsou celá nezáporná čísla bez mezer, např. 200000."),
         ("The value {value} in '{field}' must not be negative.",
          "Amounts and counts are whole non-negative numbers without spaces, e.g. 200000.")),
    Code("KP208", E,
         ("IČO „{value}“ má chybnou kontrolní číslici (má být {expected}).",
          "Opište IČO znovu z veřejného rejstříku (ares.gov.cz); zapisuje se jako 8 číslic "
          "v uvozovkách."),
         ("The IČO '{value}' has a wrong check digit (expected {expected}).",
          "Copy the IČO again from the public register (ares.gov.cz); write it as 8 quoted "
          "digits.")),
    Code("KP209", E,
         ("Hodnota „{value}“ v poli „{field}“ nemá správný tvar.",
          "{hint}"),
         ("The value '{value}' in '{field}' has the wrong form.",
          "{hint}")),
    Code("KP210", E,
         ("Název souboru „{name}“ neodpovídá obsahu: {what}.",
          "Přejmenujte soubor na „{expected}“, nebo opravte obsah."),
         ("The file name '{name}' does not match its content: {what}.",
          "Rename the file to '{expected}' or fix the content.")),
    Code("KP211", E,
         ("Pole „{field}“ má nepřípustnou hodnotu: {problem}.",
          "Opravte hodnotu podle popisu pole v docs/codes.md."),
         ("The field '{field}' has an invalid value: {problem}.",
          "Fix the value as described in docs/codes.md.")),
    Code("KP212", E,
         ("{what} „{key}“ se opakuje (poprvé na pozici {first}).",
          "Každá položka smí být uvedena jen jednou; spojte je do jedné."),
         ("{what} '{key}' is listed twice (first at position {first}).",
          "Each entry may appear only once; merge them.")),
    Code("KP213", E,
         ("Opatření „{measure}“ nepatří k číslu aktivity „{number}“.",
          "Číslo aktivity začíná číslem svého opatření (aktivita 2.1.2 patří k opatření 2.1)."),
         ("The measure '{measure}' does not fit the activity number '{number}'.",
          "An activity number starts with its measure's number (2.1.2 belongs to 2.1).")),
    Code("KP214", E,
         ("Číslo {value} v poli „{field}“ je mimo rozsah 0 až {limit}, který kplan přijímá.",
          "Zkontrolujte hodnotu: částky jsou v celých korunách nejvýš do bilionu, počty do "
          "milionu; .inf a .nan nejsou čísla."),
         ("The number {value} in '{field}' is outside the range 0 to {limit} that kplan accepts.",
          "Check the value: amounts are whole crowns up to a trillion, counts up to a "
          "million; .inf and .nan are not numbers.")),
    Code("KP215", E,
         ("Text v poli „{field}“ obsahuje řídicí znak {char}.",
          "{advice}"),
         ("The text of '{field}' holds the control character {char}.",
          "{advice}")),
    Code("KP225", E,
         ("Potřeba „{need}“ je v analýze dvakrát (poprvé na pozici {first}).",
          "Každá potřeba má v souboru vlastní identifikátor (id); přejmenujte jednu z nich, "
          "nebo je slučte."),
         ("The need '{need}' is in the analysis twice (first at position {first}).",
          "Every need has an id of its own in the file; rename one of them or merge them.")),
    Code("KP216", E,
         ("Nadpis „{number}“ je v plan.yaml zanořený hlouběji než {levels} úrovně.",
          "Priority a opatření mají nejvýš {levels} úrovně (např. 1 → 1.1 → 1.1.1 → 1.1.1.1); "
          "přesuňte nadpis o úroveň výš."),
         ("The heading '{number}' is nested deeper than {levels} levels in plan.yaml.",
          "Priorities and measures have {levels} levels at most (e.g. 1 → 1.1 → 1.1.1 → "
          "1.1.1.1); move the heading one level up.")),
    Code("KP220", E,
         ("Rozmezí „{value}“ v poli „{field}“ končí dřív, než začíná.",
          "Pište nejdřív začátek, pak konec: 2019–2021, 2020-03–2020-06."),
         ("The range '{value}' in '{field}' ends before it starts.",
          "Write the start first, then the end: 2019–2021, 2020-03–2020-06.")),
    Code("KP221", E,
         ("Hodnocení za rok {year} nemá stav ani komentář.",
          "Doplňte „status:“ (splněno, plní se, zpožděno, nezahájeno, nesplněno, zrušeno), "
          "nebo slovní hodnocení „comment:“."),
         ("The evaluation for {year} has neither a status nor a comment.",
          "Add 'status:' (done, on_track, delayed, not_started, not_met, cancelled) or a "
          "'comment:' in words.")),
    Code("KP222", E,
         ("Částka {amount} se nerovná součtu zdrojů {total}.",
          "Opravte „amount“, nebo částky zdrojů; když částka není známa, „amount“ vynechte."),
         ("The amount {amount} is not the sum of the sources, {total}.",
          "Fix 'amount' or the sources' amounts; leave 'amount' out when it is not known.")),
    Code("KP223", E,
         ("Kontakt nemá jméno ani roli.",
          "Doplňte „name:“ (osoba nebo pracoviště), nebo „role:“ (např. Vedoucí služby)."),
         ("The contact has neither a name nor a role.",
          "Add 'name:' (a person or an office) or 'role:' (e.g. Head of the service).")),
    Code("KP224", E,
         ("Služba druhu other nemá „kind_name“.",
          "Napište, co to je: kind_name: Mobilní hospic; registrovaná sociální služba má "
          "druh podle zákona 108/2006 Sb."),
         ("The service of kind other has no 'kind_name'.",
          "Say what it is: kind_name: Mobile hospice; a registered social service takes its "
          "kind under Act 108/2006.")),
    # --- KP3xx: references between documents -----------------------------------------------
    Code("KP301", E,
         ("Aktivita {ref} je v plánu dvakrát (také v {other}).",
          "Každá aktivita má jednu kartu; smažte nebo přečíslujte jednu z nich."),
         ("The activity {ref} is in the plan twice (also in {other}).",
          "Every activity has one card; delete or renumber one of them.")),
    Code("KP302", E,
         ("Pracovní skupina „{group}“ v plan.yaml není.",
          "{suggestion}"),
         ("There is no working group '{group}' in plan.yaml.",
          "{suggestion}")),
    Code("KP303", E,
         ("Aktivita „{ref}“ v plánu není.",
          "{suggestion}"),
         ("There is no activity '{ref}' in the plan.",
          "{suggestion}")),
    Code("KP304", E,
         ("Služba „{service}“ v plánu není.",
          "{suggestion}"),
         ("There is no service '{service}' in the plan.",
          "{suggestion}")),
    Code("KP305", E,
         ("Číslo „{number}“ je v plan.yaml dvakrát.",
          "Každá priorita a opatření má v rámci skupiny vlastní číslo."),
         ("The number '{number}' is in plan.yaml twice.",
          "Each priority and measure has a number of its own within its group.")),
    Code("KP306", E,
         ("Opatření „{measure}“ nepatří pod prioritu „{priority}“.",
          "Číslo opatření začíná číslem své priority (opatření 3.2 patří pod prioritu 3)."),
         ("The measure '{measure}' does not belong under the priority '{priority}'.",
          "A measure's number starts with its priority's number (3.2 belongs under 3).")),
    Code("KP313", E,
         ("Potřeba „{ref}“ v plánu není.",
          "{suggestion}"),
         ("There is no need '{ref}' in the plan.",
          "{suggestion}")),
    Code("KP314", E,
         ("Analýza potřeb „{analysis}“ v plánu není (needs/{analysis}.yaml).",
          "{suggestion}"),
         ("There is no needs analysis '{analysis}' in the plan (needs/{analysis}.yaml).",
          "{suggestion}")),
    Code("KP315", E,
         ("Schůzka „{meeting}“ v plánu není (meetings/{meeting}.yaml).",
          "{suggestion}"),
         ("There is no meeting '{meeting}' in the plan (meetings/{meeting}.yaml).",
          "{suggestion}")),
    Code("KP310", E,
         ("Aktivita {ref} navazuje sama na sebe: {path}.",
          "Odeberte z „after“ aktivitu, která na tuto sama navazuje."),
         ("The activity {ref} comes after itself: {path}.",
          "Remove from 'after' the activity that itself comes after this one.")),
    # --- KP4xx: plausibility --------------------------------------------------------------
    Code("KP401", W,
         ("Aktivita {ref} nemá odpovědnou osobu.",
          "Doplňte „responsible:“ jménem člověka, který za aktivitu odpovídá; pokud ji "
          "skupina teprve určí, potlačte varování komentářem „# kplan: disable=KP401 důvod“."),
         ("The activity {ref} has no responsible person.",
          "Fill in 'responsible:' with the person accountable for it, or acknowledge the gap "
          "with the comment '# kplan: disable=KP401 reason'.")),
    Code("KP402", W,
         ("Opatření „{measure}“ není v plan.yaml u skupiny {group} popsané.",
          "Doplňte opatření do plan.yaml pod jeho prioritu (groups → priorities → measures)."),
         ("The measure '{measure}' is not defined for the group {group} in plan.yaml.",
          "Add the measure to plan.yaml under its priority (groups → priorities → measures).")),
    Code("KP403", W,
         ("Termín {due} je mimo období plánu {start}–{end}.",
          "Zkontrolujte rok; kroky po konci plánu patří do plánu dalšího. Platí-li plán "
          "déle, prodlužte období v plan.yaml: period: {{start: {wider_start}, "
          "end: {wider_end}}}."),
         ("The due date {due} is outside the plan's period {start}–{end}.",
          "Check the year; steps after the plan's end belong in the next plan. If the plan "
          "runs longer, extend the period in plan.yaml: period: {{start: {wider_start}, "
          "end: {wider_end}}}.")),
    Code("KP404", W,
         ("Krok je označen jako splněný dne {done}, což je v budoucnosti.",
          "Zapište skutečné datum splnění, nebo vraťte stav na in_progress."),
         ("The step is marked done on {done}, which is in the future.",
          "Write the real day it was done, or set the status back to in_progress.")),
    Code("KP405", W,
         ("Zdroj financování „{source}“ není v číselníku plánu.",
          "{suggestion}"),
         ("The funding source '{source}' is not in the plan's list of sources.",
          "{suggestion}")),
    Code("KP406", W,
         ("Osvědčení odborné způsobilosti služby platilo do {until}.",
          "Doplňte nové datum platnosti (certified_until), nebo pole vymažte."),
         ("The service's certification ran out on {until}.",
          "Fill in the new end date (certified_until) or clear the field.")),
    Code("KP407", W,
         ("Hodnocení za rok {year} je mimo období plánu {start}–{end}.",
          "Zkontrolujte rok hodnocení."),
         ("The evaluation for {year} is outside the plan's period {start}–{end}.",
          "Check the year of the evaluation.")),
    Code("KP408", W,
         ("Úkol má termín {due}, dřív než schůzka ({date}), na které vznikl.",
          "Zkontrolujte termín úkolu."),
         ("The task is due {due}, before its own meeting ({date}).",
          "Check the task's due date.")),
    Code("KP409", W,
         ("Krok má datum splnění {done}, ale stav „{status}“.",
          "Nastavte stav na done, nebo datum splnění smažte."),
         ("The step has a done day {done} but the status '{status}'.",
          "Set the status to done or clear the done day.")),
    Code("KP410", W,
         ("Kód „{rule}“ v komentáři kplan: disable nelze potlačit.",
          "Potlačit lze jen varování (např. „# kplan: disable=KP401 důvod“); chyby je třeba "
          "opravit."),
         ("The code '{rule}' in a kplan: disable comment cannot be disabled.",
          "Only warnings can be disabled (e.g. '# kplan: disable=KP401 why'); errors must be "
          "fixed.")),
    Code("KP411", W,
         ("Položka „{item}“ v poli „{field}“ je jen právní forma, ne organizace.",
          "Čárka v [ ] odděluje položky; dejte celý název do uvozovek: \"{full}\"."),
         ("The item '{item}' in '{field}' is only a legal form, not an organisation.",
          "A comma in [ ] separates items; put the whole name in quotes: \"{full}\".")),
    Code("KP412", W,
         ("Nadpis „{measure}“ není mezi prioritami plánu v plan.yaml.",
          "Karta přímo ve složce activities/ patří k plánu jako celku: doplňte nadpis do "
          "plan.yaml pod priorities (nejvyšší úroveň souboru)."),
         ("The heading '{measure}' is not among the plan's priorities in plan.yaml.",
          "A card directly in activities/ belongs to the plan as a whole: add the heading to "
          "plan.yaml under priorities (the top level of the file).")),
    Code("KP413", W,
         ("Pole part_of patří jen akčnímu plánu, tento plán je {kind}.",
          "Uveďte kind: action_plan, je-li to akční plán, nebo part_of smažte."),
         ("part_of belongs to an action plan only; this plan is {kind}.",
          "Write kind: action_plan if this is an action plan, or delete part_of.")),
    Code("KP414", W,
         ("Dodatek ze dne {date} je mimo období plánu {start}–{end}.",
          "Zkontrolujte datum dodatku; dodatek se přijímá za běhu plánu."),
         ("The amendment of {date} is outside the plan's period {start}–{end}.",
          "Check the amendment's date; an amendment is adopted while the plan runs.")),
    Code("KP415", W,
         ("Částka roku {year} v „budget.years“ je mimo období plánu {start}–{end}.",
          "Zkontrolujte rok."),
         ("The amount for {year} in 'budget.years' is outside the plan's period {start}–{end}.",
          "Check the year.")),
    Code("KP416", W,
         ("Zdroj „{source}“ v čerpání není mezi zdroji rozpočtu aktivity.",
          "Doplňte zdroj do „budget.sources“, nebo opravte jeho název v „spent“."),
         ("The source '{source}' in 'spent' is not among the activity's budget sources.",
          "Add the source to 'budget.sources' or fix its name in 'spent'.")),
    Code("KP417", W,
         ("Změna {change} ukazatele jde proti jeho směru ({direction}).",
          "U „decrease“ je změna záporná (-100 = o 100 méně), u „increase“ kladná; opravte "
          "znaménko, nebo směr."),
         ("The change {change} of the indicator goes against its direction ({direction}).",
          "With 'decrease' the change is negative (-100 = by 100 less), with 'increase' "
          "positive; fix the sign or the direction.")),
)

CODES: Mapping[str, Code] = {code.code: code for code in _CODES}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def _render(template: str, args: Mapping[str, Any]) -> str:
    return template.format_map(_Blank(args))


def message(diagnostic: Diagnostic, lang: Lang) -> str:
    return _render(_texts(diagnostic.code, lang)[0], _args(diagnostic, lang))


def hint(diagnostic: Diagnostic, lang: Lang) -> str:
    return _render(_texts(diagnostic.code, lang)[1], _args(diagnostic, lang))


def _args(diagnostic: Diagnostic, lang: Lang) -> Mapping[str, Any]:
    defaults = CODES[diagnostic.code].defaults or {}
    return _localised_args({**defaults, **diagnostic.args}, lang)


def _texts(code: str, lang: Lang) -> tuple[str, str]:
    entry = CODES[code]
    return in_lang((entry.cs, entry.en), lang)


def _localised_args(args: Mapping[str, Any], lang: Lang) -> Mapping[str, Any]:
    """Args may carry a hint in both languages as ``{"cs": ..., "en": ...}``; a value quoted
    from the plan shows its control characters as stand-ins (one line, whatever it held)."""
    chosen = {key: value[lang] if isinstance(value, dict) and lang in value else value
              for key, value in args.items()}
    return {key: printable(value) if isinstance(value, str) else value
            for key, value in chosen.items()}


def diag(file: str, code: str, loc: Loc | None = None, *, part: str = "value",
         line: int = 0, column: int = 0, **args: Any) -> Diagnostic:
    """A diagnostic for ``code`` with the severity the registry gives it."""
    return Diagnostic(file=file, line=line, column=column, code=code,
                      severity=CODES[code].severity, args=args, loc=loc, part=part)
