"""Synchronous entry points: `check_urls` (library) and `check_post_links` (what the engine calls).

httpx is imported only inside these functions, so the offline CLI never pays for it.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bloglint.external.report import (
    ExternalLink,
    ExternalReport,
    ExternalSummary,
    LinkResult,
    Occurrence,
    ProgressCallback,
    ProgressCounter,
    redact,
)
from bloglint.external.settings import ExternalSettings, parse_settings
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.document import Link
    from bloglint.external.checker import Page

# Letters, digits, hyphens (and the underscores some DNS names carry) in dot-separated labels;
# httpx percent-encodes other characters instead of refusing them.
_HOST_NAME = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9_-]{1,63}(?<!-))*\.?$")
CHECKED_KINDS = frozenset({"inline", "reference", "autolink", "html"})


def check_urls(
    links: Sequence[ExternalLink],
    settings: ExternalSettings,
    cache_dir: Path | None,
    progress: ProgressCallback | None = None,
    *,
    refresh: bool = False,
) -> ExternalReport:
    """Check each distinct URL once; `cache_dir=None` disables the cache, `refresh` ignores it."""
    import asyncio
    import sqlite3

    from bloglint.external.checker import Checker

    started = time.monotonic()
    results: dict[str, LinkResult] = {}
    pages = _pages(links, settings, results)
    notes: list[str] = []
    cache = _open_cache(cache_dir, settings, notes)
    cached: dict[str, LinkResult] = {}
    if cache is not None and not refresh:
        cached = _from_cache(cache, pages, settings)
    counter = ProgressCounter(total=len({link.url for link in links}), callback=progress)
    counter.add([*results.values(), *cached.values()])
    results.update(cached)
    to_check = [page for page in pages.values() if not all(u in cached for u in page.links)]
    last_commit = time.monotonic()

    def page_done(page: Page, page_results: list[LinkResult]) -> None:
        nonlocal last_commit
        if cache is not None:
            # Written as results come in (committed every few seconds), so an interrupted
            # long run keeps what it already checked.
            cache.store(replace(r, url=_cache_key(r.url, page, settings)) for r in page_results)
            if time.monotonic() - last_commit > 2:
                cache.commit()
                last_commit = time.monotonic()
        counter.add(page_results)

    async def run() -> tuple[dict[str, LinkResult], Any]:
        checker = Checker(settings, page_done)
        return await checker.run(to_check), checker.limiter

    limiter = None
    try:
        if to_check:
            checked, limiter = asyncio.run(run())
            results.update(checked)
    finally:
        if cache is not None:
            try:
                cache.close()
            except sqlite3.Error as error:
                notes.append(f"external link cache not written: {error}")
    return ExternalReport(results, _summary(results, pages, limiter, started, notes))


def _pages(
    links: Sequence[ExternalLink], settings: ExternalSettings, results: dict[str, LinkResult]
) -> dict[str, Page]:
    """Group URLs by page (URL without fragment); excluded and invalid URLs go to `results`."""
    import httpx

    from bloglint.external.checker import Page, host_of

    pages: dict[str, Page] = {}
    seen: set[str] = set()
    for link in links:
        url = link.url
        if url in seen:
            continue
        seen.add(url)
        if settings.is_excluded(url):
            results[url] = LinkResult(url, ok=True, excluded=True)
            continue
        base, hash_sign, fragment = url.partition("#")
        try:
            parsed = httpx.URL(base)
            host = host_of(parsed)
        except (httpx.InvalidURL, UnicodeError, ValueError) as error:
            results[url] = LinkResult(url, ok=False, error=f"invalid URL: {redact(str(error))}")
            continue
        if parsed.port is not None and not 0 < parsed.port < 65536:
            results[url] = LinkResult(url, ok=False, error=f"invalid URL: port {parsed.port}")
            continue
        if parsed.scheme not in ("http", "https") or not host:
            results[url] = LinkResult(url, ok=False, error="invalid URL: no http(s) host")
            continue
        if not _HOST_NAME.match(host) and ":" not in host:  # ":" only in IPv6 literals
            results[url] = LinkResult(url, ok=False, error=f"invalid URL: bad host name `{host}`")
            continue
        page = pages.setdefault(base, Page(base, host))
        page.links.append(url)
        if hash_sign:
            page.fragments[url] = fragment
    return pages


def _cache_key(url: str, page: Page, settings: ExternalSettings) -> str:
    """Fragments are part of the key only when they are checked."""
    return url if settings.fragments and url in page.fragments else page.url


def _open_cache(cache_dir: Path | None, settings: ExternalSettings, notes: list[str]) -> Any:
    if cache_dir is None:
        return None
    import sqlite3

    from bloglint.external.cache import ResultCache

    try:
        return ResultCache(cache_dir, max_age=settings.cache_max_age, accept=settings.accept)
    except (OSError, sqlite3.Error) as error:
        notes.append(f"external link cache not used ({cache_dir}): {error}")
        return None


def _from_cache(
    cache: Any, pages: dict[str, Page], settings: ExternalSettings
) -> dict[str, LinkResult]:
    found: dict[str, LinkResult] = {}
    for page in pages.values():
        for url in page.links:
            hit = cache.get(_cache_key(url, page, settings))
            if hit is not None:
                found[url] = LinkResult(
                    url,
                    ok=True,
                    status=hit.status,
                    moved_to=hit.moved_to,
                    redirects=hit.redirects,
                    cached=True,
                )
    return found


def _summary(
    results: dict[str, LinkResult],
    pages: dict[str, Page],
    limiter: Any,
    started: float,
    notes: list[str],
) -> ExternalSummary:
    host_errors: Counter[str] = Counter()
    for page in pages.values():
        host_errors[page.host] += sum(not results[u].ok for u in page.links if u in results)
    values = results.values()
    return ExternalSummary(
        links=len(results),
        checked=sum(not r.cached and not r.excluded for r in values),
        cached=sum(r.cached for r in values),
        excluded=sum(r.excluded for r in values),
        broken=sum(not r.ok for r in values),
        redirected=sum(r.redirects > 0 for r in values),
        requests=limiter.requests if limiter else 0,
        seconds=time.monotonic() - started,
        host_errors=tuple((h, n) for h, n in host_errors.most_common() if n),
        slowest_hosts=tuple(limiter.timings()) if limiter else (),
        notes=tuple(notes),
    )


@dataclass(frozen=True, slots=True)
class ExternalRun:
    """`bloglint check --external [--no-cache] [--refresh]`, as the CLI asks for it."""

    use_cache: bool = True
    refresh: bool = False
    progress: ProgressCallback | None = None


@dataclass(frozen=True, slots=True)
class PostLinkFindings:
    """Hits per post for the two external-link rules, and the run's report."""

    broken: dict[str, list[Hit]]  # BL040 broken-external-link, by post relpath
    moved: dict[str, list[Hit]]  # BL041 moved-external-link
    report: ExternalReport


