"""rouge's JavaScript and TypeScript lexers (rouge/lexers/javascript.rb, typescript.rb)."""

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
    goto_with,
    pop,
    push_current,
    rule_cb,
)

JS_KEYWORDS = frozenset(
    """as async await break case catch continue debugger default delete do else export finally
    from for if import in instanceof new of return super switch this throw try typeof void while
    yield""".split()
)


JS_DECLARATIONS = frozenset(
    "var let const with function class extends constructor get set static".split()
)


JS_RESERVED = frozenset("enum implements interface package private protected public".split())


JS_CONSTANTS = frozenset("true false null NaN Infinity undefined".split())


JS_BUILTINS = frozenset(
    """Array Boolean Date Error Function Math netscape Number Object Packages RegExp String sun
    decodeURI decodeURIComponent encodeURI encodeURIComponent Error eval isFinite isNaN
    parseFloat parseInt document window navigator self global Promise Set Map WeakSet WeakMap
    Symbol Proxy Reflect Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array
    Uint16ClampedArray Int32Array Uint32Array Uint32ClampedArray Float32Array Float64Array
    DataView ArrayBuffer""".split()
)


JS_ID = r"(?:[^\W\d]|\$)\w*"


def _js_push_current(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    push_current(ctx)
    return [(Punctuation, m.group(0))]


def _js_regex_group_error(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    pop(ctx, 2)
    return [(Error, m.group(0))]


def _js_ternary(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("ternary")
    ctx.stack.append("expr_start")
    return [(Punctuation, m.group(0))]


def _js_decorator(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("expr_start")
    return [(Punctuation, m.group(1)), (Name.Decorator, m.group(2) or "")]


def _js_identifier(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    word = m.group(0)
    if word in lexer.keywords:
        ctx.stack.append("expr_start")
        return [(Keyword, word)]
    if word in lexer.declarations:
        ctx.stack.append("expr_start")
        return [(Keyword.Declaration, word)]
    if word in lexer.reserved:
        return [(Keyword.Reserved, word)]
    if word in JS_CONSTANTS:
        return [(Keyword.Constant, word)]
    if word in lexer.builtins:
        return [(Name.Builtin, word)]
    return [(Name.Other, word)]


def _js_attribute(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("expr_start")
    return [(Name.Attribute, m.group(1)), (Text, m.group(2)), (Punctuation, m.group(3))]


class JavascriptLexer(RougeLexer):
    name = "javascript"
    aliases = ["javascript", "js"]
    keywords = JS_KEYWORDS
    declarations = JS_DECLARATIONS
    reserved = JS_RESERVED
    builtins = JS_BUILTINS

    tokens = {
        "multiline_comment": [
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"[^*/]+", Comment.Multiline),
            (r"[*/]", Comment.Multiline),
        ],
        "comments_and_whitespace": [
            (rf"{S}+", Text),
            (r"<!--", Comment),
            (r"//.*?$", Comment.Single),
            (r"/[*]", Comment.Multiline, "multiline_comment"),
        ],
        "expr_start": [
            include("comments_and_whitespace"),
            (r"/", goto_with(String.Regex, "regex")),
            (r"[{]", goto_with(Punctuation, "object")),
            default("#pop"),
        ],
        "regex": [
            (r"/", goto_with(String.Regex, "regex_end")),
            (r"[^/]\n", Error, "#pop"),
            (r"\n", Error, "#pop"),
            (r"\[\^", String.Escape, "regex_group"),
            (r"\[", String.Escape, "regex_group"),
            (r"\\.", String.Escape),
            (r"[(][?][:=<!]", String.Escape),
            (r"[{][0-9,]+[}]", String.Escape),
            (r"[()?]", String.Escape),
            (r".", String.Regex),
        ],
        "regex_end": [
            (r"[gimuy]+", String.Regex, "#pop"),
            default("#pop"),
        ],
        "regex_group": [
            (r"/", String.Escape),
            (r"[^/]\n", rule_cb(_js_regex_group_error)),
            (r"\]", String.Escape, "#pop"),
            (r"\\.", String.Escape),
            (r".", String.Regex),
        ],
        "root": [
            # rouge's `\A` matches at the scan position; its `(?<=\n)` rule never matches.
            (rf"(?s){S}*#!.*?\n", Comment.Preproc, "statement"),
            include("comments_and_whitespace"),
            (r"\+\+|--|~|\?\?=?|&&|\|\||\\(?=\n)|<<|>>>?|===|!==", Operator, "expr_start"),
            (r"[-<>+*%&|\^/!=]=?", Operator, "expr_start"),
            (r"[(\[,]", Punctuation, "expr_start"),
            (r";", Punctuation, "statement"),
            (r"[)\].]", Punctuation),
            (r"`", String.Double, "template_string"),
            (r"[?][.]", Punctuation),
            (r"[?]", rule_cb(_js_ternary)),
            (r"(@)([a-zA-Z0-9_]+)?", rule_cb(_js_decorator)),
            (r"[{}]", Punctuation, "statement"),
            (JS_ID, rule_cb(_js_identifier)),
            (r"[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?", Number.Float),
            (r"0[xX][0-9a-fA-F]+", Number.Hex),
            (r"0[oO][0-7][0-7_]*", Number.Oct),
            (r"0[bB][01][01_]*", Number.Bin),
            (r"[0-9]+", Number.Integer),
            (r'"', String.Delimiter, "dq"),
            (r"'", String.Delimiter, "sq"),
            (r":", Punctuation),
        ],
        "dq": [
            (r'\\[\\nrt"]?', String.Escape),
            (r'[^\\"]+', String.Double),
            (r'"', String.Delimiter, "#pop"),
        ],
        "sq": [
            (r"\\[\\nrt']?", String.Escape),
            (r"[^\\']+", String.Single),
            (r"'", String.Delimiter, "#pop"),
        ],
        "statement": [
            (r"case\b", goto_with(Keyword, "expr_start")),
            (rf"({JS_ID})({S}*)(:)", bygroups(Name.Label, Text, Punctuation)),
            include("expr_start"),
        ],
        "object": [
            include("comments_and_whitespace"),
            (r"[{]", rule_cb(_js_push_current)),
            (r"[}]", goto_with(Punctuation, "statement")),
            (rf"({JS_ID})({S}*)(:)", rule_cb(_js_attribute)),
            (r":", Punctuation),
            include("root"),
        ],
        "ternary": [
            (r":", goto_with(Punctuation, "expr_start")),
            include("root"),
        ],
        "template_string": [
            (r"[$]\{", Punctuation, "template_string_expr"),
            (r"`", String.Double, "#pop"),
            (r"\\[$`]", String.Escape),
            (r"[^$`\\]+", String.Double),
            (r"[\\$]", String.Double),
        ],
        "template_string_expr": [
            (r"\}", Punctuation, "#pop"),
            include("root"),
        ],
    }


def _ts_label(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("expr_start")
    return zip((Name.Label, Punctuation, Text, Punctuation), m.groups(), strict=True)


class TypescriptLexer(JavascriptLexer):
    """rouge's TypeScript: JavaScript with more keywords and two extra rules up front."""

    name = "typescript"
    aliases = ["typescript", "ts"]
    keywords = JS_KEYWORDS | set(
        "is namespace static private protected public implements readonly".split()
    )
    declarations = JS_DECLARATIONS | {"type", "abstract"}
    reserved = JS_RESERVED | set(
        "string any void number namespace module declare default interface keyof".split()
    )
    builtins = JS_BUILTINS | {"Pick", "Partial", "Readonly", "Record"}
    tokens = {
        **JavascriptLexer.tokens,
        "root": [(r"[?][.]", Punctuation), (r"[?]{2}", Operator), *JavascriptLexer.tokens["root"]],
        "statement": [
            (rf"({JS_ID})(\??)({S}*)(:)", rule_cb(_ts_label)),
            *JavascriptLexer.tokens["statement"],
        ],
    }
