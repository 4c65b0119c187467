"""Benchmark the external link checker against a local server that answers after a delay.

Run from the checkout: `python bench/bench_external.py` (options: --links, --hosts, --delay).
It starts tests/httpserver.py in its own process on 127.0.0.1, points `--hosts` host names at
it (the `hosts:` override, so every name is a separate host for the limits), checks the links
with bloglint's default limits and prints a table: throughput against what the limits allow,
resident memory during the run, and the most requests any host saw at once.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bloglint.external import (  # noqa: E402
    ExternalLink,
    ExternalSettings,
    Occurrence,
    ProgressState,
    check_urls,
    parse_settings,
)


def rss_mib() -> float:
    """Resident memory of this process (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def allowed_throughput(settings: ExternalSettings, hosts: int, delay: float) -> float:
    """Requests per second the limits permit when every answer takes `delay` seconds."""
    per_host = settings.host_concurrency / delay
    if settings.host_interval > 0:
        per_host = min(per_host, 1 / settings.host_interval)
    return min(settings.max_concurrency / delay, hosts * per_host)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--delay", type=float, default=0.05, help="server answer delay (s)")
    args = parser.parse_args()

    server = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "httpserver.py"), "--delay", str(args.delay)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        names = [f"host{i:02d}.bench.test" for i in range(args.hosts)]
        links = [
            ExternalLink(
                f"http://{names[i % args.hosts]}:{port}/post/{i}",
                (Occurrence("_posts/bench.md", i + 1, 1),),
            )
            for i in range(args.links)
        ]
        defaults = ExternalSettings()
        overrides = parse_settings(
            {"allow_private": True, "hosts": dict.fromkeys(names, "127.0.0.1")}
        )
        settings = replace(defaults, allow_private=True, hosts=overrides.hosts)
        import bloglint.external.checker  # noqa: F401 - load httpx before the first sample

        memory: list[tuple[int, float]] = [(0, rss_mib())]
        step = max(1, args.links // 8)

        def progress(state: ProgressState) -> None:
            if state.done >= memory[-1][0] + step:
                memory.append((state.done, rss_mib()))

        started = time.perf_counter()
        cpu_started = time.process_time()
        report = check_urls(links, settings, None, progress)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        memory.append((args.links, rss_mib()))
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__stats") as answer:
            stats = json.load(answer)
    finally:
        server.terminate()
        server.wait()

    timings = report.summary.slowest_hosts
    mean_latency = sum(t.mean_seconds * t.requests for t in timings) / sum(
        t.requests for t in timings
    )
    broken = sum(not r.ok for r in report.results.values())
    rate = args.links / seconds
    limit = allowed_throughput(settings, args.hosts, args.delay)
    peak_per_host = max(stats["max_in_flight"].get(f"{n}:{port}", 0) for n in names)
    rows = [
        ("links / hosts", f"{args.links} / {args.hosts}"),
        ("server delay", f"{args.delay * 1000:.0f} ms"),
        (
            "limits (global / per host / interval)",
            f"{settings.max_concurrency} / {settings.host_concurrency} / "
            f"{settings.host_interval * 1000:.0f} ms",
        ),
        ("requests seen by the server", f"{stats['requests'] - 1}"),
        ("broken", f"{broken}"),
        ("wall time", f"{seconds:.2f} s"),
        ("CPU time of bloglint", f"{cpu:.2f} s ({1000 * cpu / args.links:.2f} ms per link)"),
        ("mean request time seen by bloglint", f"{1000 * mean_latency:.1f} ms"),
        ("throughput", f"{rate:.0f} links/s"),
        ("allowed by the limits", f"{limit:.0f} links/s"),
        ("share of allowed", f"{100 * rate / limit:.0f} %"),
        ("most in flight on one host", f"{peak_per_host} (limit {settings.host_concurrency})"),
        (
            "RSS at start / peak / end",
            f"{memory[0][1]:.1f} / {max(m for _, m in memory):.1f} / {memory[-1][1]:.1f} MiB",
        ),
        ("RSS by links done", "  ".join(f"{done}:{mib:.1f}" for done, mib in memory)),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 30}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
