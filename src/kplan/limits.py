"""The bounds on plan files that every stage keeps: size, value length, file count."""

import os

MAX_FILE_BYTES = 1024 * 1024
"""The largest file kplan reads: a card is a few kilobytes (DATA.md: larger is an error)."""
MAX_STRING_CHARS = 100_000
"""The longest single value (a scalar) kplan accepts: a long description is a few thousand."""
MAX_FILES = 20_000
"""How many files of the data folders kplan reads at most, unless ``KPLAN_MAX_FILES`` says."""


def max_files() -> int:
    """The file limit: ``KPLAN_MAX_FILES`` when it is a positive whole number, else 20,000."""
    configured = os.environ.get("KPLAN_MAX_FILES", "").strip()
    return int(configured) if configured.isdigit() and int(configured) > 0 else MAX_FILES
