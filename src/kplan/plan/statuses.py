"""Statuses and kinds of the plan's files and the spec's Czech words for them: what a
person may write (``splněno``, ``done``, ``Splneno``) and what kplan writes back."""

from __future__ import annotations

import functools
from enum import Enum, StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from kplan.i18n import Lang, in_lang


class MilestoneStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class EvaluationStatus(StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    DELAYED = "delayed"
    NOT_STARTED = "not_started"
    NOT_MET = "not_met"
    CANCELLED = "cancelled"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class MeetingKind(StrEnum):
    WORKING_GROUP = "working_group"
    ROUND_TABLE = "round_table"
    WORKSHOP = "workshop"
    STEERING_GROUP = "steering_group"
    OTHER = "other"


class BudgetPer(StrEnum):
    YEAR = "year"
    TOTAL = "total"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class ServiceForm(StrEnum):
    AMBULATORY = "ambulatory"
    FIELD = "field"
    RESIDENTIAL = "residential"


STATUS_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "milestone": {"planned": ("plánováno",), "in_progress": ("probíhá", "rozpracováno"),
                  "done": ("splněno", "hotovo"), "postponed": ("odloženo",),
                  "cancelled": ("zrušeno",)},
    "evaluation": {"done": ("splněno", "naplněno"),
                   "on_track": ("plní se", "rozpracováno", "probíhá"),
                   "delayed": ("zpožděno",), "not_started": ("nezahájeno",),
                   "not_met": ("nesplněno", "nenaplněno"), "cancelled": ("zrušeno",)},
    "task": {"open": ("otevřený", "trvá"), "done": ("splněno", "hotovo"),
             "dropped": ("zrušeno", "upuštěno")},
    "meeting": {"working_group": ("pracovní skupina",), "round_table": ("kulatý stůl",),
                "workshop": ("workshop", "seminář"), "steering_group": ("řídící skupina",),
                "other": ("jiné",)},
    "per": {"year": ("rok",), "total": ("celkem",)},
    "direction": {"increase": ("zvýšení", "růst"), "decrease": ("snížení", "pokles")},
    "form": {"ambulatory": ("ambulantní",), "field": ("terénní",),
             "residential": ("pobytová",)},
}
"""The spec's Czech words for each status, kind and ``per`` value, by its English value."""

STATUS_ENUMS: dict[str, type[StrEnum]] = {
    "milestone": MilestoneStatus, "evaluation": EvaluationStatus, "task": TaskStatus,
    "meeting": MeetingKind, "per": BudgetPer, "direction": Direction, "form": ServiceForm}


def _folded(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


@functools.lru_cache(maxsize=4096)
def status_from_words(kind: str, text: str) -> StrEnum | None:
    """The value a person means by ``text`` (English or Czech, any case, with or without
    diacritics), or None; a value this version of the format does not know is None too."""
    wanted = _folded(text)
    enum = STATUS_ENUMS[kind]
    for value, words in STATUS_WORDS[kind].items():
        if wanted in {_folded(value), *map(_folded, words)} and value in enum._value2member_map_:
            return enum(value)
    return None


def status_word(kind: str, value: str, language: str) -> str:
    """The word the files write for ``value``: the English value, or with ``language``
    ``cs`` its first Czech word (``done`` → ``splněno``)."""
    words = STATUS_WORDS[kind].get(value, ())
    return in_lang((words[0], value), language) if words else value


def _accept_words(kind: str) -> Any:
    def accept(value: Any) -> Any:
        found = status_from_words(kind, value) if isinstance(value, str) else None
        return found._value_ if found is not None else value  # not enum's slow ``value``
    return BeforeValidator(accept)


def _words_schema(kind: str) -> WithJsonSchema:
    """The English values, then the Czech words with and without diacritics and capitalised:
    what the editor completes; kplan itself takes any letter case."""
    enum = STATUS_ENUMS[kind]
    values = [v for v in STATUS_WORDS[kind] if v in enum._value2member_map_]
    czech = [w for v in values for w in STATUS_WORDS[kind][v]]
    plain = [_folded(w) for w in czech]
    listed = list(dict.fromkeys([*values, *czech, *plain, *(w.capitalize() for w in czech)]))
    return WithJsonSchema({"type": "string", "enum": listed})


MilestoneStatusWord = Annotated[MilestoneStatus, _accept_words("milestone"),
                                _words_schema("milestone")]
EvaluationStatusWord = Annotated[EvaluationStatus, _accept_words("evaluation"),
                                 _words_schema("evaluation")]
TaskStatusWord = Annotated[TaskStatus, _accept_words("task"), _words_schema("task")]
MeetingKindWord = Annotated[MeetingKind, _accept_words("meeting"), _words_schema("meeting")]
BudgetPerWord = Annotated[BudgetPer, _accept_words("per"), _words_schema("per")]
DirectionWord = Annotated[Direction, _accept_words("direction"), _words_schema("direction")]
ServiceFormWord = Annotated[ServiceForm, _accept_words("form"), _words_schema("form")]



def word_choices(enum: type[Enum]) -> dict[str, str] | None:
    """What a field of ``enum`` accepts, listed in each language, where it takes Czech
    words too (a KP203 hint); None for an enum of English values only."""
    kind = next((k for k, known in STATUS_ENUMS.items() if known is enum), None)
    if kind is None:
        return None
    return {"cs": status_choices(kind, "cs"), "en": status_choices(kind, "en")}


def closest_word(enum: type[Enum], text: str) -> dict[str, str] | None:
    """What a mistyped status or kind was most likely meant to be (``hotov0`` → ``hotovo``,
    in English ``done``), as the start of a hint in each language; None if nothing is near."""
    import difflib

    kind = next((k for k, known in STATUS_ENUMS.items() if known is enum), None)
    if kind is None:
        return None
    written = {_folded(word): (word, value) for value, words in STATUS_WORDS[kind].items()
               if value in enum._value2member_map_ for word in (value, *words)}
    near = difflib.get_close_matches(_folded(text), list(written), n=1, cutoff=0.7)
    if not near:
        return None
    word, value = written[near[0]]
    return {"cs": f"Myslíte „{word}“? ", "en": f"Did you mean '{value}'? "}


def status_choices(kind: str, lang: Lang = "cs") -> str:
    """``planned (plánováno), in_progress (probíhá, rozpracováno), …`` for messages."""
    enum = STATUS_ENUMS[kind]
    return ", ".join(in_lang((f"{value} ({', '.join(words)})", value), lang) for value, words
                     in STATUS_WORDS[kind].items() if value in enum._value2member_map_)
