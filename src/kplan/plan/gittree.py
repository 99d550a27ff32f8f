"""The reader's rules for a commit's tree: which blobs are read, where a link leads."""

from __future__ import annotations

import posixpath

from kplan.limits import MAX_FILE_BYTES

GIT_LINK_MODE = "120000"
GIT_FILE_MODES = ("100644", "100755")


def blob_usable(mode: str, size: int) -> bool:
    """A file of a commit is read only when it is a file (not a link or a submodule) of
    at most ``MAX_FILE_BYTES``; git gives its size before its content is asked for."""
    return mode in GIT_FILE_MODES and 0 <= size <= MAX_FILE_BYTES


def link_in_tree(rel: str, target: str) -> str | None:
    """Where a link of a commit's tree leads, as a path in the plan; None when it leads
    outside the plan (an absolute target, or ``..`` past the plan folder)."""
    if target.startswith("/") or "\0" in target:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined
