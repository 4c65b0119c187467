"""BL035: math in a post for which the site's layouts do not load a math engine."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bloglint.math.post import post_math
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import CheckContext


def check(ctx: CheckContext) -> Iterator[Hit]:
    math = post_math(ctx)
    if not math.formulas:
        return
    first = math.formulas[0]
    profile = math.profile
    if profile.engine == "none":
        yield Hit(
            first.line,
            first.column,
            "this post has math but the site's layouts load no math engine (MathJax or KaTeX): "
            "add one to the layout",
        )
    elif profile.opt_in_key and not ctx.post.data.get(profile.opt_in_key):
        key = profile.opt_in_key
        yield Hit(
            first.line,
            first.column,
            f"this post has math but no `{key}: true` in its front matter, and the layout "
            f"({profile.source}) only loads the math engine when `page.{key}` is set: add it",
        )
