"""Name resolution and the private-address guard, as an httpcore network backend.

The guard sits where the socket is opened, after DNS, so it also covers redirects and host
names that resolve to internal addresses (and a rebinding DNS cannot slip past it: the
connection goes to the very address that was checked, while TLS still verifies the name).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata services that are not inside an obviously private range everywhere.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)


class BlockedAddress(Exception):
    """The host resolves to an address the config does not allow requests to."""

    def __init__(self, host: str, address: IPAddress, kind: str) -> None:
        super().__init__(f"{host} resolves to {kind} address {address}")
        self.host = host
        self.address = address
        self.kind = kind


class UnknownHost(Exception):
    """DNS has no address for the host."""

    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"host `{host}` does not resolve ({reason})")
        self.host = host


def address_kind(address: IPAddress) -> str | None:
    """Why requests to `address` are refused by default, or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address in METADATA_ADDRESSES:
        return "cloud metadata"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_private:
        return "private"
    if address.is_multicast or address.is_unspecified or address.is_reserved:
        return "reserved"
    if not address.is_global:
        return "non-public"
    return None


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves names (config overrides first), refuses forbidden addresses, then connects."""

    def __init__(
        self, *, allow_private: bool | tuple[str, ...], hosts: Iterable[tuple[str, str]] = ()
    ) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._allow_all = allow_private is True
        self._allowed = (
            [ipaddress.ip_network(n) for n in allow_private or ()] if not self._allow_all else []
        )
        self._overrides = {name: [ipaddress.ip_address(ip)] for name, ip in hosts}
        self._resolved: dict[tuple[str, int], list[IPAddress]] = {}

    async def resolve(self, host: str, port: int) -> list[IPAddress]:
        """Addresses for `host`, from the overrides, an IP literal, or DNS (memoised per run)."""
        host = host.lower().rstrip(".")
        if host in self._overrides:
            return self._overrides[host]
        try:
            return [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            pass
        key = (host, port)
        if key not in self._resolved:
            loop = asyncio.get_running_loop()
            try:
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except (socket.gaierror, UnicodeError) as error:
                raise UnknownHost(host, str(error)) from None
            addresses: list[IPAddress] = []
            for info in infos:
                address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
                if address not in addresses:
                    addresses.append(address)
            if not addresses:
                raise UnknownHost(host, "no addresses")
            self._resolved[key] = addresses
        return self._resolved[key]

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.resolve(host, port)
        if not self._allow_all:
            for address in addresses:
                kind = address_kind(address)
                if kind and not any(address in network for network in self._allowed):
                    # One bad address is enough: DNS may hand out any of them next time.
                    raise BlockedAddress(host, address, kind)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used for link checking")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class HostPools(httpx.AsyncBaseTransport):
    """One small connection pool per origin, all opening sockets through one `GuardedBackend`.

    httpcore's pool scans every connection it holds for each request, which gets slow with
    hundreds of idle connections to many hosts; small per-host pools keep that scan short
    while each host still reuses its own keep-alive connections.
    """

    def __init__(
        self,
        *,
        allow_private: bool | tuple[str, ...],
        hosts: Iterable[tuple[str, str]],
        keep: int,
    ) -> None:
        self._ssl_context = httpx.create_ssl_context(trust_env=False)
        self._backend = GuardedBackend(allow_private=allow_private, hosts=hosts)
        self._keep = keep
        self._pools: dict[tuple[bytes, bytes, int | None], httpx.AsyncHTTPTransport] = {}

    def _pool(self, url: httpx.URL) -> httpx.AsyncHTTPTransport:
        key = (url.raw_scheme, url.raw_host, url.port)
        transport = self._pools.get(key)
        if transport is None:
            transport = httpx.AsyncHTTPTransport(verify=self._ssl_context, trust_env=False)
            # httpx has no public hook for the network backend: its pool is rebuilt with ours
            # (same arguments httpx passes), so every socket goes through the guard.
            transport._pool = httpcore.AsyncConnectionPool(
                ssl_context=self._ssl_context,
                max_connections=None,  # in-flight requests are bounded by the HostLimiter
                max_keepalive_connections=self._keep,
                keepalive_expiry=5.0,
                network_backend=self._backend,
            )
            self._pools[key] = transport
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pool(request.url).handle_async_request(request)

    async def close_host(self, host: str) -> None:
        """Close the pools of `host` (every scheme and port); a later request reopens one."""
        raw = host.encode("ascii")
        for key in [key for key in self._pools if key[1] == raw]:
            await self._pools.pop(key).aclose()

    async def aclose(self) -> None:
        for transport in self._pools.values():
            await transport.aclose()
        self._pools.clear()
