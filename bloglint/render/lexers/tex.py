"""rouge's TeX/LaTeX lexer (rouge/lexers/tex.rb), ported to Pygments."""

from __future__ import annotations

from pygments.lexer import bygroups, default, include
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
)

from bloglint.render.lexers.engine import (
    NSP,
    RougeLexer,
    S,
)

TEX_COMMAND = rf"(?i)\\([a-z]+|{S}+|.)"


class TexLexer(RougeLexer):
    name = "tex"
    aliases = ["tex", "TeX", "LaTeX", "latex"]

    tokens = {
        "general": [
            (r"%.*$", Comment),
            (r"[{}&_^]", Punctuation),
        ],
        "root": [
            (r"\\\[", Punctuation, "displaymath"),
            (r"\\\(", Punctuation, "inlinemath"),
            (r"\$\$", Punctuation, "displaymath"),
            (r"\$", Punctuation, "inlinemath"),
            (r"\\(begin|end)\{.*?\}", Name.Tag),
            (
                rf"(\\verb)\b({NSP})(.*?)(\2)",
                bygroups(Name.Builtin, Keyword.Pseudo, String.Other, Keyword.Pseudo),
            ),
            (TEX_COMMAND, Keyword, "command"),
            include("general"),
            (r"[^\\$%&_^{}]+", Text),
        ],
        "math": [
            (TEX_COMMAND, Name.Variable),
            include("general"),
            (r"[0-9]+", Number),
            (r"[-=!+*/()\[\]]", Operator),
            (r"[^=!+*/()\[\]\\$%&_^{}0-9-]+", Name.Builtin),
        ],
        "inlinemath": [
            (r"\\\)", Punctuation, "#pop"),
            (r"\$", Punctuation, "#pop"),
            include("math"),
        ],
        "displaymath": [
            (r"\\\]", Punctuation, "#pop"),
            (r"\$\$", Punctuation, "#pop"),
            (r"\$", Name.Builtin),
            include("math"),
        ],
        "command": [
            (r"\[.*?\]", Name.Attribute),
            (r"\*", Keyword),
            default("#pop"),
        ],
    }
