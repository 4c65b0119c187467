"""rouge's Java lexer (rouge/lexers/java.rb), ported to Pygments."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    String,
    Text,
)

from bloglint.render.lexers.engine import (
    RougeLexer,
    S,
    recurse,
    rule_cb,
)

JAVA_KEYWORDS = "|".join(
    """assert break case catch continue default do else finally for if goto instanceof new return
    switch this throw try while""".split()
)


JAVA_DECLARATIONS = "|".join(
    """abstract const enum extends final implements native private protected public static
    strictfp super synchronized throws transient volatile""".split()
)


JAVA_TYPES = "boolean|byte|char|double|float|int|long|short|var|void"


JAVA_ID = r"[^\W\d]\w*"  # [[:alpha:]_][[:word:]]*


JAVA_DIGIT = r"(?:[0-9]_+[0-9]|[0-9])"


def _java_method(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    out = recurse(lexer, m.group(1))
    out += [(Name.Function, m.group(2)), (Text, m.group(3)), (Operator, m.group(4))]
    return out


class JavaLexer(RougeLexer):
    name = "java"
    aliases = ["java"]

    tokens = {
        "root": [
            (r"[ \t\v\f\r]+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/\*.*?\*/", Comment.Multiline),
            (rf"(?:{JAVA_KEYWORDS})\b", Keyword),
            (
                rf"(?s)({S}*(?:[a-zA-Z_][a-zA-Z0-9_.\[\]<>]*{S}+)+?)([a-zA-Z_][a-zA-Z0-9_]*)"
                rf"({S}*)(\()",
                rule_cb(_java_method),
            ),
            (rf"@{JAVA_ID}", Name.Decorator),
            (rf"(?:{JAVA_DECLARATIONS})\b", Keyword.Declaration),
            (rf"(?:{JAVA_TYPES})\b", Keyword.Type),
            (r"(?:true|false|null)\b", Keyword.Constant),
            (r"(?:class|interface)\b", Keyword.Declaration, "class"),
            (r"(?:import|package)\b", Keyword.Namespace, "import"),
            (r'"(\\\\|\\"|[^"])*"', String),
            (r"'(?:\\.|[^\\]|\\u[0-9a-f]{4})'", String.Char),
            (rf"(\.)({JAVA_ID})", bygroups(Operator, Name.Attribute)),
            (rf"{JAVA_ID}:", Name.Label),
            (r"[A-Z][A-Z0-9_]*\b", Name.Constant),
            (r"[A-Z][^\W_]*\b", Name.Class),
            (rf"\$?{JAVA_ID}", Name),
            (r"[~^*!%&\[\](){}<>\|+=:;,./?-]", Operator),
            (rf"{JAVA_DIGIT}+\.{JAVA_DIGIT}+([eE]{JAVA_DIGIT}+)?[fd]?", Number.Float),
            (r"0[bB](?:[01]_+[01]|[01])+", Number.Bin),
            (r"0[xX](?:[0-9a-fA-F]_+[0-9a-fA-F]|[0-9a-fA-F])+", Number.Hex),
            (r"0(?:[0-7]_+[0-7]|[0-7])+", Number.Oct),
            (rf"{JAVA_DIGIT}+L?", Number.Integer),
            (r"\n", Text),
        ],
        "class": [
            (rf"{S}+", Text),
            (JAVA_ID, Name.Class, "#pop"),
        ],
        "import": [
            (rf"{S}+", Text),
            (r"[a-zA-Z0-9_.]+\*?", Name.Namespace, "#pop"),
        ],
    }
