"""Formula extraction: where the math engine sees math, after kramdown, and what kramdown breaks.

tests/data/math/markdown.jsonl holds our own formulas written the ways authors write math in
posts (bare `\\\\(..\\\\)`, `\\(..\\)`, `$$..$$`, backticks, `$..$`, Markdown-escaped TeX) in
paragraphs, list items and blockquotes, rendered by the real kramdown 2.4 with Jekyll's
options (tools/render_kramdown.rb). The engine's view of that HTML is the truth.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bloglint.math.extract import extract_math
from bloglint.math.profile import MathProfile
from bloglint.math.tex import check_tex
from tests.math_view import engine_view, normalise

DATA = Path(__file__).parent / "data" / "math" / "markdown.jsonl"
PROFILES = {
    "default": MathProfile(engine="mathjax2"),
    "code": MathProfile(engine="mathjax2", code=True),
    "dollar": MathProfile(engine="mathjax3", inline=(("$", "$"), ("\\(", "\\)"))),
}
MANGLING = ("mangled", "eaten-backslash")


def test_against_real_kramdown() -> None:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) > 1000
    consistent = tp = fp = fn = 0
    for row in rows:
        profile = PROFILES[row["profile"]]
        scan = extract_math(row["markdown"], 1, profile)
        found = Counter(normalise(f.tex) for f in scan.formulas)
        seen = engine_view(row["html"], profile)
        mangled = normalise(row["intended"]) not in seen
        reported = any(p.kind in MANGLING for p in scan.problems)
        # Either bloglint finds exactly the formulas the engine typesets, or it says why the
        # formula the author wrote is not what the engine gets.
        consistent += found == seen or (reported and mangled)
        tp += reported and mangled
        fp += reported and not mangled
        fn += mangled and not reported
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(
        f"consistent {consistent}/{len(rows)}; mangling precision {precision:.3f} recall {recall:.3f}"
    )
    assert consistent / len(rows) >= 0.99
    assert tp > 200
    assert precision >= 0.99
    assert recall >= 0.95


def _scan(
    body: str, **profile: object
) -> tuple[list[tuple[str, int, int, str]], list[tuple[str, int]]]:
    scan = extract_math(body, 1, MathProfile(**{"engine": "mathjax2", **profile}))  # type: ignore[arg-type]
    return (
        [(f.tex, f.line, f.column, f.where) for f in scan.formulas],
        [(p.kind, p.line) for p in scan.problems],
    )


def test_code_is_never_math() -> None:
    body = (
        "```sh\necho $$ $(pwd) ${HOME}\n$$x$$\n```\n\n"
        "    indented $$y$$ code\n\n"
        "Text `$$z$$` and `\\(w\\)` in code spans.\n\n"
        "<pre>$$v$$</pre>\n"
    )
    formulas, problems = _scan(body)
    assert formulas == [] and problems == []


def test_code_spans_are_math_where_the_site_typesets_code() -> None:
    body = "The rate `\\(\\eta\\)` and\n`\\[\nx = 1\n\\]` here.\n"
    assert _scan(body)[0] == []
    formulas, _ = _scan(body, code=True)
    assert formulas == [("\\eta", 1, 11, "code"), ("\nx = 1\n", 2, 2, "code")]


def test_kramdown_dollars_and_escaped_delimiters() -> None:
    body = "---\n\nInline $$a^2$$ and \\\\(b\\_i\\\\).\n\n$$\nc = d\n$$\n"
    formulas, problems = _scan(body)
    assert formulas == [
        ("a^2", 3, 8, "kramdown"),
        ("b_i", 3, 20, "text"),  # kramdown removed the escapes
        ("\nc = d\n", 5, 1, "kramdown"),
    ]
    assert problems == []
    scan = extract_math(body, 1, MathProfile(engine="mathjax2"))
    assert [f.display for f in scan.formulas] == [False, False, True]
    # positions inside the TeX map back through the removed backslash
    b_i = scan.formulas[1]
    assert [b_i.position(i) for i in range(3)] == [(3, 23), (3, 24), (3, 26)]  # `_` → its `\`


def test_raw_html_blocks_are_left_alone() -> None:
    body = "<table>\n<tr><td>\\(O(n^2)\\)</td>\n\n<td>\\(x_1\\)</td></tr>\n</table>\n"
    formulas, problems = _scan(body)
    assert [f[:2] for f in formulas] == [("O(n^2)", 2), ("x_1", 4)]
    assert problems == []


def test_unclosed_delimiters() -> None:
    formulas, problems = _scan(
        "The prefix `\\(p_i)` matches.\n\nLoss $$\\sum_k l_k is low.\n", code=True
    )
    assert formulas == []
    assert problems == [("unclosed", 1), ("unclosed", 3)]


def test_literal_dollars_but_not_prices_or_code() -> None:
    body = "Given $X$ and $h_t$, pay $5 or $10; `$HOME` is code; $ x $ is spaced.\n"
    _, problems = _scan(body)
    assert problems == [("literal-dollar", 1), ("literal-dollar", 1)]
    formulas, problems = _scan(body, inline=(("$", "$"),))
    # with `$` enabled the engine really pairs up the prices (why MathJax leaves it off)
    assert [f[0] for f in formulas] == ["X", "h_t", "5 or ", " x "]
    assert problems == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("The norm \\(\\|x\\|\\) here.\n", "turns `\\(` into `(`"),
        ("The set \\\\(\\{a, b\\}\\\\) here.\n", "turns `\\{` into `{`"),
        ("So \\\\(a*b*c\\\\) commutes.\n", "emphasis"),
        ("Rows \\\\(\\begin{matrix} a \\\\ b \\end{matrix}\\\\) here.\n", "line break"),
        ("Bayes \\\\(P(A|B)\\\\) here.\n", "table row"),
        ("Derivative \\\\(f'(x)\\\\) here.\n", "curly quote"),
        ("Liquid `\\(\\frac{{a}}{b}\\)` here.\n", "Liquid tag"),
    ],
)
def test_mangled_math_is_explained(body: str, reason: str) -> None:
    scan = extract_math(body, 1, MathProfile(engine="mathjax2", code=True))
    messages = [p.message for p in scan.problems if p.kind in MANGLING]
    assert len(messages) == 1 and reason in messages[0], messages


def test_markdown_escaped_tex_is_fine() -> None:
    body = (
        "Returns \\\\( R\\_t = \\sum\\_{k} \\gamma^k r\\_{t+k} \\\\) and \\\\(\\\\{x\\\\}\\\\).\n"
    )
    formulas, problems = _scan(body)
    assert [f[0] for f in formulas] == [" R_t = \\sum_{k} \\gamma^k r_{t+k} ", "\\{x\\}"]
    assert problems == []


def test_liquid_raw_protects_braces() -> None:
    body = "{% raw %}\n$$\\frac{{a}}{b}$$\n{% endraw %}\n"
    assert _scan(body)[1] == []


def test_blockquote_markers_are_not_part_of_a_formula() -> None:
    body = "> `\\[\n> a = b\n> \\]`\n"
    formulas, _ = _scan(body, code=True)
    assert formulas == [("\na = b\n", 1, 4, "code")]


def test_environments_in_text() -> None:
    body = "Text\n\\begin{equation}\nE = mc^2\n\\end{equation}\nmore.\n"
    formulas, _ = _scan(body)
    assert formulas == [("\\begin{equation}\nE = mc^2\n\\end{equation}", 2, 1, "text")]
    assert _scan(body, environments=False)[0] == []


ALPHABET = "\\{}[]()$`_*^&#%'|<>!-\n >abxyz\t0"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80), st.sampled_from(sorted(PROFILES)))
@example("$\\\\`", "dollar")  # an escaped backslash before a backtick (found by hypothesis)
def test_any_text_is_scanned_without_crashing(body: str, profile_name: str) -> None:
    """Whatever a post contains, extraction and checking finish and positions are in the file."""
    profile = PROFILES[profile_name]
    scan = extract_math(body, 3, profile)
    lines = body.count("\n") + 3
    for formula in scan.formulas:
        assert 3 <= formula.line <= lines
        for issue in check_tex(formula.tex, profile.tex_engine, display=formula.display):
            line, column = formula.position(issue.offset)
            assert 3 <= line <= lines and column >= 1
    for problem in scan.problems:
        assert 3 <= problem.line <= lines and problem.column >= 1


def test_windows_line_endings_read_like_unix_ones() -> None:
    """kramdown turns CRLF into LF before parsing; blank lines with `\\r` still end paragraphs."""
    body = "Intro `\\(a\n\nb\\)` text.\n\n    $$indented$$\n\n$$\nx = 1\n$$\n"
    unix = extract_math(body, 1, PROFILES["code"])
    windows = extract_math(body.replace("\n", "\r\n"), 1, PROFILES["code"])
    assert [(f.tex.replace("\r", ""), f.line, f.display) for f in windows.formulas] == [
        (f.tex, f.line, f.display) for f in unix.formulas
    ]
    assert [f.tex for f in unix.formulas] == ["\nx = 1\n"]
