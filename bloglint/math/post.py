"""A post's math, worked out once per run and shared by the math rules (BL030-BL036).

The site profile is detected once (`ctx.memo`); each post is extracted and its formulas
checked once, whichever math rule asks first. With an index (the default `bloglint check`),
an unchanged post's math is replayed from it: after editing one post, only that post's
math is worked out again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from bloglint.math.extract import Formula, MathScan, _Lines, extract_math
from bloglint.math.profile import MathProfile, detect_profile
from bloglint.math.tex import TexIssue, check_tex, defined_macros
from bloglint.model import Hit

if TYPE_CHECKING:
    from bloglint.engine import CheckContext
    from bloglint.site import Site

_PROFILE = "math.profile"
_POSTS = "math.posts"
_KEY = "math.derived_key"


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
        # With an index, an unchanged post's math is replayed from it (a run after editing
        # one post then only works out that post's math).
        index = getattr(ctx.site, "index", None)
        key = _derived_key(profile, ctx.memo) if index is not None else ""
        saved = index.derived(relpath, key) if index is not None else None
        if isinstance(saved, tuple) and len(saved) == 3:
            found = _replay(saved, profile, source.body, source.body_line)
        else:
            found = _work_out(profile, source.body, source.body_line)
            if index is not None:
                index.store_derived(relpath, key, _record(found))
        cache[relpath] = found
    return found


def _work_out(profile: MathProfile, body: str, first_line: int) -> PostMath:
    scan = extract_math(body, first_line, profile)
    issues: list[tuple[Formula, TexIssue]] = []
    if scan.formulas:
        # MathJax keeps \newcommand definitions for the rest of the page.
        macros = profile.macros | defined_macros(f.tex for f in scan.formulas)
        engine = profile.tex_engine
        for formula in scan.formulas:
            for issue in check_tex(formula.tex, engine, display=formula.display, macros=macros):
                issues.append((formula, issue))
    return PostMath(profile, scan, issues)


def _derived_key(profile: MathProfile, memo: dict[str, object]) -> str:
    """What a post's math depends on besides its content: the site's profile and this code
    (its files' sizes and times, so an edited checkout never replays an older verdict)."""
    key = memo.get(_KEY)
    if key is None:
        import hashlib

        from bloglint.index import code_fingerprint

        code = code_fingerprint(
            *(f"math/{name}" for name in ("extract.py", "tex.py", "post.py", "profile.py")),
            "math/commands.json",
        )
        # (macros sorted: a set's order changes from one process to the next)
        parts = [repr(profile._replace(macros=frozenset())), repr(sorted(profile.macros)), code]
        digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()
        key = memo[_KEY] = f"math:{digest}"
    return key  # type: ignore[return-value]


def _record(math: PostMath) -> tuple[object, ...]:
    """A post's math without its text (the formulas' `lines` hold the whole body)."""
    formulas = math.scan.formulas
    position = {id(formula): n for n, formula in enumerate(formulas)}
    return (
        [tuple(f[:-1]) for f in formulas],
        list(math.scan.problems),
        [(position[id(formula)], issue) for formula, issue in math.issues],
    )


def _replay(
    saved: tuple[object, ...], profile: MathProfile, body: str, first_line: int
) -> PostMath:
    formula_rows, problems, issue_rows = saved
    lines = _Lines(body, first_line)
    scan = MathScan()
    scan.formulas = [Formula(*row, lines) for row in formula_rows]  # type: ignore[attr-defined]
    scan.problems = list(problems)  # type: ignore[call-overload]
    issues = [(scan.formulas[n], issue) for n, issue in issue_rows]  # type: ignore[attr-defined]
    return PostMath(profile, scan, issues)


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
