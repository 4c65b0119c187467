"""What each family of rules costs `bloglint check` on the daiwk corpus, in CPU seconds.

The machine is shared, so everything is CPU time (`time.process_time` in-process, getrusage
for child processes), the best of several repetitions taken in alternating order (other work
on the machine only ever adds CPU time, through shared caches and cores, so the minimum is the
steadiest estimate; `--median` shows medians instead):

  full check      a fresh `python -m bloglint check` process after one post was edited (a new
                  edit every time): that post is parsed and checked afresh, everything else
                  comes from the index, and the run cannot be answered from it whole. The
                  denominator of every percentage; the same run with `--ignore` for BL020-BL036
                  gives what the TOC and math rules add to it
  load / parse    in-process: `load_site`, then every post's `.document`
  <family>        in-process, without an index (every post worked out afresh, as in a cold
                  check): `engine.run` with every rule, minus `engine.run` without the family's
                  rules (its marginal cost), and the family run alone
  imports         a fresh interpreter that has imported the engine, the site reader and every
                  other rule module, then imports the family's rule modules

Child processes use cached bytecode (under bench/out/pycache), as an installed bloglint does;
the last column shows the imports compiled from source (PYTHONDONTWRITEBYTECODE, as here).

Before each run the functools caches of bloglint.math / bloglint.toc and the `re` cache are
cleared, so every run pays what a fresh process pays (command lists read, patterns compiled).

Usage: python bench/bench_rules.py [--runs 7] [--site PATH]
The site is copied to bench/out/<name>-rules first (the warm runs keep an index in it).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from common import BLOGLINT, CORPUS, OUT, REPO, child_env  # bench/common.py

FAMILIES = {
    "links (BL001-009)": "BL00",
    "front matter (BL010-019)": "BL01",
    "TOC (BL020-029)": "BL02",
    "math (BL030-039)": "BL03",
    "external, offline (BL040-049)": "BL04",
}
MEASURED = ("BL02", "BL03")  # the families the criterion is about

# Imports what a check has imported before the rules run, then the given rule modules.
IMPORTS = r"""
import json, sys, time
import bloglint.cli, bloglint.engine, bloglint.site, bloglint.document, bloglint.config
import bloglint.checks as checks, importlib
prefixes = tuple(sys.argv[1].split(","))
for rid, name in checks.CHECKS.items():
    if not rid.startswith(prefixes):
        importlib.import_module("bloglint.checks." + name)
start = time.process_time()
for rid, name in checks.CHECKS.items():
    if rid.startswith(prefixes):
        importlib.import_module("bloglint.checks." + name)
print(json.dumps(time.process_time() - start))
"""


def child_cpu(argv: list[str], bytecode: bool = True) -> tuple[float, str]:
    """CPU seconds (user + system) of one child process, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, env=child_env(bytecode))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode not in (0, 1) or (out.returncode and not out.stdout):
        raise SystemExit(f"{argv} failed ({out.returncode}):\n{out.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, out.stdout


def cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def fresh_caches() -> None:
    """Forget what a previous run left in module-level caches, as a new process would."""
    re.purge()
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("bloglint.math", "bloglint.toc")):
            continue
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