def is_external(link: Link) -> bool:
    url = link.url.strip()
    return (
        link.kind in CHECKED_KINDS
        and url.lower().startswith(("http://", "https://"))
        and "{{" not in url
        and "{%" not in url  # Liquid is filled in at build time; the written URL is not real
    )


def collect_links(links_by_post: Mapping[str, Sequence[Link]]) -> list[ExternalLink]:
    """Distinct external URLs with every (post, line, column) they are written at."""
    places: dict[str, dict[Occurrence, None]] = {}
    for relpath, links in links_by_post.items():
        for link in links:
            if is_external(link):
                where = Occurrence(relpath, link.url_line, link.url_column)
                places.setdefault(link.url.strip(), {})[where] = None
    return [ExternalLink(url, tuple(where)) for url, where in places.items()]


def check_post_links(
    links_by_post: Mapping[str, Sequence[Link]],
    config: Any,
    cache_dir: Path | None,
    *,
    refresh: bool = False,
    progress: ProgressCallback | None = None,
) -> PostLinkFindings:
    """Check the external links of a site's posts (`config` is the `bloglint: external:` value).

    `cache_dir=None` disables the cache (`--no-cache`); `refresh` rechecks everything but
    still writes the cache (`--refresh`). Raises ValueError for a bad config, naming the key.
    """
    settings = parse_settings(config)
    links = collect_links(links_by_post)
    report = check_urls(links, settings, cache_dir, progress, refresh=refresh)
    broken: dict[str, list[Hit]] = {}
    moved: dict[str, list[Hit]] = {}
    for link in links:
        result = report.results[link.url]
        for where in link.occurrences:
            end = where.column + len(link.url)
            if not result.ok:
                hit = Hit(where.line, where.column, broken_message(result), where.line, end)
                broken.setdefault(where.relpath, []).append(hit)
            elif result.moved_to and result.moved_to != link.url:
                hit = Hit(where.line, where.column, moved_message(result), where.line, end)
                moved.setdefault(where.relpath, []).append(hit)
    return PostLinkFindings(broken, moved, report)


def broken_message(result: LinkResult) -> str:
    if result.blocked:
        return f"link to `{redact(result.url)}` was {result.error}"
    return f"link to `{redact(result.url)}` is broken: {result.error}"


def moved_message(result: LinkResult) -> str:
    assert result.moved_to is not None
    return (
        f"link to `{redact(result.url)}` redirects permanently to `{redact(result.moved_to)}`; "
        "link to the new address"
    )
