"""The diagnostic codes KP1xx: files and YAML."""

from __future__ import annotations

from kplan.diagnostics.code import Code, E, W

_SYNTAX_ADVICE = {
    "cs": "Opravte zápis na vyznačeném místě; odsazení musí být mezerami a za dvojtečkou po "
          "názvu pole následuje mezera.",
    "en": "Fix the syntax at the marked place; indent with spaces and put a space after the "
          "colon of a key."}


FILE_CODES: tuple[Code, ...] = (
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
)
