"""An on-disk index of what each file parses to, so unchanged posts are never parsed twice.

A one-file pre-commit run on a blog of thousands of posts still needs every post's URL,
title and heading ids (a link may point anywhere). The index keeps, per content hash, the
split file (front matter parsed) and the parsed Markdown `Document`, in one SQLite file
under the cache folder. A file whose size and modification time are unchanged is not even
read (git's own index makes the same bet); any other file is read, hashed, and looked up by
its hash, so a touched-but-identical file costs a hash, not a parse.

The index is only ever an accelerator: deleting it is always safe, and a file that is
corrupt, from another bloglint version, or not ours at all is thrown away and rebuilt.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sqlite3
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from bloglint import __version__
from bloglint.cachedir import prepare
from bloglint.source import SourceFile, parse_source, read_source, text_and_body

if TYPE_CHECKING:
    from bloglint.document import Document
    from bloglint.site import Site

INDEX_NAME = "index.sqlite"
SNAPSHOT_REWRITE = 8  # entries worked out afresh before a saved snapshot is written again
# Anything that changes what parsing produces must change this string.
FORMAT = f"bloglint-index 10; bloglint {__version__}; python {sys.version_info[:2]}"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    relpath TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    digest TEXT NOT NULL, relpath TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (digest, relpath));
CREATE TABLE IF NOT EXISTS documents (digest TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS derived (
    digest TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (digest, key));
CREATE INDEX IF NOT EXISTS derived_by_key ON derived (key);
CREATE TABLE IF NOT EXISTS snapshots (name TEXT PRIMARY KEY, data BLOB NOT NULL);
"""


_LAZY_FIELDS = ("text", "body")  # read from the file again, only when needed
_STATE_FIELDS = tuple(
    f.name for f in dataclasses.fields(SourceFile) if f.name not in _LAZY_FIELDS + ("path",)
)
_STATE_SETTERS = tuple(SourceFile.__dict__[name].__set__ for name in _STATE_FIELDS)


def _pickled_state(source: SourceFile) -> bytes:
    """Everything the split found except the text itself (the file on disk has that)."""
    return pickle.dumps(tuple(getattr(source, name) for name in _STATE_FIELDS), protocol=5)


class IndexedSource(SourceFile):
    """A file's split taken from the index; its text is read from disk on first use.

    A one-post pre-commit run needs every post's front matter (URLs, titles) but the text
    of only a few; this keeps the other thousands of files unread (and their `Path` objects
    unmade: building one costs more than everything else a warm post needs but unpickling).
    """

    __slots__ = ("_unread", "_location")

    @classmethod
    def restore(
        cls, state: tuple[object, ...], path: Path | str, data: bytes | None
    ) -> IndexedSource:
        if len(state) != len(_STATE_SETTERS):
            raise ValueError("a source state of another shape")
        source = cls.__new__(cls)
        for setter, value in zip(_STATE_SETTERS, state):  # noqa: B905 - length checked above
            setter(source, value)
        source._location = path
        source._unread = True
        if data is not None:
            source._fill(data)
        return source

    def _fill(self, data: bytes | None = None) -> None:
        self._unread = False
        if data is None:
            try:
                data = self.path.read_bytes()
            except OSError:
                data = b""
        # The split (front matter, lines) is known: only the text and the body are needed.
        text, body = text_and_body(data, self.relpath)
        SourceFile.__dict__["text"].__set__(self, text)
        SourceFile.__dict__["body"].__set__(self, body)

    def _lazy(name: str) -> property:  # type: ignore[misc]  # noqa: N805 - a class-body helper
        slot = SourceFile.__dict__[name]

        def get(self: IndexedSource) -> str:
            if self._unread:
                self._fill()
            return str(slot.__get__(self))

        def put(self: IndexedSource, value: str) -> None:
            self._unread = False
            slot.__set__(self, value)

        return property(get, put)

    text = _lazy("text")
    body = _lazy("body")
    del _lazy

    @property
    def path(self) -> Path:  # type: ignore[override]
        location = self._location
        if not isinstance(location, Path):
            location = self._location = Path(location)
        return location

    @path.setter
    def path(self, value: Path) -> None:
        self._location = value


