"""BL030: a math delimiter that is opened and never closed, so the formula shows as raw text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bloglint.math.post import post_math
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import CheckContext


def check(ctx: CheckContext) -> Iterator[Hit]:
    for problem in post_math(ctx).scan.problems:
        if problem.kind == "unclosed":
            yield Hit(problem.line, problem.column, problem.message)
