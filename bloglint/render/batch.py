"""Converting many posts' Markdown: on all cores, started early, cached between runs.

A cold `bloglint feed` spends most of its time in kramdown. Most posts have no Liquid markup,
so what kramdown receives is known as soon as the site is read: `Conversions` starts worker
processes on those bodies right away, while the parent imports python-liquid and renders the
rest. Results are looked up by the exact text, so a guess that turns out wrong (Liquid changed
the body) costs time, never correctness.

Nothing here imports python-liquid: `bloglint.liquid` builds on this module, not the reverse.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from bloglint.cachedir import prepare

MARKDOWN_EXTS = ("markdown", "mkdown", "mkdn", "mkd", "md")
T = TypeVar("T")
MIN_TEXTS = 8  # fewer texts do not pay for starting processes
SMALLEST_SHARE = 10  # per worker: the last chunks are 1/(10 × workers) of the work


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


def convert_files(files: list[tuple[Path, str]]) -> list[tuple[int, int, str] | None]:
    """Worker side of `Conversions.submit_files`: (length, hash, HTML) of the body of each
    file without Liquid markup (what Jekyll would hand kramdown unchanged), None for others.

    The body itself is not sent back (half of all the bytes a worker returns): the parent
    recognises its own text by length and `hash()`, which a forked worker computes with the
    parent's hash key, so two different bodies would need a 64-bit SipHash collision.
    """
    convert = default_markdown()
    results: list[tuple[int, int, str] | None] = []
    for path, relpath in files:
        body = _body(path, relpath)
        if body is None or "{{" in body or "{%" in body:
            results.append(None)  # Liquid first: the parent submits the rendered text
            continue
        try:
            results.append((len(body), hash(body), convert(body)))
        except Exception:  # noqa: BLE001 - reported when the post is converted in the parent
            results.append(None)
    return results


def _body(path: Path, relpath: str) -> str | None:
    """The file's body as `bloglint.source.parse_source` cuts it, without parsing the front
    matter's YAML (the parent does that): a worker only needs the text after it. A body
    that differs from the parent's is never used (`Conversions.get` compares them)."""
    from bloglint.source import text_and_body

    try:
        data = path.read_bytes()
    except OSError:
        return None
    return text_and_body(data, relpath)[1]


