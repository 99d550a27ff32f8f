"""``kplan fmt``: every YAML file of a plan in one canonical style, content untouched.

The canonical style is the one ``kplan new`` writes and the example plan has: keys
indented by 2, a list's ``- `` indented by 2 under its key, LF line endings, a final
newline, no trailing spaces. Comments, quotes, flow or block style of each list and key
order stay as they are; a file whose data would read differently afterwards is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kplan.plan.layout import YAML_SUFFIX
from kplan.yamlio import BOM, parse_text
from kplan.yamlio.roundtrip import RoundTripError, canonical


@dataclass(frozen=True, slots=True)
class Restyled:
    path: Path
    old: bytes
    new: bytes | None
    """None: left alone (see ``problem``)."""
    problem: str | None = None

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.old


def yaml_files(path: Path) -> Iterator[Path]:
    """``path`` itself, or the ``.yaml`` files under it (hidden folders skipped)."""
    if path.is_file():
        yield path
        return
    for found in sorted(path.rglob(f"*{YAML_SUFFIX}")):
        relative = found.relative_to(path).parts
        if not any(part.startswith(".") for part in relative) and found.is_file():
            yield found


def restyle(path: Path) -> Restyled:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Restyled(path, data, None, "not UTF-8")
    before = parse_text(text.removeprefix(BOM), path.name, [])
    if before is None:
        return Restyled(path, data, None, "does not parse")
    try:
        styled = canonical(text)
    except RoundTripError as error:
        return Restyled(path, data, None, str(error).splitlines()[0])
    after = parse_text(styled, path.name, [])
    if after is None or after.data != before.data:
        return Restyled(path, data, None, "the content would change")
    return Restyled(path, data, styled.encode("utf-8"))
