"""BL036: math only some engines accept, on a site whose engine bloglint cannot tell."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bloglint.math.post import excerpt, post_math
from bloglint.math.tex import ENGINES, check_tex
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import CheckContext

_NAMES = {"mathjax2": "MathJax 2", "mathjax3": "MathJax 3", "katex": "KaTeX"}


def check(ctx: CheckContext) -> Iterator[Hit]:
    math = post_math(ctx)
    if math.profile.tex_engine != "unknown" or not math.formulas:
        return
    broken = {id(formula) for formula, _ in math.issues}  # BL031/BL032 report these
    for formula in math.formulas:
        if id(formula) in broken:
            continue
        refused = []
        for engine in ENGINES:
            issues = check_tex(
                formula.tex, engine, display=formula.display, macros=math.profile.macros
            )
            if issues:
                refused.append(f"{_NAMES[engine]} ({issues[0].message})")
        if refused:
            yield Hit(
                formula.line,
                formula.column,
                f"`{excerpt(formula.tex)}` fails in {'; '.join(refused)}: set "
                "`bloglint: math: engine:` to the site's engine, or avoid the construct",
            )
