import pytest

from tests.plantree import make_plan

__all__ = ["make_plan"]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own kplan cache folder, never the user's."""
    monkeypatch.setenv("KPLAN_CACHE_DIR", str(tmp_path_factory.mktemp("kplan-cache")))


@pytest.fixture(autouse=True)
def _positions_found_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test places a diagnostic by parsing its file again: a check that points where
    no places are kept (``kplan.checks.inputs.CARD_PLACES``) fails whichever test runs it."""
    def parsed_again(*args: object) -> None:
        pytest.fail("a diagnostic was placed by parsing its file again (tests/test_places.py)")

    monkeypatch.setattr("kplan.load.loader._placed_again", parsed_again)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fuzz suite's size: how many generated cases each command ran."""
    from tests.test_fuzz import RUNS

    if RUNS:
        counts = ", ".join(f"{command} {count}" for command, count in sorted(RUNS.items()))
        terminalreporter.write_line(f"fuzz cases per command: {counts}")
