"""Counted words in Czech and English: ``1 krok``, ``3 kroky``, ``5 kroků``.

Light on purpose (no Babel): ``kplan validate`` uses it too.
"""

from __future__ import annotations

from kplan.diagnostics.codes import Lang

_FORMS: dict[str, dict[Lang, tuple[str, str, str]]] = {
    "activity": {"cs": ("aktivita", "aktivity", "aktivit"),
                 "en": ("activity", "activities", "activities")},
    "milestone": {"cs": ("krok", "kroky", "kroků"), "en": ("milestone", "milestones",
                                                          "milestones")},
    "task": {"cs": ("úkol", "úkoly", "úkolů"), "en": ("task", "tasks", "tasks")},
    "open_task": {"cs": ("otevřený úkol", "otevřené úkoly", "otevřených úkolů"),
                  "en": ("open task", "open tasks", "open tasks")},
    "day": {"cs": ("den", "dny", "dní"), "en": ("day", "days", "days")},
    "week": {"cs": ("týden", "týdny", "týdnů"), "en": ("week", "weeks", "weeks")},
    "month": {"cs": ("měsíc", "měsíce", "měsíců"), "en": ("month", "months", "months")},
    "meeting": {"cs": ("schůzka", "schůzky", "schůzek"), "en": ("meeting", "meetings",
                                                               "meetings")},
    "service": {"cs": ("služba", "služby", "služeb"), "en": ("service", "services", "services")},
    "error": {"cs": ("chyba", "chyby", "chyb"), "en": ("error", "errors", "errors")},
    "warning": {"cs": ("varování", "varování", "varování"),
                "en": ("warning", "warnings", "warnings")},
    "file": {"cs": ("souboru", "souborech", "souborech"), "en": ("file", "files", "files")},
    "error_object": {"cs": ("chybu", "chyby", "chyb"), "en": ("error", "errors", "errors")},
    "time": {"cs": ("krát", "krát", "krát"), "en": ("time", "times", "times")},
    "needs": {"cs": ("analýza potřeb", "analýzy potřeb", "analýz potřeb"),
              "en": ("needs analysis", "needs analyses", "needs analyses")},
    "need": {"cs": ("potřeba", "potřeby", "potřeb"), "en": ("need", "needs", "needs")},
    "gap": {"cs": ("nepokrytá potřeba", "nepokryté potřeby", "nepokrytých potřeb"),
            "en": ("gap", "gaps", "gaps")},
}


def counted(count: int, word: str, lang: Lang) -> str:
    """``1 krok``, ``3 kroky``, ``5 kroků``, ``2 days``: Czech has three plural forms."""
    one, few, many = _FORMS[word][lang]
    form = one if count == 1 else few if 2 <= count <= 4 else many
    return f"{count} {form}"
