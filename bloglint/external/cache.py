"""A persistent SQLite cache of successful external-link results.

Only successes are stored: a failure is always checked again on the next run, so a site that
was down for a moment never stays "broken" in the cache. A stored status that the current
`accept` list no longer accepts counts as a miss too.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from bloglint.cachedir import prepare
from bloglint.external.report import LinkResult, redact

CACHE_FILE = "external-links.sqlite3"
SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,       -- the URL, or a hash when it carries credentials
    url TEXT NOT NULL,          -- the URL with credentials redacted (for people reading the file)
    checked_at REAL NOT NULL,   -- Unix time of the check
    status INTEGER,
    moved_to TEXT,
    redirects INTEGER NOT NULL
)
"""


def _key(url: str) -> str:
    if redact(url) == url:
        return url
    return "sha256:" + hashlib.sha256(url.encode("utf-8")).hexdigest()


class ResultCache:
    """Fresh successful results by URL; opened once per run, written once at the end."""

    def __init__(
        self,
        directory: Path,
        *,
        max_age: float,
        accept: frozenset[int],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.directory = directory
        self._max_age = max_age
        self._accept = accept
        self._clock = clock
        prepare(directory)
        ignore = directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# bloglint's cache of external link results\n*\n", "utf-8")
        path = directory / CACHE_FILE
        try:
            self._db = self._open(path)
        except sqlite3.DatabaseError:
            # A damaged or foreign file: a cache may always be thrown away.
            path.unlink(missing_ok=True)
            self._db = self._open(path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=10)
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version != SCHEMA_VERSION:
            db.execute("DROP TABLE IF EXISTS results")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute(_SCHEMA)
        db.commit()
        return db

    def get(self, url: str) -> LinkResult | None:
        """A fresh, still-accepted result for `url`, or None."""
        row = self._db.execute(
            "SELECT checked_at, status, moved_to, redirects FROM results WHERE key = ?",
            (_key(url),),
        ).fetchone()
        if row is None:
            return None
        checked_at, status, moved_to, redirects = row
        if self._clock() - checked_at > self._max_age:
            return None
        if status is not None and status not in self._accept:
            return None
        return LinkResult(
            url, ok=True, status=status, moved_to=moved_to, redirects=redirects, cached=True
        )

    def store(self, results: Iterable[LinkResult]) -> None:
        """Remember successes, forget failures (they are rechecked next time); see `commit`."""
        now = self._clock()
        for result in results:
            if result.cached or result.excluded:
                continue
            if result.ok:
                self._db.execute(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        _key(result.url),
                        redact(result.url),
                        now,
                        result.status,
                        result.moved_to,
                        result.redirects,
                    ),
                )
            else:
                self._db.execute("DELETE FROM results WHERE key = ?", (_key(result.url),))

    def commit(self) -> None:
        """Write what `store` gathered (done in batches: a commit per result would be slow)."""
        self._db.commit()

    def close(self) -> None:
        self._db.commit()
        self._db.close()
