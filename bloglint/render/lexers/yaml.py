"""rouge's YAML lexer (rouge/lexers/yaml.rb): an indentation stack decides where block values end."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, include
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Punctuation,
    String,
    Text,
)

from bloglint.render.lexers.engine import (
    Callback,
    RougeLexer,
    S,
    goto,
    pop,
    rule_cb,
)

YAML_PLAIN_START = r"[^ \t\n\r\f\v?:,\[\]{}#&*!\|>'\"%@`]"


def _yaml_reset_indent(lexer: Any) -> None:
    lexer.indent_stack = [0]
    lexer.next_indent = 0
    lexer.block_scalar_indent = None


def _yaml_save_indent(lexer: Any, match: str) -> tuple[str, str]:
    lexer.next_indent = len(match)
    if lexer.next_indent < lexer.indent_stack[-1]:
        while lexer.next_indent < lexer.indent_stack[-1]:
            lexer.indent_stack.pop()
        indent = lexer.indent_stack[-1]
        return match[:indent], match[indent:]
    return match, ""


def _yaml_set_indent(lexer: Any, match: str, implicit: bool = False) -> None:
    if lexer.indent_stack[-1] < lexer.next_indent:
        lexer.indent_stack.append(lexer.next_indent)
    if not implicit:
        lexer.next_indent += len(match)


def _yaml_directive(token: Any, state: str) -> Callback:
    def func(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
        _yaml_reset_indent(lexer)
        ctx.stack.append(state)
        return [(token, m.group(0))]

    return rule_cb(func)


def _yaml_root_indent(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    text, err = _yaml_save_indent(lexer, m.group(0))
    ctx.stack.append("block_line")
    ctx.stack.append("indentation")
    return [(Text, text), (Error, err)]


def _yaml_indent_blank(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    pop(ctx, 2)
    return [(Text, m.group(0))]


def _yaml_continue_indent(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.next_indent += len(m.group(0))
    return [(Text, m.group(0))]


def _yaml_indicator(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    _yaml_set_indent(lexer, m.group(0))
    return [(Punctuation.Indicator, m.group(0))]


def _yaml_indent_end(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.next_indent += len(m.group(0))
    pop(ctx)
    return [(Text, m.group(0))]


def _yaml_push(state: str) -> Callback:
    def func(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
        ctx.stack.append(state)
        return [(Name.Variable, m.group(0))]

    return rule_cb(func)


def _yaml_key(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    _yaml_set_indent(lexer, m.group(0), implicit=True)
    return [(Name.Attribute, m.group(1)), (Punctuation.Indicator, m.group(2))]


def _yaml_block_scalar(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("block_scalar_content")
    ctx.stack.append("block_scalar_header")
    return [(Punctuation.Indicator, m.group(0))]


def _yaml_scalar_blank(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    text = m.group(0)
    mark = lexer.block_scalar_indent or len(text)
    return [(Text, text[:mark]), (Name.Constant, text[mark:])]


def _yaml_scalar_indent(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    size = len(m.group(0))
    dedent_level = lexer.block_scalar_indent or lexer.indent_stack[-1]
    if lexer.block_scalar_indent is None:  # rouge: @block_scalar_indent ||= indent_size
        lexer.block_scalar_indent = size
    if size < dedent_level:
        _yaml_save_indent(lexer, m.group(0))
        pop(ctx)
        ctx.stack.append("indentation")
    return [(Text, m.group(0))]


def _yaml_scalar_header(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.block_scalar_indent = None
    goto(ctx, "ignored_line")
    if not m.group(0):
        return []
    increment = m.group(2) or m.group(3)
    if increment:
        lexer.block_scalar_indent = lexer.indent_stack[-1] + int(increment)
    return [(Punctuation.Indicator, m.group(0))]


def _yaml_new_line_document(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    pop(ctx, 3)
    return []


def _yaml_new_line_indent(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    pop(ctx)
    if len(m.group(0)) <= lexer.indent_stack[-1]:
        pop(ctx)
        _yaml_save_indent(lexer, m.group(0))
        ctx.stack.append("indentation")
    return [(Text, m.group(0))]


def _yaml_scalar_newlines(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("plain_scalar_in_block_context_new_line")
    return [(Text, m.group(0))]


def _yaml_goto_ignored(*tokens: Any) -> Callback:
    def func(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
        goto(ctx, "ignored_line")
        return zip(tokens, m.groups(), strict=True)

    return rule_cb(func)


class YamlLexer(RougeLexer):
    name = "yaml"
    aliases = ["yaml", "yml"]

    def reset(self) -> None:
        _yaml_reset_indent(self)

    tokens = {
        "basic": [(r"#.*$", Comment.Single)],
        "root": [
            include("basic"),
            (r"\n+", Text),
            (r"[ ]+(?=#|$)", Text),
            (r"^%YAML\b", _yaml_directive(Name.Tag, "yaml_directive")),
            (r"^%TAG\b", _yaml_directive(Name.Tag, "tag_directive")),
            (r"^(?:---|\.\.\.)(?= |$)", _yaml_directive(Name.Namespace, "block_line")),
            (rf"[ ]*(?!{S}|$)", rule_cb(_yaml_root_indent)),
        ],
        "indentation": [
            (rf"{S}*?\n", rule_cb(_yaml_indent_blank)),
            (r"[ ]+(?=[-:?](?:[ ]|$))", rule_cb(_yaml_continue_indent)),
            (r"[?:-](?=[ ]|$)", rule_cb(_yaml_indicator)),
            (r"[ ]*", rule_cb(_yaml_indent_end)),
        ],
        "block_line": [
            (r"[ ]*(?=#|$)", Text, "#pop"),
            (r"[ ]+", Text),
            include("descriptors"),
            include("block_nodes"),
            include("flow_nodes"),
            (
                rf"(?={YAML_PLAIN_START}|[?:-][^ \t\n\r\f\v])",
                _yaml_push("plain_scalar_in_block_context"),
            ),
        ],
        "descriptors": [
            (r"!<[0-9A-Za-z;/?:@&=+$,_.!~*'()\[\]%-]+>", Keyword.Type),
            (r"(?:![a-zA-Z0-9_-]+)?!(?:[a-zA-Z0-9_;/?:@&=+$,.!~*'()\[\]%-]*)", Keyword.Type),
            (r"&[^\W_][\w-]*|&[_-][\w-]*", Name.Label),
            (r"\*[^\W_][\w-]*|\*[_-][\w-]*", Name.Variable),
        ],
        "block_nodes": [
            (rf"([^#,:?\[\]{{}}\"'\n]+)(:)(?={S}|$)", rule_cb(_yaml_key)),
            (r"[\|>][+-]?", rule_cb(_yaml_block_scalar)),
        ],
        "flow_nodes": [
            (r"\[", Punctuation.Indicator, "flow_sequence"),
            (r"\{", Punctuation.Indicator, "flow_mapping"),
            (r"'", String.Single, "single_quoted_scalar"),
            (r'"', String.Double, "double_quoted_scalar"),
        ],
        "flow_collection": [
            (rf"{S}+", Text),
            include("basic"),
            (r"[?:,]", Punctuation.Indicator),
            include("descriptors"),
            include("flow_nodes"),
            (rf"(?={YAML_PLAIN_START})", Text, "plain_scalar_in_flow_context"),
        ],
        "flow_sequence": [
            (r"\]", Punctuation.Indicator, "#pop"),
            include("flow_collection"),
        ],
        "flow_mapping": [
            (r"\}", Punctuation.Indicator, "#pop"),
            include("flow_collection"),
        ],
        "block_scalar_content": [
            (r"\n+", Text),
            (r"^[ ]+$", rule_cb(_yaml_scalar_blank)),
            (r"^[ ]*", rule_cb(_yaml_scalar_indent)),
            (r"[^\n\r\f\v]+", String),
        ],
        "block_scalar_header": [
            (r"(([1-9])[+-]?|[+-]?([1-9])?)(?=[ ]|$)", rule_cb(_yaml_scalar_header)),
        ],
        "ignored_line": [
            include("basic"),
            (r"[ ]+", Text),
            (r"\n", Text, "#pop"),
        ],
        "quoted_scalar_whitespaces": [
            (r"^[ ]+", Text),
            (r"[ ]+$", Text),
            (r"\n+", Text),
            (r"[ ]+", Name.Variable),
        ],
        "single_quoted_scalar": [
            include("quoted_scalar_whitespaces"),
            (r"\\'", String.Escape),
            (r"'", String, "#pop"),
            (r"[^ \t\n\v\f\r']+", String),
        ],
        "double_quoted_scalar": [
            (r'"', String, "#pop"),
            include("quoted_scalar_whitespaces"),
            (r'\\[0abt\tn\nvfre "\\N_LP]', String.Escape),
            (r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", String.Escape),
            (r'[^ \t\n\r\f\v"\\]+', String),
        ],
        "plain_scalar_in_block_context_new_line": [
            (r"^[ ]+\n", Text),
            (r"\n+", Text),
            (r"^(?=---|\.\.\.)", rule_cb(_yaml_new_line_document)),
            (r"^[ ]*", rule_cb(_yaml_new_line_indent)),
        ],
        "plain_scalar_in_block_context": [
            (r"[ ]*(?=:[ \n]|:$)", Text, "#pop"),
            (r"[ ]*:[^ \t\n\v\f\r]+", String),
            (r"[ ]+(?=#)", Text, "#pop"),
            (r"[ ]+$", Text),
            (r"\n+", rule_cb(_yaml_scalar_newlines)),
            (r"[ ]+", String),
            (r"true|false|null", Name.Constant),
            (r"[0-9]+(?:\.[0-9]+)?(?=(\r?\n)| +#)", Number, "#pop"),
            (r"[^ \t\n\v\f\r:]+", String),
        ],
        "plain_scalar_in_flow_context": [
            (r"[ ]*(?=[,:?\[\]{}])", Text, "#pop"),
            (r"[ ]+(?=#)", Text, "#pop"),
            (r"^[ ]+", Text),
            (r"[ ]+$", Text),
            (r"\n+", Text),
            (r"[ ]+", Name.Variable),
            (r"[^ \t\n\v\f\r,:?\[\]{}]+", Name.Variable),
        ],
        "yaml_directive": [
            (r"([ ]+)([0-9]+\.[0-9]+)", _yaml_goto_ignored(Text, Number)),
        ],
        "tag_directive": [
            (
                r"([ ]+)(!|![a-zA-Z0-9_-]*!)([ ]+)(!|!?[a-zA-Z0-9_;/?:@&=+$,.!~*'()\[\]%-]+)",
                _yaml_goto_ignored(Text, Keyword.Type, Text, Keyword.Type),
            ),
        ],
    }
