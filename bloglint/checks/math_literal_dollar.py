"""BL033: `$x$` on a site where a single `$` is not a math delimiter: it renders literally."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bloglint.math.post import post_math
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import CheckContext


def check(ctx: CheckContext) -> Iterator[Hit]:
    math = post_math(ctx)
    # Hexo and some themes enable `$` with `mathjax: true`; a Jekyll layout may not.
    habit = next((k for k in ("mathjax", "math", "katex") if ctx.post.data.get(k)), None)
    note = ""
    if habit and math.profile.opt_in_key != habit:
        note = f" (`{habit}: true` in the front matter does not change that on this site)"
    for problem in math.scan.problems:
        if problem.kind == "literal-dollar":
            yield Hit(problem.line, problem.column, problem.message + note)
