"""rouge's C# lexer (rouge/lexers/csharp.rb), ported to Pygments."""

from __future__ import annotations

from pygments.lexer import include
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Punctuation,
    String,
    Text,
)

from bloglint.render.lexers.engine import (
    RougeLexer,
    S,
)

CS_ID = r"@?[_a-zA-Z][a-zA-Z0-9_]*"


CS_KEYWORDS = "|".join(
    """abstract as base break case catch checked const continue default delegate do else enum
    event explicit extern false finally fixed for foreach goto if implicit in interface internal
    is lock new null operator out override params private protected public readonly ref return
    sealed sizeof stackalloc static switch this throw true try typeof unchecked unsafe virtual
    void volatile while add alias async await get global partial remove set value where yield
    nameof ascending by descending equals from group in into join let on orderby select""".split()
)


CS_KEYWORDS_TYPE = (
    "bool|byte|char|decimal|double|dynamic|float|int|long|object|sbyte|short|string|uint|ulong"
    "|ushort|var"
)


CS_CPP_KEYWORDS = "if|endif|else|elif|define|undef|line|error|warning|region|endregion|pragma"


class CSharpLexer(RougeLexer):
    name = "csharp"
    aliases = ["csharp", "c#", "cs"]

    tokens = {
        "whitespace": [
            (rf"{S}+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/[*].*?[*]/", Comment.Multiline),
        ],
        "nest": [
            (r"\{", Punctuation, "nest"),
            (r"\}", Punctuation, "#pop"),
            include("root"),
        ],
        "splice_string": [
            (r"\\.", String),
            (r"\{", Punctuation, "nest"),
            (r'"|\n', String, "#pop"),
            (r".", String),
        ],
        "splice_literal": [
            (r'""', String),
            (r"\{", Punctuation, "nest"),
            (r'"', String, "#pop"),
            (r".", String),
        ],
        "root": [
            include("whitespace"),
            (rf'[$]{S}*"', String, "splice_string"),
            (rf'[$]@{S}*"', String, "splice_literal"),
            (rf"(<\[){S}*({CS_ID}:)?", Keyword),
            (r"\]>", Keyword),
            (r"[~!%^&*()+=|\[\]{}:;,.<>/?-]", Punctuation),
            (r'(?s)@"(""|[^"])*"', String),
            (r'"(\\.|.)*?["\n]', String),
            (r"'(\\.|.)'", String.Char),
            (r"0[xX][0-9a-fA-F]+[lLuU]?", Number),
            (r"[0-9]([.][0-9]*)?([eE][+-][0-9]+)?[fFlLdDuU]?", Number),
            (r"(?:class|struct|interface)\b", Keyword, "class"),
            (r"(?:namespace|using)\b", Keyword, "namespace"),
            (rf"^#[ \t]*({CS_CPP_KEYWORDS})\b.*?\n", Comment.Preproc),
            (rf"({CS_KEYWORDS})\b", Keyword),
            (rf"({CS_KEYWORDS_TYPE})\b", Keyword.Type),
            (rf"{CS_ID}(?={S}*[(])", Name.Function),
            (CS_ID, Name),
        ],
        "class": [
            include("whitespace"),
            (CS_ID, Name.Class, "#pop"),
        ],
        "namespace": [
            include("whitespace"),
            (r"(?=[(])", Text, "#pop"),
            (rf"({CS_ID}|[.])+", Name.Namespace, "#pop"),
        ],
    }
