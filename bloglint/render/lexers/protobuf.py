"""rouge's Protocol Buffers lexer (rouge/lexers/protobuf.rb), ported to Pygments."""

from __future__ import annotations

from pygments.lexer import bygroups, default
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text

from bloglint.render.lexers.engine import RougeLexer, S


class ProtobufLexer(RougeLexer):
    name = "protobuf"
    aliases = ["protobuf", "proto"]

    tokens = {
        "root": [
            (rf"{S}+", Text),
            (r"[,;{}\[\]()]", Punctuation),
            (r"/(\\\n)?/($|(.|\n)*?[^\\]$)", Comment.Single),
            (r"/(\\\n)?\*(.|\n)*?\*(\\\n)?/", Comment.Multiline),
            (
                r"(ctype|default|extensions|import|max|oneof|option|optional|packed|repeated"
                r"|required|returns|rpc|to)\b",
                Keyword,
            ),
            (
                r"(bool|bytes|double|fixed32|fixed64|float|int32|int64|sfixed32|sfixed64|sint32"
                r"|sint64|string|uint32|uint64)\b",
                Keyword.Type,
            ),
            (r"true|false", Keyword.Constant),
            (rf"(package)({S}+)", bygroups(Keyword.Namespace, Text), "package"),
            (rf"(message|extend)({S}+)", bygroups(Keyword.Declaration, Text), "message"),
            (rf"(enum|group|service)({S}+)", bygroups(Keyword.Declaration, Text), "type"),
            (r'".*?"', String),
            (r"'.*?'", String),
            (r"([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+[LlUu]*", Number.Float),
            (r"([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+[fF])[fF]?", Number.Float),
            (r"(\-?(inf|nan))\b", Number.Float),
            (r"0x[0-9a-fA-F]+[LlUu]*", Number.Hex),
            (r"0[0-7]+[LlUu]*", Number.Oct),
            (r"[0-9]+[LlUu]*", Number.Integer),
            (r"[+-=]", Operator),  # sic: a range from + to =
            (
                r"([a-zA-Z_][a-zA-Z0-9_.]*)([ \t]*)(=)",
                bygroups(Name.Attribute, Text, Operator),
            ),
            (r"[a-zA-Z_][a-zA-Z0-9_.]*", Name),
        ],
        "package": [(r"[a-zA-Z_][a-zA-Z0-9_]*", Name.Namespace, "#pop"), default("#pop")],
        "message": [(r"[a-zA-Z_][a-zA-Z0-9_]*", Name.Class, "#pop"), default("#pop")],
        "type": [(r"[a-zA-Z_][a-zA-Z0-9_]*", Name, "#pop"), default("#pop")],
    }
