"""rouge's lexers for data and config formats: JSON, diff, INI, TOML (rouge/lexers/*.rb)."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups, include
from pygments.token import (
    Comment,
    Error,
    Generic,
    Keyword,
    Literal,
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
    rule_cb,
)


class JsonLexer(RougeLexer):
    name = "json"
    aliases = ["json"]

    tokens = {
        "whitespace": [(rf"{S}+", Text.Whitespace)],
        "root": [
            include("whitespace"),
            (r"\{", Punctuation, "object"),
            (r"\[", Punctuation, "array"),
            include("name"),
            include("value"),
            (r"[\]}]", Punctuation),
        ],
        "object": [
            include("whitespace"),
            include("name"),
            include("value"),
            (r"\}", Punctuation, "#pop"),
            (r",", Punctuation),
        ],
        "name": [
            (
                rf'("(?:\\.|[^"\\\n])*?")({S}*)(:)',
                bygroups(Name.Label, Text.Whitespace, Punctuation),
            ),
        ],
        "value": [
            include("whitespace"),
            include("constants"),
            (r'"', String.Double, "string"),
            (r"\[", Punctuation, "array"),
            (r"\{", Punctuation, "object"),
        ],
        "string": [
            (r'[^\\"]+', String.Double),
            (r"\\.", String.Escape),
            (r'"', String.Double, "#pop"),
        ],
        "array": [
            include("value"),
            (r"\]", Punctuation, "#pop"),
            (r",", Punctuation),
        ],
        "constants": [
            (r"(?:true|false|null)", Keyword.Constant),
            (r"-?(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][+-]?[0-9]+)?", Number.Float),
            (r"-?(?:0|[1-9][0-9]*)(?:[eE][+-]?[0-9]+)?", Number.Integer),
        ],
    }


class DiffLexer(RougeLexer):
    name = "diff"
    aliases = ["diff", "patch", "udiff"]

    tokens = {
        "root": [
            (r"^ .*$\n?", Text),
            (r"^---$\n?", Punctuation),
            (r"^[+>]+.*$\n?", Generic.Inserted),
            (r"^\+.*$\n?", Generic.Inserted),
            (r"^[-<]+.*$\n?", Generic.Deleted),
            (r"^!.*$\n?", Generic.Strong),
            (r"^([Ii]ndex|diff).*$\n?", Generic.Heading),
            (r"^(@@[^@]*@@)([^\n]*\n)", bygroups(Punctuation, Text)),
            (r"^[a-zA-Z0-9_].*$\n?", Punctuation),
            (r"^=.*$\n?", Generic.Heading),
            (rf"{S}.*$\n?", Text),
        ],
    }


class IniLexer(RougeLexer):
    name = "ini"
    aliases = ["ini"]

    tokens = {
        "basic": [
            (r"[;#].*?\n", Comment),
            (rf"{S}+", Text),
            (r"\\\n", String.Escape),
        ],
        "root": [
            include("basic"),
            (
                rf"([a-zA-Z0-9_\-.]+)({S}*)(=)",
                bygroups(Name.Property, Text, Punctuation),
                "value",
            ),
            (r"\[.*?\]", Name.Namespace),
        ],
        "value": [
            (r"\n", Text, "#pop"),
            include("basic"),
            (r'"', String, "dq"),
            (r"'.*?'", String),
            include("esc_str"),
            (r"[^\\\n]+", String),
        ],
        "dq": [
            (r'"', String, "#pop"),
            include("esc_str"),
            (r'(?s)[^\\"]+', String),
        ],
        "esc_str": [(r"(?s)\\.", String.Escape)],
    }


TOML_ID = rf"(?:{NSP}+|\"[^\"]+\"|'[^']+')"


def _toml_inline(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("inline")
    return zip((Name.Namespace, Text, Operator, Text, Punctuation), m.groups(), strict=True)


def _toml_value(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("value")
    return zip((Name.Property, Text, Punctuation), m.groups(), strict=True)


class TomlLexer(RougeLexer):
    name = "toml"
    aliases = ["toml"]

    tokens = {
        "basic": [
            (rf"{S}+", Text),
            (r"#.*?$", Comment),
            (r"(true|false)", Keyword.Constant),
            (rf"({TOML_ID})({S}*)(=)({S}*)(\{{)", rule_cb(_toml_inline)),
            # rouge's leading `(?<!=)` never sees the text before the scan position
            (rf"{S}*\[{NSP}+\]", Name.Namespace),
            (r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", Literal.Date),
            (
                r"[+-]?[0-9]+(?:_[0-9]+)*\.[0-9]+(?:_[0-9]+)*(?:[eE][+-]?[0-9]+(?:_[0-9]+)*)?",
                Number.Float,
            ),
            (r"[+-]?[0-9]+(?:_[0-9]+)*[eE][+-]?[0-9]+(?:_[0-9]+)*", Number.Float),
            (r"[+-]?(?:nan|inf)", Number.Float),
            (r"0x[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*", Number.Hex),
            (r"0o[0-7]+(?:_[0-7]+)*", Number.Oct),
            (r"0b[01]+(?:_[01]+)*", Number.Bin),
            (r"[+-]?[0-9]+(?:_[0-9]+)*", Number.Integer),
        ],
        "root": [
            include("basic"),
            (rf"({TOML_ID})({S}*)(=)", rule_cb(_toml_value)),
        ],
        "value": [
            (r"\n", Text, "#pop"),
            include("content"),
        ],
        "content": [
            include("basic"),
            (rf"({TOML_ID})({S}*)(=)", bygroups(Name.Property, Text, Punctuation)),
            (r'"""', String, "mdq"),
            (r'"', String, "dq"),
            (r"'''", String, "msq"),
            (r"'", String, "sq"),
            include("esc_str"),
            (r",", Punctuation),
            (r"\[", Punctuation, "array"),
        ],
        "dq": [
            (r'"', String, "#pop"),
            (r"\n", Error, "#pop"),
            include("esc_str"),
            (r'[^\\"\n]+', String),
        ],
        "mdq": [
            (r'"""', String, "#pop"),
            include("esc_str"),
            (r'[^\\"]+', String),
            (r'"+', String),
        ],
        "sq": [
            (r"'", String, "#pop"),
            (r"\n", Error, "#pop"),
            (r"[^'\n]+", String),
        ],
        "msq": [
            (r"'''", String, "#pop"),
            (r"[^']+", String),
            (r"'+", String),
        ],
        "esc_str": [(r'\\[0t\tn\n "\\r]', String.Escape)],
        "array": [
            include("content"),
            (r"\]", Punctuation, "#pop"),
        ],
        "inline": [
            include("content"),
            (r"\}", Punctuation, "#pop"),
        ],
    }


class PropertiesLexer(RougeLexer):
    name = "properties"
    aliases = ["properties"]

    tokens = {
        "basic": [
            (r"[!#].*?\n", Comment),
            (rf"{S}+", Text),
            (r"\\\n", String.Escape),
        ],
        "root": [
            include("basic"),
            (
                rf"([a-zA-Z0-9_.-]+)({S}*)([=:])",
                bygroups(Name.Property, Text, Punctuation),
                "value",
            ),
        ],
        "value": [
            (r"\n", Text, "#pop"),
            include("basic"),
            (r'"', String, "dq"),
            (r"'.*?'", String),
            include("esc_str"),
            (r"[^\\\n]+", String),
        ],
        "dq": [
            (r'"', String, "#pop"),
            include("esc_str"),
            (r'(?s)[^\\"]+', String),
        ],
        "esc_str": [
            (r"\\u[0-9]{4}", String.Escape),
            (r"(?s)\\.", String.Escape),
        ],
    }
