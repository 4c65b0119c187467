"""External-link settings, address classification, the result cache and the text renderings.

No network here: these are the pieces around the checker, tested on their own.
"""

from __future__ import annotations

import io
import ipaddress
import re

import pytest

from bloglint.external import (
    ExternalSettings,
    ExternalSummary,
    HostTiming,
    LinkResult,
    ProgressState,
    format_summary,
    parse_settings,
    redact,
    render_progress,
    show_progress,
    throttled,
)
from bloglint.external.cache import CACHE_FILE, ResultCache
from bloglint.external.net import address_kind


def test_defaults():
    settings = parse_settings(None)
    assert settings == ExternalSettings()
    assert settings.accept == frozenset(range(200, 300))
    assert settings.allow_private is False and settings.fragments is False
    assert parse_settings({}) == settings


def test_every_key_parses():
    settings = parse_settings(
        {
            "max_concurrency": 8,
            "host_concurrency": 2,
            "host_interval": "250ms",
            "connect_timeout": "5s",
            "read_timeout": 7,
            "total_timeout": "2m",
            "max_redirects": 0,
            "max_retries": 0,
            "retry_wait": 0.5,
            "max_retry_wait": "1h",
            "accept": ["200..=204", "300-302", 429],
            "exclude": ["^https://localhost", "linkedin\\.com"],
            "headers": {"API.Example.com": {"Authorization": "token x"}},
            "user_agent": "my-bot/1.0",
            "fragments": True,
            "max_page_bytes": 1000,
            "allow_private": ["10.0.0.0/8", "192.168.1.7"],
            "hosts": {"Staging.Example.com.": "127.0.0.1", "bücher.example": "::1"},
            "cache_max_age": "30d",
        }
    )
    assert settings.host_interval == 0.25 and settings.connect_timeout == 5
    assert settings.total_timeout == 120 and settings.max_retry_wait == 3600
    assert settings.accept == frozenset({200, 201, 202, 203, 204, 300, 301, 302, 429})
    assert settings.is_excluded("https://www.linkedin.com/in/x")
    assert not settings.is_excluded("https://example.com/")
    assert settings.headers_for("api.example.com") == {"Authorization": "token x"}
    assert settings.headers_for("example.com") == {}
    assert settings.allow_private == ("10.0.0.0/8", "192.168.1.7/32")
    assert dict(settings.hosts) == {
        "staging.example.com": "127.0.0.1",
        "xn--bcher-kva.example": "::1",
    }
    assert settings.cache_max_age == 30 * 86400


def test_header_patterns_and_environment():
    settings = parse_settings(
        {
            "headers": {
                "*": {"Accept-Language": "en"},
                "*.github.com": {"Authorization": "Bearer ${GH_TOKEN}"},
                "api.github.com": {"X-Both": "${A}-${B}"},
            }
        },
        environ={"GH_TOKEN": "abc", "A": "1"},
    )
    assert settings.headers_for("api.github.com") == {
        "Accept-Language": "en",
        "Authorization": "Bearer abc",
    }  # X-Both needs B, which is unset: left out
    assert settings.headers_for("github.com") == {
        "Accept-Language": "en",
        "Authorization": "Bearer abc",
    }
    assert settings.headers_for("notgithub.com") == {"Accept-Language": "en"}


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"timeout": 3}, "unknown key `external.timeout`; known keys: accept, "),
        (
            {"max_concurrency": 0},
            "`external.max_concurrency`: expected a whole number of at least 1",
        ),
        ({"max_retries": -1}, "`external.max_retries`: expected a whole number of at least 0"),
        ({"host_concurrency": True}, "`external.host_concurrency`"),
        ({"read_timeout": 0}, "`external.read_timeout`: expected a duration above zero"),
        ({"host_interval": "soon"}, "`external.host_interval`: expected a duration like"),
        ({"accept": ["2xx"]}, "`external.accept`: expected a status code or a range"),
        ({"accept": ["299..200"]}, "`external.accept`: empty status range"),
        ({"exclude": ["("]}, "`external.exclude`: bad regular expression '('"),
        ({"headers": ["x"]}, "`external.headers`: expected a mapping of host to headers"),
        ({"hosts": {"a.test": "localhost"}}, "`external.hosts`: `a.test` must map to an IP"),
        ({"allow_private": "yes"}, "`external.allow_private`: expected true, false or a list"),
        ({"allow_private": ["intranet"]}, "`external.allow_private`: expected a network"),
        ({"fragments": "on"}, "`external.fragments`: expected true or false"),
    ],
)
def test_bad_settings_name_the_key(mapping, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_settings(mapping)


def test_settings_must_be_a_mapping():
    with pytest.raises(ValueError, match=r"`external` must be a mapping, not list"):
        parse_settings(["fragments"])


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.5.6.7", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.20.30.40", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("0.0.0.0", "private"),
        ("100.64.0.1", "non-public"),
        ("224.0.0.1", "reserved"),
        ("93.184.215.14", None),
        ("2606:4700::6810:85e5", None),
    ],
)
def test_address_kinds(address, kind):
    assert address_kind(ipaddress.ip_address(address)) == kind


