"""rouge's Kotlin lexer (rouge/lexers/kotlin.rb), ported to Pygments."""

from __future__ import annotations

from pygments.lexer import bygroups
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

KT_KEYWORDS = "|".join(
    """abstract annotation as break by catch class companion const constructor continue
    crossinline do dynamic else enum external false final finally for fun get if import in infix
    inline inner interface internal is lateinit noinline null object open operator out override
    package private protected public reified return sealed set super suspend tailrec this throw
    true try typealias typeof val var vararg when where while yield""".split()
)


KT_NAME_CHARS = r"[-\w\u00ad\u200b-\u200f\u2060-\u2064\ufeff]*"


KT_CLASS = rf"`?[A-Z\u00c0-\u00d6\u00d8-\u00de]{KT_NAME_CHARS}`?"


KT_NAME = rf"`?[^\W\d]{KT_NAME_CHARS}`?"


KT_DEC = r"(?:[0-9][0-9_]*[0-9]|[0-9])"


KT_EXP = rf"[eE][+-]?{KT_DEC}"


KT_DOUBLE = rf"(?:(?:{KT_DEC})?\.{KT_DEC}(?:{KT_EXP})?|{KT_DEC}{KT_EXP})"


class KotlinLexer(RougeLexer):
    name = "kotlin"
    aliases = ["kotlin"]

    tokens = {
        "root": [
            (rf"(companion)({S}+)(object)\b", bygroups(Keyword, Text, Keyword)),
            (
                rf"(class|data{S}+class|interface|object)({S}+)",
                bygroups(Keyword.Declaration, Text),
                "class",
            ),
            (rf"(fun)({S}+)", bygroups(Keyword, Text), "function"),
            (rf"(package|import)({S}+)", bygroups(Keyword, Text), "package"),
            (
                rf"(val|var)({S}+)(\()",
                bygroups(Keyword.Declaration, Text, Punctuation),
                "destructure",
            ),
            (rf"(val|var)({S}+)", bygroups(Keyword.Declaration, Text), "property"),
            (
                rf"(return|continue|break|this|super)(@{KT_NAME})?\b",
                bygroups(Keyword, Name.Decorator),
            ),
            (r"fun\b", Keyword),
            (rf"(?:{KT_KEYWORDS})\b", Keyword),
            (rf"^{S}*\[.*?\]", Name.Attribute),
            (r"[ \t\v\f\r]+", Text),
            (r"\\\n", Text),
            (r"//.*?$", Comment.Single),
            (r"/[*].*[*]/", Comment.Multiline),
            (r"/[*].*", Comment.Multiline, "comment"),
            (r"\n", Text),
            (r"(::)(class)", bygroups(Operator, Keyword)),
            (r"::|!!|\?[:.]", Operator),
            (r"(\.\.)", Operator),
            (rf"(?:{KT_DOUBLE}[fF]?)|(?:{KT_DEC}[fF])", Number.Float),
            (r"0[bB](?:[01][01_]*[01]|[01])[uU]?L?", Number.Bin),
            (r"0[xX](?:[0-9a-fA-F][0-9a-fA-F_]*[0-9a-fA-F]|[0-9a-fA-F])[uU]?L?", Number.Hex),
            (r"(?:[1-9][0-9_]*[0-9]|[0-9])[uU]?L?", Number.Integer),
            (r"[~!%^&*()+=|\[\]:;,.<>/?-]", Punctuation),
            (r"[{}]", Punctuation),
            (r'(?s)@"(""|[^"])*"', String),
            (r'(?s)""".*?"""', String),
            (r'(?s)"(\\\\|\\"|[^"\n])*["\n]', String),
            (r"'\\.'|'[^\\]'", String.Char),
            (rf"(@{KT_CLASS})", Name.Decorator),
            (rf"({KT_CLASS})(<)", bygroups(Name.Class, Punctuation), "generic_parameters"),
            (KT_CLASS, Name.Class),
            (rf"({KT_NAME})(?={S}*[({{])", Name.Function),
            (rf"({KT_NAME})@", Name.Decorator),
            (KT_NAME, Name),
        ],
        "package": [(rf"{NSP}+", Name.Namespace, "#pop")],
        "class": [(KT_CLASS, Name.Class, "#pop")],
        "function": [
            (r"(<)", Punctuation, "generic_parameters"),
            (rf"({S}+)", Text),
            (rf"({KT_CLASS})(\.)", bygroups(Name.Class, Punctuation)),
            (KT_NAME, Name.Function, "#pop"),
        ],
        "generic_parameters": [
            (KT_CLASS, Name.Class),
            (r"(<)", Punctuation, "generic_parameters"),
            (r"(reified|out|in)", Keyword),
            (r"([,:.?])", Punctuation),
            (rf"({S}+)", Text),
            (r"(>)", Punctuation, "#pop"),
        ],
        "property": [
            (r"(<)", Punctuation, "generic_parameters"),
            (rf"({S}+)", Text),
            (KT_NAME, Name.Property, "#pop"),
        ],
        "destructure": [
            (r"(,)", Punctuation),
            (r"(\))", Punctuation, "#pop"),
            (rf"({S}+)", Text),
            (KT_NAME, Name.Property),
        ],
        "comment": [
            (r"/[*]", Comment.Multiline, "comment"),
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"[^/*]+", Comment.Multiline),
            (r"[/*]", Comment.Multiline),
        ],
    }
