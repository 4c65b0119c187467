"""Show and write a fixed file: a unified diff, and an atomic write that keeps the file's form.

A fix must never leave a half-written post behind, so it is written with
`bloglint.files.replace_file`; on top of that the file keeps its byte-order mark and its line
endings.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
from pathlib import Path

from bloglint.files import replace_file


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
    target = Path(os.path.realpath(path))
    old = target.read_bytes() if target.exists() else b""
    if old.count(b"\r\n") * 2 > old.count(b"\n"):
        text = re.sub(r"(?<!\r)\n", "\r\n", text)
    data = text.encode(encoding)
    if old.startswith(codecs.BOM_UTF8) and not data.startswith(codecs.BOM_UTF8):
        data = codecs.BOM_UTF8 + data
    replace_file(target, data)
