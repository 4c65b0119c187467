"""Values going in and out of the external checker, and their plain-text renderings.

Nothing here prints: the CLI decides where (and whether) progress and summaries appear.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@]*@")


def redact(url: str) -> str:
    """The URL with any `user:password@` replaced, safe for messages, logs and caches."""
    return _USERINFO.sub(r"\1***@", url)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a URL is written: a site-relative file and a 1-based line and column."""

    relpath: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class ExternalLink:
    """One distinct URL (fragment included) and every place it is written."""

    url: str
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What checking one URL found. `error` says why it is broken (None when ok)."""

    url: str
    ok: bool
    status: int | None = None
    error: str | None = None
    moved_to: str | None = None  # where a permanent redirect says the link now lives
    redirects: int = 0
    cached: bool = False
    excluded: bool = False
    blocked: bool = False  # not requested: private/loopback/link-local/metadata address


@dataclass(frozen=True, slots=True)
class HostTiming:
    host: str
    requests: int
    mean_seconds: float
    max_seconds: float


@dataclass(frozen=True, slots=True)
class ExternalSummary:
    """The closing numbers of a run, for the CLI's summary."""

    links: int  # distinct URLs
    checked: int  # answered by a request this run
    cached: int  # answered from the cache
    excluded: int
    broken: int
    redirected: int
    requests: int  # HTTP requests sent, retries and redirect hops included
    seconds: float
    host_errors: tuple[tuple[str, int], ...] = ()  # most errors first
    slowest_hosts: tuple[HostTiming, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExternalReport:
    results: dict[str, LinkResult]  # by ExternalLink.url
    summary: ExternalSummary


@dataclass(frozen=True, slots=True)
class ProgressState:
    done: int
    total: int
    broken: int
    cached: int = 0


ProgressCallback = Callable[[ProgressState], None]


@dataclass(slots=True)
class ProgressCounter:
    """Counts finished URLs (each once) and reports them to the progress callback."""

    total: int
    callback: ProgressCallback | None
    done: int = 0
    broken: int = 0
    cached: int = 0
    seen: set[str] = field(default_factory=set)

    def add(self, results: Sequence[LinkResult]) -> None:
        for result in results:
            if result.url in self.seen:
                continue
            self.seen.add(result.url)
            self.done += 1
            self.broken += not result.ok
            self.cached += result.cached
        if self.callback is not None:
            self.callback(ProgressState(self.done, self.total, self.broken, self.cached))


def show_progress(stream: Any, environ: Mapping[str, str]) -> bool:
    """A progress bar belongs on an interactive terminal, never in a CI log."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not environ.get("CI") and environ.get("TERM") != "dumb"


def throttled(callback: ProgressCallback, interval: float = 0.1) -> ProgressCallback:
    """Pass on at most one update per `interval` seconds, and always the last one."""
    last = -interval

    def update(state: ProgressState) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= interval or state.done >= state.total:
            last = now
            callback(state)

    return update


def render_progress(state: ProgressState, width: int = 30) -> str:
    """One terminal line, e.g. `external links [#########-----]  1200/2000  3 broken`."""
    filled = width * state.done // state.total if state.total else width
    bar = "#" * filled + "-" * (width - filled)
    digits = len(str(state.total))
    line = f"external links [{bar}] {state.done:>{digits}}/{state.total}"
    if state.broken:
        line += f"  {state.broken} broken"
    return line


def format_summary(summary: ExternalSummary, *, hosts: int = 5) -> str:
    """The closing summary as a few plain-text lines."""
    lines = [
        f"external links: {summary.links} distinct, {summary.checked} checked, "
        f"{summary.cached} from cache, {summary.excluded} excluded; "
        f"{summary.broken} broken, {summary.redirected} redirected "
        f"({summary.requests} requests in {summary.seconds:.1f} s)"
    ]
    if summary.host_errors:
        shown = ", ".join(f"{host} {count}" for host, count in summary.host_errors[:hosts])
        more = len(summary.host_errors) - hosts
        lines.append(f"errors by host: {shown}" + (f" (and {more} more)" if more > 0 else ""))
    if summary.slowest_hosts:
        shown = ", ".join(
            f"{t.host} {t.mean_seconds:.2f} s avg, {t.max_seconds:.2f} s max ({t.requests} req)"
            for t in summary.slowest_hosts[:hosts]
        )
        lines.append(f"slowest hosts: {shown}")
    lines.extend(summary.notes)
    return "\n".join(lines)
