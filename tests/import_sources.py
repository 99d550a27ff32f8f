# ruff: noqa: E501  (the seed's lines, verbatim)
"""Sources for the kplan import tests, built in the test with python-docx and openpyxl.

``SEED_LINES`` are the activity cards of the seed ``001_69d361cdf7917502.txt`` (the minutes
of 25. 1. 2019), line for line, without the page footers that the text export put between
them; ``- `` marks a bullet paragraph.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

SEED_LINES = [
    'Aktivita (název, číslo): 2.1.2. Podpořit vznik krizového lůžka/místnosti pro osoby pod vlivem drog vyžadující psychosociální pomoc',
    'Realizátor aktivity: NNO, SMO',
    'Spolupracující subjekty:',
    'Odpovědná osoba:',
    'Stručný slovní popis aktivity:',
    '- Mapovat možnosti poskytovatelů na zajištění lůžka',
    '- Navázání spolupráce s pracovní skupinou KP osoby ohrožené sociálním vyloučením (možnost sjednocení cílů)',
    '- Zajistit jednání se zainteresovanými subjekty včetně veřejné správy',
    '- Zajistit financování budoucího provozu',
    '- Spolupracovat na vytvoření metodiky pro práci s klienty se závislostí',
    '- Edukovat pracovníky v oboru závislostí',
    '- Navýšit potřebné kapacity',
    '- Realizovat potřebné služby a aktivity',
    'Cílová skupina či skupiny:',
    '- Pracovníci v sociálních službách (edukace)',
    '- Klienti – zájemci o krizové lůžko',
    'Plánované výstupy:',
    '- Metodika pro práci s klienty v pobytových službách pro sociálně vyloučené',
    '- Navýšení kapacit odpovídajících služeb',
    'Neinvestiční náklady a finanční zdroje:',
    '200,000 Kč/rok – KÚ MSK, SMO, MPSV, MV, MZ, EU',
    'Úzená dopadu:',
    'Ostrava a okolí',
    'Harmonogram zásadních kroků:',
    '- Mapovat možnosti poskytovatelů na zajištění lůžka',
    '- Navázání spolupráce s pracovní skupinou KP osoby ohrožené sociálním vyloučením (možnost sjednocení cílů)',
    '- Zajistit jednání se zainteresovanými subjekty včetně veřejné správy 2019',
    '- Zajistit financování budoucího provozu',
    '- Spolupracovat na vytvoření metodiky pro práci s klienty se závislostí',
    '- Edukovat pracovníky v oboru závislostí 2020',
    '- Navýšit potřebné kapacity',
    '- Realizovat potřebné služby a aktivity 2021',
    '- Evaluace 2022',
    'Aktivita 3.1.1 Podporovat informační akce a kampaně',
    'Popis aktivity:',
    '- Vytvořit a realizovat kampaň propagující racionální přístupy a vyšší informovanost o zodpovědných nerezpresivních přístupech k drogám',
    '- Realizovat Konferenci v roce 2019',
    '- Vytvořit ucelené informační materiály a materiální zázemí pro PR aktivity',
    '- Připojit prvky kampaně k pravidelným akcím pro veřejnost – adresář se službami, informační materiály',
    '- Zajistit finanční prostředky na dlouhodobou propagační kampaň',
    '- Informovat o službách v rámci primární prevence na školách – např. divadelní představení',
    'Cílová skupina:',
    '- Nízkoprahové zařízení (organizace)',
    '- Široká veřejnost',
    'Území dopadu:',
    '- Ostrava',
    'Přehled rizik aktivity:',
    '- Personální zajištění divadla',
    '- Finanční prostředky',
    'Harmonogram:',
    '- 2019 – Konference',
    '- 2019 – vytvoření informačních materiálů',
    '- 2020 – divadelní představení',
    'Opatření: 3.2 Podporovat služby v síťování a hodnocení efektivity',
    'Aktivita: 3.2 Rozvíjet síťování služeb protidrogové politiky města',
    'Stručný slovní popis aktivity:',
    'Základem pro naplnění této aktivity je pořádání pravidelných stáží mezi jednotlivými službami. V ideálním případě by se jednalo o stáže vícedenní, aby pracovníci dokázali co nejlépe pochopit činnosti jiných organizací a byla tak zajištěna lepší provázanost jednotlivých služeb. V souvislosti se síťováním sociálních služeb je vhodné pořádat pravidelné workshopy (cca 2x ročně). V rámci Pracovní skupiny je také nezbytné vzájemné předávání aktuálních informačních letáčku o činnosti jednotlivých služeb. Vhodné by bylo také vytvoření seznamu tzv. rychlokontaktů, tedy telefonních a emailových kontaktů na jednotlivé členy Pracovní skupiny. V návaznosti na zjištění aktuálních potřeb potencionálních klientů by bylo efektivní šetření o jejich informovanosti (zda potencionální klienti znají sociální služby, zda ví, kam se v případě potřeby obrátit, popř. v čem mají rezervy). Vhodnou výzkumnou metodou by byl krátký dotazník, který by se k populaci dostal prostřednictvím terénních pracovníků i pracovníků poraden v rámci poradenských konzultací.',
    'Přehled rizik aktivity:',
    '1. Časová náročnost (nejen při uvolnění pracovníka na stáž, ale také při plánování a následné realizaci workshopů)',
    '2. Tvorba vlastního dotazníku – co možná nejlepší formulace otázek',
    '3. Sběr dat – vysoká časová a organizační náročnost (motivace klienta pro vyplnění dotazníku)',
    '4. Analýza dat – otázkou je, zda data analyzovat ručně, či prostřednictvím nějakého propracovanějšího softwaru',
    'Zápis zpracoval:',
    'Honza Horák',
]


def seed_docx(path: Path) -> Path:
    """The seed's cards as labelled paragraphs, lists as Word bullet paragraphs."""
    document = docx.Document()
    document.add_paragraph("ZÁPIS z jednání pracovní skupiny PROTIDROGOVÉ PREVENCE")
    for line in SEED_LINES:
        if line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


Rows = list[tuple[str, str]]


def table_docx(path: Path, blocks: list[str | Rows]) -> Path:
    """Headings (a text) and cards (label | value rows; a value's lines split at newlines)."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_heading(block, level=2)
            continue
        table = document.add_table(rows=len(block), cols=2)
        for row, (label, value) in zip(table.rows, block, strict=True):
            row.cells[0].text = label
            lines = value.split("\n")
            row.cells[1].text = lines[0]
            for line in lines[1:]:
                row.cells[1].add_paragraph(line)
        document.add_paragraph()
    document.save(str(path))
    return path


def action_plan_xlsx(path: Path, rows: list[list[object]], top: int = 3,
                     merged: tuple[str, ...] = ()) -> Path:
    """A sheet „Akční plán“ with a title above the table: ``rows`` start at row ``top``."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Akční plán"
    sheet["A1"] = "Akční plán sociálních služeb města Testov na rok 2024"
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, 1):
            if value is not None:
                sheet.cell(row=top + offset, column=column, value=value)  # type: ignore[arg-type]
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(path)
    return path
