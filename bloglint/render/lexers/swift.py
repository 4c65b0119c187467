"""rouge's Swift lexer (rouge/lexers/swift.rb), ported to Pygments."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups, default, include
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
    rule_cb,
)

SWIFT_ID = r"(?:_|[^\W\d_]|[\U00010000-\U0010ffff])(?:\w|[\U00010000-\U0010ffff])*"


SWIFT_UPPER = r"[A-Z\u00c0-\u00d6\u00d8-\u00de]"


SWIFT_KEYWORDS = frozenset(
    """await break case continue default do else fallthrough if in for return switch where while
    try catch throw guard defer repeat as dynamicType is new super self Self Type __COLUMN__
    __FILE__ __FUNCTION__ __LINE__ associativity async didSet get infix inout isolated mutating
    none nonmutating operator override postfix precedence prefix set unowned weak willSet throws
    rethrows precedencegroup""".split()
)


SWIFT_DECLARATIONS = frozenset(
    """actor class deinit enum convenience extension final func import init internal lazy let
    nonisolated optional private protocol public required static struct subscript typealias var
    dynamic indirect associatedtype open fileprivate some""".split()
)


def _swift_is_upper(word: str) -> bool:
    return re.match(SWIFT_UPPER, word) is not None


def _swift_access(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    if m.group(3) == "set":
        return [(Keyword.Declaration, m.group(0))]
    return zip(
        (Keyword.Declaration, Keyword.Declaration, Error, Keyword.Declaration),
        m.groups(),
        strict=True,
    )


def _swift_unowned(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    if m.group(2) in ("safe", "unsafe"):
        return [(Keyword.Declaration, m.group(0))]
    return zip((Keyword.Declaration, Error, Keyword.Declaration), m.groups(), strict=True)


def _swift_call(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    word = m.group(0)
    return [(Keyword.Type if _swift_is_upper(word) else Name.Function, word)]


def _swift_word(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    word = m.group(0)
    if word in SWIFT_KEYWORDS:
        return [(Keyword, word)]
    if word in SWIFT_DECLARATIONS:
        return [(Keyword.Declaration, word)]
    if word in ("true", "false", "nil"):
        return [(Keyword.Constant, word)]
    if _swift_is_upper(word):
        return [(Keyword.Type, word)]
    return [(Name, word)]


class SwiftLexer(RougeLexer):
    name = "swift"
    aliases = ["swift"]
    start_stack = ("root", "bol")

    tokens = {
        "bol": [
            (r"#.*", Comment.Preproc),
            include("inline_whitespace"),
            default("#pop"),
        ],
        "inline_whitespace": [
            (rf"{S}+", Text),
            include("has_comments"),
        ],
        "whitespace": [
            (r"\n+", Text, "bol"),
            (r"//.*?$", Comment.Single, "bol"),
            include("inline_whitespace"),
        ],
        "has_comments": [(r"/[*]", Comment.Multiline, "nested_comment")],
        "nested_comment": [
            include("has_comments"),
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"(?s)[^*/]+", Comment.Multiline),
            (r".", Comment.Multiline),
        ],
        "root": [
            include("whitespace"),
            (r"\$(([1-9][0-9]*)?[0-9])", Name.Variable),
            (r"[()\[\]{}:;,?\\]", Punctuation),
            (r"[-/=+*%<>!&|^.~]+", Operator),
            (r'@?"', String, "dq"),
            (r"'(\\.|.)'", String.Char),
            (
                r"([0-9]+(?:_[0-9]+)*\*|(?:[0-9]+(?:_[0-9]+)*)?\.[0-9]+(?:_[0-9])*)"
                r"([eE][+-]?[0-9]+(?:_[0-9])*)?",
                Number.Float,
            ),
            (r"[0-9]+[eE][+-]?[0-9]+", Number.Float),
            (r"0o?[0-7]+(?:_[0-7]+)*", Number.Oct),
            (
                r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*((\.[0-9A-F]+(?:_[0-9A-F]+)*)?p[+-]?[0-9]+)?",
                Number.Hex,
            ),
            (r"0b[01]+(?:_[01]+)*", Number.Bin),
            (r"[0-9]+(?:_[0-9]+)*", Number.Integer),
            (rf"@{SWIFT_ID}", Keyword.Declaration),
            (r"(private|internal)(\([ ]*)([a-zA-Z0-9_]+)([ ]*\))", rule_cb(_swift_access)),
            (r"(unowned\([ ]*)([a-zA-Z0-9_]+)([ ]*\))", rule_cb(_swift_unowned)),
            (r"#available\([^)]+\)", Keyword.Declaration),
            (
                r"(#(?:selector|keyPath)\()([^)]+?(?:[(].*?[)])?)(\))",
                bygroups(Keyword.Declaration, Name.Function, Keyword.Declaration),
            ),
            (r"#(line|file|column|function|dsohandle)", Keyword.Declaration),
            (rf"(let|var)\b({S}*)({SWIFT_ID})", bygroups(Keyword, Text, Name.Variable)),
            (rf"(let|var)\b({S}*)([(])", bygroups(Keyword, Text, Punctuation), "tuple"),
            (
                rf"(?!(if|while|for|private|internal|unowned|switch|case)\b){SWIFT_ID}"
                rf"(?=(\?|!)?{S}*[(])",
                rule_cb(_swift_call),
            ),
            (rf"as[?!]?(?={S})", Keyword),
            (rf"try[!]?(?={S})", Keyword),
            (
                rf"(#?(?!default)(?!{SWIFT_UPPER}){SWIFT_ID})({S}*)(:)",
                bygroups(Name.Variable, Text, Punctuation),
            ),
            (SWIFT_ID, rule_cb(_swift_word)),
            (rf"(`)({SWIFT_ID})(`)", bygroups(Punctuation, Name.Variable, Punctuation)),
        ],
        "tuple": [
            (rf"({SWIFT_ID})", Name.Variable),
            (rf"(`)({SWIFT_ID})(`)", bygroups(Punctuation, Name.Variable, Punctuation)),
            (r",", Punctuation),
            (r"[(]", Punctuation, "#push"),
            (r"[)]", Punctuation, "#pop"),
            include("inline_whitespace"),
        ],
        "dq": [
            (r"\\[\\0tnr'\"]", String.Escape),
            (r"\\[(]", String.Escape, "interp"),
            (r"\\u\{[0-9a-fA-F]{1,8}\}", String.Escape),
            (r'[^\\"]+', String),
            (r'"""', String, "#pop"),
            (r'"', String, "#pop"),
        ],
        "interp": [
            (r"[(]", Punctuation, "interp_inner"),
            (r"[)]", String.Escape, "#pop"),
            include("root"),
        ],
        "interp_inner": [
            (r"[(]", Punctuation, "#push"),
            (r"[)]", Punctuation, "#pop"),
            include("root"),
        ],
    }
