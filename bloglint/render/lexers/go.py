"""rouge's Go lexer (rouge/lexers/go.rb), ported to Pygments."""

from __future__ import annotations

from pygments.lexer import include
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
)

from bloglint.render.lexers.engine import (
    RougeLexer,
    S,
)

GO_KEYWORD = (
    r"(?:break|default|func|interface|select|case|defer|go|map|struct|chan|else|goto|package"
    r"|switch|const|fallthrough|if|range|type|continue|for|import|return|var)\b"
)


GO_DECIMALS = r"[0-9]+"


GO_EXPONENT = rf"[eE][+\-]?{GO_DECIMALS}"


GO_FLOAT = (
    rf"(?:{GO_DECIMALS}\.(?:{GO_DECIMALS})?(?:{GO_EXPONENT})?|{GO_DECIMALS}{GO_EXPONENT}"
    rf"|\.{GO_DECIMALS}(?:{GO_EXPONENT})?)"
)


GO_ESCAPED_CHAR = r"\\[abfnrtv\\'\"]"


GO_LITTLE_U = r"\\u[0-9A-Fa-f]{4}"


GO_BIG_U = r"\\U[0-9A-Fa-f]{8}"


GO_HEX_BYTE = r"\\x[0-9A-Fa-f]{2}"


GO_BYTE_VALUE = rf"(?:\\[0-7]{{3}}|{GO_HEX_BYTE})"


GO_UNICODE_VALUE = rf"(?:[^\n]|{GO_LITTLE_U}|{GO_BIG_U}|{GO_ESCAPED_CHAR})"


class GoLexer(RougeLexer):
    name = "go"
    aliases = ["go", "golang"]

    tokens = {
        "simple_tokens": [
            (r"//(?:(?!\n).)*|(?s:/\*(?:(?!\*/).)*\*/)", Comment),
            (GO_KEYWORD, Keyword),
            (
                r"(?:bool|byte|complex64|complex128|error|float32|float64|int8|int16|int32"
                r"|int64|int|rune|string|uint8|uint16|uint32|uint64|uintptr|uint)\b",
                Keyword.Type,
            ),
            (
                r"(?:append|cap|close|complex|copy|delete|imag|len|make|new|panic|print"
                r"|println|real|recover)\b",
                Name.Builtin,
            ),
            (r"(?:true|false|iota|nil)\b", Name.Constant),
            (rf"(?:{GO_DECIMALS}|{GO_FLOAT})i", Number),
            (GO_FLOAT, Number),
            (r"0[xX][0-9A-Fa-f]+|[0-9][0-9]*|0[0-7]*", Number),
            (rf"'(?:{GO_UNICODE_VALUE}|{GO_BYTE_VALUE})'", String.Char),
            (
                r"\+=|\+\+|\+|&\^=|&\^|&=|&&|&|==|=|!=|!|-=|--|-|\|=|\|\||\||<=|<-|<<="
                r"|<<|<|\*=|\*|\^=|\^|>>=|>>|>=|>|/|/=|:=|%|%=|\.\.\.|\.|:",
                Operator,
            ),
            (r"\(|\)|\[|\]|\{|\}|,|;", Punctuation),
            (rf"(?!{GO_KEYWORD})[^\W\d]\w*", Name),
            (rf"{S}+", Text),
        ],
        "root": [
            include("simple_tokens"),
            (r"`", String, "raw_string"),
            (r'"', String, "interpreted_string"),
        ],
        "interpreted_string": [
            (rf"{GO_ESCAPED_CHAR}|{GO_LITTLE_U}|{GO_BIG_U}|{GO_HEX_BYTE}", String.Escape),
            (r"\\.", Error),
            (r'"', String, "#pop"),
            (r'[^"\\]+', String),
        ],
        "raw_string": [
            (r"`", String, "#pop"),
            (r"(?s)[^`]+", String),
        ],
    }
