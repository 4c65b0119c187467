"""Benchmark `bloglint feed` on the daiwk corpus beside `jekyll build` of the same site.

Both run as fresh processes on a temporary copy of ../shared/corpus/daiwk without js/ (and
without expected/). Cold runs alternate (jekyll, bloglint, jekyll, ...) so that both see the
same load on a shared machine; every figure is the median (and best) of `--runs` runs, with
the CPU seconds (user + system, children included) beside the wall time.

  jekyll build (cold)          no _site, no .jekyll-cache
  jekyll build (warm)          again, .jekyll-cache kept
  bloglint feed (cold)         empty cache: Liquid + kramdown for all 348 posts
  bloglint feed (html cached)  post HTML from the cache, template rendered, feed checked
                               (what a run without --time / SOURCE_DATE_EPOCH costs)
  bloglint feed (unchanged)    same --time and no file changed: the last result is reused

bloglint runs with cached bytecode (under bench/out/pycache), as an installed bloglint does;
`--no-bytecode` compiles every module from source on every run instead.
Every bloglint output is compared with expected/atom.xml (after GitHub Pages' Cc/Cf removal).
Usage: python bench/bench_feed.py [--runs 5] [--no-jekyll] [--no-bytecode]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
import unicodedata
from pathlib import Path

from common import BLOGLINT, CORPUS, REPO, child_env  # bench/common.py

BUILD_TIME = "2024-03-10T13:57:55+00:00"  # the expected feed's own <updated>
JEKYLL_COLD = "jekyll build (cold)"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the process and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):  # 1: the feed has problems (it does, faithfully)
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def comparable(text: str) -> str:
    """GitHub Pages' Cc/Cf removal, and the feed's own <updated> (the build time) masked."""
    text = "".join(c for c in text if c in "\t\n" or unicodedata.category(c) not in ("Cc", "Cf"))
    return re.sub(r"<updated>[^<]*</updated>", "<updated/>", text, count=1)


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-jekyll", action="store_true")
    parser.add_argument("--no-bytecode", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is absent: the benchmark needs ../shared/corpus")
    expected = comparable((CORPUS / "expected" / "atom.xml").read_text(encoding="utf-8"))
    jekyll = None if args.no_jekyll else shutil.which("jekyll")
    env = child_env(not args.no_bytecode)
    load_before = load()
    with tempfile.TemporaryDirectory(prefix="bench-feed-") as tmp:
        site = Path(tmp) / "daiwk"
        shutil.copytree(CORPUS, site, ignore=shutil.ignore_patterns("js", "expected"))
        for path in [site, *site.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
        out = Path(tmp) / "atom.xml"
        feed_cmd = [*BLOGLINT, "feed", "--site", str(site), "-o", str(out)]
        fixed = [*feed_cmd, "--time", BUILD_TIME]
        cache = site / ".jekyll-cache" / "bloglint"
        build = [jekyll or "jekyll", "build", "-s", str(site), "-d", str(site / "_site")]
        rows: dict[str, list[tuple[float, float]]] = {}

        def run(name: str, command: list[str], before: list[Path], feed: bool = True) -> None:
            for path in before:
                shutil.rmtree(path, ignore_errors=True)
            rows.setdefault(name, []).append(timed(command, env))
            if feed and comparable(out.read_text(encoding="utf-8")) != expected:
                raise SystemExit(f"{name}: output differs from expected/atom.xml")

        timed([*fixed, "--no-cache"], env)  # writes the bytecode; not counted
        for _ in range(args.runs):  # alternating, so both see the same load
            if jekyll:
                run(JEKYLL_COLD, build, [site / "_site", site / ".jekyll-cache"], feed=False)
            run("bloglint feed (cold)", fixed, [cache])
        for _ in range(args.runs):
            if jekyll:
                run("jekyll build (warm)", build, [], feed=False)
            run("bloglint feed (html cached)", feed_cmd, [])  # no --time: no whole-result reuse
            run("bloglint feed (unchanged)", fixed, [])

    print(
        f"daiwk ({CORPUS.name}, 348 posts), {args.runs} runs each, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, bytecode {'off' if args.no_bytecode else 'on'}; "
        f"load average before {load_before}, after {load()}\n"
    )
    jekyll_walls = [wall for wall, _ in rows.get(JEKYLL_COLD, [])]
    print(
        "| what | wall median (s) | wall best (s) | CPU median (s) | vs jekyll cold (median / best) |"
    )
    print("|---|---|---|---|---|")
    for name, values in rows.items():
        walls = [wall for wall, _ in values]
        median, best = statistics.median(walls), min(walls)
        cpu = statistics.median(c for _, c in values)
        ratio = ""
        if jekyll_walls and not name.startswith("jekyll"):
            ratio = (
                f"{statistics.median(jekyll_walls) / median:.1f}x / {min(jekyll_walls) / best:.1f}x"
            )
        print(f"| {name} | {median:.2f} | {best:.2f} | {cpu:.2f} | {ratio} |")
    print("\nAll runs (wall s):")
    for name, values in rows.items():
        print(f"- {name}: " + ", ".join(f"{wall:.2f}" for wall, _ in values))


if __name__ == "__main__":
    main()
