"""Ports of rouge 3.30 lexers to Pygments, for byte-identical highlighting in feeds.

rouge matches with Ruby's StringScanner, which treats the scan position as the start of the
string: a lookbehind there sees nothing and a leading `\\b` only checks the next character. The
ports therefore drop leading `\\b` and `(?<!...)` from rules (a rule's match always starts at
the position).

Each class follows the rouge lexer of the same name state by state and rule by rule, with Ruby's
regex semantics spelled out (`\\s`, `\\w`, `\\d` are ASCII in Ruby; `[[:alpha:]]` is Unicode).
Rules written as Ruby blocks become callbacks that may look at the match and change the state
stack. `find(name)` maps rouge's tags and aliases to a fresh lexer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from pygments.lexer import ExtendedRegexLexer, LexerContext, bygroups, default, include
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

S = r"[ \t\n\v\f\r]"  # Ruby \s
W = r"[a-zA-Z0-9_]"  # Ruby \w

Callback = Callable[[Any, re.Match[str], LexerContext], Iterator[tuple[int, Any, str]]]


def rule_cb(func: Callable[[Any, re.Match[str], LexerContext], Any]) -> Callback:
    """A rouge rule block: `func` returns (token, value) pairs and may edit `ctx.stack`."""

    def callback(lexer: Any, match: re.Match[str], ctx: LexerContext) -> Iterator[Any]:
        pos = match.start()
        for token, value in func(lexer, match, ctx) or ():
            if value:
                yield pos, token, value
                pos += len(value)
        ctx.pos = match.end()

    return callback


def pop(ctx: LexerContext, times: int = 1) -> None:
    for _ in range(times):
        if len(ctx.stack) > 1:
            ctx.stack.pop()


class RougeLexer(ExtendedRegexLexer):
    """Shared behaviour: no input preprocessing, per-run state reset, rouge's error handling."""

    flags = re.M

    def __init__(self, **options: Any) -> None:
        super().__init__(stripnl=False, ensurenl=False, **options)

    def reset(self) -> None:
        """Clear per-run state (heredoc names, string delimiters...)."""

    def get_tokens_unprocessed(self, text: str | None = None, context: Any = None) -> Any:
        self.reset()
        ctx = LexerContext(text, 0)
        tokendefs = self._tokens
        while ctx.pos < ctx.end:
            statetokens = tokendefs[ctx.stack[-1]]
            for rexmatch, action, new_state in statetokens:
                m = rexmatch(text, ctx.pos, ctx.end)
                if not m:
                    continue
                if action is not None:
                    if isinstance(action, type(Text)):
                        yield ctx.pos, action, m.group()
                        ctx.pos = m.end()
                    else:
                        yield from action(self, m, ctx)
                if new_state is not None:
                    if isinstance(new_state, tuple):
                        for state in new_state:
                            if state == "#pop":
                                pop(ctx)
                            elif state == "#push":
                                ctx.stack.append(ctx.stack[-1])
                            else:
                                ctx.stack.append(state)
                    elif isinstance(new_state, int):
                        pop(ctx, -new_state)
                    elif new_state == "#push":
                        ctx.stack.append(ctx.stack[-1])
                break
            else:  # rouge yields the character as an error and keeps its state
                yield ctx.pos, Error, text[ctx.pos]  # type: ignore[index]
                ctx.pos += 1


# ---------------------------------------------------------------------------------------------
# shell (rouge/lexers/shell.rb)

SHELL_KEYWORDS = (
    "if|fi|else|while|do|done|for|then|return|function|select|continue|until|esac|elif|in"
)
SHELL_BUILTINS = "|".join(
    """
alias bg bind break builtin caller cd command compgen complete declare dirs disown enable eval
exec exit export false fc fg getopts hash help history jobs let local logout mapfile popd pushd
pwd read readonly set shift shopt source suspend test time times trap true type typeset ulimit
umask unalias unset wait cat tac nl od base32 base64 fmt pr fold head tail split csplit wc sum
cksum b2sum md5sum sha1sum sha224sum sha256sum sha384sum sha512sum sort shuf uniq comm ptx tsort
cut paste join tr expand unexpand ls dir vdir dircolors cp dd install mv rm shred link ln mkdir
mkfifo mknod readlink rmdir unlink chown chgrp chmod touch df du stat sync truncate echo printf
yes expr tee basename dirname pathchk mktemp realpath pwd stty printenv tty id logname whoami
groups users who date arch nproc uname hostname hostid uptime chcon runcon chroot env nice nohup
stdbuf timeout kill sleep factor numfmt seq tar grep sudo awk sed gzip gunzip
""".split()
)


