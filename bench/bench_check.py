"""Benchmark `bloglint check` on the daiwk corpus at 1x, 10x and 100x, beside its floors.

Every figure is the median wall time of several runs of a fresh process (so Python start-up
is included everywhere), and the peak RSS of that process. Rows:

  floor: read        Python start-up + reading and decoding every post
  floor: mistune     front matter (PyYAML C loader) + mistune AST parse of every post: what any
                     mistune-based linter must pay at least
  parse only         bloglint loading the site and parsing every post, no rules
  check (cold)       `bloglint check` with every offline rule, no cache
  check, no TOC/math `bloglint check` without the TOC and math rules (their cost is the difference)
  check (warm, unchanged)        `bloglint check` again, nothing changed (answered by the index)
  check (warm, one post edited)  one post's content changed: rules rerun, parses from the index
  pre-commit: one edited post    `bloglint check POST` on that edited post, index warm
  markdownlint-cli2  default rules on the same posts (when installed; see --markdownlint)

The floors, the cold checks and markdownlint-cli2 run in turn, one run of each per round,
so that all of them see the same load on a shared machine; the ratios below the table
compare those medians.

Usage: python bench/bench_check.py [--scales 1,10,100] [--runs 5] [--markdownlint PATH]
The corpus is read from ../shared/corpus/daiwk beside the checkout; the synthetic copies are
written under bench/out/ (git-ignored) with new dated file names.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from common import BLOGLINT, CORPUS, OUT, REPO  # bench/common.py

# Runs a command and prints its wall time and the peak RSS of that one child process.
MEASURE = r"""
import resource, subprocess, sys, time, json
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"wall": wall, "rss_mb": rss, "code": proc.returncode,
                  "stderr": proc.stderr.decode(errors="replace")[-2000:]}))
"""

FLOOR_READ = r"""
import sys
from pathlib import Path
total = 0
for path in sorted(Path(sys.argv[1], "_posts").iterdir()):
    if path.suffix in (".md", ".markdown"):
        total += len(path.read_bytes().decode("utf-8", "replace"))
"""

FLOOR_MISTUNE = r"""
import re, sys
from pathlib import Path
import mistune, yaml
FRONT = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)
md = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough", "footnotes", "math"])
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in sorted(Path(sys.argv[1], "_posts").iterdir()):
    if path.suffix not in (".md", ".markdown"):
        continue
    text = path.read_bytes().decode("utf-8", "replace")
    match = FRONT.match(text)
    body = text
    if match:
        yaml.load(match.group(1)[3:], Loader=loader)
        body = text[match.end():]
    md(body)
"""

PARSE_ONLY = r"""
import sys
from pathlib import Path
from bloglint.site import load_site
site = load_site(Path(sys.argv[1]))
for post in site.posts:
    post.document
