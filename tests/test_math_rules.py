"""The math rules end to end on small sites: messages, the shared per-post analysis, options."""

from __future__ import annotations

from pathlib import Path

import pytest

from bloglint import engine
from bloglint.config import load_lint_config
from bloglint.model import Finding
from bloglint.site import load_site
from tests.sites import post, write_site

MATH = [f"BL03{i}" for i in range(7)]
MATHJAX2_IN_CODE = (
    "<script type='text/x-mathjax-config'>MathJax.Hub.Config({tex2jax: "
    "{skipTags: ['script','noscript','style','textarea','pre']}});</script>\n"
    "<script src='/js/MathJax.js?config=TeX-AMS-MML_HTMLorMML'></script>\n{{ content }}\n"
)


def _lint(root: Path) -> list[Finding]:
    site = load_site(root)
    config = load_lint_config(site.config.get("bloglint"))
    return engine.run(site, config, only=MATH).findings


def test_a_post_with_every_kind_of_math_problem(tmp_path: Path) -> None:
    body = (  # the front matter takes lines 1-5
        "Good `\\(\\alpha_t\\)` and `\\[\nx = \\frac{1}{2}\n\\]` here.\n"  # lines 6-8
        "Typo `\\(\\lamda\\)`, broken `\\(a^b^c\\)`, open `\\(p_i)`.\n"  # line 9
        "Dollars $X$ stay literal.\n"  # line 10
        "\n"
        "Bare \\(x^2\\) loses its backslash.\n"  # line 12
    )
    root = write_site(
        tmp_path,
        {
            "_layouts/default.html": MATHJAX2_IN_CODE,
            "_posts/2024-01-01-a.md": post(body, mathjax=True),
        },
    )
    found = [(f.rule_id, f.line, f.column) for f in _lint(root)]
    assert found == [
        ("BL032", 9, 9),
        ("BL031", 9, 33),  # the second `^`
        ("BL030", 9, 46),
        ("BL033", 10, 9),
        ("BL034", 12, 6),
    ]
    messages = {f.rule_id: f.message for f in _lint(root)}
    assert messages["BL032"] == (
        "undefined control sequence `\\lamda`: MathJax 2 does not define it; check the spelling"
    )
    assert "double superscript" in messages["BL031"] and "`a^b^c`" in messages["BL031"]
    # the Hexo habit: `mathjax: true` does not enable `$` on this Jekyll site
    assert messages["BL033"].endswith(
        "(`mathjax: true` in the front matter does not change that on this site)"
    )
    assert "wrap it in backticks" in messages["BL034"]


def test_configuration_overrides_the_detected_profile(tmp_path: Path) -> None:
    body = "Inline $x_1$ and `\\(y\\)`.\n"
    files = {"_layouts/default.html": MATHJAX2_IN_CODE, "_posts/2024-01-01-a.md": post(body)}
    root = write_site(tmp_path, files)
    assert [f.rule_id for f in _lint(root)] == ["BL033"]
    root = write_site(tmp_path, files, bloglint={"math": {"inline": ["$", "\\("]}})
    assert _lint(root) == []


def test_posts_without_math_cost_nothing_and_report_nothing(tmp_path: Path) -> None:
    files = {
        "_layouts/post.html": "{% if page.math %}<script src='/katex.min.js'></script>{% endif %}",
        "_posts/2024-01-01-a.md": post("Shell: `echo $HOME` and\n\n    $$ indented\n"),
        "_posts/2024-01-02-b.md": post("A formula $$e^{i\\pi}$$.\n"),
        "_posts/2024-01-03-c.md": post("A formula $$e^{i\\pi}$$.\n", math=True),
    }
    findings = _lint(write_site(tmp_path, files))
    assert [(f.path, f.rule_id) for f in findings] == [("_posts/2024-01-02-b.md", "BL035")]
    assert "`math: true`" in findings[0].message


def test_unchanged_posts_replay_their_math_from_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bloglint.index import SiteIndex
    from bloglint.math import post as math_post

    body = "Typo `\\(\\lamda\\)` and `\\[\nx^2^3\n\\]`, open `\\(p_i)`, $X$ and \\(y\\).\n"
    root = write_site(
        tmp_path,
        {
            "_layouts/default.html": MATHJAX2_IN_CODE,
            "_posts/2024-01-01-a.md": post(body, mathjax=True),
            "_posts/2024-01-02-b.md": post("Fine `\\(\\alpha\\)`.\n", mathjax=True),
        },
    )

    def lint_with_index() -> list[Finding]:
        with SiteIndex(root / ".bloglint-cache") as index:
            site = load_site(root, index=index)
            config = load_lint_config(site.config.get("bloglint"))
            return engine.run(site, config, only=MATH).findings

    first = lint_with_index()
    assert {f.rule_id for f in first} == {"BL030", "BL031", "BL032", "BL033", "BL034"}

    def no_work(*args: object) -> object:
        raise AssertionError("an unchanged post's math was worked out again")

    monkeypatch.setattr(math_post, "_work_out", no_work)
    assert lint_with_index() == first  # same findings, same lines and columns, from the index
