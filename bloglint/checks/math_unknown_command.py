"""BL032: a command or environment the site's math engine does not define (often a typo)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bloglint.math.post import issue_hit, post_math
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import CheckContext

_ENGINE_NAMES = {"mathjax2": "MathJax 2", "mathjax3": "MathJax 3", "katex": "KaTeX"}


def check(ctx: CheckContext) -> Iterator[Hit]:
    math = post_math(ctx)
    engine = _ENGINE_NAMES.get(math.profile.engine)
    who = f"{engine} does not define it" if engine else "no math engine defines it"
    for formula, issue in math.issues:
        if issue.kind != "syntax":
            yield issue_hit(formula, issue, f"{issue.message}: {who}; check the spelling")
