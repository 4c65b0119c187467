"""Math profile detection from layouts, includes and _config.yml (templates written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bloglint.math.profile import MathProfile, detect_profile, validate_settings
from bloglint.model import ConfigError

MATHJAX2_CODE = """<head>
<script type="text/x-mathjax-config">
  MathJax.Hub.Config({
    tex2jax: { skipTags: ['script', 'noscript', 'style', 'textarea', 'pre'],
               inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], processEscapes: true },
    TeX: { Macros: { RR: '{\\\\bf R}', bold: ['{\\\\bf #1}', 1] } }
  });
</script>
<script src="/js/MathJax/MathJax.js?config=TeX-AMS-MML_HTMLorMML"></script>
</head>
"""

MATHJAX3 = """<script>
window.MathJax = {
  tex: { inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$']] },
  options: { skipHtmlTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code'] }
};
</script>
<script id="MathJax-script" async src="https://cdn.example.org/npm/mathjax@3/es5/tex-mml-chtml.js"></script>
"""

KATEX = """<script defer src="https://cdn.example.org/npm/katex@0.16.9/dist/katex.min.js"></script>
<script defer src="https://cdn.example.org/npm/katex@0.16.9/dist/contrib/auto-render.min.js"></script>
<script>
document.addEventListener("DOMContentLoaded", function() {
  renderMathInElement(document.body, {
    delimiters: [
      {left: "$$", right: "$$", display: true},
      {left: "$", right: "$", display: false}
    ],
    ignoredTags: ["script", "noscript", "style", "textarea", "pre"]
  });
});
</script>
"""


def _site(root: Path, files: dict[str, str]) -> Path:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_mathjax2_with_code_typeset_dollars_and_macros(tmp_path: Path) -> None:
    profile = detect_profile(_site(tmp_path, {"_layouts/default.html": MATHJAX2_CODE}), {})
    assert profile.engine == "mathjax2"
    assert profile.code and profile.escapes and profile.dollar_inline
    assert profile.inline == (("$", "$"), ("\\(", "\\)"))
    assert profile.display == (("$$", "$$"), ("\\[", "\\]"))  # tex2jax default kept
    assert profile.macros == {"RR", "bold"}
    assert profile.opt_in_key is None and profile.source == "_layouts/default.html"


def test_ignore_class_that_matches_kramdown_code(tmp_path: Path) -> None:
    layout = MATHJAX2_CODE.replace(
        "processEscapes: true", "ignoreClass: 'highlighter-rouge|no-math'"
    )
    profile = detect_profile(_site(tmp_path, {"_layouts/default.html": layout}), {})
    assert profile.engine == "mathjax2" and not profile.code


def test_mathjax2_defaults(tmp_path: Path) -> None:
    layout = (
        '<script src="//cdn.mathjax.org/mathjax/latest/MathJax.js?config=TeX-AMS_HTML"></script>'
    )
    profile = detect_profile(_site(tmp_path, {"_layouts/post.html": layout}), {})
    assert profile == MathProfile(engine="mathjax2", source="_layouts/post.html")
    assert not profile.code and not profile.dollar_inline and profile.environments


def test_mathjax3_configuration(tmp_path: Path) -> None:
    profile = detect_profile(_site(tmp_path, {"_includes/head.html": MATHJAX3}), {})
    assert profile.engine == "mathjax3" and profile.escapes  # processEscapes is on in v3
    assert profile.dollar_inline and profile.display == (("$$", "$$"),)
    assert not profile.code


def test_katex_auto_render(tmp_path: Path) -> None:
    profile = detect_profile(_site(tmp_path, {"_includes/katex.html": KATEX}), {})
    assert profile.engine == "katex" and profile.tex_engine == "katex"
    assert profile.inline == (("$", "$"),) and profile.display == (("$$", "$$"),)
    assert profile.code  # `code` is not in ignoredTags
    assert not profile.environments


def test_front_matter_switch_in_the_layout(tmp_path: Path) -> None:
    layout = "{{ content }}\n{% if page.use_math %}\n" + MATHJAX3 + "{% endif %}\n"
    profile = detect_profile(_site(tmp_path, {"_layouts/post.html": layout}), {})
    assert profile.opt_in_key == "use_math"


def test_front_matter_switch_around_an_include(tmp_path: Path) -> None:
    files = {
        "_layouts/default.html": "{% if page.katex %}{% include math.html %}{% endif %}\n",
        "_includes/math.html": KATEX,
    }
    profile = detect_profile(_site(tmp_path, files), {})
    assert profile.engine == "katex" and profile.opt_in_key == "katex"


def test_page_or_site_switch(tmp_path: Path) -> None:
    layout = "{% if page.mathjax or site.mathjax %}" + MATHJAX3 + "{% endif %}"
    root = _site(tmp_path, {"_layouts/default.html": layout})
    assert detect_profile(root, {}).opt_in_key == "mathjax"
    assert detect_profile(root, {"mathjax": True}).opt_in_key is None


def test_site_switch(tmp_path: Path) -> None:
    layout = "{% if site.mathjax %}" + MATHJAX3 + "{% else %}<p>no math</p>{% endif %}"
    root = _site(tmp_path, {"_layouts/default.html": layout})
    assert detect_profile(root, {"mathjax": True}).engine == "mathjax3"
    assert detect_profile(root, {}).engine == "none"


def test_no_engine(tmp_path: Path) -> None:
    commented = "<!-- <script src='/MathJax.js?config=TeX-AMS_HTML'></script> -->{{ content }}"
    root = _site(tmp_path, {"_layouts/default.html": commented})
    assert detect_profile(root, {}).engine == "none"
    # a theme gem may load an engine from files bloglint cannot see
    assert detect_profile(root, {"theme": "minima"}).engine == "unknown"
    assert detect_profile(tmp_path / "empty", {}).engine == "unknown"
    # an engine loaded from a file name bloglint does not recognise
    _site(tmp_path, {"_includes/head.html": '<script src="/js/my-mathjax-loader.js"></script>'})
    assert detect_profile(root, {}).engine == "unknown"


def test_kramdown_without_math_engine(tmp_path: Path) -> None:
    root = _site(tmp_path, {"_layouts/default.html": MATHJAX3})
    assert not detect_profile(root, {"kramdown": {"math_engine": None}}).kramdown_math
    assert detect_profile(root, {"kramdown": {"input": "GFM"}}).kramdown_math


def test_override(tmp_path: Path) -> None:
    root = _site(tmp_path, {"_layouts/default.html": MATHJAX2_CODE})
    profile = detect_profile(
        root,
        {},
        {
            "engine": "katex",
            "inline": ["\\(", ["$", "$"]],
            "code": False,
            "opt_in_key": "math",
            "macros": ["\\R"],
        },
    )
    assert profile.engine == "katex" and not profile.code and profile.opt_in_key == "math"
    assert profile.inline == (("\\(", "\\)"), ("$", "$"))
    assert profile.macros == {"R"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"engin": "katex"}, "unknown key `bloglint.math.engin`"),
        ({"engine": "mathjax"}, "must be one of"),
        ({"inline": ["%%"]}, "is not a delimiter"),
        ({"code": "yes"}, "must be true or false"),
    ],
)
def test_bad_settings_are_clear_errors(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as error:
        validate_settings(raw, "_config.yml")
    assert message in error.value.message and error.value.path == "_config.yml"
