"""A real HTTP/1.1 test server on 127.0.0.1 that counts what it receives.

Scripted misbehaviour (redirect chains, 429 with Retry-After, hangs, endless bodies, huge
headers...) lets the external checker be tested against real sockets instead of mocks.
It runs on its own event loop in a thread (`TestServer`) for the tests, or as a process
(`python tests/httpserver.py --delay 0.05`, a lean protocol-level server) for the benchmark,
which reads `/__stats`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    303: "See Other",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    410: "Gone",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


@dataclass
class Request:
    method: str
    path: str  # with query
    host: str  # the Host header
    headers: dict[str, str]  # lower-case names
    at: float  # time.monotonic() when the request line arrived


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0  # seconds before answering
    hang: bool = False  # never answer
    endless: bool = False  # send a chunked body that never ends

    @classmethod
    def html(cls, text: str, status: int = 200) -> Response:
        return cls(status, text.encode(), [("Content-Type", "text/html; charset=utf-8")])

    @classmethod
    def redirect(cls, status: int, location: str) -> Response:
        return cls(status, headers=[("Location", location)])


Handler = Callable[[Request], Response]


class Server:
    """The asyncio server; routes map a path (without query) to a handler or a list of responses."""

    def __init__(self, default: Handler | None = None) -> None:
        self.routes: dict[str, Handler] = {}
        self.default = default or (lambda request: Response(404, b"not found"))
        self.requests: list[Request] = []
        self.in_flight: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self.max_total_in_flight = 0
        self.open_connections = 0
        self.max_open_connections = 0
        self.starts: dict[str, list[float]] = defaultdict(list)
        self.record = True  # the benchmark turns this off to keep memory flat
        self.total = 0
        self._server: asyncio.base_events.Server | None = None
        self.port = 0

    def route(self, path: str, *responses: Response | Handler) -> None:
        """Serve `responses` in turn to successive requests for `path` (the last one repeats)."""
        if len(responses) == 1 and callable(responses[0]):
            self.routes[path] = responses[0]  # type: ignore[assignment]
            return
        queue = list(responses)

        def next_response(request: Request) -> Response:
            return queue.pop(0) if len(queue) > 1 else queue[0]  # type: ignore[return-value]

        self.routes[path] = next_response

    def count(self, path: str | None = None) -> int:
        if path is None:
            return len(self.requests)
        return sum(r.path.split("?")[0] == path for r in self.requests)

    def methods(self, path: str) -> list[str]:
        return [r.method for r in self.requests if r.path.split("?")[0] == path]

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = await asyncio.start_server(self._serve, host, port, limit=1 << 16)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.open_connections += 1
        self.max_open_connections = max(self.max_open_connections, self.open_connections)
        try:
            while await self._one_request(reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except ValueError:  # a header block longer than the stream limit
            pass
        finally:
            self.open_connections -= 1
            writer.close()

    async def _one_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        host = headers.get("host", "")
        request = Request(method, path, host, headers, time.monotonic())
        self.total += 1
        if self.record:
            self.requests.append(request)
            self.starts[host].append(request.at)
        self.in_flight[host] += 1
        self.max_in_flight[host] = max(self.max_in_flight[host], self.in_flight[host])
        self.max_total_in_flight = max(self.max_total_in_flight, sum(self.in_flight.values()))
        try:
            if path == "/__stats":
                stats = {"requests": self.total, "max_in_flight": dict(self.max_in_flight)}
                response = Response(200, json.dumps(stats).encode())
            else:
                handler = self.routes.get(path.split("?")[0], self.default)
                response = handler(request)
            return await self._respond(method, response, reader, writer)
        finally:
            self.in_flight[host] -= 1

    async def _respond(
        self,
        method: str,
        response: Response,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> bool:
        if response.delay:
            await asyncio.sleep(response.delay)
        if response.hang:
            await reader.read()  # until the client gives up and closes
            return False
        reason = REASONS.get(response.status, "Unknown")
        out = [f"HTTP/1.1 {response.status} {reason}"]
        out += [f"{name}: {value}" for name, value in response.headers]
        if response.endless:
            out.append("Transfer-Encoding: chunked")
        else:
            out.append(f"Content-Length: {len(response.body)}")
        writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
        if method == "HEAD":
            await writer.drain()
            return True
        if not response.endless:
            writer.write(response.body)
            await writer.drain()
            return True
        chunk = b"<p>" + b"x" * 1000 + b"</p>\n"
        while True:  # until the client hangs up (the write then fails)
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()
            await asyncio.sleep(0.001)


class TestServer(Server):
    """A `Server` on its own event loop in a daemon thread, for synchronous tests."""

    __test__ = False  # not a test class, despite the name

    def __enter__(self) -> TestServer:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.start(), self._loop).result(5)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    async def _shutdown(self) -> None:
        await self.stop()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


class BenchProtocol(asyncio.Protocol):
    """The benchmark's server: 200 to everything after a delay, with as little work as possible.

    Written against asyncio's protocol API (no streams, no routing) so the server's own CPU use
    does not limit the client being measured. Counts requests in flight per Host header.
    """

    delay = 0.05
    total = 0
    in_flight: Counter[bytes] = Counter()
    max_in_flight: Counter[bytes] = Counter()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            cls = BenchProtocol
            cls.total += 1
            method = head.split(b" ", 1)[0]
            lower = head.lower()
            start = lower.find(b"\r\nhost:")
            host = head[start + 7 : head.find(b"\r\n", start + 2)].strip() if start >= 0 else b""
            cls.in_flight[host] += 1
            cls.max_in_flight[host] = max(cls.max_in_flight[host], cls.in_flight[host])
            if head.startswith(b"GET /__stats "):
                stats = {
                    "requests": cls.total,
                    "max_in_flight": {h.decode(): n for h, n in cls.max_in_flight.items()},
                }
                self._answer(host, method, json.dumps(stats).encode())
            else:
                loop = asyncio.get_running_loop()
                loop.call_later(cls.delay, self._answer, host, method, b"ok")

    def _answer(self, host: bytes, method: bytes, body: bytes) -> None:
        BenchProtocol.in_flight[host] -= 1
        if self.transport.is_closing():
            return
        head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body)
        self.transport.write(head if method == b"HEAD" else head + body)


def main() -> None:
    """Serve 200 to every path after `--delay` seconds; print the port, then run until killed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    BenchProtocol.delay = args.delay

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(BenchProtocol, "127.0.0.1", args.port)
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
