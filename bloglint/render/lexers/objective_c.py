"""rouge's Objective-C lexer (rouge/lexers/objective_c.rb, objective_c/common.rb): C plus more."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups, default, include
from pygments.token import Comment, Error, Keyword, Name, Number, Punctuation, String, Text

from bloglint.render.lexers.c import C_TOKENS, CLexer, _with_flags
from bloglint.render.lexers.engine import S, goto_with, pop, push_current, recurse, rule_cb

OBJC_ID = r"[a-zA-Z$_][a-zA-Z0-9$_]*"
OBJC_AT_KEYWORDS = frozenset(
    """selector private protected public encode synchronized try throw catch finally end property
    synthesize dynamic optional interface implementation import autoreleasepool""".split()
)
OBJC_AT_BUILTINS = frozenset("true false YES NO".split())


def _objc_at_word(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    if m.group(1) in OBJC_AT_KEYWORDS:
        return [(Keyword, m.group(0))]
    if m.group(1) in OBJC_AT_BUILTINS:
        return [(Name.Builtin, m.group(0))]
    return [(Error, m.group(0))]


def _objc_message_arg(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack[-1] = "message_with_args"
    return zip((Name.Function, Text, Punctuation), m.groups(), strict=True)


def _objc_groups_pop(*tokens: Any) -> Any:
    def func(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
        pop(ctx)
        return zip(tokens, m.groups(), strict=True)

    return rule_cb(func)


def _objc_forward_more(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    push_current(ctx)
    return zip((Name.Class, Text, Punctuation, Text), m.groups(), strict=True)


def _objc_method_start(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    out = [(Keyword, m.group(1)), (Text, m.group(2))]
    if m.group(3):
        out += recurse(lexer, m.group(3))
    out.append((Text, m.group(4)))
    ctx.stack.append("method_definition")
    return out


def _objc_typed_arg(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    return [*recurse(lexer, m.group(1)), (Name.Variable, m.group(2))]


OBJC_TOKENS = dict(C_TOKENS)
OBJC_TOKENS["statements"] = [
    (r'@"', String, "string"),
    (r"@'(\\[0-7]{1,3}|\\x[a-fA-F0-9]{1,2}|\\.|[^\\'\n]')", String.Char),
    (r"(?i)@([0-9]+[.][0-9]*|[.][0-9]+|[0-9]+)e[+-]?[0-9]+l?", Number.Float),
    (r"(?i)@([0-9]+[.][0-9]*|[.][0-9]+|[0-9]+f)f?", Number.Float),
    (r"@0x[0-9a-fA-F]+[lL]?", Number.Hex),
    (r"(?i)@0[0-7]+l?", Number.Oct),
    (r"@[0-9]+l?", Number.Integer),
    (r"in\b", Keyword),
    (r"@(?:interface|implementation)\b", Keyword, "objc_classname"),
    (r"@(?:class|protocol)\b", Keyword, "forward_classname"),
    (r"@([^\W_]+)", rule_cb(_objc_at_word)),
    (r"[?]", Punctuation, "ternary"),
    (r"\[", Punctuation, "message"),
    (r"@\[", Punctuation, "array_literal"),
    (r"@\{", Punctuation, "dictionary_literal"),
    *C_TOKENS["statements"],
]
OBJC_TOKENS["root"] = [
    (
        rf"(?i)([-+])({S}*)([(].*?[)])?({S}*)(?={OBJC_ID}:?)",
        rule_cb(_objc_method_start),
    ),
    *C_TOKENS["root"],
]
OBJC_TOKENS.update(
    {
        "ternary": [(r":", Punctuation, "#pop"), include("statements")],
        "message_shared": [
            (r"\]", Punctuation, "#pop"),
            (r"\{", Punctuation, "#pop"),
            (r";", Error),
            include("statements"),
        ],
        "message": [
            (rf"({OBJC_ID})({S}*)(:)", rule_cb(_objc_message_arg)),
            (rf"({OBJC_ID})({S}*)(\])", _objc_groups_pop(Name.Function, Text, Punctuation)),
            include("message_shared"),
        ],
        "message_with_args": [
            (r"\{", Punctuation, "function"),
            (rf"({OBJC_ID})({S}*)(:)", _objc_groups_pop(Name.Function, Text, Punctuation)),
            include("message_shared"),
        ],
        "array_literal": [
            (r"]", Punctuation, "#pop"),
            (r",", Punctuation),
            include("statements"),
        ],
        "dictionary_literal": [
            (r"}", Punctuation, "#pop"),
            (r",", Punctuation),
            include("statements"),
        ],
        "objc_classname": [
            include("whitespace"),
            (
                rf"({OBJC_ID})({S}*)(:)({S}*)({OBJC_ID})",
                _objc_groups_pop(Name.Class, Text, Punctuation, Text, Name.Class),
            ),
            (
                rf"({OBJC_ID})({S}*)([(])({S}*)({OBJC_ID})({S}*)([)])",
                _objc_groups_pop(
                    Name.Class, Text, Punctuation, Text, Name.Label, Text, Punctuation
                ),
            ),
            (OBJC_ID, Name.Class, "#pop"),
        ],
        "forward_classname": [
            include("whitespace"),
            (rf"({OBJC_ID})({S}*)(,)({S}*)", rule_cb(_objc_forward_more)),
            (rf"({OBJC_ID})({S}*)(;?)", _objc_groups_pop(Name.Class, Text, Punctuation)),
        ],
        "method_definition": [
            (r",", Punctuation),
            (r"[.][.][.]", Punctuation),
            (rf"([(].*?[)])({OBJC_ID})", rule_cb(_objc_typed_arg)),
            (rf"(?s)({OBJC_ID})({S}*)(:)", bygroups(Name.Function, Text, Punctuation)),
            (r";", Punctuation, "#pop"),
            (r"\{", goto_with(Punctuation, "function")),
            include("inline_whitespace"),
            (r"//.*?\n", Comment.Single),
            (rf"{S}+", Text),
            default("#pop"),
        ],
    }
)


class ObjectiveCLexer(CLexer):
    name = "objective_c"
    aliases = ["objective_c", "objc", "obj-c", "obj_c", "objectivec"]
    builtins = frozenset({"YES", "NO", "nil"})
    tokens = _with_flags(OBJC_TOKENS)
