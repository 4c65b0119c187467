"""Which math engine a site loads, with which delimiters, and for which posts.

Read from the site's `_layouts` and `_includes` (the `<script>` that loads MathJax or KaTeX
and its configuration) and `_config.yml`, so the math rules see formulas exactly where the
site's engine will: a MathJax 2 site that drops `code` from `skipTags` typesets `\\(..\\)`
written in backticks; single `$` is math only where `inlineMath` says so; a layout that
wraps the script in `{% if page.mathjax %}` only loads it for posts that set the key.
Everything can be overridden in `bloglint: {math: {...}}`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from bloglint.math.tex import Engine
from bloglint.model import ConfigError

Pair = tuple[str, str]

# The engines' own defaults (tex2jax 2.7, MathJax 3 tex input, KaTeX auto-render).
_DEFAULTS: dict[str, dict[str, Any]] = {
    "mathjax2": {
        "inline": (("\\(", "\\)"),),
        "display": (("$$", "$$"), ("\\[", "\\]")),
        "escapes": False,
        "code": False,
    },
    "mathjax3": {
        "inline": (("\\(", "\\)"),),
        "display": (("$$", "$$"), ("\\[", "\\]")),
        "escapes": True,
        "code": False,
    },
    "katex": {
        "inline": (("\\(", "\\)"),),
        "display": (("$$", "$$"), ("\\[", "\\]")),
        "escapes": False,
        "code": False,
    },
}
PARTNER = {"$": "$", "$$": "$$", "\\(": "\\)", "\\[": "\\]"}
ENGINE_NAMES = ("mathjax2", "mathjax3", "katex", "unknown", "none")


class MathProfile(NamedTuple):
    """How math on this site is found and rendered."""

    engine: str  # mathjax2 | mathjax3 | katex | unknown (cannot tell) | none (no engine loaded)
    inline: tuple[Pair, ...] = (("\\(", "\\)"),)
    display: tuple[Pair, ...] = (("$$", "$$"), ("\\[", "\\]"))
    environments: bool = True  # bare \begin{env}..\end{env} is math (MathJax processEnvironments)
    escapes: bool = False  # `\$` is a literal dollar (processEscapes)
    code: bool = False  # math inside <code> is typeset (`code` not in skipTags/ignoredTags)
    opt_in_key: str | None = None  # front-matter key the layout requires before loading the engine
    macros: frozenset[str] = frozenset()  # macros the engine configuration defines
    kramdown_math: bool = True  # kramdown turns $$..$$ into \(..\) / \[..\]
    source: str | None = None  # the file the engine was found in

    @property
    def tex_engine(self) -> Engine:
        """The vocabulary to check TeX against (`unknown` when no single engine applies)."""
        return self.engine if self.engine in ("mathjax2", "mathjax3", "katex") else "unknown"  # type: ignore[return-value]

    @property
    def dollar_inline(self) -> bool:
        return ("$", "$") in self.inline


# --- detection ----------------------------------------------------------------------------

_MATHJAX3 = re.compile(
    r"mathjax@3|mathjax/3|mathjax@4|/es5/tex-|tex-(?:mml-)?(?:chtml|svg)(?:-full)?\.js|"
    r"window\.MathJax\s*=",
    re.I,
)
_MATHJAX2 = re.compile(
    r"MathJax\.js|MathJax\.Hub|text/x-mathjax-config|mathjax@2|mathjax/2\.|mathjax/latest", re.I
)
_KATEX = re.compile(r"katex(?:\.min)?\.js|katex@|renderMathInElement|auto-render", re.I)
_MENTION = re.compile(r"mathjax|katex", re.I)
_IF_PAGE = re.compile(
    r"{%-?\s*(if|unless)\s+(.*?)\s*-?%}|{%-?\s*(endif|endunless|else|elsif[^%]*)\s*-?%}"
)
_INCLUDE = re.compile(r"{%-?\s*include\s+([\w./-]+)")
_KEY = re.compile(r"\b(page|layout|site)\.([A-Za-z_][\w-]*)")


def _engine_at(text: str) -> tuple[str, int] | None:
    """The engine a template loads and where (MathJax 3 wins over 2 when both patterns match)."""
    for engine, pattern in (("mathjax3", _MATHJAX3), ("mathjax2", _MATHJAX2), ("katex", _KATEX)):
        m = pattern.search(text)
        if m:
            return engine, m.start()
    return None


def _guard(text: str, offset: int, config: dict[str, Any]) -> str | None:
    """The `{% if page.KEY %}` condition around `offset`, as "page.KEY" / "site.KEY", if any."""
    stack: list[str | None] = []
    for m in _IF_PAGE.finditer(text, 0, offset):
        if m.group(1):
            condition = m.group(2) if m.group(1) == "if" else ""
            keys = _KEY.findall(condition)
            chosen = next((f"{s}.{k}" for s, k in keys if s in ("page", "layout")), None)
            if chosen is None and keys:
                chosen = f"{keys[0][0]}.{keys[0][1]}"
            # `{% if page.math or site.math %}` is always true when the site sets `math`.
            if " or " in condition and any(s == "site" and config.get(k) for s, k in keys):
                chosen = None
            stack.append(chosen)
        elif m.group(3).startswith(("endif", "endunless")):
            if stack:
                stack.pop()
        elif stack:  # else/elsif: the engine is not in the guarded branch
            stack[-1] = None
    return next((g for g in reversed(stack) if g), None)


def _pairs(config: str, key: str) -> tuple[Pair, ...] | None:
    """`inlineMath: [['$','$'], ['\\\\(','\\\\)']]` -> (('$', '$'), ('\\(', '\\)'))."""
    m = re.search(key + r"""['"]?\s*:\s*\[((?:\s*\[[^\]]*\]\s*,?)*)\s*\]""", config)
    if not m:
        return None
    pairs = []
    for inner in re.findall(r"\[([^\]]*)\]", m.group(1)):
        strings = [s for s in re.findall(r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)\"""", inner)]
        values = [(a or b).replace("\\\\", "\\") for a, b in strings]
        if len(values) >= 2:
            pairs.append((values[0], values[1]))
    return tuple(pairs)


def _katex_delimiters(config: str) -> tuple[tuple[Pair, ...], tuple[Pair, ...]] | None:
    """KaTeX auto-render `delimiters: [{left: "$$", right: "$$", display: true}, ...]`."""
    entries = re.findall(
        r"\{\s*left\s*:\s*(['\"])(.*?)\1\s*,\s*right\s*:\s*(['\"])(.*?)\3\s*,"
        r"\s*display\s*:\s*(true|false)",
        config,
    )
    if not entries:
        return None
    inline, display = [], []
    for _, left, _, right, disp in entries:
        pair = (left.replace("\\\\", "\\"), right.replace("\\\\", "\\"))
        (display if disp == "true" else inline).append(pair)
    return tuple(inline), tuple(display)


def _skips_code(config: str, key: str) -> bool | None:
    """Whether a skip list (`skipTags`, `skipHtmlTags`, `ignoredTags`) names `code`."""
    m = re.search(key + r"""['"]?\s*:\s*\[([^\]]*)\]""", config)
    if not m:
        return None
    return bool(re.search(r"""['"]code['"]""", m.group(1)))


def _ignores_kramdown_code(config: str) -> bool:
    """Whether `ignoreClass`/`ignoreHtmlClass` matches the classes kramdown gives code spans."""
    m = re.search(r"""ignore(?:Html)?Class['"]?\s*:\s*(['"])(.*?)\1""", config)
    if not m:
        return False
    try:
        return (
            re.search(m.group(2).replace("\\\\", "\\"), "language-plaintext highlighter-rouge")
            is not None
        )
    except re.error:
        return False


def _boolean(config: str, key: str) -> bool | None:
    m = re.search(key + r"""['"]?\s*:\s*(true|false)""", config)
    return None if m is None else m.group(1) == "true"


def _macros(config: str) -> frozenset[str]:
    """Names in MathJax `Macros: {RR: ...}` / `macros: {RR: ...}` or KaTeX `macros: {"\\RR": ..}`."""
    m = re.search(r"[Mm]acros['\"]?\s*:\s*\{", config)
    if not m:
        return frozenset()
    depth, i = 1, m.end()
    while i < len(config) and depth:
        depth += {"{": 1, "}": -1}.get(config[i], 0)
        i += 1
    body = config[m.end() : i - 1]
    names = re.findall(r"""(?:^|[{,\s])['"]?(?:\\\\)?([A-Za-z]+)['"]?\s*:""", body)
    return frozenset(names)


def _templates(site_root: Path) -> list[tuple[str, str]]:
    files = []
    for folder in ("_layouts", "_includes"):
        base = site_root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file() and path.suffix.lower() in (
                    ".html",
                    ".htm",
                    ".liquid",
                    ".md",
                    "",
                ):
                    try:
                        files.append(
                            (
                                path.relative_to(site_root).as_posix(),
                                path.read_text(encoding="utf-8", errors="replace"),
                            )
                        )
                    except OSError:
                        continue
    return files


def detect_profile(
    site_root: Path, jekyll_config: dict[str, Any], override: dict[str, Any] | None = None
) -> MathProfile:
    """The site's math profile from its templates and config, then the user's `override`."""
    templates = _templates(site_root)
    found: tuple[str, str, int] | None = None  # engine, relpath, offset
    for relpath, text in templates:
        hit = _engine_at(_without_html_comments(text))
        if hit:
            found = (hit[0], relpath, hit[1])
            break
    if found is None:
        themed = any(jekyll_config.get(k) for k in ("theme", "remote_theme"))
        # A theme may load an engine from files we cannot see, and a template that names
        # MathJax or KaTeX in a way we do not recognise may still load it; otherwise nothing does.
        mentioned = any(_MENTION.search(_without_html_comments(text)) for _, text in templates)
        unsure = themed or mentioned or not templates
        profile = MathProfile(engine="unknown" if unsure else "none")
    else:
        engine, relpath, offset = found
        text = _without_html_comments(dict(templates)[relpath])
        defaults = _DEFAULTS[engine]
        inline, display = defaults["inline"], defaults["display"]
        escapes, code = defaults["escapes"], defaults["code"]
        environments = engine != "katex"
        if engine == "katex":
            delims = _katex_delimiters(text)
            if delims:
                inline, display = delims
            skip = _skips_code(text, "ignoredTags")
        else:
            inline = _pairs(text, "inlineMath") or inline
            display = _pairs(text, "displayMath") or display
            flag = _boolean(text, "processEscapes")
            escapes = escapes if flag is None else flag
            flag = _boolean(text, "processEnvironments")
            environments = environments if flag is None else flag
            skip = _skips_code(text, "skipHtmlTags" if engine == "mathjax3" else "skipTags")
        if skip is not None:
            code = not skip
        if code and _ignores_kramdown_code(text):
            code = False
        key = _guard(text, offset, jekyll_config) or _guard_by_include(
            templates, relpath, jekyll_config
        )
        opt_in = None
        if key:
            scope, name = key.split(".", 1)
            if scope == "site":
                # `{% if site.math %}`: on for every page when the site sets it, else never.
                if not jekyll_config.get(name):
                    engine = "none"
            else:
                opt_in = name
        profile = MathProfile(
            engine=engine,
            inline=tuple(inline),
            display=tuple(display),
            environments=environments,
            escapes=bool(escapes),
            code=bool(code),
            opt_in_key=opt_in,
            macros=_macros(text),
            source=relpath,
        )
    kramdown = jekyll_config.get("kramdown") or {}
    if isinstance(kramdown, dict) and "math_engine" in kramdown and not kramdown["math_engine"]:
        profile = profile._replace(kramdown_math=False)
    return apply_override(profile, override) if override else profile


def _without_html_comments(text: str) -> str:
    """Commented-out `<script>` tags load nothing (blank them, keeping offsets)."""
    return re.sub(r"<!--.*?-->", lambda m: " " * len(m.group()), text, flags=re.S)


def _guard_by_include(
    templates: list[tuple[str, str]], relpath: str, config: dict[str, Any]
) -> str | None:
    """`{% if page.math %}{% include mathjax.html %}{% endif %}` in a layout guards the include."""
    if not relpath.startswith("_includes/"):
        return None
    name = relpath[len("_includes/") :]
    for _, text in templates:
        text = _without_html_comments(text)
        for m in _INCLUDE.finditer(text):
            if m.group(1) == name:
                return _guard(text, m.start(), config)
    return None


# --- configuration ------------------------------------------------------------------------

OVERRIDE_KEYS = (
    "engine",
    "inline",
    "display",
    "code",
    "opt_in_key",
    "environments",
    "escapes",
    "macros",
)


def _pair_list(value: Any, key: str, source: str) -> tuple[Pair, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"`bloglint.math.{key}` must be a list of delimiters", source)
    pairs = []
    for item in value:
        if isinstance(item, str) and item in PARTNER:
            pairs.append((item, PARTNER[item]))
        elif isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item):
            pairs.append((item[0], item[1]))
        else:
            raise ConfigError(
                f"`bloglint.math.{key}`: `{item}` is not a delimiter; use one of "
                "`$`, `$$`, `\\(`, `\\[` or an [open, close] pair",
                source,
            )
    return tuple(pairs)


def validate_settings(raw: dict[str, Any], source: str) -> None:
    """Reject unknown keys and bad values in `bloglint.math`."""
    apply_override(MathProfile(engine="unknown"), raw, source)


def apply_override(
    profile: MathProfile, raw: dict[str, Any], source: str = "_config.yml"
) -> MathProfile:
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in OVERRIDE_KEYS:
            raise ConfigError(
                f"unknown key `bloglint.math.{key}`; known keys: {', '.join(OVERRIDE_KEYS)}", source
            )
        if key == "engine":
            if value not in ENGINE_NAMES:
                raise ConfigError(
                    f"`bloglint.math.engine` must be one of {', '.join(ENGINE_NAMES)}", source
                )
            changes["engine"] = value
        elif key in ("inline", "display"):
            changes[key] = _pair_list(value, key, source)
        elif key in ("code", "environments", "escapes"):
            if not isinstance(value, bool):
                raise ConfigError(f"`bloglint.math.{key}` must be true or false", source)
            changes[key] = value
        elif key == "opt_in_key":
            if value is not None and not isinstance(value, str):
                raise ConfigError("`bloglint.math.opt_in_key` must be a front-matter key", source)
            changes[key] = value or None
        else:  # macros
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError("`bloglint.math.macros` must be a list of macro names", source)
            changes[key] = frozenset(v.lstrip("\\") for v in value)
    return profile._replace(**changes)
