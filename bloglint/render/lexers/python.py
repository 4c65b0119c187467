"""rouge's Python lexer (rouge/lexers/python.rb), ported to Pygments."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups
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
    pop,
    rule_cb,
)

PY_KEYWORDS = frozenset(
    """assert break continue del elif else except exec finally for global if lambda pass print
    raise return try while yield as with from import yield async await nonlocal""".split()
)


PY_BUILTINS = frozenset(
    """__import__ abs all any apply ascii basestring bin bool buffer bytearray bytes callable chr
    classmethod cmp coerce compile complex delattr dict dir divmod enumerate eval execfile exit
    file filter float format frozenset getattr globals hasattr hash hex id input int intern
    isinstance issubclass iter len list locals long map max memoryview min next object oct open
    ord pow property range raw_input reduce reload repr reversed round set setattr slice sorted
    staticmethod str sum super tuple type unichr unicode vars xrange zip""".split()
)


PY_PSEUDO = frozenset("self None Ellipsis NotImplemented False True".split())


PY_EXCEPTIONS = frozenset(
    """ArithmeticError AssertionError AttributeError BaseException BlockingIOError
    BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError
    ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError
    EnvironmentError Exception FileExistsError FileNotFoundError FloatingPointError FutureWarning
    GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError
    IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError
    NameError NotADirectoryError NotImplemented NotImplementedError OSError OverflowError
    OverflowWarning PendingDeprecationWarning ProcessLookupError RecursionError ReferenceError
    ResourceWarning RuntimeError RuntimeWarning StandardError StopAsyncIteration StopIteration
    SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError
    UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError
    UnicodeWarning UserWarning ValueError VMSError Warning WindowsError ZeroDivisionError""".split()
)


PY_IDENT = r"[^\W\d][\w]*"  # [[:alpha:]_][[:alnum:]_]*


PY_DOTTED = r"[^\W\d.]?[\w.]*"


PY_DOTTED_IDENT = r"(?:[^\W\d]|\.)[\w.]*"  # [[:alpha:]_.][[:alnum:]_.]*


PY_DIGITS = r"[0-9](?:_?[0-9])*"


PY_DECIMAL = rf"(?:(?:{PY_DIGITS})?\.{PY_DIGITS}|{PY_DIGITS}\.)"


PY_EXPONENT = rf"[eE][+-]?{PY_DIGITS}"


def _py_identifier(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    word = m.group(0)
    if word in PY_KEYWORDS:
        token = Keyword
    elif word in PY_EXCEPTIONS or word in PY_BUILTINS:
        token = Name.Builtin
    elif word in PY_PSEUDO:
        token = Name.Builtin.Pseudo
    else:
        token = Name
    return [(token, word)]


def _py_string_start(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.strings.append((m.group(1).lower(), m.group(2)))
    ctx.stack.append("generic_string")
    return [(String.Affix, m.group(1)), (String, m.group(2))]


def _py_string_quote(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    if lexer.strings and lexer.strings[-1][1] == m.group(0):
        lexer.strings.pop()
        pop(ctx)
    return [(String, m.group(0))]


def _py_string_brace(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    if lexer.strings and "f" in lexer.strings[-1][0]:
        ctx.stack.append("generic_interpol")
        return [(String.Interpol, m.group(0))]
    return [(String, m.group(0))]


def _py_escape(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    raw = bool(lexer.strings) and "r" in lexer.strings[-1][0]
    pop(ctx)
    return [(String if raw else String.Escape, m.group(0))]


def _py_recurse(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    inner = PythonLexer()
    return [(tok, val) for _, tok, val in inner.get_tokens_unprocessed(m.group(0))]


class PythonLexer(RougeLexer):
    name = "python"
    aliases = ["python", "py"]

    def reset(self) -> None:
        self.strings: list[tuple[str, str]] = []

    tokens = {
        "root": [
            (r"\n+", Text),
            (rf'^(:)({S}*)([rRuU]{{0,2}}""".*?""")', bygroups(Punctuation, Text, String.Doc)),
            (r"[ \t\v\f\r]+", Text),
            (r"#(.*)?\n?", Comment.Single),
            (r"[\[\]{}:(),;.]", Punctuation),
            (r"\\\n", Text),
            (r"\\", Text),
            (r"(in|is|and|or|not)\b", Operator.Word),
            (r"(<<|>>|//|\*\*)=?", Operator),
            (r"[-~+/*%=<>&^|@]=?|!=", Operator),
            (
                rf"(from)((?:\\{S}|{S})+)({PY_DOTTED_IDENT})((?:\\{S}|{S})+)(import)",
                bygroups(Keyword.Namespace, Text, Name.Namespace, Text, Keyword.Namespace),
            ),
            (
                rf"(import)({S}+)({PY_DOTTED_IDENT})",
                bygroups(Keyword.Namespace, Text, Name.Namespace),
            ),
            (rf"(def)((?:{S}|\\{S})+)", bygroups(Keyword, Text), "funcname"),
            (rf"(class)((?:{S}|\\{S})+)", bygroups(Keyword, Text), "classname"),
            (r"`.*?`", String.Backtick),
            (r"([rfbuRFBU]{0,2})('''|\"\"\"|['\"])", rule_cb(_py_string_start)),
            (rf"@{PY_DOTTED_IDENT}", Name.Decorator),
            (PY_IDENT, rule_cb(_py_identifier)),  # rouge: (?<!\.) never sees before pos
            (PY_IDENT, Name),
            (rf"{PY_DECIMAL}(?:{PY_EXPONENT})?[jJ]?", Number.Float),
            (rf"{PY_DIGITS}{PY_EXPONENT}[jJ]?", Number.Float),
            (rf"{PY_DIGITS}[jJ]", Number.Float),
            (r"0[bB](?:_?[0-1])+", Number.Bin),
            (r"0[oO](?:_?[0-7])+", Number.Oct),
            (r"0[xX](?:_?[a-fA-F0-9])+", Number.Hex),
            (r"[0-9]+L", Number.Integer.Long),
            (r"(?:[1-9](?:_?[0-9])*|0(?:_?0)*)", Number.Integer),
        ],
        "funcname": [(PY_IDENT, Name.Function, "#pop")],
        "classname": [(PY_IDENT, Name.Class, "#pop")],
        "generic_string": [
            (r"[^'\"\\{]+", String),
            (r"\{\{", String),
            (r"'''|\"\"\"|['\"]", rule_cb(_py_string_quote)),
            (r"(?=\\)", String, "generic_escape"),
            (r"\{", rule_cb(_py_string_brace)),
        ],
        "generic_escape": [
            (
                r"\\([\\abfnrtv\"']|\n|newline|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}|u[a-fA-F0-9]{4}"
                r"|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})",
                rule_cb(_py_escape),
            ),
            (r"\\.", String, "#pop"),
        ],
        "generic_interpol": [
            (r"[^{}!:]+", rule_cb(_py_recurse)),
            (r"![asr]", String.Interpol),
            (r":", String.Interpol),
            (r"\{", String.Interpol, "generic_interpol"),
            (r"\}", String.Interpol, "#pop"),
        ],
    }
