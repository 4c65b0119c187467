"""rouge's C and C++ lexers (rouge/lexers/c.rb, cpp.rb), ported to Pygments."""

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
    recurse,
    rule_cb,
)

C_WS = r"(?:[ \t\n\v\f\r]|//[^\n]*?\n|/[*][^\n]*?[*]/)+"


C_ID = r"[a-zA-Z_][a-zA-Z0-9_]*"


C_KEYWORDS = frozenset(
    """auto break case const continue default do else enum extern for goto if register
    restricted return sizeof static struct switch typedef union volatile virtual while _Alignas
    _Alignof _Atomic _Generic _Imaginary _Noreturn _Static_assert _Thread_local""".split()
)


C_KEYWORDS_TYPE = frozenset(
    """int long float short double char unsigned signed void jmp_buf FILE DIR div_t ldiv_t
    mbstate_t sig_atomic_t fpos_t clock_t time_t va_list size_t ssize_t off_t wchar_t ptrdiff_t
    wctrans_t wint_t wctype_t _Bool _Complex int8_t int16_t int32_t int64_t uint8_t uint16_t
    uint32_t uint64_t int_least8_t int_least16_t int_least32_t int_least64_t uint_least8_t
    uint_least16_t uint_least32_t uint_least64_t int_fast8_t int_fast16_t int_fast32_t
    int_fast64_t uint_fast8_t uint_fast16_t uint_fast32_t uint_fast64_t intptr_t uintptr_t
    intmax_t uintmax_t char16_t char32_t""".split()
)


C_RESERVED = frozenset(
    """__asm __int8 __based __except __int16 __stdcall __cdecl __fastcall __int32 __declspec
    __finally __int61 __try __leave inline _inline __inline naked _naked __naked restrict
    _restrict __restrict thread _thread __thread typename _typename __typename""".split()
)


CPP_KEYWORDS = C_KEYWORDS | frozenset(
    """asm auto catch char8_t concept consteval constexpr constinit const_cast co_await
    co_return co_yield delete dynamic_cast explicit export friend mutable namespace new operator
    private protected public reinterpret_cast requires restrict size_of static_cast this throw
    throws typeid typename using virtual final override alignas alignof decltype noexcept
    static_assert thread_local try""".split()
)


CPP_KEYWORDS_TYPE = C_KEYWORDS_TYPE | {"bool"}


CPP_RESERVED = C_RESERVED | frozenset(
    """__virtual_inheritance __uuidof __super __single_inheritance __multiple_inheritance
    __interface __event""".split()
)


