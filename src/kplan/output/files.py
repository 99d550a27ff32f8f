"""Writing kplan's outputs (report, export, site, schema): whole, and never through a link.

Each file is written whole by ``kplan.atomic`` (a temporary file in its folder, renamed
over the target), which replaces a link found there rather than the file it points to. A
folder named by the user may be a link (the user chose it); a folder kplan goes into on
its own under it (the site's ``aktivity/``) may not: writing would land outside.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from kplan.atomic import replace_file
from kplan.errors import KplanError
from kplan.i18n import Lang, in_lang

__all__ = ["OutputProblem", "output_target", "write_output", "write_schemas", "written"]


class OutputProblem(KplanError):
    """The output cannot be written where it was asked; nothing was written there."""


def output_target(raw: str, default_name: str) -> Path:
    """The file ``-o`` names: a trailing separator or an existing folder means a folder,
    and the file is ``default_name`` in it (the folder is created when missing)."""
    path = Path(raw)
    if raw.endswith(("/", os.sep)) or path.is_dir():
        return path / default_name
    return path


def written(path: Path, lang: Lang) -> str:
    """The line a command prints for each file it wrote."""
    return f"{in_lang(('Zapsáno', 'Written'), lang)}: {path.as_posix()}"


def write_output(path: Path, data: bytes | Iterable[bytes], inside: Path | None = None) -> Path:
    """Write ``data`` (whole, or in pieces as they come) to ``path`` whole; a link at
    ``path`` is replaced, its target stays.

    ``inside``: the folder the user named; the folders between it and ``path`` are made
    when missing and refused (``OutputProblem``) when one of them is a link.
    """
    _make_folders(path.parent, inside)
    _refuse_special(path)
    return replace_file(path, data)


def write_schemas(folder: Path) -> list[Path]:
    """Each schema in ``folder`` (created when missing); a link there is replaced."""
    from kplan.plan.schema import schema_files

    return [write_output(folder / name, text.encode("utf-8"), inside=folder)
            for name, text in schema_files().items()]


def _refuse_special(path: Path) -> None:
    """A device or a named pipe at ``path`` stays: a rename over it would put a file in
    its place (``-o /dev/null`` run as root would replace the device)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise OutputProblem(
            f"{path.as_posix()} není obyčejný soubor (je to zařízení nebo roura); kplan ho "
            "nenahradí. Zvolte soubor nebo složku; chcete-li výstup jen vypsat, vynechte -o.",
            f"{path.as_posix()} is not a regular file (a device or a pipe); kplan does not "
            "replace it. Choose a file or a folder; to print the output, leave out -o.")


def _make_folders(folder: Path, inside: Path | None) -> None:
    if inside is None:
        folder.mkdir(parents=True, exist_ok=True)
        return
    inside.mkdir(parents=True, exist_ok=True)
    current = inside
    for part in folder.relative_to(inside).parts:
        current = current / part
        if current.is_symlink():
            raise OutputProblem(
                f"{current.as_posix()} je odkaz (symlink); kplan přes odkazy nezapisuje. "
                "Odkaz odstraňte, nebo zvolte jinou složku.",
                f"{current.as_posix()} is a link (symlink); kplan does not write through "
                "links. Remove the link or choose another folder.")
        current.mkdir(exist_ok=True)
