"""The asynchronous link checker: polite scheduling, HEAD then GET, redirects, retries, fragments.

Each distinct page (URL without its fragment) is requested once, by a handful of workers per
host, so a page linked a hundred times, or with ten different fragments, costs one request.
Every request (redirect hops and retries included) goes through `HostLimiter.slot`, which keeps
the global and per-host limits and the minimum interval between two starts on one host.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
import time
from collections import Counter, defaultdict, deque
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import unquote

import httpx

from bloglint import __version__
from bloglint.external.net import BlockedAddress, HostPools, UnknownHost
from bloglint.external.report import HostTiming, LinkResult, redact
from bloglint.external.settings import ExternalSettings

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Fragments a browser resolves without an element: empty and `top` (the top of the page).
ALWAYS_PRESENT = frozenset({"", "top"})
# GitHub highlights `#L10` / `#L10-L20` with JavaScript; no element has that id.
GITHUB_LINE = re.compile(r"^L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?$")
GITHUB_HOSTS = frozenset({"github.com", "www.github.com", "gist.github.com"})


@dataclass(slots=True)
class Page:
    """One URL without fragment, the links that point into it, and the fragments they want."""

    url: str
    host: str
    links: list[str] = field(default_factory=list)
    fragments: dict[str, str] = field(default_factory=dict)  # link url -> fragment


@dataclass(slots=True)
class _Response:
    """What one finished request told us (the body is never kept)."""

    status: int | None = None
    reason: str = ""
    location: str | None = None
    retry_after: float | None = None
    html: bool = False
    found: frozenset[str] = frozenset()  # wanted fragments seen in the body
    body_truncated: bool = False
    error: str | None = None
    retryable: bool = False
    blocked: bool = False
    protocol: bool = False  # the server broke HTTP (some do only for HEAD)


@dataclass(slots=True)
class _HostState:
    semaphore: asyncio.Semaphore
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0
    active: int = 0  # requests in flight (redirect hops from other hosts' pages included)
    requests: int = 0
    seconds: float = 0.0
    slowest: float = 0.0


class HostLimiter:
    """Global and per-host concurrency plus a minimum interval between starts on one host."""

    def __init__(self, settings: ExternalSettings) -> None:
        self._settings = settings
        self._global = asyncio.Semaphore(settings.max_concurrency)
        self.hosts: dict[str, _HostState] = {}
        self.requests = 0

    def state(self, host: str) -> _HostState:
        if host not in self.hosts:
            self.hosts[host] = _HostState(asyncio.Semaphore(self._settings.host_concurrency))
        return self.hosts[host]

    def pause(self, host: str, seconds: float) -> None:
        """No new request starts on `host` for `seconds` (a 429/503 asked us to wait)."""
        state = self.state(host)
        state.next_start = max(state.next_start, time.monotonic() + seconds)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        state = self.state(host)
        async with state.semaphore:
            # One request per host at a time waits for the host's turn (no stampede of all its
            # workers); the turn is claimed only once a global slot is held, so two starts on a
            # host are never closer than the interval even when the global limit delays them.
            async with state.turn:
                while True:
                    delay = state.next_start - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)
                    await self._global.acquire()
                    now = time.monotonic()
                    if now >= state.next_start:  # not paused by a 429 while we waited
                        state.next_start = now + self._settings.host_interval
                        break
                    self._global.release()
            started = time.monotonic()
            self.requests += 1
            state.active += 1
            try:
                yield
            finally:
                state.active -= 1
                self._global.release()
                elapsed = time.monotonic() - started
                state.requests += 1
                state.seconds += elapsed
                state.slowest = max(state.slowest, elapsed)

    def timings(self) -> list[HostTiming]:
        timings = [
            HostTiming(host, s.requests, s.seconds / s.requests, s.slowest)
            for host, s in self.hosts.items()
            if s.requests
        ]
        return sorted(timings, key=lambda t: (-t.mean_seconds, t.host))


def make_client(settings: ExternalSettings, transport: HostPools) -> httpx.AsyncClient:
    """An httpx client on per-host pools whose sockets go through the guard; redirects off."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.total_timeout,
    )
    agent = settings.user_agent or f"bloglint/{__version__} (link checker)"
    headers = {"User-Agent": agent, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    return httpx.AsyncClient(
        transport=transport,
        timeout=timeout,
        headers=headers,
        follow_redirects=False,
        trust_env=False,
    )


PageDone = Callable[["Page", list[LinkResult]], None]


class Checker:
    """Checks pages; `on_page` hears of each page's results as soon as they are known."""

    def __init__(self, settings: ExternalSettings, on_page: PageDone) -> None:
        self.settings = settings
        self.pools = HostPools(
            allow_private=settings.allow_private,
            hosts=settings.hosts,
            keep=settings.host_concurrency,
        )
        self.client = make_client(settings, self.pools)
        self.limiter = HostLimiter(settings)
        self.on_page = on_page

    async def run(self, pages: Iterable[Page]) -> dict[str, LinkResult]:
        """Check every page with at most `host_concurrency` workers per host."""
        queues: dict[str, deque[Page]] = defaultdict(deque)
        for page in pages:
            queues[page.host].append(page)
        results: dict[str, LinkResult] = {}

        working: Counter[str] = Counter()

        async def worker(host: str, queue: deque[Page]) -> None:
            working[host] += 1
            while queue:
                page = queue.popleft()
                page_results = await self.check_page(page)
                for result in page_results:
                    results[result.url] = result
                self.on_page(page, page_results)
            working[host] -= 1
            if not working[host] and not self.limiter.state(host).active:
                # Done with this host: free its idle sockets now rather than at the end, so a
                # site linking to thousands of hosts never runs out of file descriptors.
                await self.pools.close_host(host)

        workers = [
            worker(host, queue)
            for host, queue in queues.items()
            for _ in range(min(self.settings.host_concurrency, len(queue)))
        ]
        async with self.client:
            await asyncio.gather(*workers)
        return results

    async def check_page(self, page: Page) -> list[LinkResult]:
        try:
            return await self._check_page(page)
        except Exception as error:  # a bug must not lose the other results
            message = f"unexpected {type(error).__name__}: {redact(str(error))}"
            return [LinkResult(url, ok=False, error=message) for url in page.links]

    async def _check_page(self, page: Page) -> list[LinkResult]:
        settings = self.settings
        wanted: set[str] = set()
        if settings.fragments:  # text fragments (`#:~:text=`) match words, not ids
            wanted = {
                f
                for f in page.fragments.values()
                if f not in ALWAYS_PRESENT
                and not f.startswith(":~:")
                and not (page.host in GITHUB_HOSTS and GITHUB_LINE.match(f))
            }
        method = "GET" if wanted else "HEAD"
        url, visited, hops = page.url, [page.url], 0
        moved_to: str | None = None
        permanent_so_far = True
        while True:
            current = httpx.URL(url)  # parsed once per hop, reused by every attempt
            response = await self.fetch(method, current, wanted)
            if response.error is not None:
                return self._failed(page, response, hops)
            if response.status in REDIRECTS and response.location is not None:
                try:
                    target = str(current.join(response.location))
                except (httpx.InvalidURL, ValueError):
                    response.error = f"redirects to an invalid URL `{response.location}`"
                    return self._failed(page, response, hops)
                permanent_so_far = permanent_so_far and response.status in PERMANENT_REDIRECTS
                if permanent_so_far:
                    moved_to = target
                if target in visited:
                    chain = " -> ".join(redact(u) for u in [*visited[visited.index(target) :]])
                    response.error = f"redirect loop: {chain} -> {redact(target)}"
                    return self._failed(page, response, hops)
                if hops >= settings.max_redirects:
                    response.error = f"more than {settings.max_redirects} redirects"
                    return self._failed(page, response, hops)
                hops += 1
                visited.append(target)
                url = target
                continue
            break
        status = response.status
        if status not in settings.accept:
            response.error = f"{status} {response.reason}".strip()
            return self._failed(page, response, hops)
        results = []
        for link in page.links:
            fragment = page.fragments.get(link)
            error = None
            if fragment in wanted and response.html and fragment not in response.found:
                where = " in the first part of the page" if response.body_truncated else ""
                error = f"the page has no element with id `{fragment}`{where}"
            # Browsers carry the fragment over a redirect whose Location has none.
            new_url = moved_to
            if new_url and fragment is not None and "#" not in new_url:
                new_url += "#" + fragment
            results.append(
                LinkResult(
                    link,
                    ok=error is None,
                    status=status,
                    error=error,
                    moved_to=new_url,
                    redirects=hops,
                )
            )
        return results

    def _failed(self, page: Page, response: _Response, hops: int) -> list[LinkResult]:
        return [
            LinkResult(
                url,
                ok=False,
                status=response.status,
                error=response.error,
                redirects=hops,
                blocked=response.blocked,
            )
            for url in page.links
        ]

    async def fetch(self, method: str, url: httpx.URL, wanted: set[str]) -> _Response:
        """One hop: retries with backoff, and GET when HEAD is refused."""
        response = await self._with_retries(method, url, wanted)
        if method == "HEAD" and _head_refused(response, self.settings.accept):
            response = await self._with_retries("GET", url, wanted)
        return response

    async def _with_retries(self, method: str, url: httpx.URL, wanted: set[str]) -> _Response:
        settings = self.settings
        host = host_of(url)
        attempt = 0
        while True:
            response = await self._request(method, url, host, wanted)
            retryable = response.retryable or response.status in RETRY_STATUSES
            if not retryable or attempt >= settings.max_retries:
                if response.status == 429 and response.retry_after:
                    response.reason += f" (asked to retry after {response.retry_after:g} s)"
                return response
            wait = settings.retry_wait * 2**attempt
            if response.retry_after is not None:
                if response.retry_after > settings.max_retry_wait:
                    response.reason += (
                        f" (asked to retry after {response.retry_after:g} s, more than "
                        f"max_retry_wait {settings.max_retry_wait:g} s)"
                    )
                    return response
                wait = response.retry_after
            if response.status == 429 or response.retry_after is not None:
                self.limiter.pause(host, wait)  # the whole host asked for a break
            attempt += 1
            await asyncio.sleep(wait)

    async def _request(self, method: str, url: httpx.URL, host: str, wanted: set[str]) -> _Response:
        headers = self.settings.headers_for(host)
        try:
            async with self.limiter.slot(host):
                exchange = self._exchange(method, url, headers, wanted)
                if hasattr(asyncio, "timeout"):  # Python 3.11+: no extra task per request
                    async with asyncio.timeout(self.settings.total_timeout):
                        return await exchange
                return await asyncio.wait_for(exchange, self.settings.total_timeout)
        except asyncio.TimeoutError:
            return _Response(
                error=f"no complete answer within {self.settings.total_timeout:g} s",
                retryable=True,
            )
        except BlockedAddress as error:
            verb = "is" if error.host == str(error.address) else "resolves to"
            return _Response(
                error=f"not requested: `{error.host}` {verb} a {error.kind} address "
                f"({error.address}); set `external: {{allow_private: true}}` to check it",
                blocked=True,
            )
        except UnknownHost as error:
            return _Response(error=str(error))
        except httpx.ConnectTimeout:
            return _Response(
                error=f"no connection within {self.settings.connect_timeout:g} s",
                retryable=True,
            )
        except httpx.ReadTimeout:
            return _Response(
                error=f"no answer within {self.settings.read_timeout:g} s", retryable=True
            )
        except httpx.ConnectError as error:
            return _Response(error=f"cannot connect: {redact(str(error))}", retryable=True)
        except (httpx.RemoteProtocolError, httpx.LocalProtocolError) as error:
            return _Response(error=f"bad HTTP response: {_protocol_error(error)}", protocol=True)
        except httpx.TransportError as error:
            text = redact(str(error)) or type(error).__name__
            return _Response(error=f"request failed: {text}", retryable=True)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            return _Response(error=f"invalid URL: {error}")

    async def _exchange(
        self, method: str, url: httpx.URL, headers: dict[str, str], wanted: set[str]
    ) -> _Response:
        request = self.client.build_request(method, url, headers=headers)
        response = await self.client.send(request, stream=True)
        try:
            result = _Response(
                status=response.status_code,
                reason=response.reason_phrase,
                location=response.headers.get("location"),
                retry_after=_retry_after(response.headers.get("retry-after")),
            )
            content_type = response.headers.get("content-type", "").lower()
            result.html = content_type.startswith(HTML_TYPES)
            if method == "HEAD":
                # No body follows; reading the end of the message lets the connection be reused.
                await response.aread()
            elif wanted and result.html and response.status_code == 200:
                result.found, result.body_truncated = await self._find_ids(response, wanted)
            return result
        finally:
            # Closing a response whose body was not read drops the connection instead of
            # downloading the rest: bodies are read only as far as a fragment needs.
            await response.aclose()

    async def _find_ids(
        self, response: httpx.Response, wanted: set[str]
    ) -> tuple[frozenset[str], bool]:
        """Stream the page through lxml until every wanted id is seen or the byte cap is hit."""
        from lxml import etree

        # A link may percent-encode a non-ASCII id (`#caf%C3%A9`); the page has it decoded.
        targets: dict[str, set[str]] = defaultdict(set)
        for fragment in wanted:
            targets[fragment].add(fragment)
            targets[unquote(fragment)].add(fragment)
            # GitHub (and other sites rendering user Markdown) prefix heading ids with
            # `user-content-` and map the plain fragment with JavaScript.
            targets["user-content-" + unquote(fragment)].add(fragment)
        # Without a charset in the header lxml looks for <meta charset>; failing that it reads
        # Latin-1, so UTF-8 ids are also tried in their mis-decoded form.
        charset = response.charset_encoding
        if charset is None:
            for text in list(targets):
                misread = text.encode("utf-8").decode("latin-1")
                if misread != text:
                    targets[misread] |= targets[text]
        parser = etree.HTMLPullParser(events=("start",), encoding=charset)
        found: set[str] = set()
        read = 0
        async for chunk in response.aiter_bytes():
            read += len(chunk)
            parser.feed(chunk)
            for _event, element in parser.read_events():
                for attribute in ("id", "name") if element.tag == "a" else ("id",):
                    value = element.get(attribute)
                    if value in targets:
                        found |= targets[value]
            if found >= wanted:
                return frozenset(found), False
            if read >= self.settings.max_page_bytes:
                return frozenset(found), True
        return frozenset(found), False


def host_of(url: httpx.URL) -> str:
    """The host as it goes on the wire (IDNA ASCII, lower case): the key for limits and headers."""
    return url.raw_host.decode("ascii").lower()


def _head_refused(response: _Response, accept: frozenset[int]) -> bool:
    """Whether a HEAD answer is worth a GET: many servers mishandle HEAD (405, 403, 404...)."""
    if response.error is not None:
        return response.protocol
    status = response.status
    return status is not None and status not in accept and status not in REDIRECTS and status != 429


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delay-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _protocol_error(error: Exception) -> str:
    text = str(error)
    lowered = text.lower()
    # h11 words it "Receive buffer too long" when the header block exceeds httpcore's 100 KiB.
    if "buffer too long" in lowered or "maximum size" in lowered or "too large" in lowered:
        return "response headers too large"
    return redact(text) or type(error).__name__