@cache
def code_fingerprint(*relpaths: str) -> str:
    """A digest of the package files (relative to `bloglint/`) that work a derived value out:
    their sizes and times, so that an edited checkout never replays an older value. Where a
    file is missing (an install without sources) its name and the version stand in."""
    package = Path(__file__).resolve().parent
    parts = []
    for relpath in relpaths:
        try:
            stat = (package / relpath).stat()
            parts.append(f"{relpath}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{relpath}:{__version__}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class SiteIndex:
    """The cache of parsed files for one site; use as a context manager to save on exit."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / INDEX_NAME
        self._digests: dict[str, str] = {}  # relpath -> digest of the text read this run
        self._stats: dict[str, tuple[int, int]] = {}  # relpath -> (size, mtime_ns) before reading
        self._states: dict[str, bytes] = {}  # relpath -> its split, pickled as kept
        self._stat_rows: dict[str, tuple[int, int, str]] | None = None  # all, once many asked
        self._new_files: list[tuple[str, int, int, str]] = []
        self._new_sources: list[tuple[str, str, bytes]] = []
        self._new_documents: list[tuple[str, bytes]] = []
        # Rows of `sources`, or of `derived` under one key, read at once when many (`_blob`).
        self._tables: dict[tuple[str, str], dict[tuple[str, str], bytes]] = {}
        self._lookups: dict[tuple[str, str], int] = {}
        self._new_derived: list[tuple[str, str, bytes]] = []
        self._new_results: list[tuple[str, bytes]] = []
        self._new_snapshots: list[tuple[str, bytes]] = []
        self.parsed = 0  # how many documents were parsed (not found in the index) this run
        self._db = self._open()

    # --- opening, and refusing what is not ours -------------------------------------------

    def _open(self) -> sqlite3.Connection | None:
        try:
            prepare(self.path.parent)
        except OSError:
            return None  # a read-only site: run without an index
        for attempt in range(2):
            try:
                db = sqlite3.connect(self.path, timeout=5)
                row = (
                    db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
                    if self._has_meta(db)
                    else None
                )
                if row is None and not self._is_empty(db):
                    raise sqlite3.DatabaseError("not a bloglint index")
                if row is not None and row[0] != FORMAT:
                    raise sqlite3.DatabaseError("index from another bloglint version")
                if row is None:  # a new index (an existing one of ours needs no write)
                    with db:
                        db.executescript(_SCHEMA)
                        db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
                return db
            except sqlite3.Error:
                try:
                    db.close()
                except Exception:  # noqa: BLE001 - closing a broken handle may fail too
                    pass
                if attempt:
                    return None
                self._discard()
        return None

    @staticmethod
    def _has_meta(db: sqlite3.Connection) -> bool:
        return (
            db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
            is not None
        )

    @staticmethod
    def _is_empty(db: sqlite3.Connection) -> bool:
        return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0

    def _discard(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                Path(str(self.path) + suffix).unlink()
            except OSError:
                pass

    # --- lookups ------------------------------------------------------------------------------

    def read_source(self, path: Path | str, relpath: str) -> SourceFile:
        """The file split as `bloglint.source.read_source` would, from the index when unchanged.

        An unchanged file is not even read: its text is read only if something asks for it.
        """
        if self._db is None:
            return read_source(path, relpath)
        try:
            stat = os.stat(path)
        except OSError:
            return read_source(path, relpath)  # reports the problem
        self._stats[relpath] = (stat.st_size, stat.st_mtime_ns)  # taken before reading
        known = self._known_stat(relpath)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            source = self._cached_source(known[2], relpath, path, None)
            if source is not None:
                self._digests[relpath] = known[2]
                return source
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError:
            return read_source(path, relpath)
        digest = _digest(data)
        self._digests[relpath] = digest
        self._new_files.append((relpath, stat.st_size, stat.st_mtime_ns, digest))
        source = self._cached_source(digest, relpath, path, data)
        if source is None:
            source = parse_source(Path(path), relpath, data)
            # Pickled now: the site reader adds its own problems to the object later.
            state = self._states[relpath] = _pickled_state(source)
            self._new_sources.append((digest, relpath, state))
        return source

    def _known_stat(self, relpath: str) -> tuple[int, int, str] | None:
        """The size, mtime and digest this file had last time (row by row while few are
        asked: a warm run reads most posts from its snapshot, not through here)."""
        assert self._db is not None
        if self._stat_rows is None:
            if self._few(("files", "")):
                row = self._db.execute(
                    "SELECT size, mtime_ns, digest FROM files WHERE relpath = ?", (relpath,)
                ).fetchone()
                return tuple(row) if row is not None else None  # type: ignore[return-value]
            self._stat_rows = {
                path: (size, mtime, digest)
                for path, size, mtime, digest in self._db.execute("SELECT * FROM files")
            }
        return self._stat_rows.get(relpath)

    def _cached_source(
        self, digest: str, relpath: str, path: Path | str, data: bytes | None
    ) -> SourceFile | None:
        blob = self._blob("sources", digest, relpath)
        if blob is None:
            return None
        try:
            source = IndexedSource.restore(pickle.loads(blob), path, data)
        except Exception:  # noqa: BLE001 - a damaged row is a cache miss, never an error
            return None
        self._states[relpath] = blob
        return source

    def document(self, source: SourceFile) -> Document:
        """The parsed body of a file read through this index (parsed and stored on a miss)."""
        from bloglint.document import parse_document

        document = self.cached_document(source)
        if document is None:
            document = parse_document(source.body, source.body_line)
            self.store_document(source, document)
        return document

    def cached_document(self, source: SourceFile) -> Document | None:
        """The stored parse of this file's current content, or None."""
        from bloglint.document import Document

        digest = self._digests.get(source.relpath)
        if digest is None:
            return None
        document = self._unpickled("SELECT data FROM documents WHERE digest = ?", digest)
        return document if isinstance(document, Document) else None

    def store_document(
        self, source: SourceFile, document: Document, blob: bytes | None = None
    ) -> None:
        """Remember a parse made this run (`blob`: the document already pickled, if at hand)."""
        self.parsed += 1
        digest = self._digests.get(source.relpath)
        if digest is not None:
            self._new_documents.append((digest, blob or pickle.dumps(document, protocol=5)))

    def digest(self, relpath: str) -> str | None:
        """The content digest of a file read through the index this run."""
        return self._digests.get(relpath)

    def derived(self, relpath: str, key: str) -> object | None:
        """A value computed earlier from this file's current content under `key`, or None.

        The caller's key must name everything else the value depends on (the site's
        configuration, say); the content is this index's part of the bargain.
        """
        digest = self._digests.get(relpath)
        if digest is None or self._db is None:
            return None
        blob = self._blob("derived", digest, key)
        if blob is None:
            return None
        try:
            return pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a damaged row is a cache miss
            return None

    _FEW = 32  # lookups in a table answered row by row before the whole table is read

    def _few(self, group: tuple[str, str]) -> bool:
        """Count a lookup in `group` (a table, or a table under one key): True while there
        have been few enough to answer row by row."""
        count = self._lookups[group] = self._lookups.get(group, 0) + 1
        return count <= self._FEW

    def _blob(self, table: str, digest: str, name: str) -> bytes | None:
        """The stored row (digest, relpath) of `sources` or (digest, key) of `derived`.

        A warm run looks up only the files that changed since the snapshot of its posts
        (usually one): a few single-row queries. Many lookups read the rows at once: every
        row of `sources`, or the rows of `derived` under this one key (a rule asks the same
        key of every post; the other keys' rows, parses of whole posts, are not read).
        """
        assert self._db is not None
        group = (table, "" if table == "sources" else name)
        rows = self._tables.get(group)
        if rows is None:
            column = "relpath" if table == "sources" else "key"
            if self._few(group):
                row = self._db.execute(
                    f"SELECT data FROM {table} WHERE digest = ? AND {column} = ?",
                    (digest, name),
                ).fetchone()
                return row[0] if row is not None else None
            query = f"SELECT digest, {column}, data FROM {table}"
            rows = self._tables[group] = {
                (first, second): blob
                for first, second, blob in (
                    self._db.execute(query)
                    if table == "sources"
                    else self._db.execute(query + " WHERE key = ?", (name,))
                )
            }
        return rows.get((digest, name))

    def store_derived(
        self, relpath: str, key: str, value: object, blob: bytes | None = None
    ) -> None:
        """Remember `value` for this file's content (`blob`: it already pickled, if at hand)."""
        digest = self._digests.get(relpath)
        if digest is not None:
            self._new_derived.append((digest, key, blob or pickle.dumps(value, protocol=5)))

    # --- snapshots: thousands of small records read back as one -----------------------------

    def snapshot(self, name: str) -> object | None:
        """What `store_snapshot` saved under `name` (one row, unpickled at once), or None."""
        return self._unpickled("SELECT data FROM snapshots WHERE name = ?", name)

    @staticmethod
    def snapshot_outdated(fresh: int, saved: bool) -> bool:
        """Whether a snapshot is worth writing again after `fresh` of its entries were worked
        out afresh this run: always when none was `saved`, else once there are enough of
        them (a few edited files are cheap to work out the ordinary way every run)."""
        return fresh > 0 and (not saved or fresh >= SNAPSHOT_REWRITE)

    def store_snapshot(self, name: str, value: object) -> None:
        self._new_snapshots.append((name, pickle.dumps(value, protocol=5)))

    def reading(self, relpath: str) -> tuple[int, int, str, bytes] | None:
        """How `read_source` found a file this run: its size and mtime (taken before it was
        read), its content digest and its split as kept (for `restore_source` later)."""
        stat, digest, state = (
            self._stats.get(relpath),
            self._digests.get(relpath),
            self._states.get(relpath),
        )
        if stat is None or digest is None or state is None:
            return None
        return (*stat, digest, state)

    def restore_source(
        self, relpath: str, path: Path | str, digest: str, state: tuple[object, ...]
    ) -> SourceFile:
        """A file the caller knows is unchanged since `state` was taken (same size and mtime):
        its split, its text left unread, and its content noted for later lookups."""
        source = IndexedSource.restore(state, path, None)
        self._digests[relpath] = digest
        return source

    # --- whole runs -------------------------------------------------------------------------

    def run_key(self, site: Site, *parts: object) -> str | None:
        """A key for the outcome of a whole run over this site, or None without an index.

        It covers every file read through the index (by content), what the site publishes,
        its static files, the layouts, includes, data and Gemfile the rules may look at,
        the configuration, and the caller's `parts` (which posts, which rules).
        """
        if self._db is None:
            return None
        key = hashlib.blake2b(FORMAT.encode(), digest_size=20)
        for relpath, digest in sorted(self._digests.items()):
            key.update(f"{relpath}\0{digest}\n".encode())
        listed = [p.relpath for p in (*site.posts, *site.documents)]
        listed += site.static_files + [s.relpath for s in site.skipped]
        key.update("\n".join(listed).encode())
        for setting, default in (
            ("layouts_dir", "_layouts"),
            ("includes_dir", "_includes"),
            ("data_dir", "_data"),
        ):
            folder = str(site.config.get(setting) or default)
            for path in sorted((site.root / folder).rglob("*")):
                if path.is_file():
                    key.update(path.relative_to(site.root).as_posix().encode())
                    key.update(_digest(path.read_bytes()).encode())
        for name in ("Gemfile", "Gemfile.lock"):
            if (site.root / name).is_file():
                key.update(_digest((site.root / name).read_bytes()).encode())
        key.update(pickle.dumps((site.config, parts), protocol=5))
        return key.hexdigest()

    def cached_result(self, key: str) -> object | None:
        return self._unpickled("SELECT data FROM results WHERE key = ?", key)

    def _unpickled(self, query: str, key: str) -> object | None:
        """The one pickled value `query` selects for `key`; None when absent or damaged."""
        if self._db is None:
            return None
        row = self._db.execute(query, (key,)).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except Exception:  # noqa: BLE001 - a damaged row is a cache miss, never an error
            return None

    def store_result(self, key: str, value: object) -> None:
        self._new_results.append((key, pickle.dumps(value, protocol=5)))

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        """Write what this run learnt; failures only cost speed next time."""
        if self._db is None:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", self._new_files
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO sources VALUES (?, ?, ?)", self._new_sources
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO documents VALUES (?, ?)", self._new_documents
                )
                self._db.executemany(
                    "INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", self._new_derived
                )
                if self._new_results:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO results VALUES (?, ?)", self._new_results
                    )
                    # Keep the last few runs only (a full run, a pre-commit run, ...).
                    self._db.execute(
                        "DELETE FROM results WHERE rowid NOT IN "
                        "(SELECT rowid FROM results ORDER BY rowid DESC LIMIT 8)"
                    )
                if self._new_snapshots:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO snapshots VALUES (?, ?)", self._new_snapshots
                    )
                    # One per configuration: keep the latest few.
                    self._db.execute(
                        "DELETE FROM snapshots WHERE rowid NOT IN "
                        "(SELECT rowid FROM snapshots ORDER BY rowid DESC LIMIT 4)"
                    )
                self._forget_stale()
        except sqlite3.Error:
            self._discard()
        self._new_files.clear()
        self._new_sources.clear()
        self._new_documents.clear()
        self._new_derived.clear()
        self._new_results.clear()
        self._new_snapshots.clear()

    def _forget_stale(self) -> None:
        """Drop entries for contents no file has any more, so the index does not grow forever."""
        assert self._db is not None
        if not self._digests:
            return
        live = set(self._digests.values())
        stale = [
            (digest,)
            for (digest,) in self._db.execute("SELECT DISTINCT digest FROM sources")
            if digest not in live
        ]
        if len(stale) > max(64, len(live) // 4):  # prune only when it is worth a write
            self._db.executemany("DELETE FROM sources WHERE digest = ?", stale)
            self._db.executemany("DELETE FROM documents WHERE digest = ?", stale)
            self._db.executemany("DELETE FROM derived WHERE digest = ?", stale)

    def close(self) -> None:
        if self._db is not None:
            self.save()
            self._db.close()
            self._db = None

    def __enter__(self) -> SiteIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
