"""BL034: math written in Markdown text that kramdown (or Liquid) changes before the engine
sees it: eaten backslashes, emphasis pairs, table pipes, `{{`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bloglint.math.post import post_math
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import CheckContext


def check(ctx: CheckContext) -> Iterator[Hit]:
    for problem in post_math(ctx).scan.problems:
        if problem.kind in ("mangled", "eaten-backslash"):
            yield Hit(problem.line, problem.column, problem.message)
