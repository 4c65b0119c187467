"""The math rules on real blogs: exactly the known bad formulas, nothing else.

daiwk.github.io (MathJax 2 typesetting inside <code>, ~2,650 formulas in backticks) has two
live malformed formulas, one unclosed `\\(` in a code span and one literal `$X$`; everything
else renders. karpathy.github.io writes `\\\\(..\\\\)` and `$$..$$` in Markdown (also in table
cells) behind a `page.mathjax` switch; all of it renders.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

import pytest

from bloglint import engine
from bloglint.config import load_lint_config
from bloglint.math.extract import extract_math
from bloglint.math.profile import detect_profile
from bloglint.math.tex import check_tex
from bloglint.site import load_site
from tests.corpus import corpus_dir
from tests.math_view import engine_view, normalise

MATH_RULES = [f"BL03{i}" for i in range(7)]


def _findings(name: str) -> set[tuple[str, int, str]]:
    site = load_site(corpus_dir(name))
    config = load_lint_config(site.config.get("bloglint"))
    result = engine.run(site, config, only=MATH_RULES)
    return {(f.path, f.line, f.rule_id) for f in result.findings}


def test_daiwk_reports_exactly_the_broken_formulas() -> None:
    assert _findings("daiwk") == {
        ("_posts/2016-10-20-platform-paddlepaddle-layers.md", 395, "BL031"),  # `W_ \\`
        ("_posts/2017-06-21-nlp-fasttext.md", 142, "BL031"),  # v'_{w_j}^T
        ("_posts/2017-08-04-ml-topknn.md", 263, "BL030"),  # `\(p_i)`
        ("_posts/1970-01-01-knowledge-tf-usage.md", 305, "BL033"),  # $X$
    }


def test_daiwk_profile_and_formulas() -> None:
    root = corpus_dir("daiwk")
    site = load_site(root)
    profile = detect_profile(root, site.config)
    assert profile.engine == "mathjax2" and profile.code and profile.opt_in_key is None
    assert not profile.dollar_inline
    kinds: Counter[tuple[str, str]] = Counter()
    broken = 0
    for post in site.posts:
        scan = extract_math(post.source.body, post.source.body_line, profile)
        for formula in scan.formulas:
            kinds[(formula.where, formula.delimiter)] += 1
            broken += bool(check_tex(formula.tex, "mathjax2", display=formula.display))
    # 2,665 formulas, as a tex2jax scan of the rendered feed finds (math-facts.md §1)
    assert sum(kinds.values()) == 2665
    assert kinds[("code", "\\(")] == 2191
    assert kinds[("code", "\\[")] == 460
    assert kinds[("html", "\\(")] == 12  # inside a raw <table>
    assert kinds[("kramdown", "$$")] == 1
    assert kinds[("text", "\\begin")] == 1
    assert broken == 2


def test_karpathy_markdown_math_is_understood() -> None:
    root = corpus_dir("karpathy")
    site = load_site(root)
    profile = detect_profile(root, site.config)
    assert profile.engine == "mathjax2" and not profile.code
    assert profile.opt_in_key == "mathjax"
    formulas = []
    for post in site.posts:
        formulas += [
            (post.relpath, f)
            for f in extract_math(post.source.body, post.source.body_line, profile).formulas
        ]
    kinds = Counter((f.where, f.delimiter) for _, f in formulas)
    assert kinds == {("text", "\\("): 49, ("kramdown", "$$"): 31}
    # kramdown's escapes are undone: `\\( h\_t \\)` reaches MathJax as `\( h_t \)`
    texts = {f.tex for _, f in formulas}
    assert " h_t = \\tanh ( W_{hh} h_{t-1} + W_{xh} x_t ) " in texts
    # the `$$` inside table cells are inline formulas
    table = [f for path, f in formulas if "microgpt" in path and f.tex == "a \\cdot b"]
    assert table and not table[0].display
    # the aligned derivation between lone `$$` lines is display math
    assert any(f.display and "\\begin{align}" in f.tex for _, f in formulas)
    assert _findings("karpathy") == set()


# daiwk's feed holds all its posts (see the feed test below); karpathy's only the last ten, so
# its other posts are rendered with bloglint's kramdown port.
@pytest.mark.parametrize("name", ["karpathy"])
def test_extraction_matches_the_engine_on_kramdown_output(name: str) -> None:
    """Every post: formulas found in the source == formulas tex2jax finds in kramdown's HTML."""
    from bloglint.render import render_markdown

    root = corpus_dir(name)
    site = load_site(root)
    profile = detect_profile(root, site.config)
    total = 0
    for post in site.posts:
        body = post.source.body
        source = Counter(
            normalise(f.tex) for f in extract_math(body, post.source.body_line, profile).formulas
        )
        rendered = (
            engine_view(render_markdown(body), profile)
            if "\\" in body or "$" in body
            else Counter()
        )
        assert source == rendered, post.relpath
        total += sum(source.values())
    assert total == 80


def test_mojombo_has_no_math_and_no_engine() -> None:
    root = corpus_dir("mojombo")
    assert detect_profile(root, load_site(root).config).engine == "none"
    assert _findings("mojombo") == set()


@pytest.mark.parametrize(
    ("name", "feed", "formulas"), [("daiwk", "atom.xml", 2665), ("karpathy", "feed.xml", 71)]
)
def test_extraction_matches_the_engine_on_jekylls_own_feed(
    name: str, feed: str, formulas: int
) -> None:
    """The real Jekyll 4.3 output (expected/ feed content) is the oracle for the posts it holds."""
    root = corpus_dir(name)
    site = load_site(root)
    profile = detect_profile(root, site.config)
    # The feed is not well-formed XML everywhere (a raw `&` in one post), so entries are cut
    # out with a pattern and their escaped HTML unescaped once, as a feed reader does.
    text = (root / "expected" / feed).read_text(encoding="utf-8")
    entry = re.compile(
        r'<link href="([^"]*)"/>.*?<content type="html">(.*?)</content>'  # Atom
        r"|<item>.*?<description>(.*?)</description>.*?<link>([^<]*)</link>",  # RSS
        re.S,
    )
    html = {
        (m.group(1) or m.group(4)): unescape(m.group(2) or m.group(3) or "")
        for m in entry.finditer(text)
    }
    total = 0
    for post in site.posts:
        rendered = html.get(site.config["url"] + post.url)
        if rendered is None:
            continue
        found = Counter(
            normalise(f.tex)
            for f in extract_math(post.source.body, post.source.body_line, profile).formulas
        )
        assert found == engine_view(rendered, profile), post.relpath
        total += sum(found.values())
    assert total == formulas
