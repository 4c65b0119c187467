"""The `bloglint: external:` mapping of `_config.yml`, validated strictly into `ExternalSettings`.

Every key is checked here so that a typo (``host_concurency``) fails loudly instead of being
silently ignored; the error names the key the way the user wrote it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?\s*$")
_DURATION_UNITS = {None: 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_STATUS_RANGE = re.compile(r"^\s*(\d{3})\s*(?:(?:\.\.=?|-)\s*(\d{3}))?\s*$")
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class HostHeaders:
    """Headers sent to hosts matching `pattern` (`example.com`, `*.example.com` or `*`)."""

    pattern: str
    headers: tuple[tuple[str, str], ...]

    def matches(self, host: str) -> bool:
        if self.pattern == "*":
            return True
        if self.pattern.startswith("*."):
            return host.endswith(self.pattern[1:]) or host == self.pattern[2:]
        return host == self.pattern


@dataclass(frozen=True, slots=True)
class ExternalSettings:
    """How external links are requested. Defaults are polite to the servers of linked sites."""

    max_concurrency: int = 32  # requests in flight at once, all hosts together
    host_concurrency: int = 4  # requests in flight at once to one host
    host_interval: float = 0.05  # minimum seconds between the starts of two requests to one host
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # longest silence while waiting for headers or body bytes
    total_timeout: float = 60.0  # one request, end to end (stops bodies that trickle forever)
    max_redirects: int = 10
    max_retries: int = 2  # extra attempts after a 429/5xx/connection failure
    retry_wait: float = 1.0  # first backoff, doubled on each retry (Retry-After wins when given)
    max_retry_wait: float = 30.0  # a Retry-After longer than this is not waited for
    accept: frozenset[int] = field(default_factory=lambda: frozenset(range(200, 300)))
    exclude: tuple[re.Pattern[str], ...] = ()
    headers: tuple[HostHeaders, ...] = ()
    user_agent: str = ""  # empty: "bloglint/<version>"
    fragments: bool = False  # opt-in: fetch HTML pages and check `#fragment` ids
    max_page_bytes: int = 2 * 1024 * 1024  # most page bytes read when looking for a fragment
    # Allow loopback/private/link-local/metadata addresses: all (true) or these networks.
    allow_private: bool | tuple[str, ...] = False
    hosts: tuple[tuple[str, str], ...] = ()  # name -> IP overrides, like /etc/hosts
    cache_max_age: float = 7 * 86400.0  # seconds a successful result stays fresh

    def is_excluded(self, url: str) -> bool:
        return any(pattern.search(url) for pattern in self.exclude)

    def headers_for(self, host: str) -> dict[str, str]:
        """The configured headers for `host` (later entries override earlier ones)."""
        merged: dict[str, str] = {}
        for entry in self.headers:
            if entry.matches(host):
                merged.update(entry.headers)
        return merged


def parse_settings(
    mapping: Any, *, environ: Mapping[str, str] | None = None, where: str = "external"
) -> ExternalSettings:
    """Build settings from the `bloglint: external:` mapping (None or {} gives the defaults).

    Raises ValueError naming the offending key (`external.<key>`, `where` being the prefix) for
    unknown keys and bad values.
    `${NAME}` in header values is replaced from the environment; a header whose variable is
    unset is left out, so a token that only CI has does not break local runs.
    """
    if mapping is None:
        return ExternalSettings()
    if not isinstance(mapping, dict):
        raise ValueError(f"`{where}` must be a mapping, not {_kind(mapping)}")
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for key, raw in mapping.items():
        parse = _PARSERS.get(key)
        if parse is None:
            known = ", ".join(sorted(_PARSERS))
            raise ValueError(f"unknown key `{where}.{key}`; known keys: {known}")
        try:
            values[key] = parse(raw, env) if key == "headers" else parse(raw)
        except ValueError as error:
            raise ValueError(f"`{where}.{key}`: {error}") from None
    return ExternalSettings(**values)


def validate_settings(raw: dict[str, Any], source: str) -> None:
    """The config loader's hook: a bad `bloglint.external` is a config error at load time."""
    from bloglint.config import ConfigError

    try:
        parse_settings(raw, where="bloglint.external")
    except ValueError as error:
        raise ConfigError(str(error), source) from None


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"expected a whole number of at least 1, got {value!r}")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number of at least 0, got {value!r}")
    return value


def _seconds(value: Any) -> float:
    """A duration: a number of seconds or a string like `50ms`, `1.5s`, `30m`, `12h`, `7d`, `2w`."""
    if isinstance(value, bool):
        raise ValueError(f"expected a duration, got {value!r}")
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str) and value.strip().endswith("ms"):
        seconds = float(_seconds(value.strip()[:-2])) / 1000
    elif isinstance(value, str) and (match := _DURATION.match(value)):
        seconds = float(match[1]) * _DURATION_UNITS[match[2]]
    else:
        raise ValueError(f"expected a duration like `30s`, `12h` or `7d`, got {value!r}")
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative, got {value!r}")
    return seconds


