"""rouge's R lexer (rouge/lexers/r.rb), ported to Pygments."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext
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
    RougeLexer,
    S,
    rule_cb,
)

R_KEYWORDS = frozenset("if else for while repeat in next break function".split())


R_KEYWORD_CONSTANTS = frozenset(
    "NULL Inf TRUE FALSE NaN NA NA_integer_ NA_real_ NA_complex_ NA_character_".split()
)


R_BUILTIN_CONSTANTS = frozenset("LETTERS letters month.abb month.name pi T F".split())


# Joined unescaped, as rouge does: the dots match any character.
R_PRIMITIVES = "|".join(
    """abs acos acosh all any anyNA Arg as.call as.character as.complex as.double as.environment
    as.integer as.logical as.null.default as.numeric as.raw asin asinh atan atanh attr attributes
    baseenv browser c call ceiling class Conj cos cosh cospi cummax cummin cumprod cumsum digamma
    dim dimnames emptyenv exp expression floor forceAndCall gamma gc.time globalenv Im interactive
    invisible is.array is.atomic is.call is.character is.complex is.double is.environment
    is.expression is.finite is.function is.infinite is.integer is.language is.list is.logical
    is.matrix is.na is.name is.nan is.null is.numeric is.object is.pairlist is.raw is.recursive
    is.single is.symbol lazyLoadDBfetch length lgamma list log max min missing Mod names nargs
    nzchar oldClass on.exit pos.to.env proc.time prod quote range Re rep retracemem return round
    seq_along seq_len seq.int sign signif sin sinh sinpi sqrt standardGeneric substitute sum
    switch tan tanh tanpi tracemem trigamma trunc unclass untracemem UseMethod xtfrm""".split()
)


def _r_word(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    word = m.group(0)
    if word in R_KEYWORDS:
        return [(Keyword, word)]
    if word in R_KEYWORD_CONSTANTS:
        return [(Keyword.Constant, word)]
    if word in R_BUILTIN_CONSTANTS:
        return [(Name.Builtin, word)]
    return [(Name, word)]


class RLexer(RougeLexer):
    name = "r"
    aliases = ["r", "R", "s", "S"]

    tokens = {
        "root": [
            (r"#'.*?$", Comment.Doc),
            (r"#.*?$", Comment.Single),
            (rf"{S}+", Text.Whitespace),
            (r"`[^`]+?`", Name),
            (r"(?s)'(\\.|.)*?'", String.Single),
            (r'(?s)"(\\.|.)*?"', String.Double),
            (r"%[^%]*?%", Operator),
            (r"0[xX][a-fA-F0-9]+([pP][0-9]+)?[Li]?", Number.Hex),
            (r"[+-]?([0-9]+([.][0-9]+)?|[.][0-9]+)([eE][+-]?[0-9]+)?[Li]?", Number),
            # rouge: `\b(?<!.)` sees nothing before the scan position, so it always passes
            (rf"({R_PRIMITIVES})(?=\()", Name.Function),
            (r"(?:(?:[^\W\d_]|[.][._]|[.][^\W\d_])[._\w]*)|[.]", rule_cb(_r_word)),
            (r"[\[\]{}();,]", Punctuation),
            (r"[-<>?*+^/!=~$@:%&|]", Operator),
        ],
    }