def test_redact_hides_credentials_only():
    assert redact("https://user:pw@example.com/x?a=b") == "https://***@example.com/x?a=b"
    assert redact("https://token@example.com/") == "https://***@example.com/"
    assert redact("https://example.com/@name") == "https://example.com/@name"
    assert redact("https://example.com/path?mail=a@b.c") == "https://example.com/path?mail=a@b.c"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_cache_keeps_successes_for_the_age_limit(tmp_path):
    clock = Clock()
    accept = frozenset(range(200, 300))
    cache = ResultCache(tmp_path / "c", max_age=60, accept=accept, clock=clock)
    good = LinkResult("https://a.example/", ok=True, status=200, moved_to="https://b.example/")
    bad = LinkResult("https://c.example/", ok=False, status=404, error="404 Not Found")
    cache.store([good, bad])
    hit = cache.get(good.url)
    assert hit is not None and hit.cached and hit.moved_to == "https://b.example/"
    assert cache.get(bad.url) is None
    clock.now += 61
    assert cache.get(good.url) is None
    cache.close()


def test_cache_forgets_a_link_that_broke(tmp_path):
    cache = ResultCache(tmp_path, max_age=60, accept=frozenset({200}))
    cache.store([LinkResult("https://a.example/", ok=True, status=200)])
    cache.store([LinkResult("https://a.example/", ok=False, status=500, error="500")])
    assert cache.get("https://a.example/") is None


def test_cache_never_stores_credentials_in_clear(tmp_path):
    cache = ResultCache(tmp_path, max_age=60, accept=frozenset({200}))
    url = "https://me:hunter2@private.example/feed"
    cache.store([LinkResult(url, ok=True, status=200)])
    cache.close()
    assert b"hunter2" not in (tmp_path / CACHE_FILE).read_bytes()
    cache = ResultCache(tmp_path, max_age=60, accept=frozenset({200}))
    assert cache.get(url) is not None


def test_render_progress():
    assert (
        render_progress(ProgressState(0, 200, 0), width=10) == "external links [----------]   0/200"
    )
    assert (
        render_progress(ProgressState(100, 200, 3), width=10)
        == "external links [#####-----] 100/200  3 broken"
    )
    assert render_progress(ProgressState(0, 0, 0), width=4) == "external links [####] 0/0"


def test_show_progress_only_on_a_terminal_outside_ci():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert show_progress(Tty(), {"TERM": "xterm"})
    assert not show_progress(Tty(), {"CI": "true"})
    assert not show_progress(io.StringIO(), {})


def test_throttled_keeps_the_last_update():
    seen: list[int] = []
    update = throttled(lambda s: seen.append(s.done), interval=60)
    for done in range(1, 11):
        update(ProgressState(done, 10, 0))
    assert seen == [1, 10]


def test_format_summary():
    summary = ExternalSummary(
        links=120,
        checked=100,
        cached=15,
        excluded=5,
        broken=4,
        redirected=9,
        requests=131,
        seconds=12.34,
        host_errors=(("a.example", 3), ("b.example", 1)),
        slowest_hosts=(HostTiming("slow.example", 4, 2.5, 4.0),),
        notes=("external link cache not used (/x): read-only",),
    )
    assert format_summary(summary) == (
        "external links: 120 distinct, 100 checked, 15 from cache, 5 excluded; "
        "4 broken, 9 redirected (131 requests in 12.3 s)\n"
        "errors by host: a.example 3, b.example 1\n"
        "slowest hosts: slow.example 2.50 s avg, 4.00 s max (4 req)\n"
        "external link cache not used (/x): read-only"
    )
    many = ExternalSummary(10, 10, 0, 0, 7, 0, 10, 1.0, tuple((f"h{i}", 1) for i in range(7)))
    assert "errors by host: h0 1, h1 1, h2 1, h3 1, h4 1 (and 2 more)" in format_summary(many)
