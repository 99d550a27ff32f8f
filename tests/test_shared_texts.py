"""A big plan repeats its names, places and statuses on every card: each text is kept once,
whether a card was read from YAML, from the cache or from the worker process."""

from __future__ import annotations

import pickle

from kplan.plan.model import Activity
from kplan.yamlio import parse_bytes

CARD = """\
id: "{number}"
title: Karta {number}
responsible: Jana Nováková
partners: [Magistrát města Ostravy, Krajský úřad]
milestones:
  - title: Zmapovat potřeby cílové skupiny
    due: 2023-09
    status: planned
"""


def card(number: str) -> Activity:
    document = parse_bytes(CARD.format(number=number).encode(), f"{number}.yaml", [])
    assert document is not None
    return Activity.model_validate(document.data)


def test_two_cards_read_from_yaml_share_their_equal_texts() -> None:
    first, second = card("1.1.1"), card("1.1.2")
    assert first.responsible is second.responsible
    assert first.partners[1] is second.partners[1]
    assert first.milestones[0].title is second.milestones[0].title
    assert first.title is not second.title


def test_cards_read_back_from_separate_pickles_share_their_equal_texts() -> None:
    first, second = (pickle.loads(pickle.dumps(card(n))) for n in ("1.1.1", "1.1.2"))
    assert first == card("1.1.1")
    assert first.responsible is second.responsible
    assert first.partners[0] is second.partners[0]
    assert first.milestones[0].title is second.milestones[0].title