def private_copy(site: Path) -> Path:
    """A copy of the site under bench/out (git-ignored): the warm runs write an index into it."""
    target = OUT / f"{site.name}-rules"
    if not target.is_dir():
        ignore = shutil.ignore_patterns(".jekyll-cache", ".bloglint-cache", "_site")
        shutil.copytree(site, target, ignore=ignore)
        for path in [target, *target.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--site", type=Path, default=CORPUS)
    parser.add_argument("--median", action="store_true", help="medians instead of minimums")
    args = parser.parse_args()
    if not args.site.is_dir():
        raise SystemExit(f"{args.site} is absent: this benchmark needs ../shared/corpus/daiwk")
    site_root = private_copy(args.site)
    sys.path.insert(0, str(REPO))
    from bloglint import engine
    from bloglint.catalog import load_catalog
    from bloglint.config import load_lint_config
    from bloglint.site import load_site

    check_argv = [*BLOGLINT, "check", "--site", str(site_root)]
    family_ids = ",".join(r for r in load_catalog() if r.startswith(MEASURED))
    edited = sorted((site_root / "_posts").glob("*.md"))[40]
    original = edited.read_bytes()
    times_edited: dict[str, list[float]] = {"with": [], "without": []}
    cold, unchanged = [], []
    try:
        child_cpu(check_argv)  # fills the index: parses, derived facts, this run's outcome
        for rep in range(args.runs):
            cold.append(child_cpu([*check_argv, "--no-cache"])[0])
            unchanged.append(child_cpu(check_argv)[0])
            order = ["with", "without"] if rep % 2 == 0 else ["without", "with"]
            for kind in order:
                # A new edit each time: that post is parsed and checked afresh, the others
                # come from the index, and the run itself cannot be answered from it.
                edited.write_bytes(original + f"\n<!-- bench edit {rep} {kind} -->\n".encode())
                extra = ["--ignore", family_ids] if kind == "without" else []
                times_edited[kind].append(child_cpu([*check_argv, *extra])[0])
    finally:
        edited.write_bytes(original)

    site = None

    def load() -> None:
        nonlocal site
        site = load_site(site_root)

    load_cpu = cpu(load)
    assert site is not None
    posts = list(site.posts) + list(site.documents)
    parse_cpu = cpu(lambda: [p.document for p in posts])

    every = list(load_catalog())
    raw = site.config.get("bloglint")

    def run(ids: list[str]) -> float:
        config = load_lint_config(raw, select=ids)
        fresh_caches()
        return cpu(lambda: engine.run(site, config))

    run(every)  # warm-up: imports every rule module once (imports are measured apart)
    configs: dict[str, list[str]] = {"all": every}
    for prefix in FAMILIES.values():
        configs[f"-{prefix}"] = [r for r in every if not r.startswith(prefix)]
        configs[f"+{prefix}"] = [r for r in every if r.startswith(prefix)]
    configs["-TOC-math"] = [r for r in every if not r.startswith(MEASURED)]
    times: dict[str, list[float]] = {name: [] for name in configs}
    for rep in range(args.runs):
        order = list(configs) if rep % 2 == 0 else list(reversed(configs))
        for name in order:
            times[name].append(run(configs[name]))
    pick = statistics.median if args.median else min
    med = {name: pick(values) for name, values in times.items()}

    def import_cpu(prefixes: str, bytecode: bool = True) -> float:
        argv = [sys.executable, "-c", IMPORTS, prefixes]
        return pick(json.loads(child_cpu(argv, bytecode)[1]) for _ in range(args.runs))

    cold_cpu, same_cpu = pick(cold), pick(unchanged)
    full_cpu, without_cpu = pick(times_edited["with"]), pick(times_edited["without"])
    added = full_cpu - without_cpu
    kind = "medians" if args.median else "best of each"
    print(f"daiwk: {len(posts)} posts, {args.runs} runs, CPU seconds ({kind})\n")
    print("| what | CPU (s) | % of full check |\n|---|---|---|")
    print(f"| full check, one post edited (fresh process, index warm) | {full_cpu:.3f} | 100% |")
    print(
        f"| same, without the TOC and math rules | {without_cpu:.3f} | {without_cpu / full_cpu:.1%} |"
    )
    print(f"| **what the TOC and math rules add** | {added:.3f} | {added / full_cpu:.1%} |")
    print(
        f"| unchanged site (answered from the index) | {same_cpu:.3f} | {same_cpu / full_cpu:.0%} |"
    )
    print(
        f"| cold check (fresh process, --no-cache) | {cold_cpu:.3f} | {cold_cpu / full_cpu:.0%} |"
    )
    print(f"| site loading (in-process) | {load_cpu:.3f} | {load_cpu / full_cpu:.1%} |")
    print(f"| parsing every post (in-process) | {parse_cpu:.3f} | {parse_cpu / full_cpu:.1%} |")
    print(f"| all rules (engine.run) | {med['all']:.3f} | {med['all'] / full_cpu:.1%} |")
    print()
    print(
        "| family, every post afresh | alone (s) | marginal (s) | imports (s) "
        "| marginal + imports | % of cold check | imports without bytecode (s) |"
    )
    print("|---|---|---|---|---|---|---|")
    rows = [(label, prefix) for label, prefix in FAMILIES.items()]
    rows.append(("TOC + math", ",".join(MEASURED)))
    for label, prefix in rows:
        if "," in prefix:
            alone = med["+BL02"] + med["+BL03"]
            marginal = med["all"] - med["-TOC-math"]
        else:
            alone = med[f"+{prefix}"]
            marginal = med["all"] - med[f"-{prefix}"]
        imports = import_cpu(prefix)
        total = marginal + imports
        print(
            f"| {label} | {alone:.3f} | {marginal:.3f} | {imports:.3f} | {total:.3f} | "
            f"{total / cold_cpu:.1%} | "
            f"{import_cpu(prefix, bytecode=False):.3f} |"
        )


if __name__ == "__main__":
    main()
