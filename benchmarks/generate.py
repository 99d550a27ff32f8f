"""Synthetic plans for the benchmark: realistic Czech cards of about 4 KB each.

    python benchmarks/generate.py OUT_DIR CARDS

Cards are spread over groups of 50; every group has two meetings a year and a service
per five cards, so the plan grows in proportion. The output is deterministic.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

PERIOD = (2023, 2027)
STEPS = ["Zmapovat potřeby cílové skupiny v lokalitě a možnosti poskytovatelů",
         "Zajistit jednání se zainteresovanými subjekty včetně veřejné správy",
         "Připravit metodiku spolupráce mezi terénními programy a kontaktními centry",
         "Zajistit financování budoucího provozu z rozpočtu města a kraje",
         "Proškolit pracovníky v oboru závislostí a práce s motivací klienta",
         "Vyhodnotit dopad aktivity a navrhnout úpravy pro další plánovací období"]
TARGETS = ["Uživatelé návykových látek", "Osoby ohrožené sociálním vyloučením",
           "Pracovníci v sociálních službách", "Rodiny s dětmi", "Senioři"]
SOURCES = ["SMO", "KÚ MSK", "MPSV", "MV", "MZ", "EU"]


def plan_yaml(groups: int) -> str:
    lines = ["title: Syntetický komunitní plán sociálních služeb", "area: Ostrava",
             f"period: {{start: {PERIOD[0]}, end: {PERIOD[1]}}}", "locale: cs",
             "currency: CZK", "funding_sources:"]
    lines += [f"  {s}: Zdroj {s}" for s in SOURCES]
    lines.append("groups:")
    for g in range(groups):
        lines += [f"  - id: skupina-{g}", f"    name: Pracovní skupina číslo {g}",
                  "    coordinator: Jana Nováková", "    min_meetings_per_year: 2",
                  "    priorities:"]
        for p in range(1, 6):
            lines += [f'      - number: "{p}"', f"        title: Priorita {p}",
                      "        measures:"]
            lines += [f'          - number: "{p}.{m}"\n            title: Opatření {p}.{m}'
                      for m in range(1, 3)]
    return "\n".join(lines) + "\n"


def card_yaml(number: str, rng: random.Random, warned: bool = False) -> str:
    p, m, _ = number.split(".")
    lines = [f'id: "{number}"',
             f"title: Podpořit vznik krizového lůžka a síťování služeb číslo {number}",
             f'measure: "{p}.{m}"', "implementers: [NNO, SMO]",
             "partners: [Magistrát města Ostravy, Krajský úřad]",
             "responsible: null" if warned else
             "responsible: Jana Nováková  # vedoucí odboru sociálních věcí",
             "description:"]
    lines += [f"  - {step}" for step in STEPS]
    lines += ["  - >-",
              "    Základem pro naplnění této aktivity je pořádání pravidelných stáží mezi",
              "    jednotlivými službami, aby pracovníci dokázali co nejlépe pochopit činnosti",
              "    jiných organizací a byla tak zajištěna lepší provázanost jednotlivých služeb."]
    lines.append("target_groups:")
    lines += [f"  - {t}" for t in rng.sample(TARGETS, 3)]
    lines += ["outputs:", "  - Metodika pro práci s klienty v pobytových službách",
              "  - Navýšení kapacit odpovídajících služeb", "budget:",
              f"  amount: {rng.randrange(50, 500) * 1000}", "  per: year",
              f"  sources: [{', '.join(rng.sample(SOURCES, 3))}]",
              "area: Ostrava a okolí", "risks:",
              "  - Personální zajištění a fluktuace pracovníků",
              "  - Nedostatek finančních prostředků na dlouhodobý provoz",
              "  - Časová náročnost při uvolnění pracovníka na stáž a při plánování workshopů",
              "  - Sběr dat – vysoká časová a organizační náročnost (motivace klienta)",
              "milestones:"]
    for index, step in enumerate(STEPS):
        year = PERIOD[0] + index % 5
        status = rng.choice(["planned", "in_progress", "done", "postponed"]) \
            if year < 2026 else "planned"
        done = f"{year}-06-30" if status == "done" else "null"
        lines += [f"  - title: {step}", f"    due: {year}-{rng.randrange(1, 13):02d}",
                  f"    status: {status}", f"    done: {done}",
                  "    note: Průběžně projednáno na pracovní skupině"]
    lines += ["indicators:", "  - name: Počet proškolených pracovníků", "    unit: osob",
              "    target: 20", "    values: {2023: 4, 2024: 11}", "evaluations:"]
    for year in (2023, 2024):
        lines += [f"  - year: {year}", "    status: on_track",
                  f"    spent: {rng.randrange(10, 200) * 1000}",
                  "    comment: Aktivita probíhá podle harmonogramu, bez zásadních rizik."]
    lines += ["related: []", "previous_numbers: []"]
    return "\n".join(lines) + "\n"


def meeting_yaml(group: str, day: str) -> str:
    return (f"date: {day}\ntime: \"09:00–11:00\"\ngroup: {group}\nkind: working_group\n"
            f"title: Jednání pracovní skupiny\nplace: Magistrát města Ostravy\n"
            f"attendees: [Renarkon, ARKA, Magistrát]\nminutes_by: Honza Horák\n"
            f"agenda: [Stav plnění aktivit, Různé]\nactivities: []\n"
            f"decisions: [Skupina bere stav plnění na vědomí.]\ntasks:\n"
            f"  - title: Připravit podklady k evaluaci\n    owner: Honza Horák\n"
            f"    due: {day[:7]}\n    status: open\n")


def service_yaml(service_id: str, group: str) -> str:
    return (f"id: {service_id}\nname: Terénní program\nprovider:\n  name: Renarkon, o.p.s.\n"
            f"  ico: null\n  address: Mariánskohorská 29/1328, Ostrava\nkind: terenni-programy\n"
            f"groups: [{group}]\ntarget_groups: [uživatelé drog]\narea: celé území Ostravy\n"
            f"hours: \"Po–Pá 9:00–16:00\"\nstaff: 5\ncontacts: []\n")


def generate(out: Path, cards: int, warned: bool = False) -> None:
    """``warned``: no card names who is responsible, one warning (KP401) a card."""
    rng = random.Random(cards)
    groups = max(1, cards // 50)
    out.mkdir(parents=True, exist_ok=True)
    (out / "plan.yaml").write_text(plan_yaml(groups), encoding="utf-8")
    for index in range(cards):
        group = f"skupina-{index % groups}"
        local = index // groups
        number = f"{local % 5 + 1}.{local // 5 % 2 + 1}.{local // 10 + 1}"
        path = out / "activities" / group / f"{number}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(card_yaml(number, rng, warned), encoding="utf-8")
    (out / "meetings").mkdir(exist_ok=True)
    (out / "services").mkdir(exist_ok=True)
    for g in range(groups):
        for year in range(PERIOD[0], PERIOD[0] + 2):
            for month in ("03", "10"):
                day = f"{year}-{month}-15"
                (out / "meetings" / f"{day}-skupina-{g}.yaml").write_text(
                    meeting_yaml(f"skupina-{g}", day), encoding="utf-8")
        for s in range(10):
            service_id = f"sluzba-{g}-{s}"
            (out / "services" / f"{service_id}.yaml").write_text(
                service_yaml(service_id, f"skupina-{g}"), encoding="utf-8")


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]))
