"""Benchmark `bloglint feed` on the daiwk corpus beside `jekyll build` of the same site.

Both run as fresh processes on a temporary copy of ../shared/corpus/daiwk without js/ (and
without expected/). Each figure is the median wall time of `--runs` runs.

  jekyll build (cold)          no _site, no .jekyll-cache
  jekyll build (warm)          again, .jekyll-cache kept
  bloglint feed (cold)         empty cache: Liquid + kramdown for all 348 posts
  bloglint feed (html cached)  post HTML from the cache, template rendered, feed checked
                               (what a run without --time / SOURCE_DATE_EPOCH costs)
  bloglint feed (unchanged)    same --time and no file changed: the whole result is reused
  cached_feed fast path        the same, asking `feed.cached_feed` before loading the site
                               (what the CLI costs once it checks the cache first)

Every bloglint output is compared with expected/atom.xml (after GitHub Pages' Cc/Cf removal).
Usage: python bench/bench_feed.py [--runs 3] [--no-jekyll]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "daiwk"
BUILD_TIME = "2024-03-10T13:57:55+00:00"  # the expected feed's own <updated>

FAST_PATH = r"""
import sys, datetime as dt
from pathlib import Path
from bloglint import feed
root, out = Path(sys.argv[1]), Path(sys.argv[2])
when = feed.build_time_from(sys.argv[3])
result = feed.cached_feed(root, build_time=when)
if result is None:
    from bloglint.site import load_site
    result = feed.build_feed(load_site(root), build_time=when)
feed.write_feed_atomically(out, result.text)
"""


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: the feed has problems (it does, faithfully)
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return wall


def comparable(text: str) -> str:
    """GitHub Pages' Cc/Cf removal, and the feed's own <updated> (the build time) masked."""
    text = "".join(c for c in text if c in "\t\n" or unicodedata.category(c) not in ("Cc", "Cf"))
    return re.sub(r"<updated>[^<]*</updated>", "<updated/>", text, count=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-jekyll", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is absent: the benchmark needs ../shared/corpus")
    expected = comparable((CORPUS / "expected" / "atom.xml").read_text(encoding="utf-8"))
    jekyll = None if args.no_jekyll else shutil.which("jekyll")
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-feed-") as tmp:
        site = Path(tmp) / "daiwk"
        shutil.copytree(CORPUS, site, ignore=shutil.ignore_patterns("js", "expected"))
        for path in [site, *site.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
        out = Path(tmp) / "atom.xml"
        feed_cmd = [python, "-m", "bloglint", "feed", "--site", str(site), "-o", str(out)]
        fixed = [*feed_cmd, "--time", BUILD_TIME]
        fast = [python, "-c", FAST_PATH, str(site), str(out), BUILD_TIME]
        cache = site / ".jekyll-cache/bloglint"
        rows: dict[str, list[float]] = {}

        def run(
            name: str, command: list[str], before: list[Path] | None = None, feed: bool = True
        ) -> None:
            for _ in range(args.runs):
                for path in before or []:
                    shutil.rmtree(path, ignore_errors=True)
                rows.setdefault(name, []).append(timed(command, REPO))
                if feed:
                    got = comparable(out.read_text(encoding="utf-8"))
                    if got != expected:
                        raise SystemExit(f"{name}: output differs from expected/atom.xml")

        if jekyll:
            build = [jekyll, "build", "-s", str(site), "-d", str(site / "_site")]
            run("jekyll build (cold)", build, [site / "_site", site / ".jekyll-cache"], feed=False)
            run("jekyll build (warm)", build, feed=False)
        run("bloglint feed (cold)", fixed, [cache])
        run("bloglint feed (html cached)", feed_cmd)  # no --time: now, so no whole-result reuse
        run("bloglint feed (unchanged)", fixed)
        run("cached_feed fast path", fast)

    # The machine is shared: the fastest run is the least disturbed one, so show both.
    medians = {name: statistics.median(times) for name, times in rows.items()}
    best = {name: min(times) for name, times in rows.items()}
    print(f"{'what':32} {'median s':>9} {'best s':>7}  runs")
    for name, value in medians.items():
        runs = ", ".join(f"{t:.2f}" for t in rows[name])
        print(f"{name:32} {value:9.2f} {best[name]:7.2f}  {runs}")
    if jekyll:
        for name in list(medians)[2:]:
            print(
                f"{name:32} vs jekyll cold: {medians['jekyll build (cold)'] / medians[name]:5.1f}x "
                f"(best {best['jekyll build (cold)'] / best[name]:5.1f}x); vs jekyll warm: "
                f"{medians['jekyll build (warm)'] / medians[name]:5.1f}x "
                f"(best {best['jekyll build (warm)'] / best[name]:5.1f}x)"
            )


if __name__ == "__main__":
    main()