def _heredoc_start(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.heredocstr = m.group(5)
    ctx.stack.append("heredoc")
    return zip(
        (Operator, Text, String.Heredoc, String.Heredoc, Name.Constant, String.Heredoc),
        m.groups(),
        strict=True,
    )


def _heredoc_end(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    if m.group(1) == lexer.heredocstr:
        pop(ctx, 2)
        return [(Name.Constant, m.group(0))]
    return [(String.Heredoc, m.group(0))]


class ShellLexer(RougeLexer):
    name = "shell"
    aliases = ["shell", "bash", "zsh", "ksh", "sh"]

    def reset(self) -> None:
        self.heredocstr = ""

    tokens = {
        "basic": [
            (r"#.*$", Comment),
            (rf"({SHELL_KEYWORDS}){S}*\b", Keyword),
            (r"case\b", Keyword, "case"),
            (rf"({SHELL_BUILTINS}){S}*\b(?!(\.|-))", Name.Builtin),
            (rf"[.](?={S})", Name.Builtin),
            (rf"({W}+)(=)", bygroups(Name.Variable, Operator)),
            (r"[\[\]{}()!=>]", Operator),
            (r"&&|\|\|", Operator),
            (r"<<<", Operator),
            (rf"(<<-?)({S}*)(['\"]?)(\\?)({W}+)(\3)", rule_cb(_heredoc_start)),
        ],
        "heredoc": [
            (r"\n", String.Heredoc, "heredoc_nl"),
            (r"[^$\n\\]+", String.Heredoc),
            include("interp"),
            (r"[$]", String.Heredoc),
        ],
        "heredoc_nl": [
            (rf"{S}*({W}+){S}*\n", rule_cb(_heredoc_end)),
            default("#pop"),
        ],
        "double_quotes": [
            (r'(?:\$#?)?"', String.Double, "#pop"),
            include("interp"),
            (r'[^"`\\$]+', String.Double),
        ],
        "ansi_string": [
            (r"\\.", String.Escape),
            (r"[^\\']+", String.Single),
            include("single_quotes"),
        ],
        "single_quotes": [
            (r"'", String.Single, "#pop"),
            (r"[^']+", String.Single),
        ],
        "data": [
            (rf"{S}+", Text),
            (r"\\.", String.Escape),
            (r'\$?"', String.Double, "double_quotes"),
            (r"\$'", String.Single, "ansi_string"),
            (r"'", String.Single, "single_quotes"),
            (r"\*", Keyword),
            (r";", Punctuation),
            (r"--?[a-zA-Z0-9_-]+", Name.Tag),
            (r"[^=\* \t\n\v\f\r{}()$\"'`;\\<]+", Text),
            (r"[0-9]+(?= |\n?\Z)", Number),
            (r"<", Text),
            include("interp"),
        ],
        "curly": [
            (r"}", Keyword, "#pop"),
            (r":-", Keyword),
            (r"[a-zA-Z0-9_]+", Name.Variable),
            (r"[^}:\"`'$]+", Punctuation),
            include("root"),
        ],
        "paren_interp": [
            (r"\)", String.Interpol, "#pop"),
            (r"\(", Operator, "paren_inner"),
            include("root"),
        ],
        "paren_inner": [
            (r"\(", Operator, "#push"),
            (r"\)", Operator, "#pop"),
            include("root"),
        ],
        "math": [
            (r"\)\)", Keyword, "#pop"),
            (r"[-+*/%^|&!]|\*\*|\|\|", Operator),
            (rf"[0-9]+(#{W}+)?", Number),
            include("root"),
        ],
        "case": [
            (r"esac\b", Keyword, "#pop"),
            (r"\|", Punctuation),
            (r"\)", Punctuation, "case_stanza"),
            include("root"),
        ],
        "case_stanza": [
            (r";;", Punctuation, "#pop"),
            include("root"),
        ],
        "backticks": [
            (r"`", String.Backtick, "#pop"),
            include("root"),
        ],
        "interp": [
            (r"\\$", String.Escape),
            (r"\\.", String.Escape),
            (r"\$\(\(", Keyword, "math"),
            (r"\$\(", String.Interpol, "paren_interp"),
            (r"\$\{#?", Keyword, "curly"),
            (r"`", String.Backtick, "backticks"),
            (rf"\$#?({W}+|.)", Name.Variable),
            (r"\$[*@]", Name.Variable),
        ],
        "root": [
            include("basic"),
            include("data"),
        ],
    }


# ---------------------------------------------------------------------------------------------
# python (rouge/lexers/python.rb)

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


LEXERS: dict[str, type[RougeLexer]] = {}
for _cls in (ShellLexer, PythonLexer):
    for _alias in _cls.aliases:
        LEXERS[_alias] = _cls


def find(name: str) -> RougeLexer | None:
    cls = LEXERS.get(name)
    return cls() if cls else None
