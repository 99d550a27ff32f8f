"""A retired code (KP115) is never reused, and a disable comment that names it is told so."""

from __future__ import annotations

from kplan.diagnostics.codes import CODES, RETIRED, hint, message
from kplan.diagnostics.suppress import parse_suppressions


def test_retired_codes_are_not_in_the_registry() -> None:
    assert set(RETIRED) == {"KP115"}
    assert not set(RETIRED) & set(CODES)


def test_a_disable_comment_naming_a_retired_code_says_to_delete_it() -> None:
    found = parse_suppressions("activities/1.1.yaml", [
        "id: \"1.1\"  # kplan: disable=KP401, kp115 společná karta"]).unknown
    assert [(d.code, d.line, d.column) for d in found] == [("KP410", 1, 12)]
    assert message(found[0], "cs") == ("Kód „KP115“ v komentáři kplan: disable je vyřazený, "
                                       "kplan ho už nehlásí.")
    assert hint(found[0], "cs") == (
        "Karta mimo složku své skupiny (např. přímo v activities/) je ve verzi 2 platná, "
        "komentář už nic nepotlačuje: smažte z něj KP115 (a celý komentář, když jiný kód "
        "nenese).")
    assert message(found[0], "en") == ("The code 'KP115' in a kplan: disable comment is "
                                       "retired, kplan no longer reports it.")
    assert hint(found[0], "en").startswith("A card outside its group's folder (e.g. directly "
                                           "in activities/) is valid in version 2;")


def test_an_error_code_keeps_its_advice() -> None:
    found = parse_suppressions("a.yaml", ["x: 1  # kplan: disable=KP201"]).unknown
    assert message(found[0], "cs") == "Kód „KP201“ v komentáři kplan: disable nelze potlačit."
    assert hint(found[0], "en") == ("Only warnings can be disabled (e.g. '# kplan: "
                                    "disable=KP401 why'); errors must be fixed.")
