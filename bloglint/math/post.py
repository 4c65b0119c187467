"""A post's math, worked out once per run and shared by the math rules (BL030-BL036).

The site profile is detected once (`ctx.memo`); each post is extracted and its formulas
checked once, whichever math rule asks first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bloglint.math.extract import Formula, MathScan, extract_math
from bloglint.math.profile import MathProfile, detect_profile
from bloglint.math.tex import TexIssue, check_tex, defined_macros
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import CheckContext
    from bloglint.site import Site

_PROFILE = "math.profile"
_POSTS = "math.posts"


class PostMath(NamedTuple):
    profile: MathProfile
    scan: MathScan
    issues: list[tuple[Formula, TexIssue]]  # TeX problems, in source order

    @property
    def formulas(self) -> list[Formula]:
        return self.scan.formulas


def site_profile(
    site: Site, override: dict[str, object] | None, memo: dict[str, object]
) -> MathProfile:
    profile = memo.get(_PROFILE)
    if profile is None:
        profile = memo[_PROFILE] = detect_profile(site.root, site.config, override or None)
    return profile  # type: ignore[return-value]


def post_math(ctx: CheckContext) -> PostMath:
    cache: dict[str, PostMath] = ctx.memo.setdefault(_POSTS, {})  # type: ignore[assignment]
    relpath = ctx.post.relpath
    found = cache.get(relpath)
    if found is None:
        profile = site_profile(ctx.site, ctx.config.section("math"), ctx.memo)
        source = ctx.post.source
        scan = extract_math(source.body, source.body_line, profile)
        issues: list[tuple[Formula, TexIssue]] = []
        if scan.formulas:
            # MathJax keeps \newcommand definitions for the rest of the page.
            macros = profile.macros | defined_macros(f.tex for f in scan.formulas)
            engine = profile.tex_engine
            for formula in scan.formulas:
                for issue in check_tex(formula.tex, engine, display=formula.display, macros=macros):
                    issues.append((formula, issue))
        found = cache[relpath] = PostMath(profile, scan, issues)
    return found


def excerpt(tex: str, limit: int = 40) -> str:
    """A one-line excerpt of a formula for messages."""
    text = " ".join(tex.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def issue_hit(formula: Formula, issue: TexIssue, message: str) -> Hit:
    """Report a TeX problem where it is when that is on the formula's first line, else at the
    formula (a display formula is one unit for the reader) naming the line of the problem."""
    line, column = formula.position(issue.offset)
    if line == formula.line:
        return Hit(line, column, message)
    return Hit(formula.line, formula.column, f"{message} (line {line})")