class Conversions:
    """Markdown texts being converted in worker processes (fork), looked up by text.

    Any trouble with processes (none allowed here, no fork) leaves `get` answering None:
    the caller then converts in its own process, as it would without this class.
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or min(os.cpu_count() or 1, 8)
        self._pool: Any = None
        self._futures: dict[str, tuple[Any, int]] = {}  # text -> (future of its chunk, index)
        self._files: dict[str, tuple[Any, int]] = {}  # relpath -> the same, for submit_files
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
            self._start()
            for chunk in _chunks(todo, self.workers, list(map(len, todo))):
                future = self._pool.submit(convert_batch, chunk)
                for index, text in enumerate(chunk):
                    self._futures[text] = (future, index)
        except (OSError, RuntimeError, ValueError):
            self._failed = True
            self.close()

    def submit_files(self, files: list[tuple[Path, str]]) -> None:
        """Start converting files' bodies before anything else is known about them.

        The workers read the files; `adopt` later ties a body the caller read to the
        conversion of its file (the result counts only if the worker read the same text).
        """
        if self._failed or len(files) < MIN_TEXTS:
            return
        try:
            self._start()
            sizes = []
            for path, _ in files:
                try:
                    sizes.append(path.stat().st_size)
                except OSError:
                    sizes.append(0)
            for chunk in _chunks(files, self.workers, sizes):
                future = self._pool.submit(convert_files, chunk)
                for index, (_, relpath) in enumerate(chunk):
                    self._files[relpath] = (future, index)
        except (OSError, RuntimeError, ValueError):
            self._failed = True
            self.close()

    def adopt(self, relpath: str, text: str) -> None:
        """`text` (the body of `relpath`) is converted by that file's worker, if any."""
        if relpath in self._files and text not in self._futures:
            self._futures[text] = self._files[relpath]

    def __contains__(self, text: object) -> bool:
        return text in self._futures

    def get(self, text: str) -> str | None:
        """The HTML for a submitted text (waiting for it), None if unavailable or it failed."""
        entry = self._futures.get(text)
        if entry is None:
            return None
        future, index = entry
        try:
            value = future.result()[index]
        except Exception:  # noqa: BLE001 - a broken pool: the caller converts the text itself
            return None
        if isinstance(value, tuple):  # from submit_files: the body the worker read, and HTML
            length, digest, html = value
            return html if length == len(text) and digest == hash(text) else None  # type: ignore[no-any-return]
        return value  # type: ignore[no-any-return]

    def call(self, function: Callable[..., T], *args: Any) -> Any:
        """Run `function(*args)` in a worker (a picklable module-level function): the future
        to pass to `result`, or None when no worker runs (the caller runs it itself)."""
        if self._pool is None:
            return None
        try:
            return self._pool.submit(function, *args)
        except (OSError, RuntimeError, ValueError):
            return None

    @staticmethod
    def result(future: Any) -> Any:
        """What a `call` returned, None if the worker failed (the caller runs it itself)."""
        try:
            return future.result()
        except Exception:  # noqa: BLE001 - a broken pool or a pickling error
            return None

    def _start(self) -> None:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # The workers import the converter themselves, side by side. Importing it here
            # for them to inherit measured 0.03-0.06 s slower on a cold daiwk feed: the
            # parent imports while the other core idles, and the workers still write to
            # the inherited objects' pages (reference counts), copying them.
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("fork")
            )

    def close(self) -> None:
        """Stop the workers without waiting for them to exit: by now every result the
        caller wanted is in, and an idle worker leaves as soon as it reads the stop signal
        (at the latest, Python joins it when this process exits)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def _chunks(items: list[T], workers: int, sizes: list[int]) -> list[list[T]]:
    """`items` cut into contiguous runs, large first and smaller toward the end.

    Each run is about the remaining size over 2 × `workers`, but no smaller than
    1/(SMALLEST_SHARE × `workers`) of the total: the first results come early, and the
    workers finish together although a post's size only roughly predicts its cost.
    """
    total = sum(sizes)
    smallest = total / (SMALLEST_SHARE * workers) + 1  # + 1: texts of length 0 stay together
    chunks: list[list[T]] = [[]]
    size = 0
    remaining = total
    target = max(remaining / (2 * workers), smallest)
    for item, item_size in zip(items, sizes, strict=True):
        if size >= target and chunks[-1]:
            chunks.append([])
            remaining -= size
            target = max(remaining / (2 * workers), smallest)
            size = 0
        chunks[-1].append(item)
        size += item_size
    return chunks


# --------------------------------------------------------------------------------------------
# The cache of converted HTML, keyed by the Markdown text and the converter's version.


# Libraries whose upgrade can change the HTML: their package's `__init__.py` (which holds
# the version) goes into the cache key. Found without importing them (mistune takes 20 ms).
CONVERTER_LIBRARIES = ("mistune", "pygments")


def converter_version() -> str:
    """Changes whenever bloglint, its Markdown converter or a library it renders with
    changes, invalidating old entries."""
    import importlib.util

    import bloglint

    digest = hashlib.sha256(bloglint.__version__.encode())
    package = Path(__file__).parents[1]
    sources = [package / "kramdown.py", *sorted((package / "render").rglob("*.py"))]
    for name in CONVERTER_LIBRARIES:
        spec = importlib.util.find_spec(name)
        sources.append(Path(spec.origin) if spec and spec.origin else Path(name))
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
        self._empty = False
        self._keys: dict[str, str] = {}
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
        # A cache need not survive a power cut: commits skip fsync (10-20 ms at the end of a
        # cold feed). A file torn by one reads as malformed: it is then rebuilt or set aside.
        db.execute("PRAGMA synchronous = OFF")
        db.execute("CREATE TABLE IF NOT EXISTS html (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        # A new (empty) cache, as on a cold run, answers every lookup without hashing it.
        self._empty = db.execute("SELECT count(*) FROM html").fetchone()[0] == 0
        return db

    def _key(self, text: str) -> str:
        key = self._keys.get(text)
        if key is None:  # each text is looked up and then stored: hash it once
            digest = hashlib.sha256(f"{self.version}\0".encode())
            digest.update(text.encode())  # (not joined to the version first: a copy less)
            key = self._keys[text] = digest.hexdigest()
        return key

    def get(self, text: str) -> str | None:
        if self._db is None:
            return None
        if self._empty:
            self.misses += 1
            return None
        try:
            row = self._db.execute(
                "SELECT html FROM html WHERE key = ?", (self._key(text),)
            ).fetchone()
        except sqlite3.DatabaseError:
            self._abandon()
            return None
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return str(row[0])

    def put(self, text: str, rendered: str) -> None:
        """Store an entry now, in a transaction that `close` commits: the rows are written
        while the caller waits for the next conversion, not after the last one."""
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO html (key, html) VALUES (?, ?)", (self._key(text), rendered)
            )
        except sqlite3.DatabaseError:
            self._abandon()

    def close(self) -> None:
        """Commit the new entries and close the file."""
        if self._db is None:
            return
        try:
            self._db.commit()
            self._db.close()
        except sqlite3.DatabaseError:
            self._abandon()
        self._db = None

    def _abandon(self) -> None:
        """Stop using the file after an error: its entries are only ever a shortcut."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.close()
        self._db = None
