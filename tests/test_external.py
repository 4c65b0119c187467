"""The external link checker against a real HTTP server on 127.0.0.1 (no mocked client).

Several "hosts" are names mapped to 127.0.0.1 with the `hosts:` override, which is why these
tests lift the private-address guard with `allow_private: true` (except the guard's own tests).
Timeouts and waits are short so the whole file runs in a few seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bloglint.document import Link
from bloglint.external import (
    ExternalLink,
    ExternalReport,
    LinkResult,
    Occurrence,
    ProgressState,
    check_post_links,
    check_urls,
    parse_settings,
)
from tests.httpserver import Response, TestServer

FAST = {
    "allow_private": True,
    "connect_timeout": 1,
    "read_timeout": 0.5,
    "total_timeout": 2,
    "retry_wait": 0.05,
    "host_interval": 0,
}
NAMES = ["one.test", "two.test", "three.test", "bücher.test", "api.test", "other.test"]


@pytest.fixture
def server():
    with TestServer() as running:
        yield running


def run(
    server: TestServer,
    urls: list[str],
    cache_dir: Path | None = None,
    environ: dict[str, str] | None = None,
    **config: object,
) -> ExternalReport:
    mapping = {**FAST, "hosts": dict.fromkeys(NAMES, "127.0.0.1"), **config}
    settings = parse_settings(mapping, environ=environ)
    links = [ExternalLink(url, (Occurrence("_posts/p.md", 1, 1),)) for url in urls]
    return check_urls(links, settings, cache_dir)


def one(server: TestServer, path: str, **config: object) -> LinkResult:
    url = server.url(path)
    return run(server, [url], **config).results[url]


def test_ok_uses_one_head_request(server):
    server.route("/ok", Response.html("<p>hi</p>"))
    result = one(server, "/ok")
    assert result.ok and result.status == 200 and result.error is None
    assert server.methods("/ok") == ["HEAD"]


@pytest.mark.parametrize(("status", "text"), [(404, "404 Not Found"), (410, "410 Gone")])
def test_missing_pages_are_broken(server, status, text):
    server.route("/gone", Response(status))
    result = one(server, "/gone")
    assert not result.ok and result.status == status and result.error == text
    # A HEAD error is confirmed with GET: many servers answer HEAD wrongly.
    assert server.methods("/gone") == ["HEAD", "GET"]


def test_head_forbidden_but_get_ok(server):
    server.route("/picky", lambda r: Response(403) if r.method == "HEAD" else Response(200))
    result = one(server, "/picky")
    assert result.ok and result.status == 200
    assert server.methods("/picky") == ["HEAD", "GET"]


def test_head_not_allowed_falls_back_to_get(server):
    server.route("/nohead", lambda r: Response(405) if r.method == "HEAD" else Response(200))
    assert one(server, "/nohead").ok


def test_permanent_redirect_chain_suggests_the_new_url(server):
    server.route("/old", Response.redirect(301, "/older"))
    server.route("/older", Response.redirect(308, "/new"))
    server.route("/new", Response(200))
    result = one(server, "/old")
    assert result.ok and result.redirects == 2
    assert result.moved_to == server.url("/new")


def test_temporary_hop_ends_the_suggestion(server):
    server.route("/a", Response.redirect(301, "/b"))
    server.route("/b", Response.redirect(302, "/c"))
    server.route("/c", Response(200))
    server.route("/t", Response.redirect(302, "/c"))
    report = run(server, [server.url("/a"), server.url("/t")])
    moved = report.results[server.url("/a")]
    assert moved.ok and moved.redirects == 2 and moved.moved_to == server.url("/b")
    temporary = report.results[server.url("/t")]
    assert temporary.ok and temporary.redirects == 1 and temporary.moved_to is None
    assert report.summary.redirected == 2


def test_redirect_to_a_broken_page_is_broken(server):
    server.route("/r", Response.redirect(301, "/missing"))
    result = one(server, "/r")
    assert not result.ok and result.status == 404 and result.moved_to is None


def test_redirect_loop(server):
    server.route("/ping", Response.redirect(302, "/pong"))
    server.route("/pong", Response.redirect(302, "/ping"))
    result = one(server, "/ping")
    assert not result.ok
    assert result.error.startswith("redirect loop: ")
    assert "/ping -> " in result.error and "/pong -> " in result.error
    assert server.count() == 2


def test_redirect_limit(server):
    for i in range(5):
        server.route(f"/hop{i}", Response.redirect(307, f"/hop{i + 1}"))
    server.route("/hop5", Response(200))
    assert one(server, "/hop0", max_redirects=5).ok
    result = one(server, "/hop0", max_redirects=2)
    assert not result.ok and result.error == "more than 2 redirects"


def test_429_waits_for_retry_after(server):
    server.route("/busy", Response(429, headers=[("Retry-After", "1")]), Response(200))
    result = one(server, "/busy")
    assert result.ok
    first, second = [r.at for r in server.requests]
    assert second - first >= 0.95


def test_429_pauses_the_whole_host(server):
    server.route("/a", Response(429, headers=[("Retry-After", "1")]), Response(200))
    server.route("/b", Response(200))
    run(server, [server.url("/a"), server.url("/b")], host_interval=0.2, host_concurrency=2)
    first_a = server.requests[0].at
    (b_start,) = [r.at for r in server.requests if r.path == "/b"]
    assert server.requests[0].path == "/a" and b_start - first_a >= 0.95


def test_429_with_a_long_retry_after_is_not_waited_for(server):
    server.route("/later", Response(429, headers=[("Retry-After", "3600")]))
    started = time.monotonic()
    result = one(server, "/later", max_retry_wait=5)
    assert time.monotonic() - started < 1.5
    assert not result.ok and result.status == 429
    assert "retry after 3600 s" in result.error
    assert server.methods("/later") == ["HEAD"]


def test_503_with_an_http_date_retry_after(server):
    soon = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 1))
    server.route("/maint", Response(503, headers=[("Retry-After", soon)]), Response(200))
    assert one(server, "/maint").ok
    assert server.count("/maint") == 2


def test_500_then_200_is_retried(server):
    server.route("/flaky", Response(500), Response(200))
    result = one(server, "/flaky")
    assert result.ok and server.count("/flaky") == 2


def test_persistent_500_gives_up_after_the_retries(server):
    server.route("/down", Response(500))
    result = one(server, "/down", max_retries=1)
    assert not result.ok and result.error == "500 Internal Server Error"
    # HEAD and its retry, then GET and its retry.
    assert server.methods("/down") == ["HEAD", "HEAD", "GET", "GET"]


def test_server_that_never_answers_times_out(server):
    server.route("/hang", Response(hang=True))
    started = time.monotonic()
    result = one(server, "/hang", max_retries=0)
    assert time.monotonic() - started < 2
    assert not result.ok and result.error == "no answer within 0.5 s"


def test_body_that_never_ends_is_not_read_without_fragments(server):
    server.route("/stream", Response(endless=True, headers=[("Content-Type", "text/html")]))
    result = one(server, "/stream#part", max_retries=0)
    assert result.ok and server.methods("/stream") == ["HEAD"]


def test_body_that_never_ends_stops_at_the_byte_cap(server):
    server.route("/stream", Response(endless=True, headers=[("Content-Type", "text/html")]))
    started = time.monotonic()
    result = one(server, "/stream#part", fragments=True, max_page_bytes=50_000)
    assert time.monotonic() - started < 2
    assert not result.ok
    assert result.error == "the page has no element with id `part` in the first part of the page"


def test_body_that_trickles_forever_hits_the_total_timeout(server):
    server.route("/stream", Response(endless=True, headers=[("Content-Type", "text/html")]))
    config = {"fragments": True, "max_page_bytes": 10**9, "total_timeout": 0.5}
    result = one(server, "/stream#part", max_retries=0, **config)
    assert not result.ok and result.error == "no complete answer within 0.5 s"


def test_huge_headers_are_an_error_not_a_hang(server):
    server.route("/huge", Response(headers=[("X-Filler", "y" * 300_000)]))
    result = one(server, "/huge")
    assert not result.ok and result.error == "bad HTTP response: response headers too large"


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/",
        "http://exa mple.test/",
        "http://example.test:99999/",
        "http:///no-host",
        "http://xn--/",
    ],
)
def test_invalid_urls_are_reported_without_a_request(server, url):
    result = run(server, [url]).results[url]
    assert not result.ok and result.error.startswith("invalid URL")
    assert server.count() == 0


def test_idn_host_is_requested_in_its_ascii_form(server):
    server.route("/buch", Response(200))
    url = f"http://bücher.test:{server.port}/buch"
    assert run(server, [url]).results[url].ok
    assert [r.host for r in server.requests] == [f"xn--bcher-kva.test:{server.port}"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/x",
        "http://localhost:{port}/x",
        "http://one.test:{port}/x",  # mapped to 127.0.0.1 by the `hosts:` override
        "http://[::1]:{port}/x",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://[::ffff:127.0.0.1]:{port}/x",
    ],
)
def test_private_addresses_are_not_requested_by_default(server, url):
    url = url.format(port=server.port)
    result = run(server, [url], allow_private=False).results[url]
    assert not result.ok and result.blocked
    assert result.error.startswith("not requested: ")
    assert "allow_private: true" in result.error
    assert server.count() == 0


def test_allow_private_lifts_the_guard(server):
    server.route("/x", Response(200))
    url = f"http://one.test:{server.port}/x"
    assert run(server, [url], allow_private=True).results[url].ok
    assert server.count() == 1


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/", "http://[::1]:{port}/x", "http://10.0.0.1/"]
)
def test_guard_applies_to_redirect_targets(server, target):
    # Only 127.0.0.0/8 is allowed: the first hop is requested, the redirect target is not.
    server.route("/jump", Response.redirect(302, target.format(port=server.port)))
    result = one(server, "/jump", allow_private=["127.0.0.0/8"])
    assert not result.ok and result.blocked and result.error.startswith("not requested: ")
    assert server.count() == 1


def test_per_host_headers_with_a_token_from_the_environment(server):
    server.route("/data", Response(200))
    config = {"headers": {"api.test": {"Authorization": "Bearer ${TOKEN}", "X-Plain": "1"}}}
    urls = [f"http://api.test:{server.port}/data", f"http://other.test:{server.port}/data"]
    report = run(server, urls, environ={"TOKEN": "s3cret"}, **config)
    assert all(r.ok for r in report.results.values())
    by_host = {r.host.split(":")[0]: r.headers for r in server.requests}
    assert by_host["api.test"]["authorization"] == "Bearer s3cret"
    assert by_host["api.test"]["x-plain"] == "1"
    assert "authorization" not in by_host["other.test"]


def test_host_headers_do_not_follow_a_redirect_to_another_host(server):
    server.route("/hop", Response.redirect(302, f"http://other.test:{server.port}/land"))
    server.route("/land", Response(200))
    config = {"headers": {"api.test": {"Authorization": "Bearer ${TOKEN}"}}}
    url = f"http://api.test:{server.port}/hop"
    assert run(server, [url], environ={"TOKEN": "s3cret"}, **config).results[url].ok
    first, second = server.requests
    assert first.headers["authorization"] == "Bearer s3cret"
    assert second.host.startswith("other.test") and "authorization" not in second.headers


def test_header_with_an_unset_variable_is_left_out(server):
    server.route("/data", Response(200))
    config = {"headers": {"*.test": {"Authorization": "Bearer ${TOKEN}"}}}
    url = f"http://api.test:{server.port}/data"
    assert run(server, [url], environ={}, **config).results[url].ok
    assert "authorization" not in server.requests[0].headers


def test_excluded_urls_are_not_requested(server):
    urls = [server.url("/private/a"), server.url("/public")]
    server.route("/public", Response(200))
    report = run(server, urls, exclude=["/private/"])
    assert report.results[urls[0]].excluded and report.results[urls[0]].ok
    assert server.count() == 1 and report.summary.excluded == 1


def test_accepted_status_codes_are_configurable(server):
    server.route("/members", Response(403))
    assert one(server, "/members", accept=["200..299", 403]).ok
    assert server.methods("/members") == ["HEAD"]
    assert not one(server, "/members").ok


PAGE = """<!doctype html><html><body>
<h2 id="intro">Intro</h2><a name="legacy"></a><h2 id="café">Café</h2>
<h2><a id="user-content-usage" href="#usage">Usage</a></h2>
</body></html>"""


def test_fragments_are_checked_when_enabled_with_one_get(server):
    server.route("/doc", Response.html(PAGE))
    frags = ["intro", "legacy", "caf%C3%A9", "café", "top", ":~:text=Intro", "usage", "missing"]
    urls = [server.url(f"/doc#{f}") for f in frags] + [server.url("/doc")]
    report = run(server, urls, fragments=True)
    broken = {u.split("#")[-1] for u, r in report.results.items() if not r.ok}
    assert broken == {"missing"}
    error = report.results[server.url("/doc#missing")].error
    assert error == "the page has no element with id `missing`"
    assert server.methods("/doc") == ["GET"]


def test_github_line_anchors_are_not_looked_up(server):
    # GitHub's `#L10-L20` exist only through JavaScript; `github.com` is mapped to the server.
    server.route("/me/repo/blob/main/x.py", Response.html(PAGE))
    base = f"http://github.com:{server.port}/me/repo/blob/main/x.py"
    urls = [base + "#L10", base + "#L10-L20", base + "#nothing"]
    report = run(server, urls, fragments=True, hosts={"github.com": "127.0.0.1"})
    assert [report.results[u].ok for u in urls] == [True, True, False]


def test_fragments_are_not_checked_by_default(server):
    server.route("/doc", Response.html(PAGE))
    assert one(server, "/doc#missing").ok
    assert server.methods("/doc") == ["HEAD"]


def test_utf8_ids_without_a_declared_charset(server):
    server.route("/bare", Response(200, PAGE.encode(), [("Content-Type", "text/html")]))
    assert one(server, "/bare#café", fragments=True).ok
    assert not one(server, "/bare#cafe", fragments=True).ok


def test_fragment_on_a_non_html_page_is_not_judged(server):
    server.route("/data.json", Response(200, b'{"a": 1}', [("Content-Type", "application/json")]))
    assert one(server, "/data.json#a", fragments=True).ok


def test_each_url_is_requested_once(server):
    server.route("/p", Response(200))
    url = server.url("/p")
    links = [ExternalLink(url, tuple(Occurrence("_posts/p.md", n, 1) for n in (1, 5, 9)))]
    links.append(ExternalLink(url + "#x", (Occurrence("_posts/q.md", 2, 1),)))
    settings = parse_settings({**FAST})
    report = check_urls(links, settings, None)
    assert set(report.results) == {url, url + "#x"}
    assert server.count() == 1


def test_warm_cache_makes_no_request(server, tmp_path):
    server.route("/ok", Response(200))
    server.route("/moved", Response.redirect(301, "/ok"))
    urls = [server.url("/ok"), server.url("/moved"), server.url("/missing")]
    first = run(server, urls, cache_dir=tmp_path)
    assert first.summary.checked == 3 and first.summary.cached == 0
    assert (tmp_path / ".gitignore").read_text().endswith("*\n")
    requests = server.count()
    second = run(server, urls, cache_dir=tmp_path)
    # The failure is rechecked (HEAD + GET); the two good links come from the cache.
    assert server.count() - requests == 2 and server.count("/missing") == 4
    assert second.summary.cached == 2 and second.summary.checked == 1
    moved = second.results[server.url("/moved")]
    assert moved.cached and moved.moved_to == server.url("/ok")

    good = urls[:2]
    requests = server.count()
    third = run(server, good, cache_dir=tmp_path)
    assert server.count() == requests and third.summary.cached == 2

    refreshed = check_urls(
        [ExternalLink(u, ()) for u in good],
        parse_settings({**FAST}),
        tmp_path,
        refresh=True,
    )
    assert refreshed.summary.cached == 0 and server.count() > requests


def test_an_interrupted_run_keeps_what_it_checked(server, tmp_path):
    server.default = lambda request: Response(200)
    links = [ExternalLink(server.url(f"/{i}"), ()) for i in range(6)]
    settings = parse_settings({**FAST, "host_concurrency": 1})

    def stop_after_two(state: ProgressState) -> None:
        if state.done >= 2:
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError, match="interrupted"):
        check_urls(links, settings, tmp_path, progress=stop_after_two)
    assert server.count() == 2
    report = check_urls(links, settings, tmp_path)
    assert report.summary.cached == 2 and server.count() == 6


def test_cache_age_limit_and_accept_changes(server, tmp_path):
    server.route("/ok", Response(200))
    url = server.url("/ok")
    run(server, [url], cache_dir=tmp_path)
    run(server, [url], cache_dir=tmp_path, cache_max_age=0)
    assert server.count() == 2  # older than 0 s: checked again
    run(server, [url], cache_dir=tmp_path, accept=[204])
    assert server.count() == 4  # a 200 no longer accepted: checked again (HEAD + GET)


def test_cache_survives_a_damaged_file(server, tmp_path):
    (tmp_path / "external-links.sqlite3").write_bytes(b"this is not a database" * 100)
    server.route("/ok", Response(200))
    report = run(server, [server.url("/ok")], cache_dir=tmp_path)
    assert report.results[server.url("/ok")].ok and not report.summary.notes


def test_per_host_and_global_limits_hold(server):
    server.default = lambda request: Response(200, delay=0.1)
    urls = [f"http://{h}:{server.port}/{i}" for h in ("one.test", "two.test") for i in range(8)]
    run(server, urls, host_concurrency=2, max_concurrency=3)
    assert max(server.max_in_flight.values()) == 2
    assert server.max_total_in_flight == 3


def test_idle_connections_are_closed_when_a_host_is_done(server):
    # Sixty hosts, one page each: were idle keep-alive sockets kept until the end, the
    # server would see sixty open connections (and a big site would run out of descriptors).
    server.default = lambda request: Response(200, delay=0.02)
    names = [f"h{i}.test" for i in range(60)]
    urls = [f"http://{name}:{server.port}/" for name in names]
    report = run(server, urls, hosts=dict.fromkeys(names, "127.0.0.1"), max_concurrency=4)
    assert all(r.ok for r in report.results.values()) and server.count() == 60
    assert server.max_open_connections <= 12


def test_minimum_interval_between_requests_to_one_host(server):
    server.default = lambda request: Response(200)
    urls = [f"http://one.test:{server.port}/{i}" for i in range(6)]
    run(server, urls, host_interval=0.15, host_concurrency=4)
    starts = server.starts[f"one.test:{server.port}"]
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    # Arrival times at the server jitter a little (first connection, threads); the span
    # cannot: six starts at least 0.15 s apart take at least 0.75 s.
    assert len(starts) == 6 and min(gaps) >= 0.1 and starts[-1] - starts[0] >= 0.72


def test_summary_counts_and_hosts(server):
    server.route("/ok", Response(200))
    server.route("/slow", Response(200, delay=0.3))
    server.route("/moved", Response.redirect(308, "/ok"))
    urls = [
        f"http://one.test:{server.port}/ok",
        f"http://one.test:{server.port}/moved",
        f"http://one.test:{server.port}/skip-me",
        f"http://two.test:{server.port}/missing",
        f"http://two.test:{server.port}/also-missing",
        f"http://three.test:{server.port}/slow",
    ]
    summary = run(server, urls, exclude=["skip-me"]).summary
    assert (summary.links, summary.checked, summary.cached, summary.excluded) == (6, 5, 0, 1)
    assert (summary.broken, summary.redirected) == (2, 1)
    assert summary.requests == server.count() == 8  # 2 redirect hops, 2 HEAD+GET pairs
    assert summary.host_errors == (("two.test", 2),)
    assert summary.slowest_hosts[0].host == "three.test"
    assert summary.slowest_hosts[0].mean_seconds >= 0.3


def test_progress_callback_reaches_the_total(server):
    server.route("/a", Response(200))
    states: list[ProgressState] = []
    links = [ExternalLink(server.url(p), ()) for p in ("/a", "/b")]
    check_urls(links, parse_settings({**FAST}), None, progress=states.append)
    assert states[-1].done == states[-1].total == 2 and states[-1].broken == 1
    assert [s.done for s in states] == sorted(s.done for s in states)


def test_credentials_never_appear_in_messages(server):
    url = f"http://user:hunter2@one.test:{server.port}/nope"
    report = run(server, [url])
    assert "hunter2" not in report.results[url].error
    findings = check_post_links(
        {"_posts/a.md": [_link(url, 3, 1)]},
        {**FAST, "hosts": {"one.test": "127.0.0.1"}},
        None,
    )
    (hit,) = findings.broken["_posts/a.md"]
    assert "hunter2" not in hit.message and "***@one.test" in hit.message


def _link(url: str, line: int, column: int, kind: str = "inline") -> Link:
    return Link(kind, False, url, "text", line, column, line, column + 7)


def test_check_post_links_gives_hits_per_post(server, tmp_path):
    server.route("/ok", Response(200))
    server.route("/old", Response.redirect(301, "/ok"))
    ok, old, gone = server.url("/ok"), server.url("/old"), server.url("/gone")
    posts = {
        "_posts/2024-01-01-a.md": [_link(ok, 5, 1), _link(gone, 7, 3), _link("/local", 8, 1)],
        "_posts/2024-01-02-b.md": [
            _link(old, 4, 1, "reference"),
            _link(gone, 9, 1, "autolink"),
            _link(gone, 12, 1, "definition"),  # definitions are checked through their uses
            _link("{{ site.url }}/x", 13, 1),
        ],
    }
    findings = check_post_links(posts, FAST, tmp_path / "cache")
    assert (tmp_path / "cache" / "external-links.sqlite3").is_file()
    a = findings.broken["_posts/2024-01-01-a.md"]
    assert [(h.line, h.column) for h in a] == [(7, 10)]
    assert a[0].message == f"link to `{gone}` is broken: 404 Not Found"
    assert a[0].end_column == 10 + len(gone)
    b = findings.broken["_posts/2024-01-02-b.md"]
    assert [(h.line, h.column) for h in b] == [(9, 8)]
    (moved,) = findings.moved["_posts/2024-01-02-b.md"]
    assert moved.line == 4
    assert moved.message == (
        f"link to `{old}` redirects permanently to `{ok}`; link to the new address"
    )
    assert server.count("/gone") == 2  # one URL, written three times: HEAD + GET once


def test_bad_config_is_a_value_error_naming_the_key(tmp_path):
    with pytest.raises(ValueError, match=r"unknown key `external.host_concurency`"):
        check_post_links({}, {"host_concurency": 2}, tmp_path)


def test_importing_the_package_does_not_load_the_network_stack():
    code = (
        "import sys, bloglint.external\n"
        "loaded = [m for m in ('httpx', 'httpcore', 'sqlite3', 'asyncio') if m in sys.modules]\n"
        "print(','.join(loaded))"
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
