"""A small plan with every kind of entry the yearly report shows, for its tests."""

from __future__ import annotations

AS_OF = "2022-02-15"
YEAR = "2021"

PLAN: dict[str, str | bytes] = {
    "plan.yaml": """\
        title: Komunitní plán Testov 2020–2023
        area: Testov
        period: {start: 2020, end: 2023}
        locale: cs
        currency: CZK
        funding_sources:
          SMO: Statutární město Testov
          KÚ: Krajský úřad
          EU: Evropská unie
        groups:
          - id: drogy
            name: Pracovní skupina protidrogové prevence
            coordinator: Jana Nováková
            min_meetings_per_year: 2
            priorities:
              - number: "1"
                title: Dostupnost služeb
                measures:
                  - number: "1.1"
                    title: Krizová pomoc
                  - number: "1.2"
                    title: Prevence
          - id: seniori
            name: Pracovní skupina senioři
            min_meetings_per_year: 1
          - id: rodiny
            name: Pracovní skupina rodiny s dětmi
        """,
    "activities/drogy/1.1.1.yaml": """\
        id: "1.1.1"
        title: Krizové lůžko
        implementers: [NNO, SMO]
        responsible: Jana Nováková
        budget: {amount: 200000, per: year, sources: [SMO, KÚ]}
        milestones:
          - {title: Najít prostory, due: 2020, status: done, done: 2021-02-01}
          - {title: Zajistit financování, due: 2021-03, status: done, done: 2021-03-20}
          - {title: Vybavit lůžko, due: 2021-08-15, status: in_progress}
          - {title: Druhé lůžko, due: 2021-05, status: cancelled}
          - {title: Zahájit provoz, due: 2021, status: postponed, note: "Přesunuto na 2022."}
          - {title: Rozšířit provoz, due: 2022}
        indicators:
          - {name: Počet klientů, unit: osob, target: 40, values: {2020: 10, 2021: 32}}
          - {name: Obsazenost, unit: "%", target: 80.5}
        evaluations:
          - {year: 2020, status: not_started}
          - year: 2021
            status: on_track
            spent: 150000
            comment: |-
              Prostory nalezeny, financování zajištěno.
              Lůžko se vybavuje.
        """,
    "activities/drogy/1.1.2.yaml": """\
        id: "1.1.2"
        title: Terénní práce v noci
        responsible: Petr Dvořák
        budget: {amount: 400000, per: total, sources: [EU]}
        milestones:
          - {title: Pilotní noci, due: 2021-06}
        evaluations:
          - {year: 2021, status: delayed, spent: 50000, comment: Chybí pracovníci.}
        """,
    "activities/drogy/1.2.1.yaml": """\
        id: "1.2.1"
        title: Preventivní programy ve školách
        responsible: Eva Malá
        budget: {amount: 30000, per: year}
        milestones:
          - {title: Program pro 5 škol, due: 2021-12-31, status: done, done: 2021-11-30}
        evaluations:
          - {year: 2021, status: done, spent: 28000}
        """,
    "activities/drogy/2.1.yaml": """\
        id: "2.1"
        title: Síťování služeb
        responsible: Eva Malá
        milestones:
          - {title: Stáže, due: 2022-06}
        evaluations:
          - {year: 2021, status: cancelled, comment: Nahrazeno aktivitou 1.2.1.}
        """,
    "activities/seniori/1.1.yaml": """\
        id: "1.1"
        title: Tísňová péče
        responsible: Eva Malá
        milestones:
          - {title: Průzkum potřeb, due: 2022-03}
        evaluations:
          - {year: 2020, status: on_track}
        """,
    "services/terenni-program.yaml": """\
        id: terenni-program
        name: Terénní program
        provider: {name: "Spolek K, z.s.", address: "Hlavní 1, Testov"}
        kind: terenni-programy
        groups: [drogy]
        area: celé město
        hours: "Po–Pá 9:00–16:00"
        contacts:
          - {name: Vedoucí služby, role: vedoucí, phone: "+420 600 111 222",
             email: sluzba@example.org, public: true}
          - {name: Soukromá Osoba, phone: "+420 777 999 888", email: soukroma@example.org}
        """,
    "services/kontaktni-centrum.yaml": """\
        id: kontaktni-centrum
        name: Kontaktní centrum
        provider: {name: "Centrum, o.p.s."}
        kind: kontaktni-centra
        groups: [drogy, seniori]
        forms: [ambulantní, terénní]
        capacity: {value: 20, unit: klientů, note: denně}
        website: https://kc.example.org
        """,
    "services/poradna.yaml": """\
        id: poradna
        name: Občanská poradna
        provider: {name: "Poradna, z.ú."}
        kind: odborne-socialni-poradenstvi
        """,
    "meetings/2021-03-10-drogy.yaml": """\
        date: 2021-03-10
        time: "09:00–11:00"
        group: drogy
        title: Jednání skupiny
        place: Magistrát, zasedací místnost
        decisions:
          - Skupina schvaluje vyhodnocení za rok 2020.
          - Lůžko bude vybaveno do srpna.
        tasks:
          - {title: Oslovit kraj, owner: Petr Dvořák, due: 2021-04}
        """,
    "meetings/2021-10-05-drogy.yaml": """\
        date: 2021-10-05
        group: drogy
        kind: workshop
        """,
    "meetings/2020-11-11-seniori.yaml": """\
        date: 2020-11-11
        group: seniori
        """,
}

NEEDS_PLAN: dict[str, str | bytes] = {
    **PLAN,
    "activities/drogy/1.1.1.yaml": "        needs: [workshop-2020/krizove-luzko]\n"
    + str(PLAN["activities/drogy/1.1.1.yaml"]),
    "services/terenni-program.yaml":
    "        needs: [workshop-2020/terenni-prace, workshop-2020/krizove-luzko]\n"
    + str(PLAN["services/terenni-program.yaml"]),
    "needs/workshop-2020.yaml": """\
        id: workshop-2020
        title: Workshop skupiny protidrogové prevence
        date: 2020-09
        group: drogy
        source: Zápis z workshopu, Jana Nováková
        needs:
          - {id: krizove-luzko, text: Krizové lůžko pro lidi v akutní krizi, kind: chybí}
          - {id: terenni-prace, text: Terénní práce v ulicích, kind: máme}
          - {id: noclehy, text: "Noclehárna | v zimě", kind: chceme}
          - {id: dluhy, text: Zadluženost klientů, kind: problem}
          - {id: zruseni, text: Zrušení kontaktního centra, kind: riziko}
        """,
    "needs/anketa.yaml": """\
        id: anketa
        title: Anketa mezi seniory
        needs:
          - {id: doprava, text: Doprava k lékaři, kind: want, target_groups: [senioři]}
        """,
}
"""The same plan with two needs analyses: one need answered by a card and a service, one by
a service alone, three gaps from two analyses and a risk that nothing answers (no gap)."""