def _c_identifier(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    name = m.group(0)
    if name in lexer.keywords:
        token = Keyword
    elif name in lexer.keywords_type:
        token = Keyword.Type
    elif name in lexer.reserved:
        token = Keyword.Reserved
    elif name in lexer.builtins:
        token = Name.Builtin
    else:
        token = Name
    return [(token, name)]


def _c_function(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    out = recurse(lexer, m.group(1))
    out.append((Name.Function, m.group(2)))
    out += recurse(lexer, m.group(3))
    out += recurse(lexer, m.group(4))
    out.append((Punctuation, m.group(5)))
    if m.group(5) == "{":
        ctx.stack.append("function")
    return out


C_TOKENS: dict[str, list[Any]] = {
    "expr_bol": [
        include("inline_whitespace"),
        (rf"#if{S}0", Comment, "if_0"),
        (r"#", Comment.Preproc, "macro"),
        default("#pop"),
    ],
    "bol": [
        (rf"{C_ID}:(?!:)", Name.Label),
        include("expr_bol"),
    ],
    "inline_whitespace": [
        (r"[ \t\r]+", Text),
        (r"\\\n", Text),
        (r"/(\\\n)?[*].*?[*](\\\n)?/", Comment.Multiline, None, re.S),
    ],
    "whitespace": [
        (r"\n+", Text, "bol"),
        (r"//(\\.|.)*?$", Comment.Single, "bol"),
        include("inline_whitespace"),
    ],
    "expr_whitespace": [
        (r"\n+", Text, "expr_bol"),
        include("whitespace"),
    ],
    "statements": [
        include("whitespace"),
        (r'(u8|u|U|L)?"', String, "string"),
        (r"(u8|u|U|L)?'(\\.|\\[0-7]{1,3}|\\[xX][a-fA-F0-9]{1,2}|[^\\'\n])'", String.Char),
        (r"([0-9]+[.][0-9]*|[.]?[0-9]+)[eE][+-]?[0-9]+[lLuU]*", Number.Float),
        (r"[0-9]+[eE][+-]?[0-9]+[lLuU]*", Number.Float),
        (r"0[xX][0-9a-fA-F]+[lLuU]*", Number.Hex),
        (r"0[0-7]+[lLuU]*", Number.Oct),
        (r"[0-9]+[lLuU]*", Number.Integer),
        (r"\*/", Error),
        (r"[~!%^&*+=\|?:<>/-]", Operator),
        (r"[()\[\],.;]", Punctuation),
        (r"case\b", Keyword, "case"),
        (r"(?:true|false|NULL)\b", Name.Builtin),
        (C_ID, rule_cb(_c_identifier)),
    ],
    "case": [
        (r":", Punctuation, "#pop"),
        include("statements"),
    ],
    "root": [
        include("expr_whitespace"),
        (
            rf"([a-zA-Z0-9_*{S[1:-1]}]+?[{S[1:-1]}*])({C_ID})({S}*\([^;]*?\))((?:{C_WS})?)({{|;)",
            rule_cb(_c_function),
        ),
        (r"\{", Punctuation, "function"),
        include("statements"),
    ],
    "function": [
        include("whitespace"),
        include("statements"),
        (r";", Punctuation),
        (r"\{", Punctuation, "function"),
        (r"\}", Punctuation, "#pop"),
    ],
    "string": [
        (r'"', String, "#pop"),
        (r"\\([\\abfnrtv\"']|x[a-fA-F0-9]{2,4}|[0-7]{1,3})", String.Escape),
        (r'[^\\"\n]+', String),
        (r"\\\n", String),
        (r"\\", String),
    ],
    "macro": [
        include("include"),
        (r"[^/\n\\]+", Comment.Preproc),
        (r"\\.", Comment.Preproc, None, re.S),
        include("inline_whitespace"),
        (r"/", Comment.Preproc),
        (r"\n", Comment.Preproc, "#pop"),
    ],
    "include": [
        (
            rf"(include)({S}*)(<[^>]+>)([^\n]*)",
            bygroups(Comment.Preproc, Text, Comment.PreprocFile, Comment.Single),
        ),
        (
            rf'(include)({S}*)("[^"]+")([^\n]*)',
            bygroups(Comment.Preproc, Text, Comment.PreprocFile, Comment.Single),
        ),
    ],
    "if_0": [
        (rf"^{S}*#if", Comment, "if_0"),
        (rf"^{S}*#{S}*el(?:se|if)", Comment, "#pop"),
        (rf"^{S}*#{S}*endif\b.*?(?<!\\)\n", Comment, "#pop", re.S),
        (r".*?\n", Comment),
    ],
}


def _with_flags(tokens: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Rules given as (regex, action, state, flags): compile the flags into the regex."""
    out: dict[str, list[Any]] = {}
    for state, rules in tokens.items():
        converted = []
        for rule in rules:
            if isinstance(rule, tuple) and len(rule) == 4:
                regex, action, new_state, flags = rule
                prefix = "(?s)" if flags & re.S else ""
                rule = (
                    (prefix + regex, action)
                    if new_state is None
                    else (prefix + regex, action, new_state)
                )
            converted.append(rule)
        out[state] = converted
    return out


class CLexer(RougeLexer):
    name = "c"
    aliases = ["c"]
    start_stack = ("root", "bol")
    keywords = C_KEYWORDS
    keywords_type = C_KEYWORDS_TYPE
    reserved = C_RESERVED
    builtins: frozenset[str] = frozenset()
    tokens = _with_flags(C_TOKENS)


CPP_DQ = r"[0-9]('?[0-9])*"


CPP_TOKENS = dict(C_TOKENS)
CPP_TOKENS["root"] = [
    (r"(?:__offload|__blockingoffload|__outer)\b", Keyword.Pseudo),
    *C_TOKENS["root"],
]
CPP_TOKENS["statements"] = [
    (r"(class|struct)\b", Keyword, "classname"),
    (r"template\b", Keyword, "template"),
    (
        rf"{CPP_DQ}(\.{CPP_DQ})?(?:y|d|h|(?:min)|s|(?:ms)|(?:us)|(?:ns)|i|(?:if)|(?:il))\b",
        Number.Other,
    ),
    (rf"({CPP_DQ}[.](?:{CPP_DQ})?|[.]{CPP_DQ})([eE][+-]?{CPP_DQ}[lLuU]*)?", Number.Float),
    (rf"{CPP_DQ}[eE][+-]?{CPP_DQ}[lLuU]*", Number.Float),
    (r"0[xX][0-9a-fA-F]('?[0-9a-fA-F])*[lLuU]*", Number.Hex),
    (r"0b[01]+('[01]+)*", Number.Bin),
    (r"0[0-7]('?[0-7])*[lLuU]*", Number.Oct),
    (rf"{CPP_DQ}[lLuU]*", Number.Integer),
    (r"nullptr\b", Name.Builtin),
    (
        r'(?:u8|u|U|L)?R"([a-zA-Z0-9_{}\[\]#<>%:;.?*\+\-/\^&|~!=,"\']{0,16})\(.*?\)\1"',
        String,
        None,
        re.S,
    ),
    (r"(::|<=>)", Operator),
    (r"[{}]", Punctuation),
    *C_TOKENS["statements"],
]
CPP_TOKENS["classname"] = [
    (C_ID, Name.Class, "#pop"),
    include("whitespace"),
    (r"[.]{3}", Operator),
    (r",", Punctuation, "#pop"),
    default("#pop"),
]
CPP_TOKENS["template"] = [
    (r"[>;]", Punctuation, "#pop"),
    (r"typename\b", Keyword, "classname"),
    include("statements"),
]
CPP_TOKENS["case"] = [
    (r":(?!:)", Punctuation, "#pop"),
    include("statements"),
]


class CppLexer(CLexer):
    name = "cpp"
    aliases = ["cpp", "c++"]
    keywords = CPP_KEYWORDS
    keywords_type = CPP_KEYWORDS_TYPE
    reserved = CPP_RESERVED
    tokens = _with_flags(CPP_TOKENS)