"""


def make_corpus(scale: int) -> Path:
    """A copy of the daiwk site whose _posts holds `scale` copies of every post."""
    target = OUT / f"daiwk-{scale}x"
    posts = target / "_posts"
    if posts.is_dir() and len(list(posts.iterdir())) >= 348 * scale:
        return target
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns("_posts", "expected"))
    os.chmod(target, 0o755)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    posts.mkdir()
    for source in sorted((CORPUS / "_posts").iterdir()):
        if not source.name[:4].isdigit():
            continue
        data = source.read_bytes()
        stem, suffix = source.stem, source.suffix
        for copy in range(scale):
            name = source.name if copy == 0 else f"{stem}-copy{copy}{suffix}"
            (posts / name).write_bytes(data)
    return target


def measure(argv: list[str], runs: int, env: dict[str, str] | None = None) -> dict[str, float]:
    walls, rss = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, *argv],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            check=True,
        )
        result = json.loads(out.stdout)
        if result["code"] not in (0, 1):
            raise SystemExit(f"{argv} failed ({result['code']}):\n{result['stderr']}")
        walls.append(result["wall"])
        rss.append(result["rss_mb"])
    return {"wall": statistics.median(walls), "rss_mb": max(rss)}


def interleaved(
    commands: dict[str, list[str]],
    slow: dict[str, list[str]],
    runs: int,
    env: dict[str, str],
) -> dict[str, dict[str, float]]:
    """Median wall and peak RSS of each command, run in turn round after round, so that
    every command (floors, bloglint, markdownlint) sees the same load on a shared machine.
    The `slow` commands take part in the first half of the rounds only."""
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in [*commands, *slow]}
    for round_number in range(runs):
        chosen = dict(commands)
        if round_number < max(1, runs // 2):
            chosen.update(slow)
        for name, argv in chosen.items():
            samples[name].append(measure(argv, 1, env))
    return {
        name: {
            "wall": statistics.median(s["wall"] for s in values),
            "rss_mb": max(s["rss_mb"] for s in values),
        }
        for name, values in samples.items()
    }


def bloglint(*args: str) -> list[str]:
    return [*BLOGLINT, *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdownlint", help="path to the markdownlint-cli2 executable")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is absent: this benchmark needs ../shared/corpus/daiwk")

    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    # Measure bloglint as installed: with its bytecode compiled, not recompiled every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "bloglint")], check=True)
    sys.path.insert(0, str(REPO))
    from bloglint.catalog import load_catalog

    toc_and_math = [rid for rid in load_catalog() if rid[:4] in ("BL02", "BL03")]
    rows = []
    for scale in (int(s) for s in args.scales.split(",")):
        site = make_corpus(scale)
        runs = args.runs if scale < 100 else max(1, args.runs // 3)
        cache = site / ".jekyll-cache"
        # The post edited for the warm rows: a typical daiwk post, with a TOC and headings
        # (so the TOC rules consult the whole site's habit too).
        one_post = next(
            path
            for path in sorted((site / "_posts").glob("2019-*.md"))
            if "<!-- TOC -->" in (text := path.read_text(encoding="utf-8"))
            and text.count("\n## ") >= 3
        )

        shutil.rmtree(cache, ignore_errors=True)
        no_cache = bloglint("check", "--site", str(site), "--no-cache")
        commands = {
            "floor: read": [sys.executable, "-c", FLOOR_READ, str(site)],
            "floor: mistune": [sys.executable, "-c", FLOOR_MISTUNE, str(site)],
            "parse only": [sys.executable, "-c", PARSE_ONLY, str(site)],
            "check (cold)": no_cache,
            "check, no TOC/math": [*no_cache, "--ignore", ",".join(toc_and_math)],
        }
        # markdownlint-cli2 needs ~300 s and 2 GB a run at 100x: measured up to 10x only.
        slow = {}
        if args.markdownlint and scale < 100:
            slow["markdownlint-cli2"] = [args.markdownlint, str(site / "_posts" / "*.md")]
        result = interleaved(commands, slow, runs, env)
        shutil.rmtree(cache, ignore_errors=True)
        subprocess.run(
            bloglint("check", "--site", str(site)), env=env, cwd=REPO, capture_output=True
        )
        result["check (warm, unchanged)"] = measure(
            bloglint("check", "--site", str(site)), runs, env
        )
        original = one_post.read_bytes()

        def edited(
            argv: list[str], _runs: int = runs, _post: Path = one_post, _text: bytes = original
        ) -> dict[str, float]:
            """Each run after a fresh edit of one post, so nothing is answered as unchanged."""
            walls = []
            for attempt in range(_runs):
                _post.write_bytes(_text + f"\n<!-- edit {attempt} {argv[-1]} -->\n".encode())
                walls.append(measure(argv, 1, env))
            return {
                "wall": statistics.median(w["wall"] for w in walls),
                "rss_mb": max(w["rss_mb"] for w in walls),
            }

        try:
            # The rules run again over the whole site; parses come from the index.
            result["check (warm, one post edited)"] = edited(bloglint("check", "--site", str(site)))
            # What the pre-commit hook does: report on the staged post only.
            result["pre-commit: one edited post"] = edited(bloglint("check", str(one_post)))
        finally:
            one_post.write_bytes(original)
        if "markdownlint-cli2" in result:  # listed last, as before
            result["markdownlint-cli2"] = result.pop("markdownlint-cli2")
        rows.append((scale, result))
        print(f"{scale}x done", file=sys.stderr)

    print("| corpus | what | wall (s) | peak RSS (MB) | vs mistune floor |")
    print("|---|---|---|---|---|")
    for scale, result in rows:
        floor = result["floor: mistune"]["wall"]
        for name, value in result.items():
            print(
                f"| {scale}x ({348 * scale} posts) | {name} | {value['wall']:.2f} | "
                f"{value['rss_mb']:.0f} | {value['wall'] / floor:.2f}x |"
            )
    print()
    for scale, result in rows:
        if "markdownlint-cli2" in result:
            lint = result["markdownlint-cli2"]["wall"]
            print(
                f"{scale}x: markdownlint-cli2 takes {lint / result['check (cold)']['wall']:.1f}x "
                f"as long as a cold check, {lint / result['check (warm, unchanged)']['wall']:.0f}x "
                f"as long as a warm one"
            )


if __name__ == "__main__":
    main()
