"""Syntax highlighting that reproduces rouge 3.30's HTML (as kramdown calls it) with Pygments.

kramdown asks rouge for `Lexer.find_fancy(lang)`; an unknown name means "no highlighting" (the
caller then writes a bare `<pre><code class="language-x">`). rouge's HTML formatter joins
consecutive tokens of one type and wraps each run in `<span class="shortname">`, except plain
`Text`. Token short names are Pygments' (they coincide with rouge's; rouge adds a few).

Common languages are ported from rouge's own lexers to Pygments `ExtendedRegexLexer`s in
`bloglint.render.lexers` (shell/bash, console, make, docker, python, c, cpp, objective-c, csharp, java, kotlin,
go, rust, swift, perl, ruby, r, lua, javascript, typescript, css, xml, html, json, yaml, toml,
ini, properties, nginx, protobuf, diff, sql, tex), because rouge and Pygments tokenise differently (rouge's shell lexer marks
`install ` with its trailing space as a builtin, for instance). Other languages rouge knows fall
back to the Pygments lexer of the same name: the highlighting is sensible but usually not
byte-identical to rouge's.
"""

from __future__ import annotations

from functools import cache
from itertools import chain
from operator import itemgetter
from typing import Any

# Every lexer tag and alias rouge 3.30 registers (Lexer.find is case-sensitive).
ROUGE_NAMES = frozenset(
    """
Dockerfile HAML Isabelle LaTeX OCL R S TeX abap actionscript ada apache apex apib apiblueprint
applescript armasm as as3 aug augeas awk bash bat batch batchfile bbcbasic behat bib bibtex biml bpf
brainfuck brightscript brs bs bsdmake bsl c c# c++ ceylon cfc cfscript cl clean clj cljs clojure
cmake cmhg cmm coffee coffee-script coffeescript common-lisp common_lisp conf config configuration
console coq cpp cr crystal cs csharp css csvs cucumber cuda cypher d dafny dart datastudio diff
digdag django dlang docker dockerfile dosbatch dot e-mail ecl eex eiffel elisp elixir elm
emacs-lisp email eml epp eps erb erl erlang eruby esc escape ex exs factor fea ff fluent fortran
freefem fsharp ftl gd gdscript ghc-cmm ghc-core gherkin glsl gnumake go golang gradle graphql
groovy hack haml handlebars haskell haxe hbs hcl heex hh hlsl hocon hql hs html http hx hy hylang
idlang idr idris igorpro ini io irb irb_output isa isabelle isbl j janet java javascript jdn jinja
jl js jsl json json-doc jsonc jsonnet jsp jsx julia kdb+ kotlin ksh lasso lassoscript latex lean
leex lhaskell lhs liquid lisp litcoffee literate_coffeescript literate_haskell lithaskell
livescript llvm ls lua lustre lutin m m68k magik make makefile markdown mason mathematica matlab md
meson mf microsoftshell minizinc mkd ml moon moonscript mosel msgtrans msshell mustache mxml nasm
nes nesasm nginx nial nim nimrod nix nixos obj-c obj-c++ obj-cpp obj_c obj_c++ obj_cpp objc objc++
objcpp objective_c objective_cpp objectivec objectivec++ objectivecpp ocaml ocl openedge opentype
opentype_feature_file opentypefeature pascal patch perl php php3 php4 php5 pl plaintext plist
plsql pony posh postscr postscript powershell pp praat prolog prometheus properties proto protobuf
pry ps puppet py pyrex python pyx q qml r racket rb react realbasic reasonml rego rescript rhtml
robot robot-framework robot_framework rs rs,ignore rs,no_run rs,should_panic ruby rust rust,ignore
rust,no_run rust,should_panic s sas sass scala scheme scss sed sh shell shell-session
shell_session sieve slice slim smalltalk smarty sml solidity sparql sqf sql squeak ssh st stan
stata supercollider swift systemd syzlang syzprog tap tcl terminal terraform tex text tf toml ts
tsx ttcn3 tulip turtle twig typescript udiff unit-file vala varnish varnishconf vb vcl velocity
verilog vhdl vim viml vimscript visualbasic vue vuejs winbatch wl wollok xml xojo xpath xquery
yaml yang yml zig zir zsh
""".split()
)
PLAINTEXT = frozenset({"plaintext", "text"})

