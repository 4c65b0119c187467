"""What the benchmark scripts share: where things are, and how child processes are run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
CORPUS = REPO.parent / "shared" / "corpus" / "daiwk"

# The installed `bloglint` command: pip's console script imports `bloglint.cli` and calls
# `run()`. (`python -m bloglint` would add runpy's start-up, which that command never pays.)
BLOGLINT = [
    sys.executable,
    "-c",
    "import sys; sys.argv[0] = 'bloglint'; from bloglint.cli import run; run()",
]


def child_env(bytecode: bool) -> dict[str, str]:
    """An installed bloglint has bytecode; a checkout run with PYTHONDONTWRITEBYTECODE has not."""
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")  # keeps the source tree clean
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env
