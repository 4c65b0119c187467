"""Converting many posts' Markdown: on all cores, started early, cached between runs.

A cold `bloglint feed` spends most of its time in kramdown. Most posts have no Liquid markup,
so what kramdown receives is known as soon as the site is read: `Conversions` starts worker
processes on those bodies right away, while the parent imports python-liquid and renders the
rest. Results are looked up by the exact text, so a guess that turns out wrong (Liquid changed
the body) costs time, never correctness.

Nothing here imports python-liquid: `bloglint.liquid` builds on this module, not the reverse.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from bloglint.cachedir import prepare

MARKDOWN_EXTS = ("markdown", "mkdown", "mkdn", "mkd", "md")
MIN_TEXTS = 8  # fewer texts do not pay for starting processes
CHUNKS_PER_WORKER = 4  # small enough to balance, large enough to keep pickling cheap


def is_markdown_file(relpath: str, config: Mapping[str, Any]) -> bool:
    """Whether Jekyll converts this file with kramdown (`markdown_ext`)."""
    name = relpath.rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    markdown_exts = str(config.get("markdown_ext") or ",".join(MARKDOWN_EXTS))
    return ext in [e.strip().lower() for e in markdown_exts.split(",")]


def default_markdown() -> Callable[[str], str]:
    """The kramdown-compatible converter (bloglint.render, or bloglint.kramdown)."""
    try:
        from bloglint.render import render_markdown
    except ImportError:
        from bloglint.kramdown import render_markdown  # type: ignore[no-redef]
    return render_markdown


def convert_batch(texts: list[str]) -> list[str | None]:
    """Worker side of `Conversions`: None where the converter fails (the caller reports it)."""
    convert = default_markdown()
    results: list[str | None] = []
    for text in texts:
        try:
            results.append(convert(text))
        except Exception:  # noqa: BLE001 - reported when the post is converted in the parent
            results.append(None)
    return results


class Conversions:
    """Markdown texts being converted in worker processes (fork), looked up by text.

    Any trouble with processes (none allowed here, no fork) leaves `get` answering None:
    the caller then converts in its own process, as it would without this class.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or min(os.cpu_count() or 1, 8)
        self._pool: Any = None
        self._futures: dict[str, tuple[Any, int]] = {}  # text -> (future of its chunk, index)
        self._failed = self.workers < 2

    @property
    def running(self) -> bool:
        return self._pool is not None

    def submit(self, texts: Iterable[str]) -> None:
        """Start converting the texts not already submitted, in the order given.

        They go in contiguous chunks of about equal length, so the first texts are ready
        first and a caller that consumes them in order can start before the last are done.
        """
        if self._failed:
            return
        todo = list(dict.fromkeys(t for t in texts if t not in self._futures))
        if not todo or (self._pool is None and len(todo) < MIN_TEXTS):
            return
        try:
            if self._pool is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                default_markdown()  # imported once here, so forked workers start with it
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=multiprocessing.get_context("fork")
                )
            for chunk in _chunks(todo, self.workers * CHUNKS_PER_WORKER):
                future = self._pool.submit(convert_batch, chunk)
                for index, text in enumerate(chunk):
                    self._futures[text] = (future, index)
        except (OSError, RuntimeError, ValueError):
            self._failed = True
            self.close()

    def __contains__(self, text: object) -> bool:
        return text in self._futures

    def get(self, text: str) -> str | None:
        """The HTML for a submitted text (waiting for it), None if unavailable or it failed."""
        entry = self._futures.get(text)
        if entry is None:
            return None
        future, index = entry
        try:
            return future.result()[index]  # type: ignore[no-any-return]
        except Exception:  # noqa: BLE001 - a broken pool: the caller converts the text itself
            return None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _chunks(texts: list[str], count: int) -> list[list[str]]:
    """`texts` cut into at most `count` contiguous runs of about equal total length."""
    share = sum(len(t) for t in texts) / count + 1
    chunks: list[list[str]] = [[]]
    size = 0
    for text in texts:
        if size >= share and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].append(text)
        size += len(text)
    return chunks


# --------------------------------------------------------------------------------------------
# The cache of converted HTML, keyed by the Markdown text and the converter's version.


def converter_version() -> str:
    """Changes whenever bloglint or its Markdown converter changes, invalidating old entries."""
    import bloglint

    digest = hashlib.sha256(bloglint.__version__.encode())
    package = Path(__file__).parents[1]
    sources = [package / "kramdown.py", *sorted((package / "render").rglob("*.py"))]
    for path in sources:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(path.name.encode())
    return digest.hexdigest()[:16]


class RenderCache:
    """Converted HTML per Markdown text in `<cache folder>/render.sqlite`.

    Any problem with the file (corrupt, locked, unwritable) turns the cache off or rebuilds
    it; it never changes what is rendered.
    """

    def __init__(self, directory: Path, version: str | None = None) -> None:
        self.path = directory / "render.sqlite"
        self.version = version or converter_version()
        self.hits = 0
        self.misses = 0
        self._pending: list[tuple[str, str]] = []
        self._db: sqlite3.Connection | None = None
        try:
            prepare(directory)
            self._db = self._open()
        except (OSError, sqlite3.DatabaseError):
            try:
                self.path.unlink(missing_ok=True)
                self._db = self._open()
            except (OSError, sqlite3.DatabaseError):
                self._db = None

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE IF NOT EXISTS html (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        db.execute("SELECT count(*) FROM html").fetchone()
        return db

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.version}\0{text}".encode()).hexdigest()

    def get(self, text: str) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT html FROM html WHERE key = ?", (self._key(text),)
            ).fetchone()
        except sqlite3.DatabaseError:
            self._db = None
            return None
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return str(row[0])

    def put(self, text: str, rendered: str) -> None:
        if self._db is not None:
            self._pending.append((self._key(text), rendered))

    def close(self) -> None:
        """Write new entries (in one transaction) and close the file."""
        if self._db is None:
            return
        try:
            if self._pending:
                with self._db:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO html (key, html) VALUES (?, ?)", self._pending
                    )
            self._db.close()
        except sqlite3.DatabaseError:
            pass
        self._pending.clear()
        self._db = None
