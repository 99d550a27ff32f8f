"""The worker process of a cold read (``kplan.load.pool``) works while the loader reads its
own half, instead of waiting for the loader to reach the worker's files."""

from __future__ import annotations

import gc
import time

import pytest

from kplan.load import pool
from kplan.load.entry import Entry


def test_the_worker_sends_everything_while_the_loader_reads_its_own_files(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "MIN_FILES", 1)
    monkeypatch.setattr(pool, "cores", lambda: 2)
    files = [f"activities/drogy/2.1.{n}.yaml" for n in range(8)]
    big = Entry(1, b"", "karta " * 50_000, (), None)  # four of them fill the pipe many times
    prepared = pool.prepare(files, lambda chunk: dict.fromkeys(chunk, big))
    assert prepared is not None
    deadline = time.monotonic() + 10
    while prepared.process.is_alive() and time.monotonic() < deadline:
        assert prepared.take("plan.yaml") is None  # the loader's own file
        time.sleep(0.01)
    assert not prepared.process.is_alive(), "the worker waits for the loader"
    taken = prepared.take(files[-1])
    assert taken is not None and taken.model == big.model
    prepared.close()


def test_the_worker_collects_no_garbage_while_it_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker forked before the loader's bulk load (a cold validate) still skips the
    collections: it makes many objects and frees few."""
    monkeypatch.setattr(pool, "MIN_FILES", 1)
    monkeypatch.setattr(pool, "cores", lambda: 2)
    assert gc.isenabled()
    prepared = pool.prepare(["activities/a.yaml", "activities/b.yaml"],
                            lambda chunk: dict.fromkeys(chunk, gc.isenabled()))
    assert prepared is not None
    assert prepared.take("activities/b.yaml") is False
    prepared.close()
