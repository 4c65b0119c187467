"""Show and write a fixed file: a unified diff, and an atomic write that keeps the file's form.

A fix must never leave a half-written post behind (the editor, Jekyll's watcher and git may all
be reading it), so the new text goes to a temporary file in the same folder, is flushed to disk,
and replaces the original in one `os.replace`. The file keeps its mode, its byte-order mark and
its line endings.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import re
import stat
import tempfile
from pathlib import Path


def unified_diff(relpath: str, old: str, new: str) -> str:
    """A `git diff`-style unified diff of one file ('' when the texts are equal)."""
    if old == new:
        return ""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{relpath}",
        tofile=f"b/{relpath}",
    )
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def write_atomically(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Replace the file at `path` with `text` in one step, keeping its mode, BOM and newlines.

    If the file used CRLF line endings, bare LF in `text` becomes CRLF; a UTF-8 byte-order mark
    the file started with is written again (Jekyll strips it on reading, so `text` has none).
    """
    target = Path(os.path.realpath(path))  # write through a symlink, do not replace it
    old = target.read_bytes() if target.exists() else b""
    if old.count(b"\r\n") * 2 > old.count(b"\n"):
        text = re.sub(r"(?<!\r)\n", "\r\n", text)
    data = text.encode(encoding)
    if old.startswith(codecs.BOM_UTF8) and not data.startswith(codecs.BOM_UTF8):
        data = codecs.BOM_UTF8 + data
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows it
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
