"""BL031: TeX the site's math engine refuses (braces, environments, scripts, arguments...)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bloglint.math.post import excerpt, issue_hit, post_math
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import CheckContext


def check(ctx: CheckContext) -> Iterator[Hit]:
    math = post_math(ctx)
    for formula in math.formulas:
        if not formula.tex.strip():
            yield Hit(formula.line, formula.column, f"empty formula after `{formula.delimiter}`")
    reported: set[int] = set()
    for formula, issue in math.issues:
        # One report per formula: the first error usually causes the ones after it.
        if issue.kind != "syntax" or id(formula) in reported:
            continue
        reported.add(id(formula))
        yield issue_hit(formula, issue, f"{issue.message} (in `{excerpt(formula.tex)}`)")
