"""kplan changes says when needs analyses and needs are added and when a need is newly
answered by a card or a service, between two versions of the plan in git."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_repo import CARD, edit, git, kplan, repo, write

__all__ = ["repo"]

ANALYSIS = """\
id: workshop
title: Workshop skupiny
group: drogy
needs:
  - {id: luzko, text: Krizové lůžko, kind: chybí}
  - {id: teren, text: Terénní práce, kind: chceme}
"""
SERVICE = """\
id: terenni-program
name: Terénní program
provider: {name: "Spolek K, z.s."}
kind: terenni-programy
groups: [drogy]
needs: [workshop/teren]
"""


def _change_lines(root: Path, *args: str) -> list[str]:
    """The changes as the Markdown format lists them, one a line (the terminal wraps)."""
    code, output = kplan("changes", str(root), "--format", "md", *args)
    assert code == 0, output
    return [line[2:] for line in output.splitlines() if line.startswith("- ")]


def commit(root: Path, message: str, day: str) -> None:
    code, output = kplan("validate", str(root), "--strict")
    assert code == 0, output
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=day)


def test_needs_added_and_newly_answered(repo: Path) -> None:
    write(repo, "needs/workshop.yaml", ANALYSIS)
    commit(repo, "Workshop", "2025-02-01T10:00:00")
    assert _change_lines(repo, "--since", "HEAD~1") == [
        "Přibyla analýza potřeb workshop: Workshop skupiny (2 potřeby)"]

    edit(repo, "needs/workshop.yaml", "kind: chceme}\n",
         "kind: chceme}\n  - {id: noclehy, text: Noclehárna, kind: want}\n")
    edit(repo, CARD, "responsible:", "needs: [workshop/luzko]\nresponsible:")
    write(repo, "services/terenni-program.yaml", SERVICE)
    commit(repo, "Odpovědi na potřeby", "2025-03-01T10:00:00")
    assert _change_lines(repo, "--since", "HEAD~1") == [
        "Přibyla potřeba workshop/noclehy (chceme): Noclehárna",
        "Na potřebu workshop/luzko (Krizové lůžko) nově odpovídá aktivita drogy/2.1.2 "
        "Podpořit vznik krizového lůžka",
        "Na potřebu workshop/teren (Terénní práce) nově odpovídá služba Terénní program "
        "(terenni-program)",
    ]
    output = kplan("changes", str(repo), "--since", "HEAD~1", "--format", "md")[1]
    assert "### Potřeby\n\n- Přibyla potřeba workshop/noclehy" in output
    assert _change_lines(repo, "--since", "HEAD~1", "--lang", "en") == [
        "New need workshop/noclehy (want): Noclehárna",
        "Need workshop/luzko (Krizové lůžko) is now answered by activity drogy/2.1.2 "
        "Podpořit vznik krizového lůžka",
        "Need workshop/teren (Terénní práce) is now answered by service Terénní program "
        "(terenni-program)",
    ]
    document = json.loads(kplan("changes", str(repo), "--since", "HEAD~1", "--format",
                                "json")[1])
    assert document["changes"][1] == {
        "kind": "need_answered", "group": "drogy", "subject": "workshop/luzko",
        "title": "Krizové lůžko", "item": "Podpořit vznik krizového lůžka",
        "before": None, "after": "drogy/2.1.2", "extra": "activity"}
    # an answer that was there already is no change
    assert _change_lines(repo) == []
    assert _change_lines(repo, "--since", "HEAD~2") == [
        "Přibyla analýza potřeb workshop: Workshop skupiny (3 potřeby)",
        *_change_lines(repo, "--since", "HEAD~1")[1:]]
