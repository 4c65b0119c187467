"""The small shared vocabulary: severities, problems found while reading, and findings.

Everything here is a frozen value so it can be sorted, cached and compared in tests.
Parsing produces `Problem`s (a file could not be read as Jekyll reads it); checks yield
`Hit`s; the engine turns both into `Finding`s, the only thing output formats ever see.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """How much a finding matters; `error` fails the run by default."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or info") from None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with how a file reads, found while loading the site (not by a rule).

    `kind` is a short stable word (``yaml``, ``encoding``, ``unreadable``, ...) that the
    front-matter and file rules map to findings.
    """

    path: str  # relative to the site root, POSIX separators
    line: int  # 1-based; 1 when the whole file is concerned
    column: int  # 1-based
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check reports: a place in the checked file and what is wrong there."""

    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """A reported problem. Field order is the sort order (path, then position, then rule)."""

    path: str  # relative to the site root, POSIX separators
    line: int
    column: int
    rule_id: str  # "BL001"
    rule: str  # "broken-internal-link"
    severity: Severity
    message: str
    end_line: int | None = None
    end_column: int | None = None


class ConfigError(Exception):
    """A configuration or usage problem: the CLI reports it with its file and exits 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message