def _positive_seconds(value: Any) -> float:
    seconds = _seconds(value)
    if seconds <= 0:
        raise ValueError(f"expected a duration above zero, got {value!r}")
    return seconds


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _allow_private(value: Any) -> bool | tuple[str, ...]:
    """true/false, or a list of networks (`10.0.0.0/8`, `127.0.0.1`) that may be requested."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, list):
        raise ValueError(f"expected true, false or a list of networks, got {value!r}")
    import ipaddress

    networks = []
    for item in value:
        try:
            networks.append(str(ipaddress.ip_network(str(item), strict=False)))
        except ValueError:
            raise ValueError(f"expected a network like `10.0.0.0/8`, got {item!r}") from None
    return tuple(networks)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def _accept(value: Any) -> frozenset[int]:
    """Status codes: a list of codes and ranges (`200..299`, `200-299`), or one such string."""
    items = value if isinstance(value, list) else [value]
    codes: set[int] = set()
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool) and 100 <= item <= 999:
            codes.add(item)
            continue
        match = _STATUS_RANGE.match(item) if isinstance(item, str) else None
        if not match:
            raise ValueError(f"expected a status code or a range like `200..299`, got {item!r}")
        low, high = int(match[1]), int(match[2] or match[1])
        if low > high:
            raise ValueError(f"empty status range {item!r}")
        codes.update(range(low, high + 1))
    return frozenset(codes)


def _exclude(value: Any) -> tuple[re.Pattern[str], ...]:
    items = value if isinstance(value, list) else [value]
    patterns = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"expected a regular expression string, got {item!r}")
        try:
            patterns.append(re.compile(item))
        except re.error as error:
            raise ValueError(f"bad regular expression {item!r}: {error}") from None
    return tuple(patterns)


def _headers(value: Any, env: Mapping[str, str]) -> tuple[HostHeaders, ...]:
    """`{host pattern: {header: value}}`; values may use `${ENV_VAR}`."""
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping of host to headers, got {value!r}")
    entries = []
    for pattern, headers in value.items():
        if not isinstance(pattern, str) or not pattern:
            raise ValueError(f"expected a host name or pattern, got {pattern!r}")
        if not isinstance(headers, dict):
            raise ValueError(f"headers for `{pattern}` must be a mapping, got {headers!r}")
        pairs = []
        for name, text in headers.items():
            if not isinstance(name, str) or not isinstance(text, (str, int, float)):
                raise ValueError(f"bad header `{name}` for `{pattern}`")
            missing = [n for n in _ENV_REF.findall(str(text)) if n not in env]
            if not missing:
                pairs.append((name, _ENV_REF.sub(lambda m: env[m[1]], str(text))))
        entries.append(HostHeaders(_host_pattern(pattern), tuple(pairs)))
    return tuple(entries)


def _hosts(value: Any) -> tuple[tuple[str, str], ...]:
    """`{name: ip}` overrides used instead of DNS (e.g. a staging host, or a test server)."""
    if not isinstance(value, dict):
        raise ValueError(f"expected a mapping of host name to IP address, got {value!r}")
    import ipaddress

    pairs = []
    for name, address in value.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"expected a host name, got {name!r}")
        try:
            ip = ipaddress.ip_address(str(address))
        except ValueError:
            raise ValueError(f"`{name}` must map to an IP address, got {address!r}") from None
        pairs.append((_host_key(name), str(ip)))
    return tuple(pairs)


def _host_pattern(pattern: str) -> str:
    if pattern == "*":
        return pattern
    if pattern.startswith("*."):
        return "*." + _host_key(pattern[2:])
    return _host_key(pattern)


def _host_key(name: str) -> str:
    """The ASCII (IDNA) lower-case form hosts are compared in, as httpx puts them on the wire."""
    name = name.strip().rstrip(".").lower()
    if name.isascii():
        return name
    import idna  # httpx's own IDNA 2008 encoder, so keys match the hosts it connects to

    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError:
        raise ValueError(f"`{name}` is not a valid host name") from None


_PARSERS: dict[str, Any] = {
    "max_concurrency": _positive_int,
    "host_concurrency": _positive_int,
    "host_interval": _seconds,
    "connect_timeout": _positive_seconds,
    "read_timeout": _positive_seconds,
    "total_timeout": _positive_seconds,
    "max_redirects": _count,
    "max_retries": _count,
    "retry_wait": _seconds,
    "max_retry_wait": _seconds,
    "accept": _accept,
    "exclude": _exclude,
    "headers": _headers,
    "user_agent": _text,
    "fragments": _flag,
    "max_page_bytes": _positive_int,
    "allow_private": _allow_private,
    "hosts": _hosts,
    "cache_max_age": _seconds,
}
