"""Replacing a file safely: the one way bloglint ever writes a blogger's files.

The new bytes go to a temporary file in the same folder, are flushed to disk, and replace the
old file in one `os.replace`, so an editor, Jekyll's watcher or git never sees half a file and
the old file survives any error. The file keeps its mode; a symlink is written through.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

NEW_FILE_MODE = 0o644  # what an editor would give a new file (mkstemp's own is 0o600)


def replace_file(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> None:
    """Atomically make `path` hold `data` (creating its folder if needed).

    `durable=False` skips the flushes to disk, for bloglint's own cache files: after a
    power cut such a file may hold nothing, which its reader detects and rebuilds.
    """
    target = Path(os.path.realpath(path))  # write through a symlink, do not replace it
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else NEW_FILE_MODE
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if not durable:
        return
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows it
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
