"""The registry of stable diagnostic codes and their messages in Czech and English.

KP1xx: files and YAML (``codes_files``); KP2xx: a document against its schema
(``codes_schema``); KP3xx: references between documents (``codes_references``); KP4xx:
plausibility (``codes_plausibility``). A code never changes its meaning; a retired
code is never reused. Every code is documented, with an example, in docs/codes.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kplan.diagnostics import Diagnostic, Loc
from kplan.diagnostics.code import Code
from kplan.diagnostics.codes_files import FILE_CODES
from kplan.diagnostics.codes_plausibility import PLAUSIBILITY_CODES
from kplan.diagnostics.codes_references import REFERENCE_CODES
from kplan.diagnostics.codes_schema import SCHEMA_CODES
from kplan.i18n import Lang, in_lang
from kplan.visible import printable

_CODES = (*FILE_CODES, *SCHEMA_CODES, *REFERENCE_CODES, *PLAUSIBILITY_CODES)

CODES: Mapping[str, Code] = {code.code: code for code in _CODES}

RETIRED: Mapping[str, Mapping[str, str]] = {
    "KP115": {"cs": "Karta mimo složku své skupiny (např. přímo v activities/) je ve verzi 2 "
                    "platná, komentář už nic nepotlačuje: smažte z něj {rule} (a celý "
                    "komentář, když jiný kód nenese).",
              "en": "A card outside its group's folder (e.g. directly in activities/) is valid "
                    "in version 2; the comment no longer hides anything: delete {rule} from it "
                    "(and the whole comment when it names no other code)."},
}
"""Codes kplan no longer reports, never reused, with what a ``disable`` comment naming one
should do now (KP410)."""
RETIRED_PROBLEM = {"cs": "je vyřazený, kplan ho už nehlásí",
                   "en": "is retired, kplan no longer reports it"}


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