# rouge names whose Pygments lexer has another name.
PYGMENTS_ALIASES = {
    "console": "console",
    "shell_session": "console",
    "terminal": "console",
    "viml": "vim",
    "vimscript": "vim",
    "plist": "xml",
    "jsonc": "json",
}

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    return text.translate(_ESCAPES)


@cache
def _lexer(name: str) -> Any:
    """A lexer for a rouge name, `None` if rouge knows no such language."""
    from bloglint.render import lexers

    if name in PLAINTEXT:
        return "plaintext"
    ported = lexers.find(name)
    if ported is not None:
        return ported
    if name not in ROUGE_NAMES:
        return None
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        return get_lexer_by_name(
            PYGMENTS_ALIASES.get(name, name).lower(), stripnl=False, ensurenl=False
        )
    except ClassNotFound:
        return "plaintext"


@cache
def _shortname(token: Any) -> str | None:
    from pygments.token import STANDARD_TYPES, Text

    if token is Text:
        return None
    while token not in STANDARD_TYPES:
        extra = ROUGE_ONLY_TYPES.get(tuple(token))
        if extra:
            return extra
        token = token.parent
    return STANDARD_TYPES[token] or None


# Token types rouge has and Pygments lacks (rouge's short names).
ROUGE_ONLY_TYPES = {
    ("Keyword", "Variable"): "kv",
    ("Literal", "Number", "Other"): "mx",
    ("Punctuation", "Indicator"): "pi",
    ("Comment", "Doc"): "cd",
}


_TOKEN = itemgetter(1)
_VALUE = itemgetter(2)


class _Boundaries(dict[tuple[Any, Any], str]):
    """(previous token type, token type) -> the markup between their values: nothing inside
    a run of one type, else the previous run's `</span>` and this run's `<span class>`."""

    def __missing__(self, key: tuple[Any, Any]) -> str:
        previous, token = key
        markup = ""
        if previous is not token:
            if previous is not None and _shortname(previous):
                markup = "</span>"
            name = _shortname(token)
            if name:
                markup += f'<span class="{name}">'
        self[key] = markup
        return markup


class _Escaped(dict[str, str]):
    """Token value -> its HTML-escaped text: code repeats its tokens (spaces, brackets,
    keywords), so most are escaped once per process."""

    def __missing__(self, value: str) -> str:
        if len(self) > _MAX_ESCAPED:
            self.clear()
        escaped = self[value] = value.translate(_ESCAPES)
        return escaped


_MAX_ESCAPED = 100_000
_BOUNDARIES = _Boundaries()
_ESCAPED = _Escaped()


def format_tokens(tokens: Any) -> str:
    """rouge's Formatters::HTML over (index, token, value) triples, joining runs of one type.

    Empty values are dropped; between two tokens goes the markup their pair of types calls
    for (usually none). Everything is done by `map` and `join` over cached lookups, so that
    no Python code runs per token: this is the hottest path of a highlighted post.
    """
    tokens = list(filter(_VALUE, tokens))
    if not tokens:
        return ""
    types = list(map(_TOKEN, tokens))
    previous: list[Any] = [None, *types]
    previous.pop()
    markup = map(_BOUNDARIES.__getitem__, zip(previous, types, strict=True))
    texts = map(_ESCAPED.__getitem__, map(_VALUE, tokens))
    body = "".join(chain.from_iterable(zip(markup, texts, strict=True)))
    return body + "</span>" if _shortname(types[-1]) else body


def highlight(code: str, lang: str | None, block: bool) -> str | None:
    """rouge's output for `code` (kramdown's default language is plaintext), or None."""
    name = lang or "plaintext"
    if "?" in name:  # rouge's "lang?option=value" form
        name = name.split("?", 1)[0]
    lexer = _lexer(name)
    if lexer is None:
        return None
    if lexer == "plaintext":
        body = escape(code)
    else:
        body = format_tokens(lexer.get_tokens_unprocessed(code))
    if block:
        return f'<div class="highlight"><pre class="highlight"><code>{body}</code></pre></div>'
    return body
