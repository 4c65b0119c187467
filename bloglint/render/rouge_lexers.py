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
from functools import cache
from typing import Any

from pygments.lexer import ExtendedRegexLexer, Lexer, LexerContext, bygroups, default, include
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
from pygments.token import _TokenType as TokenType

from bloglint.render.first_chars import first_chars

S = r"[ \t\n\v\f\r]"  # Ruby \s
W = r"[a-zA-Z0-9_]"  # Ruby \w
NSP = r"[^ \t\n\v\f\r]"  # Ruby \S

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


@cache
def _rule_first_chars(rexmatch: Any) -> frozenset[str] | None:
    return first_chars(rexmatch.__self__)


MAX_NULL_SCANS = 5  # rouge: empty matches allowed in a row before a character is an error


class RougeLexer(ExtendedRegexLexer):
    """Shared behaviour: no input preprocessing, per-run state reset, rouge's error handling."""

    flags = re.M
    start_stack: tuple[str, ...] = ("root",)  # rouge's `start { push :state }`

    def __init__(self, **options: Any) -> None:
        super().__init__(stripnl=False, ensurenl=False, **options)

    def reset(self) -> None:
        """Clear per-run state (heredoc names, string delimiters...)."""

    @property
    def _candidates(self) -> dict[tuple[str, str], list[Any]]:
        """Per class: (state, next character) -> the rules that can match there."""
        cls = type(self)
        if "_candidate_cache" not in cls.__dict__:
            cls._candidate_cache = {}  # type: ignore[attr-defined]
        return cls._candidate_cache  # type: ignore[attr-defined]

    def get_tokens_unprocessed(self, text: str | None = None, context: Any = None) -> Any:
        self.stack = list(self.start_stack)
        self.reset()
        return self.continue_tokens(text or "")

    def continue_tokens(self, text: str) -> Any:
        """rouge's `continue_lex`: lex more text from the state the last call left."""
        ctx = LexerContext(text, 0, stack=self.stack)
        tokendefs = self._tokens
        candidates = self._candidates
        end = ctx.end
        null_steps = 0
        while ctx.pos < end:
            pos = ctx.pos
            key = (ctx.stack[-1], text[pos])
            rules = candidates.get(key)
            if rules is None:
                rules = candidates[key] = [
                    rule
                    for rule in tokendefs[key[0]]
                    if (chars := _rule_first_chars(rule[0])) is None or key[1] in chars
                ]
            for rexmatch, action, new_state in rules:
                m = rexmatch(text, pos, end)
                if not m:
                    continue
                if action is not None:
                    if type(action) is TokenType:
                        yield pos, action, m.group()
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
                if m.end() > m.start():
                    null_steps = 0
                    break
                null_steps += 1
                if null_steps <= MAX_NULL_SCANS:
                    break
                null_steps = 0
                yield ctx.pos, Error, text[ctx.pos]  # rouge gives up on this character
                ctx.pos += 1
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


def recurse(lexer: Any, text: str) -> list[tuple[Any, str]]:
    """rouge's `recurse`: lex `text` with a fresh lexer of the same language."""
    return [(tok, val) for _, tok, val in type(lexer)().get_tokens_unprocessed(text)]


def delegate(lexer: Any, text: str) -> list[tuple[Any, str]]:
    """rouge's `delegate` to a lexer instance: it continues from its own state."""
    return [(tok, val) for _, tok, val in lexer.continue_tokens(text)]


def push_current(ctx: LexerContext) -> None:
    ctx.stack.append(ctx.stack[-1])


def goto(ctx: LexerContext, state: str) -> None:
    ctx.stack[-1] = state


# ---------------------------------------------------------------------------------------------
# make (rouge/lexers/make.rb): recipe lines are delegated to one shell lexer that keeps its state

MAKE_FUNCTIONS = "|".join(
    """abspath addprefix addsuffix and basename call dir error eval file filter filter-out
    findstring firstword flavor foreach if join lastword notdir or origin patsubst realpath shell
    sort strip subst suffix value warning wildcard word wordlist words""".split()
)
MAKE_STOP = r"\$\(|\$\{|\(|\)|\}|\\|$"


def _make_variable(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("shell_line")
    return [(Name.Variable, m.group(1)), (Text, m.group(2)), (Operator, m.group(3))]


def _make_block_header_end(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    goto(ctx, "block_body")
    return [(Text, m.group(0))]


def _make_block_body_end(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.shell.stack = list(lexer.shell.start_stack)
    pop(ctx)
    return []


def _make_function(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("shell_expr")
    return zip((Name.Function, Text, Name.Builtin, Text), m.groups(), strict=True)


def _make_to_shell(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    return delegate(lexer.shell, m.group(0))


def _make_open(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    push_current(ctx)
    return delegate(lexer.shell, m.group(0))


class MakeLexer(RougeLexer):
    name = "make"
    aliases = ["make", "makefile", "mf", "gnumake", "bsdmake"]

    def reset(self) -> None:
        self.shell = ShellLexer()
        self.shell.stack = list(self.shell.start_stack)
        self.shell.reset()

    tokens = {
        "root": [
            (rf"{S}+", Text),
            (r"#.*?\n", Comment),
            (r"([-s]?include)((?:[\t ]+[^\t\n #]+)+)", bygroups(Keyword, String.Other)),
            (r"(ifn?def|ifn?eq)([\t ]+)([^#\n]+)", bygroups(Keyword, Text, Name.Variable)),
            (r"(?:else|endif)[\t ]*(?=[#\n])", Keyword),
            (
                r"(export)([\t ]+)(?=[a-zA-Z0-9_\${}()\t -]+\n)",
                bygroups(Keyword, Text),
                "export",
            ),
            (r"export[\t ]+", Keyword),
            (r"(?s)([a-zA-Z0-9_${}().-]+)([\t ]*)([!?:+]?=)", rule_cb(_make_variable)),
            (r'"(\\\\|\\.|[^"\\])*"', String.Double),
            (r"'(\\\\|\\.|[^'\\])*'", String.Single),
            (r"([^\n:]+)(:+)([ \t]*)", bygroups(Name.Label, Operator, Text), "block_header"),
        ],
        "export": [
            (r"[a-zA-Z0-9_\${}()-]", Name.Variable),
            (r"\n", Text, "#pop"),
            (r"[\t ]+", Text),
        ],
        "block_header": [
            (r"[^,\\\n#]+", Name.Function),
            (r",", Punctuation),
            (r"#.*?", Comment),
            (r"\\\n", Text),
            (r"\\.", Text),
            (r"\n", rule_cb(_make_block_header_end)),
        ],
        "block_body": [
            (
                r"(ifn?def|ifn?eq)([\t ]+)([^#\n]+)(#.*)?(\n)",
                bygroups(Keyword, Text, Name.Variable, Comment, Text),
            ),
            (r"(else|endif)([\t ]*)(#.*)?(\n)", bygroups(Keyword, Text, Comment, Text)),
            (r"(\t[\t ]*)([@-]?)", bygroups(Text, Punctuation), "shell_line"),
            (r"", rule_cb(_make_block_body_end)),
        ],
        "shell": [
            (r"\$[({][\t ]*[a-zA-Z0-9_][a-zA-Z0-9_:=%.]*[\t ]*[)}]", Name.Variable),
            (rf"(?s)(\$[({{])([\t ]*)({MAKE_FUNCTIONS})([\t ]+)", rule_cb(_make_function)),
            (r"(?s)\\.", rule_cb(_make_to_shell)),
            (rf"(?s).+?(?={MAKE_STOP})", rule_cb(_make_to_shell)),
            (MAKE_STOP, rule_cb(_make_to_shell)),
        ],
        "shell_expr": [
            (r"[({]", rule_cb(_make_open)),
            (r"[)}]", Name.Function, "#pop"),
            include("shell"),
        ],
        "shell_line": [
            (r"\n", Text, "#pop"),
            include("shell"),
        ],
    }


# ---------------------------------------------------------------------------------------------
# perl (rouge/lexers/perl.rb)

PERL_KEYWORDS = "|".join(
    """case continue do else elsif for foreach if last my next our redo reset then unless until
    while use print new BEGIN CHECK INIT END return""".split()
)
PERL_BUILTINS = "|".join(
    """abs accept alarm atan2 bind binmode bless caller chdir chmod chomp chop chown chr chroot
    close closedir connect continue cos crypt dbmclose dbmopen defined delete die dump each
    endgrent endhostent endnetent endprotoent endpwent endservent eof eval exec exists exit exp
    fcntl fileno flock fork format formline getc getgrent getgrgid getgrnam gethostbyaddr
    gethostbyname gethostent getlogin getnetbyaddr getnetbyname getnetent getpeername getpgrp
    getppid getpriority getprotobyname getprotobynumber getprotoent getpwent getpwnam getpwuid
    getservbyname getservbyport getservent getsockname getsockopt glob gmtime goto grep hex import
    index int ioctl join keys kill last lc lcfirst length link listen local localtime log lstat
    map mkdir msgctl msgget msgrcv msgsnd my next no oct open opendir ord our pack package pipe pop
    pos printf prototype push quotemeta rand read readdir readline readlink readpipe recv redo ref
    rename require reverse rewinddir rindex rmdir scalar seek seekdir select semctl semget semop
    send setgrent sethostent setnetent setpgrp setpriority setprotoent setpwent setservent
    setsockopt shift shmctl shmget shmread shmwrite shutdown sin sleep socket socketpair sort
    splice split sprintf sqrt srand stat study substr symlink syscall sysopen sysread sysseek
    system syswrite tell telldir tie tied time times tr truncate uc ucfirst umask undef unlink
    unpack unshift untie utime values vec wait waitpid wantarray warn write""".split()
)
PERL_RE = String.Regex
NW = r"[^a-zA-Z0-9_]"  # Ruby \W


def _perl_open(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    push_current(ctx)
    return [(String.Other, m.group(0))]


def _perl_bracket_string(open_: str, close: str) -> list[Any]:
    return [
        (rf"\\[{open_}{close}\\]", String.Other),
        (r"\\", String.Other),
        (open_, rule_cb(_perl_open)),
        (close, String.Other, "#pop"),
        (rf"[^{open_}{close}\\]+", String.Other),
    ]


class PerlLexer(RougeLexer):
    name = "perl"
    aliases = ["perl", "pl"]

    tokens = {
        "balanced_regex": [
            (r"(?s)/(\\[\\/]|[^/])*/[egimosx]*", PERL_RE, "#pop"),
            (r"(?s)!(\\[\\!]|[^!])*![egimosx]*", PERL_RE, "#pop"),
            (r"(?s)\\(\\\\|[^\\])*\\[egimosx]*", PERL_RE, "#pop"),
            (r"\{(\\[\\}]|[^}])*\}[egimosx]*", PERL_RE, "#pop"),
            (r"<(\\[\\>]|[^>])*>[egimosx]*", PERL_RE, "#pop"),
            (r"\[(\\[\\\]]|[^\]])*\][egimosx]*", PERL_RE, "#pop"),
            (r"\((\\[\\\)]|[^\)])*\)[egimosx]*", PERL_RE, "#pop"),
            (r"@(\\[\\@]|[^@])*@[egimosx]*", PERL_RE, "#pop"),
            (r"%(\\[\\%]|[^%])*%[egimosx]*", PERL_RE, "#pop"),
            (r"\$(\\[\\\$]|[^\$])*\$[egimosx]*", PERL_RE, "#pop"),
        ],
        "root": [
            (r"#.*", Comment.Single),
            (rf"(?s)^=[a-zA-Z0-9]+{S}+.*?\n=cut", Comment.Multiline),
            (rf"(?:{PERL_KEYWORDS})\b", Keyword),
            (
                rf"(format)({S}+)([a-zA-Z0-9_]+)({S}*)(=)({S}*\n)",
                bygroups(Keyword, Text, Name, Text, Punctuation, Text),
                "format",
            ),
            (r"(?:eq|lt|gt|le|ge|ne|not|and|or|cmp)\b", Operator.Word),
            (rf"(?:s|tr|y)\{{(\\\\|\\\}}|[^}}])*\}}{S}*", PERL_RE, "balanced_regex"),
            (rf"(?:s|tr|y)<(\\\\|\\>|[^>])*>{S}*", PERL_RE, "balanced_regex"),
            (rf"(?:s|tr|y)\[(\\\\|\\\]|[^\]])*\]{S}*", PERL_RE, "balanced_regex"),
            (rf"(?:s|tr|y)\((\\\\|\\\)|[^\)])*\){S}*", PERL_RE, "balanced_regex"),
            (
                rf"(?s)(?:s|tr|y){S}*([^a-zA-Z0-9_ \t\n\v\f\r])((\\\\|\\\1)|[^\x01])*?\1"
                rf"((\\\\|\\\1)|[^\x01])*?\1[msixpodualngcr]*",
                PERL_RE,
            ),
            (
                rf"(?s)(?:s|tr|y){S}+([a-zA-Z0-9_])((\\\\|\\\1)|[^\x01])*?\1"
                rf"((\\\\|\\\1)|[^\x01])*?\1[msixpodualngcr]*",
                PERL_RE,
            ),
            (r"m?/(\\\\|\\/|[^/\n])*/[msixpodualngc]*", PERL_RE),
            (r"m(?=[/!\\{<\[\(@%\$])", PERL_RE, "balanced_regex"),
            (
                rf"(?s)m{S}*([^a-zA-Z0-9_ \t\n\v\f\r])((\\\\|\\\1)|[^\x01])*?\1"
                r"[msixpodualngc]*",
                PERL_RE,
            ),
            (
                rf"(?s)m{S}+([a-zA-Z0-9_])((\\\\|\\\1)|[^\x01])*?\1[msixpodualngc]*",
                PERL_RE,
            ),
            # rouge's `((?<==~)|(?<=\())\s*/.../` rule can never match: StringScanner's
            # lookbehind sees nothing before the scan position.
            (rf"{S}+", Text),
            (rf"(?i)(?=[a-z_][a-zA-Z0-9_]*({S}*#.*\n)*{S}*=>)", Text, "fat_comma"),
            (rf"(?:{PERL_BUILTINS})\b", Name.Builtin),
            (r"((__(DIE|WARN)__)|(DATA|STD(IN|OUT|ERR)))\b", Name.Builtin.Pseudo),
            (r"(?s)<<(['\"]?)([a-zA-Z_][a-zA-Z0-9_]*)\1;?\n.*?\n\2\n", String),
            (r"(__(END|DATA)__)\b", Comment.Preproc, "end_part"),
            (r"\$\^[ADEFHILMOPSTWX]", Name.Variable.Global),
            (r"\$[\\\"'\[\]&`+*.,;=%~?@$!<>(^\|/_-](?![a-zA-Z0-9_])", Name.Variable.Global),
            (r"(?i)[$@%&*][$@%&*#_]*(?=[a-z{\[;])", Name.Variable, "varname"),
            (r"[-+/*%=<>&^\|!\\~]=?", Operator),
            (r"0_?[0-7]+(_[0-7]+)*", Number.Oct),
            (r"0x[0-9A-Fa-f]+(_[0-9A-Fa-f]+)*", Number.Hex),
            (r"0b[01]+(_[01]+)*", Number.Bin),
            (
                r"(?i)([0-9]*(_[0-9]*)*\.[0-9]+(_[0-9]*)*|[0-9]+(_[0-9]*)*\.[0-9]+(_[0-9]*)*)"
                r"(e[+-]?[0-9]+)?",
                Number.Float,
            ),
            (r"(?i)[0-9]+(_[0-9]*)*e[+-]?[0-9]+(_[0-9]*)*", Number.Float),
            (r"[0-9]+(_[0-9]+)*", Number.Integer),
            (r"'", Punctuation, "sq"),
            (r'"', Punctuation, "dq"),
            (r"`", Punctuation, "bq"),
            (r"<([^ \t\n\v\f\r>]+)>", PERL_RE),
            (r"(q|qq|qw|qr|qx)\{", String.Other, "cb_string"),
            (r"(q|qq|qw|qr|qx)\(", String.Other, "rb_string"),
            (r"(q|qq|qw|qr|qx)\[", String.Other, "sb_string"),
            (r"(q|qq|qw|qr|qx)<", String.Other, "lt_string"),
            (rf"(q|qq|qw|qr|qx)({NW})(.|\n)*?\2", String.Other),
            (rf"package{S}+", Keyword, "modulename"),
            (rf"sub{S}+", Keyword, "funcname"),
            (r"\[\]|\*\*|::|<<|>>|>=|<=|<=>|={3}|!=|=~|!~|&&?|\|\||\.{1,3}", Operator),
            (r"[()\[\]:;,<>/?{}]", Punctuation),
            (r"(?=[a-zA-Z0-9_])", Text, "name"),
        ],
        "format": [
            (r"\.\n", String.Interpol, "#pop"),
            (r".*?\n", String.Interpol),
        ],
        "fat_comma": [
            (r"#.*", Comment.Single),
            (r"[a-zA-Z0-9_]+", String),
            (rf"{S}+", Text),
            (r"=>", Operator, "#pop"),
        ],
        "name_common": [
            (r"[a-zA-Z0-9_]+::", Name.Namespace),
            (r"[a-zA-Z0-9_:]+", Name.Variable, "#pop"),
        ],
        "varname": [
            (rf"{S}+", Text),
            (r"[{\[]", Punctuation, "#pop"),
            (r"[),]", Punctuation, "#pop"),
            (r"[;]", Punctuation, "#pop"),
            include("name_common"),
        ],
        "name": [
            include("name_common"),
            (r"[A-Z_]+(?=[^a-zA-Z0-9_])", Name.Constant, "#pop"),
            (rf"(?={NW})", Text, "#pop"),
        ],
        "modulename": [(r"(?i)[a-z_][a-zA-Z0-9_]*", Name.Namespace, "#pop")],
        "funcname": [
            (r"[a-zA-Z_][a-zA-Z0-9_]*[!?]?", Name.Function),
            (rf"{S}+", Text),
            (rf"(\([$@%]*\))({S}*)", bygroups(Punctuation, Text)),
            (r".*?\{", Punctuation, "#pop"),
            (r";", Punctuation, "#pop"),
        ],
        "sq": [
            (r"\\[\\']", String.Escape),
            (r"[^\\']+", String.Single),
            (r"'", Punctuation, "#pop"),
            (r"\\", String.Single),
        ],
        "dq": [
            include("string_intp"),
            (r'\\[\\tnrabefluLUE"$@]', String.Escape),
            (r"\\0[0-9]{2}", String.Escape),
            (r"\\o\{[0-9]+\}", String.Escape),
            (r"\\x[0-9a-fA-F]{2}", String.Escape),
            (r"\\x\{[0-9a-fA-F]+\}", String.Escape),
            (r"\\c.", String.Escape),
            (r"\\N\{[^\}]+\}", String.Escape),
            (r'[^\\"]+?', String.Double),
            (r'"', Punctuation, "#pop"),
            (r"\\", String.Escape),
        ],
        "bq": [
            include("string_intp"),
            (r"\\[\\tnr`]", String.Escape),
            (r"[^\\`]+?", String.Backtick),
            (r"`", Punctuation, "#pop"),
        ],
        "cb_string": _perl_bracket_string(r"\{", r"\}"),
        "rb_string": _perl_bracket_string(r"\(", r"\)"),
        "sb_string": _perl_bracket_string(r"\[", r"\]"),
        "lt_string": _perl_bracket_string("<", ">"),
        "in_interp": [
            (r"\}", String.Interpol, "#pop"),
            (rf"{S}+", Text),
            (r"(?i)[a-z_][a-zA-Z0-9_]*", String.Interpol),
        ],
        "string_intp": [
            (r"[$@][{]", String.Interpol, "in_interp"),
            (r"(?i)[$@][a-z_][a-zA-Z0-9_]*", String.Interpol),
        ],
        "end_part": [(r"(?s).+", Comment.Preproc, "#pop")],
    }


# ---------------------------------------------------------------------------------------------
# c and cpp (rouge/lexers/c.rb, cpp.rb)

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


# ---------------------------------------------------------------------------------------------
# yaml (rouge/lexers/yaml.rb): an indentation stack decides where block values end

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


# ---------------------------------------------------------------------------------------------
# javascript (rouge/lexers/javascript.rb)

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


def _js_goto(token: Any, state: str) -> Callback:
    def func(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
        goto(ctx, state)
        return [(token, m.group(0))]

    return rule_cb(func)


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
            (r"/", _js_goto(String.Regex, "regex")),
            (r"[{]", _js_goto(Punctuation, "object")),
            default("#pop"),
        ],
        "regex": [
            (r"/", _js_goto(String.Regex, "regex_end")),
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
            (r"case\b", _js_goto(Keyword, "expr_start")),
            (rf"({JS_ID})({S}*)(:)", bygroups(Name.Label, Text, Punctuation)),
            include("expr_start"),
        ],
        "object": [
            include("comments_and_whitespace"),
            (r"[{]", rule_cb(_js_push_current)),
            (r"[}]", _js_goto(Punctuation, "statement")),
            (rf"({JS_ID})({S}*)(:)", rule_cb(_js_attribute)),
            (r":", Punctuation),
            include("root"),
        ],
        "ternary": [
            (r":", _js_goto(Punctuation, "expr_start")),
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


# ---------------------------------------------------------------------------------------------
# ruby (rouge/lexers/ruby.rb)

RB_KEYWORDS = (
    r"BEGIN|END|alias|begin|break|case|defined\?|do|else|elsif|end|ensure|for|if|in|next|redo"
    r"|rescue|raise|retry|return|super|then|undef|unless|until|when|while|yield"
)
RB_KEYWORDS_PSEUDO = "|".join(
    """loop include extend raise alias_method attr catch throw private module_function public
    protected true false nil __FILE__ __LINE__""".split()
)
RB_BUILTINS_G = "|".join(
    r"""attr_reader attr_writer attr_accessor __id__ __send__ abort ancestors at_exit autoload
    binding callcc caller catch chomp chop class_eval class_variables clone const_defined\?
    const_get const_missing const_set constants display dup eval exec exit extend fail fork format
    freeze getc gets global_variables gsub hash id included_modules inspect instance_eval
    instance_method instance_methods instance_variable_get instance_variable_set
    instance_variables lambda load local_variables loop method method_missing methods module_eval
    name object_id open p print printf private_class_method private_instance_methods
    private_methods proc protected_instance_methods protected_methods public_class_method
    public_instance_methods public_methods putc puts raise rand readline readlines require
    require_relative scan select self send set_trace_func singleton_methods sleep split sprintf
    srand sub syscall system taint test throw to_a to_s trace_var trap untaint untrace_var
    warn""".split()
)
RB_BUILTINS_Q = "|".join(
    """autoload block_given const_defined eql equal frozen include instance_of is_a iterator
    kind_of method_defined nil private_method_defined protected_method_defined
    public_method_defined respond_to tainted""".split()
)
RB_BUILTINS_B = "chomp|chop|exit|gsub|sub"
RB_DELIMITERS = {"{": "}", "[": "]", "(": ")", "<": ">"}


def _rb_sigil(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    """`%w(...)` and friends: a state made for this pair of delimiters, as rouge builds it."""
    kind, open_ = m.group(1), m.group(2)
    close = RB_DELIMITERS.get(open_, open_)
    interp = bool(kind) and kind in "rQWxI"
    token = String.Other
    if kind == "r":
        token = String.Regex
        ctx.stack.append("regex_flags")
    ctx.stack.append(_rb_sigil_state(type(lexer), open_, close, interp, token))
    return [(token, m.group(0))]


def _rb_sigil_state(cls: Any, open_: str, close: str, interp: bool, token: Any) -> str:
    name = f"sigil {open_}{close} {interp} {token}"
    tokendefs = cls._tokens
    if name in tokendefs:
        return name
    # rouge squeezes the escaped delimiters; `#` delimiters add nothing to the classes.
    chars = "" if open_ == close == "#" else "".join(dict.fromkeys(open_ + close))
    escaped = "".join(re.escape(c) for c in chars)
    rules: list[Any] = [(re.compile(rf"\\[#{escaped}\\]", re.M).match, String.Escape, None)]
    if open_ != close:

        def nest(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
            push_current(ctx)
            return [(token, m.group(0))]

        rules.append((re.compile(re.escape(open_), re.M).match, rule_cb(nest), None))
    rules.append((re.compile(re.escape(close), re.M).match, token, -1))
    if interp:
        rules.extend(tokendefs["string_intp_escaped"])
        rules.append((re.compile("#", re.M).match, token, None))
    else:
        rules.append((re.compile(r"[\\#]", re.M).match, token, None))
    rules.append((re.compile(rf"[^#{escaped}\\]+", re.M | re.S).match, token, None))
    tokendefs[name] = rules
    return name


def _rb_heredoc(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    quote = m.group(2) if m.lastindex and m.lastindex >= 2 else ""
    name = m.group(3) if m.re.groups >= 3 and m.group(3) is not None else ""
    tail = m.group(4) if m.re.groups >= 4 and m.group(4) is not None else ""
    lexer.heredoc_queue.append((m.group(1) in ("<<-", "<<~"), name if m.re.groups >= 4 else ""))
    if ctx.stack[-1] != "heredoc_queue":
        ctx.stack.append("heredoc_queue")
    return [(Operator, m.group(1)), (Name.Constant, f"{quote}{name}{tail}")]


def _rb_test_heredoc(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    tolerant, heredoc_name = lexer.heredoc_queue[0]
    text = m.group(0)
    check = text.strip(" \t\n\v\f\r\0") if tolerant else text.rstrip(" \t\n\v\f\r\0")
    if check == heredoc_name:
        lexer.heredoc_queue.pop(0)
        if not lexer.heredoc_queue:
            pop(ctx)
        token = Name.Constant
    else:
        token = String.Heredoc
    pop(ctx)
    return [(token, text)]


def _rb_goto(token: Any, state: str) -> Callback:
    def func(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
        goto(ctx, state)
        return [(token, m.group(0))]

    return rule_cb(func)


def _rb_goto_groups(state: str, *tokens: Any) -> Callback:
    def func(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
        goto(ctx, state)
        return zip(tokens, m.groups(), strict=True)

    return rule_cb(func)


def _rb_push2(token: Any, first: str, second: str) -> Callback:
    def func(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
        ctx.stack.append(first)
        ctx.stack.append(second)
        return [(token, m.group(0))]

    return rule_cb(func)


def _rb_defexpr_close(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    pop(ctx)
    return [(Punctuation, m.group(1)), (Operator, m.group(2) or "")]


def _rb_funcname(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    pop(ctx)
    return [
        (Name.Class, m.group(1) or ""),
        (Operator, m.group(2) or ""),
        (Name.Function, m.group(3)),
    ]


class RubyLexer(RougeLexer):
    name = "ruby"
    aliases = ["ruby", "rb"]
    start_stack = ("root", "expr_start")

    def reset(self) -> None:
        self.heredoc_queue: list[tuple[bool, str]] = []

    tokens = {
        "symbols": [
            (r"(?i):@{0,2}[a-z_][a-zA-Z0-9_]*[!?]?", String.Symbol),
            (r":(?:\*\*|[-+]@|[/%&|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?)", String.Symbol),
            (r":'(\\\\|\\'|[^'])*'", String.Symbol),
            (r':"', String.Symbol, "simple_sym"),
        ],
        "sigil_strings": [
            (r"%([rqswQWxiI])?([^a-zA-Z0-9_ \t\n\v\f\r])", rule_cb(_rb_sigil)),
        ],
        "strings": [
            include("symbols"),
            (rf"[a-z_][a-zA-Z0-9_]*?[?!]?:{S}+", String.Symbol, "expr_start"),
            (r"'(\\\\|\\'|[^'])*'", String.Single),
            (r'"', String.Double, "simple_string"),
            (r"`", String.Backtick, "simple_backtick"),
        ],
        "regex_flags": [(r"[mixounse]*", String.Regex, "#pop")],
        "simple_string": [
            include("string_intp_escaped"),
            (r'(?s)[^\\"#]+', String.Double),
            (r"[\\#]", String.Double),
            (r'"', String.Double, "#pop"),
        ],
        "simple_sym": [
            include("string_intp_escaped"),
            (r'(?s)[^\\"#]+', String.Symbol),
            (r"[\\#]", String.Symbol),
            (r'"', String.Symbol, "#pop"),
        ],
        "simple_backtick": [
            include("string_intp_escaped"),
            (r"(?s)[^\\`#]+", String.Backtick),
            (r"[\\#]", String.Backtick),
            (r"`", String.Backtick, "#pop"),
        ],
        "whitespace": [
            include("inline_whitespace"),
            (rf"(?s)\n{S}*", Text, "expr_start"),
            (r"#.*$", Comment.Single),
            (r"(?s)=begin\b.*?\n=end\b", Comment.Multiline),
        ],
        "inline_whitespace": [(r"[ \t\r]+", Text)],
        "root": [
            include("whitespace"),
            (r"__END__", Comment.Preproc, "end_part"),
            (r"0_?[0-7]+(?:_[0-7]+)*", Number.Oct),
            (r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*", Number.Hex),
            (r"0b[01]+(?:_[01]+)*", Number.Bin),
            (
                r"[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)",
                Number.Float,
            ),
            (r"[0-9]+(?:_[0-9]+)*", Number.Integer),
            (r"(?i)@@[a-z_][a-zA-Z0-9_]*", Name.Variable.Class),
            (r"(?i)@[a-z_][a-zA-Z0-9_]*", Name.Variable.Instance),
            (r"\$[a-zA-Z0-9_]+", Name.Variable.Global),
            (r"\$[!@&`'+~=/\\,;.<>_*$?:\"]", Name.Variable.Global),
            (r"\$-[0adFiIlpvw]", Name.Variable.Global),
            (r"::", Operator),
            include("strings"),
            (rf"(?:{RB_KEYWORDS})(?=[^a-zA-Z0-9_]|$)", Keyword, "expr_start"),
            (rf"(?:{RB_KEYWORDS_PSEUDO})\b", Keyword.Pseudo, "expr_start"),
            (
                rf"(module)({S}+)([a-zA-Z_][a-zA-Z0-9_]*(?:::[a-zA-Z_][a-zA-Z0-9_]*)*)",
                bygroups(Keyword, Text, Name.Namespace),
            ),
            (rf"(def\b)({S}*)", bygroups(Keyword, Text), "funcname"),
            (rf"(class\b)({S}*)", bygroups(Keyword, Text), "classname"),
            (rf"(?:{RB_BUILTINS_Q})[?]", Name.Builtin, "expr_start"),
            (rf"(?:{RB_BUILTINS_B})!", Name.Builtin, "expr_start"),
            (rf"(?:{RB_BUILTINS_G})\b", Name.Builtin, "method_call"),
            include("has_heredocs"),
            (r"\.{2,3}", Operator, "expr_start"),
            (r"[A-Z][a-zA-Z0-9_]*", Name.Constant, "method_call"),
            (
                rf"(\.|::)({S}*)([a-z_][a-zA-Z0-9_]*[!?]?|[*%&^`~+-/\[<>=])",
                bygroups(Punctuation, Text, Name.Function),
                "method_call",
            ),
            (r"[a-zA-Z_][a-zA-Z0-9_]*[?!]", Name, "expr_start"),
            (r"[a-zA-Z_][a-zA-Z0-9_]*", Name, "method_call"),
            (r"\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\.", Operator, "expr_start"),
            (r"[-+/*%=<>&!^|~]=?", Operator, "expr_start"),
            (r"[?]", _rb_push2(Punctuation, "ternary", "expr_start")),
            (r"[\[({,:\\;/]", Punctuation, "expr_start"),
            (r"[\])}]", Punctuation),
        ],
        "has_heredocs": [
            (r"(<<[-~]?)([\"`']?)([a-zA-Z_][a-zA-Z0-9_]*)(\2)", rule_cb(_rb_heredoc)),
            (r"(<<[-~]?)([\"'])(\2)", rule_cb(_rb_heredoc)),
        ],
        "heredoc_queue": [
            (r"(?=\n)", _rb_goto(Text, "resolve_heredocs")),
            include("root"),
        ],
        "resolve_heredocs": [
            include("string_intp_escaped"),
            (r"\n", String.Heredoc, "test_heredoc"),
            (r"[#\\\n]", String.Heredoc),
            (r"[^#\\\n]+", String.Heredoc),
        ],
        "test_heredoc": [
            (r"[^#\\\n]*$", rule_cb(_rb_test_heredoc)),
            default("#pop"),
        ],
        "funcname": [
            (rf"{S}+", Text),
            (r"\(", Punctuation, "defexpr"),
            (
                r"(?:([a-zA-Z_][a-zA-Z0-9_]*)(\.))?([a-zA-Z_][a-zA-Z0-9_]*[!?]?|\*\*?|[-+]@?"
                r"|[/%&|^`~]|\[\]=?|<<?|>>?|<=>?|>=|===?)",
                rule_cb(_rb_funcname),
            ),
            default("#pop"),
        ],
        "classname": [
            (rf"{S}+", Text),
            (r"[a-zA-Z0-9_]+(::[a-zA-Z0-9_]+)+", Name.Class),
            (r"\(", _rb_push2(Punctuation, "defexpr", "expr_start")),
            (r"<<", _rb_goto(Operator, "expr_start")),
            (r"[A-Z_][a-zA-Z0-9_]*", Name.Class, "#pop"),
            default("#pop"),
        ],
        "ternary": [
            (rf"(:)({S}+)", _rb_goto_groups("expr_start", Punctuation, Text)),
            (r":(?![^#\n]*?[:\\])", _rb_goto(Punctuation, "expr_start")),
            include("root"),
        ],
        "defexpr": [
            (r"(\))(\.|::)?", rule_cb(_rb_defexpr_close)),
            (r"\(", _rb_push2(Punctuation, "defexpr", "expr_start")),
            include("root"),
        ],
        "in_interp": [
            (r"\}", String.Interpol, "#pop"),
            include("root"),
        ],
        "string_intp": [
            (r"[#][{]", String.Interpol, "in_interp"),
            (r"(?i)#(@@?|\$)[a-z_][a-zA-Z0-9_]*", String.Interpol),
        ],
        "string_intp_escaped": [
            include("string_intp"),
            (r"\\([\\abefnrstv#\"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})", String.Escape),
            (r"\\.", String.Escape),
        ],
        "method_call": [
            (r"/|%", _rb_goto(Operator, "expr_start")),
            (r"(?=\n)", Text, "#pop"),
            (r"", _rb_goto(Text, "method_call_spaced")),
        ],
        "method_call_spaced": [
            include("whitespace"),
            (r"[%/]=", _rb_goto(Operator, "expr_start")),
            (rf"(/)(?=[^ \t\n\v\f\r]|{S}*/)", _rb_goto(String.Regex, "slash_regex")),
            include("sigil_strings"),
            (rf"(?={S}*/)", Text, "#pop"),
            (rf"{S}+", _rb_goto(Text, "expr_start")),
            default("#pop"),
        ],
        "expr_start": [
            include("inline_whitespace"),
            (r"/", _rb_goto(String.Regex, "slash_regex")),
            (
                r"[?](\\[MC]-)*(\\([\\abefnrstv#\"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})"
                r"|[^ \t\n\v\f\r])(?![a-zA-Z0-9_])",
                String.Char,
                "#pop",
            ),
            (rf"({S}*)(%[rqswQWxiI]? [^ \t\n\v\f\r]* )", bygroups(Text, String.Other), "#pop"),
            include("sigil_strings"),
            default("#pop"),
        ],
        "slash_regex": [
            include("string_intp"),
            (r"\\\\", String.Regex),
            (r"\\/", String.Regex),
            (r"[\\#]", String.Regex),
            (r"(?s)[^\\/#]+", String.Regex),
            (r"/", _rb_goto(String.Regex, "regex_flags")),
        ],
        "end_part": [(r"(?s).+", Comment.Preproc, "#pop")],
    }


# ---------------------------------------------------------------------------------------------
# json, diff (rouge/lexers/json.rb, diff.rb)


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


# ---------------------------------------------------------------------------------------------
# java (rouge/lexers/java.rb)

JAVA_KEYWORDS = "|".join(
    """assert break case catch continue default do else finally for if goto instanceof new return
    switch this throw try while""".split()
)
JAVA_DECLARATIONS = "|".join(
    """abstract const enum extends final implements native private protected public static
    strictfp super synchronized throws transient volatile""".split()
)
JAVA_TYPES = "boolean|byte|char|double|float|int|long|short|var|void"
JAVA_ID = r"[^\W\d]\w*"  # [[:alpha:]_][[:word:]]*
JAVA_DIGIT = r"(?:[0-9]_+[0-9]|[0-9])"


def _java_method(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    out = recurse(lexer, m.group(1))
    out += [(Name.Function, m.group(2)), (Text, m.group(3)), (Operator, m.group(4))]
    return out


class JavaLexer(RougeLexer):
    name = "java"
    aliases = ["java"]

    tokens = {
        "root": [
            (r"[ \t\v\f\r]+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/\*.*?\*/", Comment.Multiline),
            (rf"(?:{JAVA_KEYWORDS})\b", Keyword),
            (
                rf"(?s)({S}*(?:[a-zA-Z_][a-zA-Z0-9_.\[\]<>]*{S}+)+?)([a-zA-Z_][a-zA-Z0-9_]*)"
                rf"({S}*)(\()",
                rule_cb(_java_method),
            ),
            (rf"@{JAVA_ID}", Name.Decorator),
            (rf"(?:{JAVA_DECLARATIONS})\b", Keyword.Declaration),
            (rf"(?:{JAVA_TYPES})\b", Keyword.Type),
            (r"(?:true|false|null)\b", Keyword.Constant),
            (r"(?:class|interface)\b", Keyword.Declaration, "class"),
            (r"(?:import|package)\b", Keyword.Namespace, "import"),
            (r'"(\\\\|\\"|[^"])*"', String),
            (r"'(?:\\.|[^\\]|\\u[0-9a-f]{4})'", String.Char),
            (rf"(\.)({JAVA_ID})", bygroups(Operator, Name.Attribute)),
            (rf"{JAVA_ID}:", Name.Label),
            (r"[A-Z][A-Z0-9_]*\b", Name.Constant),
            (r"[A-Z][^\W_]*\b", Name.Class),
            (rf"\$?{JAVA_ID}", Name),
            (r"[~^*!%&\[\](){}<>\|+=:;,./?-]", Operator),
            (rf"{JAVA_DIGIT}+\.{JAVA_DIGIT}+([eE]{JAVA_DIGIT}+)?[fd]?", Number.Float),
            (r"0[bB](?:[01]_+[01]|[01])+", Number.Bin),
            (r"0[xX](?:[0-9a-fA-F]_+[0-9a-fA-F]|[0-9a-fA-F])+", Number.Hex),
            (r"0(?:[0-7]_+[0-7]|[0-7])+", Number.Oct),
            (rf"{JAVA_DIGIT}+L?", Number.Integer),
            (r"\n", Text),
        ],
        "class": [
            (rf"{S}+", Text),
            (JAVA_ID, Name.Class, "#pop"),
        ],
        "import": [
            (rf"{S}+", Text),
            (r"[a-zA-Z0-9_.]+\*?", Name.Namespace, "#pop"),
        ],
    }


# ---------------------------------------------------------------------------------------------
# go (rouge/lexers/go.rb)

GO_KEYWORD = (
    r"(?:break|default|func|interface|select|case|defer|go|map|struct|chan|else|goto|package"
    r"|switch|const|fallthrough|if|range|type|continue|for|import|return|var)\b"
)
GO_DECIMALS = r"[0-9]+"
GO_EXPONENT = rf"[eE][+\-]?{GO_DECIMALS}"
GO_FLOAT = (
    rf"(?:{GO_DECIMALS}\.(?:{GO_DECIMALS})?(?:{GO_EXPONENT})?|{GO_DECIMALS}{GO_EXPONENT}"
    rf"|\.{GO_DECIMALS}(?:{GO_EXPONENT})?)"
)
GO_ESCAPED_CHAR = r"\\[abfnrtv\\'\"]"
GO_LITTLE_U = r"\\u[0-9A-Fa-f]{4}"
GO_BIG_U = r"\\U[0-9A-Fa-f]{8}"
GO_HEX_BYTE = r"\\x[0-9A-Fa-f]{2}"
GO_BYTE_VALUE = rf"(?:\\[0-7]{{3}}|{GO_HEX_BYTE})"
GO_UNICODE_VALUE = rf"(?:[^\n]|{GO_LITTLE_U}|{GO_BIG_U}|{GO_ESCAPED_CHAR})"


class GoLexer(RougeLexer):
    name = "go"
    aliases = ["go", "golang"]

    tokens = {
        "simple_tokens": [
            (r"//(?:(?!\n).)*|(?s:/\*(?:(?!\*/).)*\*/)", Comment),
            (GO_KEYWORD, Keyword),
            (
                r"(?:bool|byte|complex64|complex128|error|float32|float64|int8|int16|int32"
                r"|int64|int|rune|string|uint8|uint16|uint32|uint64|uintptr|uint)\b",
                Keyword.Type,
            ),
            (
                r"(?:append|cap|close|complex|copy|delete|imag|len|make|new|panic|print"
                r"|println|real|recover)\b",
                Name.Builtin,
            ),
            (r"(?:true|false|iota|nil)\b", Name.Constant),
            (rf"(?:{GO_DECIMALS}|{GO_FLOAT})i", Number),
            (GO_FLOAT, Number),
            (r"0[xX][0-9A-Fa-f]+|[0-9][0-9]*|0[0-7]*", Number),
            (rf"'(?:{GO_UNICODE_VALUE}|{GO_BYTE_VALUE})'", String.Char),
            (
                r"\+=|\+\+|\+|&\^=|&\^|&=|&&|&|==|=|!=|!|-=|--|-|\|=|\|\||\||<=|<-|<<="
                r"|<<|<|\*=|\*|\^=|\^|>>=|>>|>=|>|/|/=|:=|%|%=|\.\.\.|\.|:",
                Operator,
            ),
            (r"\(|\)|\[|\]|\{|\}|,|;", Punctuation),
            (rf"(?!{GO_KEYWORD})[^\W\d]\w*", Name),
            (rf"{S}+", Text),
        ],
        "root": [
            include("simple_tokens"),
            (r"`", String, "raw_string"),
            (r'"', String, "interpreted_string"),
        ],
        "interpreted_string": [
            (rf"{GO_ESCAPED_CHAR}|{GO_LITTLE_U}|{GO_BIG_U}|{GO_HEX_BYTE}", String.Escape),
            (r"\\.", Error),
            (r'"', String, "#pop"),
            (r'[^"\\]+', String),
        ],
        "raw_string": [
            (r"`", String, "#pop"),
            (r"(?s)[^`]+", String),
        ],
    }


# ---------------------------------------------------------------------------------------------
# sql (rouge/lexers/sql.rb)

SQL_KEYWORDS = frozenset(
    """
    ABORT ABS ABSOLUTE ACCESS ADA ADD ADMIN AFTER AGGREGATE ALIAS ALL ALLOCATE ALTER ANALYSE
    ANALYZE AND ANY ARE AS ASC ASENSITIVE ASSERTION ASSIGNMENT ASYMMETRIC AT ATOMIC
    AUTHORIZATION AVG BACKWARD BEFORE BEGIN BETWEEN BITVAR BIT_LENGTH BOTH BREADTH BY C
    CACHE CALL CALLED CARDINALITY CASCADE CASCADED CASE CAST CATALOG CATALOG_NAME CHAIN
    CHARACTERISTICS CHARACTER_LENGTH CHARACTER_SET_CATALOG CHARACTER_SET_NAME
    CHARACTER_SET_SCHEMA CHAR_LENGTH CHECK CHECKED CHECKPOINT CLASS CLASS_ORIGIN CLOB CLOSE
    CLUSTER COALSECE COBOL COLLATE COLLATION COLLATION_CATALOG COLLATION_NAME
    COLLATION_SCHEMA COLUMN COLUMN_NAME COMMAND_FUNCTION COMMAND_FUNCTION_CODE COMMENT
    COMMIT COMMITTED COMPLETION CONDITION_NUMBER CONNECT CONNECTION CONNECTION_NAME
    CONSTRAINT CONSTRAINTS CONSTRAINT_CATALOG CONSTRAINT_NAME CONSTRAINT_SCHEMA CONSTRUCTOR
    CONTAINS CONTINUE CONVERSION CONVERT COPY CORRESPONTING COUNT CREATE CREATEDB CREATEUSER
    CROSS CUBE CURRENT CURRENT_DATE CURRENT_PATH CURRENT_ROLE CURRENT_TIME CURRENT_TIMESTAMP
    CURRENT_USER CURSOR CURSOR_NAME CYCLE DATA DATABASE DATETIME_INTERVAL_CODE
    DATETIME_INTERVAL_PRECISION DAY DEALLOCATE DECLARE DEFAULT DEFAULTS DEFERRABLE DEFERRED
    DEFINED DEFINER DELETE DELIMITER DELIMITERS DEREF DESC DESCRIBE DESCRIPTOR DESTROY
    DESTRUCTOR DETERMINISTIC DIAGNOSTICS DICTIONARY DISCONNECT DISPATCH DISTINCT DO DOMAIN
    DROP DYNAMIC DYNAMIC_FUNCTION DYNAMIC_FUNCTION_CODE EACH ELSE ENCODING ENCRYPTED END
    END-EXEC EQUALS ESCAPE EVERY EXCEPT ESCEPTION EXCLUDING EXCLUSIVE EXEC EXECUTE EXISTING
    EXISTS EXPLAIN EXTERNAL EXTRACT FALSE FETCH FINAL FIRST FOLLOWING FOR FORCE FOREIGN
    FORTRAN FORWARD FOUND FREE FREEZE FROM FULL FUNCTION G GENERAL GENERATED GET GLOBAL GO
    GOTO GRANT GRANTED GROUP GROUPING HANDLER HAVING HIERARCHY HOLD HOST IDENTITY IGNORE
    ILIKE IMMEDIATE IMMUTABLE IMPLEMENTATION IMPLICIT IN INCLUDING INCREMENT INDEX
    INDITCATOR INFIX INHERITS INITIALIZE INITIALLY INNER INOUT INPUT INSENSITIVE INSERT
    INSTANTIABLE INSTEAD INTERSECT INTO INVOKER IS ISNULL ISOLATION ITERATE JOIN KEY
    KEY_MEMBER KEY_TYPE LANCOMPILER LANGUAGE LARGE LAST LATERAL LEADING LEFT LENGTH LESS
    LEVEL LIKE LIMIT LISTEN LOAD LOCAL LOCALTIME LOCALTIMESTAMP LOCATION LOCATOR LOCK LOWER
    MAP MATCH MAX MAXVALUE MESSAGE_LENGTH MESSAGE_OCTET_LENGTH MESSAGE_TEXT METHOD MIN
    MINUTE MINVALUE MOD MODE MODIFIES MODIFY MONTH MORE MOVE MUMPS NAMES NATURAL NCLOB NEW
    NEXT NO NOCREATEDB NOCREATEUSER NONE NOT NOTHING NOTIFY NOTNULL NULL NULLABLE NULLIF
    OBJECT OCTET_LENGTH OF OFF OFFSET OIDS OLD ON ONLY OPEN OPERATION OPERATOR OPTION
    OPTIONS OR ORDER ORDINALITY OUT OUTER OUTPUT OVERLAPS OVERLAY OVERRIDING OWNER PAD
    PARAMETER PARAMETERS PARAMETER_MODE PARAMATER_NAME PARAMATER_ORDINAL_POSITION
    PARAMETER_SPECIFIC_CATALOG PARAMETER_SPECIFIC_NAME PARAMATER_SPECIFIC_SCHEMA PARTIAL
    PARTITION PASCAL PENDANT PLACING PLI POSITION POSTFIX PREFIX PRECEDING PREORDER PREPARE
    PRESERVE PRIMARY PRIOR PRIVILEGES PROCEDURAL PROCEDURE PUBLIC RANGE READ READS RECHECK
    RECURSIVE REF REFERENCES REFERENCING REINDEX RELATIVE RENAME REPEATABLE REPLACE RESET
    RESTART RESTRICT RESULT RETURN RETURNED_LENGTH RETURNED_OCTET_LENGTH RETURNED_SQLSTATE
    RETURNS REVOKE RIGHT ROLE ROLLBACK ROLLUP ROUTINE ROUTINE_CATALOG ROUTINE_NAME
    ROUTINE_SCHEMA ROW ROWS ROW_COUNT RULE SAVE_POINT SCALE SCHEMA SCHEMA_NAME SCOPE SCROLL
    SEARCH SECOND SECURITY SELECT SELF SENSITIVE SERIALIZABLE SERVER_NAME SESSION
    SESSION_USER SET SETOF SETS SHARE SHOW SIMILAR SIMPLE SIZE SOME SOURCE SPACE SPECIFIC
    SPECIFICTYPE SPECIFIC_NAME SQL SQLCODE SQLERROR SQLEXCEPTION SQLSTATE SQLWARNINIG STABLE
    START STATE STATEMENT STATIC STATISTICS STDIN STDOUT STORAGE STRICT STRUCTURE STYPE
    SUBCLASS_ORIGIN SUBLIST SUBSTRING SUM SYMMETRIC SYSID SYSTEM SYSTEM_USER TABLE
    TABLE_NAME TEMP TEMPLATE TEMPORARY TERMINATE THAN THEN TIMEZONE_HOUR TIMEZONE_MINUTE TO
    TOAST TRAILING TRANSATION TRANSACTIONS_COMMITTED TRANSACTIONS_ROLLED_BACK
    TRANSATION_ACTIVE TRANSFORM TRANSFORMS TRANSLATE TRANSLATION TREAT TRIGGER
    TRIGGER_CATALOG TRIGGER_NAME TRIGGER_SCHEMA TRIM TRUE TRUNCATE TRUSTED TYPE UNCOMMITTED
    UNDER UNENCRYPTED UNION UNIQUE UNKNOWN UNLISTEN UNNAMED UNNEST UNTIL UPDATE UPPER USAGE
    USER USER_DEFINED_TYPE_CATALOG USER_DEFINED_TYPE_NAME USER_DEFINED_TYPE_SCHEMA USING
    VACUUM VALID VALIDATOR VALUES VARIABLE VERBOSE VERSION VIEW VOLATILE WHEN WHENEVER WHERE
    WINDOW WITH WITHOUT WORK WRITE ZONE
""".split()
)
SQL_KEYWORDS_TYPE = frozenset(
    """
    ZEROFILL UNSIGNED SIGNED SERIAL BIT TINYINT BOOL BOOLEAN SMALLINT MEDIUMINT INT INTEGER
    BIGINT DECIMAL DEC NUMERIC FIXED FLOAT DOUBLE PRECISION REAL DATE DATETIME TIMESTAMP
    TIME YEAR NATIONAL CHAR CHARACTER NCHAR BYTE VARCHAR VARYING BINARY VARBINARY TINYBLOB
    TINYTEXT BLOB TEXT MEDIUMBLOB MEDIUMTEXT LONGBLOB LONGTEXT ENUM
""".split()
)


def _sql_word(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    word = m.group(0)
    upper = word.upper()
    if upper in SQL_KEYWORDS_TYPE:
        return [(Name.Builtin, word)]
    if upper in SQL_KEYWORDS:
        return [(Keyword, word)]
    return [(Name, word)]


class SqlLexer(RougeLexer):
    name = "sql"
    aliases = ["sql"]

    tokens = {
        "root": [
            (rf"{S}+", Text),
            (r"--.*", Comment.Single),
            (r"/\*", Comment.Multiline, "multiline_comments"),
            (r"[0-9]+", Number.Integer),
            (r"'", String.Single, "single_string"),
            (r'"', Name.Variable, "double_string"),
            (r"`", Name.Variable, "backtick"),
            (r"[a-zA-Z0-9_][a-zA-Z0-9_]*", rule_cb(_sql_word)),
            (r"[+*/<>=~!@#%&|?^-]", Operator),
            (r"[;:()\[\]\{\},.]", Punctuation),
        ],
        "multiline_comments": [
            (r"/[*]", Comment.Multiline, "multiline_comments"),
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"[^/*]+", Comment.Multiline),
            (r"[/*]", Comment.Multiline),
        ],
        "backtick": [
            (r"\\.", String.Escape),
            (r"``", String.Escape),
            (r"`", Name.Variable, "#pop"),
            (r"[^\\`]+", Name.Variable),
        ],
        "single_string": [
            (r"\\.", String.Escape),
            (r"''", String.Escape),
            (r"'", String.Single, "#pop"),
            (r"[^\\']+", String.Single),
        ],
        "double_string": [
            (r"\\.", String.Escape),
            (r'""', String.Escape),
            (r'"', Name.Variable, "#pop"),
            (r'[^\\"]+', Name.Variable),
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


# ---------------------------------------------------------------------------------------------
# docker, ini (rouge/lexers/docker.rb, ini.rb)

DOCKER_KEYWORDS = (
    "FROM|MAINTAINER|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|STOPSIGNAL"
    "|HEALTHCHECK|SHELL"
)


def _docker_run(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    ctx.stack.append("run")
    lexer.shell.stack = list(lexer.shell.start_stack)
    lexer.shell.reset()
    return [(Keyword, m.group(0))]


def _docker_shell(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    return delegate(lexer.shell, m.group(0))


class DockerLexer(RougeLexer):
    name = "docker"
    aliases = ["docker", "dockerfile", "Dockerfile"]

    def reset(self) -> None:
        self.shell = ShellLexer()
        self.shell.stack = list(self.shell.start_stack)

    tokens = {
        "root": [
            (rf"{S}+", Text),
            (
                rf"(?i)^(FROM)({S}+)(.*)({S}+)(AS)({S}+)(.*)",
                bygroups(
                    Keyword,
                    Text.Whitespace,
                    String,
                    Text.Whitespace,
                    Keyword,
                    Text.Whitespace,
                    String,
                ),
            ),
            (
                rf"(?i)^(ONBUILD)({S}+)({DOCKER_KEYWORDS})(.*)",
                bygroups(Keyword, Text.Whitespace, Keyword, String),
            ),
            (rf"(?i)^({DOCKER_KEYWORDS})\b(.*)", bygroups(Keyword, String)),
            (r"#.*?$", Comment),
            (rf"(?i)^(ONBUILD{S}+)?RUN({S}+)", rule_cb(_docker_run)),
            (r"[a-zA-Z0-9_]+", Text),
            (r"[^a-zA-Z0-9_]+", Text),
            (r".", Text),
        ],
        "run": [
            (r"\n", Text, "#pop"),
            (r"(?s)\\.", String.Escape),
            (r"(\\.|[^\n\\])+", rule_cb(_docker_shell)),
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


# ---------------------------------------------------------------------------------------------
# tex, toml (rouge/lexers/tex.rb, toml.rb)

TEX_COMMAND = rf"(?i)\\([a-z]+|{S}+|.)"


class TexLexer(RougeLexer):
    name = "tex"
    aliases = ["tex", "TeX", "LaTeX", "latex"]

    tokens = {
        "general": [
            (r"%.*$", Comment),
            (r"[{}&_^]", Punctuation),
        ],
        "root": [
            (r"\\\[", Punctuation, "displaymath"),
            (r"\\\(", Punctuation, "inlinemath"),
            (r"\$\$", Punctuation, "displaymath"),
            (r"\$", Punctuation, "inlinemath"),
            (r"\\(begin|end)\{.*?\}", Name.Tag),
            (
                rf"(\\verb)\b({NSP})(.*?)(\2)",
                bygroups(Name.Builtin, Keyword.Pseudo, String.Other, Keyword.Pseudo),
            ),
            (TEX_COMMAND, Keyword, "command"),
            include("general"),
            (r"[^\\$%&_^{}]+", Text),
        ],
        "math": [
            (TEX_COMMAND, Name.Variable),
            include("general"),
            (r"[0-9]+", Number),
            (r"[-=!+*/()\[\]]", Operator),
            (r"[^=!+*/()\[\]\\$%&_^{}0-9-]+", Name.Builtin),
        ],
        "inlinemath": [
            (r"\\\)", Punctuation, "#pop"),
            (r"\$", Punctuation, "#pop"),
            include("math"),
        ],
        "displaymath": [
            (r"\\\]", Punctuation, "#pop"),
            (r"\$\$", Punctuation, "#pop"),
            (r"\$", Name.Builtin),
            include("math"),
        ],
        "command": [
            (r"\[.*?\]", Name.Attribute),
            (r"\*", Keyword),
            default("#pop"),
        ],
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


# ---------------------------------------------------------------------------------------------
# rust (rouge/lexers/rust.rb)

RUST_KEYWORDS = "|".join(
    """as async await break const continue crate dyn else enum extern false fn for if impl in let
    log loop match mod move mut pub ref return self Self static struct super trait true type unsafe
    use where while abstract become box do final macro override priv typeof unsized virtual yield
    try union""".split()
)
RUST_BUILTINS = frozenset(
    """Add BitAnd BitOr BitXor bool c_char c_double c_float char c_int clock_t c_long c_longlong
    Cons Const Copy c_schar c_short c_uchar c_uint c_ulong c_ulonglong c_ushort c_void dev_t DIR
    dirent Div Either Eq Err f32 f64 Failure FILE float fpos_t i16 i32 i64 i8 isize Index ino_t
    int intptr_t Left mode_t Modulo Mul Neg Nil None Num off_t Ok Option Ord Owned pid_t Ptr
    ptrdiff_t Right Send Shl Shr size_t Some ssize_t str Sub Success time_t u16 u32 u64 u8 usize
    uint uintptr_t Box Vec String Gc Rc Arc u128 i128 Result Sync Pin Unpin Sized Drop drop Fn
    FnMut FnOnce Clone PartialEq PartialOrd AsMut AsRef From Into Default DoubleEndedIterator
    ExactSizeIterator Extend IntoIterator Iterator""".split()
)
RUST_ID = r"(?:[^\W\d]|_)\w*"  # [\p{XID_Start}_]\p{XID_Continue}*
RUST_ESCAPES = r"\\(?:[nrt'\"\\0]|x[0-9a-fA-F]{2}|u\{(?:[0-9a-fA-F]_*){1,6}\})"
RUST_SIZE = r"(?:8|16|32|64|128|size)"
RUST_DOT = r"[.][0-9][0-9_]*"
RUST_EXP = r"[eE][-+]?[0-9_]+"
RUST_FLT = r"(?:f32|f64)"
RUST_DELIMS = {"[": "]", "(": ")", "{": "}"}


def _rust_word(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    return [(Name.Builtin if m.group(0) in RUST_BUILTINS else Name, m.group(0))]


def _rust_open(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.macro_delims[RUST_DELIMS[m.group(0)]] += 1
    return [(Punctuation, m.group(0))]


def _rust_close(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.macro_delims[m.group(0)] -= 1
    if all(count == 0 for count in lexer.macro_delims.values()):
        pop(ctx)
    return [(Punctuation, m.group(0))]


class RustLexer(RougeLexer):
    name = "rust"
    aliases = [
        "rust",
        "rs",
        "rust,no_run",
        "rs,no_run",
        "rust,ignore",
        "rs,ignore",
        "rust,should_panic",
        "rs,should_panic",
    ]
    start_stack = ("root", "bol")

    def reset(self) -> None:
        self.macro_delims = {"]": 0, ")": 0, "}": 0}

    tokens = {
        "bol": [
            include("whitespace"),
            (rf"#{S}[^\n]*", Comment.Special),
            default("#pop"),
        ],
        "attribute": [
            include("whitespace"),
            include("has_literals"),
            (r"[(,)=:]", Name.Decorator),
            (r"\]", Name.Decorator, "#pop"),
            (RUST_ID, Name.Decorator),
        ],
        "whitespace": [
            (rf"{S}+", Text),
            include("comments"),
        ],
        "comments": [
            (r"////+[^\n]*", Comment.Single),
            (r"//[/!][^\n]*", Comment.Doc),
            (r"//[^\n]*", Comment.Single),
            (r"/\*\*\*?/", Comment.Multiline),
            (r"/\*\*\*+", Comment.Multiline, "nested_plain_block"),
            (r"/[*][*!]", Comment.Doc, "nested_doc_block"),
            (r"/[*]", Comment.Multiline, "nested_plain_block"),
        ],
        "nested_plain_block": [
            (r"\*/", Comment.Multiline, "#pop"),
            (r"/\*", Comment.Multiline, "nested_plain_block"),
            (r"[^*/]+|[*/]", Comment.Multiline),
        ],
        "nested_doc_block": [
            (r"\*/", Comment.Doc, "#pop"),
            (r"/\*", Comment.Doc, "nested_doc_block"),
            (r"[^*/]+|[*/]", Comment.Doc),
        ],
        "root": [
            (r"\n", Text, "bol"),
            include("whitespace"),
            (r"#!?\[", Name.Decorator, "attribute"),
            (rf"(?:{RUST_KEYWORDS})\b", Keyword),
            include("has_literals"),
            (r"[=-]>", Keyword),
            (r"<->", Keyword),
            (r"[()\[\]{}|,:;]", Punctuation),
            (r"[*/!@~&+%^<>=\?-]|\.{2,3}", Operator),
            (rf"(?s)(?:[.]{S}*)?{RUST_ID}(?={S}*[(])", Name.Function),
            (rf"[.]{S}*await\b", Keyword),
            (rf"[.]{S}*{RUST_ID}", Name.Property),
            (rf"[.]{S}*[0-9]+", Name.Attribute),
            (rf"(?s)({RUST_ID})(::)", bygroups(Name.Namespace, Punctuation)),
            (r"macro_rules!", Name.Decorator, "macro_rules"),
            (rf"{RUST_ID}!", Name.Decorator, "macro"),
            (r"'static\b", Keyword),
            (rf"'{RUST_ID}", Name.Variable),
            (RUST_ID, rule_cb(_rust_word)),
        ],
        "macro": [
            include("has_literals"),
            (r"[\[{(]", rule_cb(_rust_open)),
            (r"[\]})]", rule_cb(_rust_close)),
            (rf"{RUST_ID}!", Name.Decorator),
            include("root"),
            (r".", Text),
        ],
        "macro_rules": [
            (rf"[$]{RUST_ID}(:{RUST_ID})?", Name.Variable),
            (r"[$]", Name.Variable),
            include("macro"),
        ],
        "has_literals": [
            (r"(?:true|false)\b", Keyword.Constant),
            (rf"b?'(?:{RUST_ESCAPES}|[^\\])'", String.Char),
            (r'b?"', String, "string"),
            (r'(?s)b?r(#*)".*?"\1', String),
            (
                rf"[0-9][0-9_]*(?:{RUST_DOT}(?:{RUST_EXP})?(?:{RUST_FLT})?"
                rf"|(?:{RUST_DOT})?{RUST_EXP}(?:{RUST_FLT})?"
                rf"|(?:{RUST_DOT})?(?:{RUST_EXP})?{RUST_FLT}|[.](?![._]|[^\W\d]))",
                Number.Float,
            ),
            (
                rf"(?:0b[10_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)(?:u{RUST_SIZE}?|i{RUST_SIZE})?",
                Number.Integer,
            ),
        ],
        "string": [
            (r'"', String, "#pop"),
            (RUST_ESCAPES, String.Escape),
            (r'(?s)[^"\\]+', String),
        ],
    }


# ---------------------------------------------------------------------------------------------
# csharp (rouge/lexers/csharp.rb)

CS_ID = r"@?[_a-zA-Z][a-zA-Z0-9_]*"
CS_KEYWORDS = "|".join(
    """abstract as base break case catch checked const continue default delegate do else enum
    event explicit extern false finally fixed for foreach goto if implicit in interface internal
    is lock new null operator out override params private protected public readonly ref return
    sealed sizeof stackalloc static switch this throw true try typeof unchecked unsafe virtual
    void volatile while add alias async await get global partial remove set value where yield
    nameof ascending by descending equals from group in into join let on orderby select""".split()
)
CS_KEYWORDS_TYPE = (
    "bool|byte|char|decimal|double|dynamic|float|int|long|object|sbyte|short|string|uint|ulong"
    "|ushort|var"
)
CS_CPP_KEYWORDS = "if|endif|else|elif|define|undef|line|error|warning|region|endregion|pragma"


class CSharpLexer(RougeLexer):
    name = "csharp"
    aliases = ["csharp", "c#", "cs"]

    tokens = {
        "whitespace": [
            (rf"{S}+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/[*].*?[*]/", Comment.Multiline),
        ],
        "nest": [
            (r"\{", Punctuation, "nest"),
            (r"\}", Punctuation, "#pop"),
            include("root"),
        ],
        "splice_string": [
            (r"\\.", String),
            (r"\{", Punctuation, "nest"),
            (r'"|\n', String, "#pop"),
            (r".", String),
        ],
        "splice_literal": [
            (r'""', String),
            (r"\{", Punctuation, "nest"),
            (r'"', String, "#pop"),
            (r".", String),
        ],
        "root": [
            include("whitespace"),
            (rf'[$]{S}*"', String, "splice_string"),
            (rf'[$]@{S}*"', String, "splice_literal"),
            (rf"(<\[){S}*({CS_ID}:)?", Keyword),
            (r"\]>", Keyword),
            (r"[~!%^&*()+=|\[\]{}:;,.<>/?-]", Punctuation),
            (r'(?s)@"(""|[^"])*"', String),
            (r'"(\\.|.)*?["\n]', String),
            (r"'(\\.|.)'", String.Char),
            (r"0[xX][0-9a-fA-F]+[lLuU]?", Number),
            (r"[0-9]([.][0-9]*)?([eE][+-][0-9]+)?[fFlLdDuU]?", Number),
            (r"(?:class|struct|interface)\b", Keyword, "class"),
            (r"(?:namespace|using)\b", Keyword, "namespace"),
            (rf"^#[ \t]*({CS_CPP_KEYWORDS})\b.*?\n", Comment.Preproc),
            (rf"({CS_KEYWORDS})\b", Keyword),
            (rf"({CS_KEYWORDS_TYPE})\b", Keyword.Type),
            (rf"{CS_ID}(?={S}*[(])", Name.Function),
            (CS_ID, Name),
        ],
        "class": [
            include("whitespace"),
            (CS_ID, Name.Class, "#pop"),
        ],
        "namespace": [
            include("whitespace"),
            (r"(?=[(])", Text, "#pop"),
            (rf"({CS_ID}|[.])+", Name.Namespace, "#pop"),
        ],
    }


# ---------------------------------------------------------------------------------------------
# kotlin (rouge/lexers/kotlin.rb). rouge's Unicode categories (\p{Lu}...) are approximated:
# upper case is ASCII and Latin-1, other letters are Python's.

KT_KEYWORDS = "|".join(
    """abstract annotation as break by catch class companion const constructor continue
    crossinline do dynamic else enum external false final finally for fun get if import in infix
    inline inner interface internal is lateinit noinline null object open operator out override
    package private protected public reified return sealed set super suspend tailrec this throw
    true try typealias typeof val var vararg when where while yield""".split()
)
KT_NAME_CHARS = r"[-\w\u00ad\u200b-\u200f\u2060-\u2064\ufeff]*"
KT_CLASS = rf"`?[A-Z\u00c0-\u00d6\u00d8-\u00de]{KT_NAME_CHARS}`?"
KT_NAME = rf"`?[^\W\d]{KT_NAME_CHARS}`?"
KT_DEC = r"(?:[0-9][0-9_]*[0-9]|[0-9])"
KT_EXP = rf"[eE][+-]?{KT_DEC}"
KT_DOUBLE = rf"(?:(?:{KT_DEC})?\.{KT_DEC}(?:{KT_EXP})?|{KT_DEC}{KT_EXP})"


class KotlinLexer(RougeLexer):
    name = "kotlin"
    aliases = ["kotlin"]

    tokens = {
        "root": [
            (rf"(companion)({S}+)(object)\b", bygroups(Keyword, Text, Keyword)),
            (
                rf"(class|data{S}+class|interface|object)({S}+)",
                bygroups(Keyword.Declaration, Text),
                "class",
            ),
            (rf"(fun)({S}+)", bygroups(Keyword, Text), "function"),
            (rf"(package|import)({S}+)", bygroups(Keyword, Text), "package"),
            (
                rf"(val|var)({S}+)(\()",
                bygroups(Keyword.Declaration, Text, Punctuation),
                "destructure",
            ),
            (rf"(val|var)({S}+)", bygroups(Keyword.Declaration, Text), "property"),
            (
                rf"(return|continue|break|this|super)(@{KT_NAME})?\b",
                bygroups(Keyword, Name.Decorator),
            ),
            (r"fun\b", Keyword),
            (rf"(?:{KT_KEYWORDS})\b", Keyword),
            (rf"^{S}*\[.*?\]", Name.Attribute),
            (r"[ \t\v\f\r]+", Text),
            (r"\\\n", Text),
            (r"//.*?$", Comment.Single),
            (r"/[*].*[*]/", Comment.Multiline),
            (r"/[*].*", Comment.Multiline, "comment"),
            (r"\n", Text),
            (r"(::)(class)", bygroups(Operator, Keyword)),
            (r"::|!!|\?[:.]", Operator),
            (r"(\.\.)", Operator),
            (rf"(?:{KT_DOUBLE}[fF]?)|(?:{KT_DEC}[fF])", Number.Float),
            (r"0[bB](?:[01][01_]*[01]|[01])[uU]?L?", Number.Bin),
            (r"0[xX](?:[0-9a-fA-F][0-9a-fA-F_]*[0-9a-fA-F]|[0-9a-fA-F])[uU]?L?", Number.Hex),
            (r"(?:[1-9][0-9_]*[0-9]|[0-9])[uU]?L?", Number.Integer),
            (r"[~!%^&*()+=|\[\]:;,.<>/?-]", Punctuation),
            (r"[{}]", Punctuation),
            (r'(?s)@"(""|[^"])*"', String),
            (r'(?s)""".*?"""', String),
            (r'(?s)"(\\\\|\\"|[^"\n])*["\n]', String),
            (r"'\\.'|'[^\\]'", String.Char),
            (rf"(@{KT_CLASS})", Name.Decorator),
            (rf"({KT_CLASS})(<)", bygroups(Name.Class, Punctuation), "generic_parameters"),
            (KT_CLASS, Name.Class),
            (rf"({KT_NAME})(?={S}*[({{])", Name.Function),
            (rf"({KT_NAME})@", Name.Decorator),
            (KT_NAME, Name),
        ],
        "package": [(rf"{NSP}+", Name.Namespace, "#pop")],
        "class": [(KT_CLASS, Name.Class, "#pop")],
        "function": [
            (r"(<)", Punctuation, "generic_parameters"),
            (rf"({S}+)", Text),
            (rf"({KT_CLASS})(\.)", bygroups(Name.Class, Punctuation)),
            (KT_NAME, Name.Function, "#pop"),
        ],
        "generic_parameters": [
            (KT_CLASS, Name.Class),
            (r"(<)", Punctuation, "generic_parameters"),
            (r"(reified|out|in)", Keyword),
            (r"([,:.?])", Punctuation),
            (rf"({S}+)", Text),
            (r"(>)", Punctuation, "#pop"),
        ],
        "property": [
            (r"(<)", Punctuation, "generic_parameters"),
            (rf"({S}+)", Text),
            (KT_NAME, Name.Property, "#pop"),
        ],
        "destructure": [
            (r"(,)", Punctuation),
            (r"(\))", Punctuation, "#pop"),
            (rf"({S}+)", Text),
            (KT_NAME, Name.Property),
        ],
        "comment": [
            (r"/[*]", Comment.Multiline, "comment"),
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"[^/*]+", Comment.Multiline),
            (r"[/*]", Comment.Multiline),
        ],
    }


# ---------------------------------------------------------------------------------------------
# r (rouge/lexers/r.rb)

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


# ---------------------------------------------------------------------------------------------
# swift (rouge/lexers/swift.rb); [[:upper:]] is approximated by ASCII and Latin-1 capitals

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


# ---------------------------------------------------------------------------------------------
# css (rouge/lexers/css.rb)

CSS_ATTRIBUTES = frozenset(
    """
    align-content align-items align-self alignment-adjust alignment-baseline all
    anchor-point animation animation-delay animation-direction animation-duration
    animation-fill-mode animation-iteration-count animation-name animation-play-state
    animation-timing-function appearance azimuth backface-visibility background
    background-attachment background-clip background-color background-image
    background-origin background-position background-repeat background-size baseline-shift
    binding bleed bookmark-label bookmark-level bookmark-state bookmark-target border
    border-bottom border-bottom-color border-bottom-left-radius border-bottom-right-radius
    border-bottom-style border-bottom-width border-collapse border-color border-image
    border-image-outset border-image-repeat border-image-slice border-image-source
    border-image-width border-left border-left-color border-left-style border-left-width
    border-radius border-right border-right-color border-right-style border-right-width
    border-spacing border-style border-top border-top-color border-top-left-radius
    border-top-right-radius border-top-style border-top-width border-width bottom box-align
    box-decoration-break box-direction box-flex box-flex-group box-lines box-ordinal-group
    box-orient box-pack box-shadow box-sizing break-after break-before break-inside
    caption-side clear clip clip-path clip-rule color color-profile columns column-count
    column-fill column-gap column-rule column-rule-color column-rule-style column-rule-width
    column-span column-width content counter-increment counter-reset crop cue cue-after
    cue-before cursor direction display dominant-baseline drop-initial-after-adjust
    drop-initial-after-align drop-initial-before-adjust drop-initial-before-align
    drop-initial-size drop-initial-value elevation empty-cells filter fit fit-position flex
    flex-basis flex-direction flex-flow flex-grow flex-shrink flex-wrap float float-offset
    font font-family font-feature-settings font-kerning font-language-override font-size
    font-size-adjust font-stretch font-style font-synthesis font-variant
    font-variant-alternates font-variant-caps font-variant-east-asian font-variant-ligatures
    font-variant-numeric font-variant-position font-weight grid-cell grid-column
    grid-column-align grid-column-sizing grid-column-span grid-columns grid-flow grid-row
    grid-row-align grid-row-sizing grid-row-span grid-rows grid-template hanging-punctuation
    height hyphenate-after hyphenate-before hyphenate-character hyphenate-lines
    hyphenate-resource hyphens icon image-orientation image-rendering image-resolution
    ime-mode inline-box-align justify-content left letter-spacing line-break line-height
    line-stacking line-stacking-ruby line-stacking-shift line-stacking-strategy list-style
    list-style-image list-style-position list-style-type margin margin-bottom margin-left
    margin-right margin-top mark marker-offset marks mark-after mark-before
    marquee-direction marquee-loop marquee-play-count marquee-speed marquee-style mask
    max-height max-width min-height min-width move-to nav-down nav-index nav-left nav-right
    nav-up object-fit object-position opacity order orphans outline outline-color
    outline-offset outline-style outline-width overflow overflow-style overflow-wrap
    overflow-x overflow-y padding padding-bottom padding-left padding-right padding-top page
    page-break-after page-break-before page-break-inside page-policy pause pause-after
    pause-before perspective perspective-origin phonemes pitch pitch-range play-during
    pointer-events position presentation-level punctuation-trim quotes rendering-intent
    resize rest rest-after rest-before richness right rotation rotation-point ruby-align
    ruby-overhang ruby-position ruby-span size speak speak-as speak-header speak-numeral
    speak-punctuation speech-rate src stress string-set tab-size table-layout target
    target-name target-new target-position text-align text-align-last
    text-combine-horizontal text-decoration text-decoration-color text-decoration-line
    text-decoration-skip text-decoration-style text-emphasis text-emphasis-color
    text-emphasis-position text-emphasis-style text-height text-indent text-justify
    text-orientation text-outline text-overflow text-rendering text-shadow
    text-space-collapse text-transform text-underline-position text-wrap top transform
    transform-origin transform-style transition transition-delay transition-duration
    transition-property transition-timing-function unicode-bidi vertical-align visibility
    voice-balance voice-duration voice-family voice-pitch voice-pitch-range voice-range
    voice-rate voice-stress voice-volume volume white-space widows width word-break
    word-spacing word-wrap writing-mode z-index
""".split()
)
CSS_BUILTINS = frozenset(
    """
    above absolute always armenian aural auto avoid left bottom baseline behind below
    bidi-override blink block bold bolder both capitalize center center-left center-right
    circle cjk-ideographic close-quote collapse condensed continuous crop cross crosshair
    cursive dashed decimal decimal-leading-zero default digits disc dotted double e-resize
    embed expanded extra-condensed extra-expanded fantasy far-left far-right fast faster
    fixed georgian groove hebrew help hidden hide high higher hiragana hiragana-iroha icon
    inherit inline inline-table inset inside invert italic justify katakana katakana-iroha
    landscape large larger left-side leftwards level lighter line-through list-item loud low
    lower lower-alpha lower-greek lower-roman lowercase ltr medium message-box middle mix
    monospace n-resize narrower ne-resize no-close-quote no-open-quote no-repeat none normal
    nowrap nw-resize oblique once open-quote outset outside overline pointer portrait px
    relative repeat repeat-x repeat-y rgb ridge right right-side rightwards s-resize
    sans-serif scroll se-resize semi-condensed semi-expanded separate serif show silent slow
    slower small-caps small-caption smaller soft solid spell-out square static status-bar
    super sw-resize table-caption table-cell table-column table-column-group
    table-footer-group table-header-group table-row table-row-group text text-bottom
    text-top thick thin top transparent ultra-condensed ultra-expanded underline upper-alpha
    upper-latin upper-roman uppercase url visible w-resize wait wider x-fast x-high x-large
    x-loud x-low x-small x-soft xx-large xx-small yes
""".split()
)
CSS_CONSTANTS = frozenset(
    """
    indigo gold firebrick indianred yellow darkolivegreen darkseagreen mediumvioletred
    mediumorchid chartreuse mediumslateblue black springgreen crimson lightsalmon brown
    turquoise olivedrab cyan silver skyblue gray darkturquoise goldenrod darkgreen
    darkviolet darkgray lightpink teal darkmagenta lightgoldenrodyellow lavender yellowgreen
    thistle violet navy orchid blue ghostwhite honeydew cornflowerblue darkblue darkkhaki
    mediumpurple cornsilk red bisque slategray darkcyan khaki wheat deepskyblue darkred
    steelblue aliceblue gainsboro mediumturquoise floralwhite coral purple lightgrey
    lightcyan darksalmon beige azure lightsteelblue oldlace greenyellow royalblue
    lightseagreen mistyrose sienna lightcoral orangered navajowhite lime palegreen burlywood
    seashell mediumspringgreen fuchsia papayawhip blanchedalmond peru aquamarine white
    darkslategray ivory dodgerblue lemonchiffon chocolate orange forestgreen slateblue olive
    mintcream antiquewhite darkorange cadetblue moccasin limegreen saddlebrown darkslateblue
    lightskyblue deeppink plum aqua darkgoldenrod maroon sandybrown magenta tan rosybrown
    pink lightblue palevioletred mediumseagreen dimgray powderblue seagreen snow mediumblue
    midnightblue paleturquoise palegoldenrod whitesmoke darkorchid salmon lightslategray
    lawngreen lightgreen tomato hotpink lightyellow lavenderblush linen mediumaquamarine
    green blueviolet peachpuff
""".split()
)
CSS_VENDOR_PREFIXES = (
    "-ah- -atsc- -hp- -khtml- -moz- -ms- -o- -rim- -ro- -tc- -wap- -webkit- -xv- mso- prince-"
).split()
CSS_ID = (
    r"(?:[^\W\d]|[_-])[\w\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff-]*"
)
CSS_NUMBER = r"-?(?:[0-9]+(\.[0-9]+)?|\.[0-9]+)"


def _css_value_word(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    word = m.group(0)
    if word in CSS_CONSTANTS:
        return [(Name.Constant, word)]
    if word in CSS_BUILTINS:
        return [(Name.Builtin, word)]
    return [(Name, word)]


def _css_at_content_end(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    pop(ctx, 2)
    return [(Punctuation, m.group(0))]


def _css_property(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    name = m.group(1)
    if name in CSS_ATTRIBUTES or any(name.startswith(p) for p in CSS_VENDOR_PREFIXES):
        token = Name.Label
    else:
        token = Name.Property
    ctx.stack.append("stanza_value")
    return [(token, name), (Text, m.group(2)), (Punctuation, m.group(3))]


class CssLexer(RougeLexer):
    name = "css"
    aliases = ["css"]

    tokens = {
        "root": [
            include("basics"),
            (r"\{", Punctuation, "stanza"),
            (rf":[:]?{CSS_ID}", Name.Decorator),
            (rf"\.{CSS_ID}", Name.Class),
            (rf"#{CSS_ID}", Name.Function),
            (rf"@{CSS_ID}", Keyword, "at_rule"),
            (CSS_ID, Name.Tag),
            (r"[~^*!%&\[\]()<>|+=@:;,./?-]", Operator),
            (r'"(\\\\|\\"|[^"])*"', String.Single),
            (r"'(\\\\|\\'|[^'])*'", String.Double),
        ],
        "value": [
            include("basics"),
            (r"url\(.*?\)", String.Other),
            (r"#[0-9a-fA-F]{1,6}", Number),
            (
                rf"{CSS_NUMBER}(?:%|(?:em|px|pt|pc|in|mm|cm|ex|rem|ch|vw|vh|vmin|vmax|dpi|dpcm"
                r"|dppx|deg|grad|rad|turn|s|ms|Hz|kHz)\b)?",
                Number,
            ),
            (r"[\[\]():/.,]", Punctuation),
            (r'"(\\\\|\\"|[^"])*"', String.Single),
            (r"'(\\\\|\\'|[^'])*'", String.Double),
            (CSS_ID, rule_cb(_css_value_word)),
        ],
        "at_rule": [
            (rf"(?s)\{{(?={S}*{CSS_ID}{S}*:)", Punctuation, "at_stanza"),
            (r"\{", Punctuation, "at_body"),
            (r";", Punctuation, "#pop"),
            include("value"),
        ],
        "at_body": [include("at_content"), include("root")],
        "at_stanza": [include("at_content"), include("stanza")],
        "at_content": [(r"\}", rule_cb(_css_at_content_end))],
        "basics": [
            (rf"{S}+", Text),
            (r"(?s)/\*(?:.*?)\*/", Comment),
        ],
        "stanza": [
            include("basics"),
            (r"\}", Punctuation, "#pop"),
            (rf"(?s)({CSS_ID})({S}*)(:)", rule_cb(_css_property)),
        ],
        "stanza_value": [
            (r";", Punctuation, "#pop"),
            (r"(?=\})", Text, "#pop"),
            (rf"!{S}*important\b", Comment.Preproc),
            (r"^@.*?$", Comment.Preproc),
            include("value"),
        ],
    }


# ---------------------------------------------------------------------------------------------
# xml and html (rouge/lexers/xml.rb, html.rb)

ML_NAME_START = r"(?:[^\W\d]|[:_])"  # [\p{L}:_]
ML_NAME_CHAR = r"[\w\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff:.\u00b7-]"  # noqa: E501  [\p{Word}\p{Cf}:.·-]


class XmlLexer(RougeLexer):
    name = "xml"
    aliases = ["xml"]

    tokens = {
        "root": [
            (r"[^<&]+", Text),
            (rf"&{NSP}*?;", Name.Entity),
            (r"<!\[CDATA\[.*?\]\]>", Comment.Preproc),
            (r"<!--", Comment, "comment"),
            (r"<\?.*?\?>", Comment.Preproc),
            (r"<![^>]*>", Comment.Preproc),
            (rf"<{S}*{ML_NAME_START}{ML_NAME_CHAR}*", Name.Tag, "tag"),
            (rf"<{S}*/{S}*{ML_NAME_START}{ML_NAME_CHAR}*{S}*>", Name.Tag),
        ],
        "comment": [
            (r"[^-]+", Comment),
            (r"-->", Comment, "#pop"),
            (r"-", Comment),
        ],
        "tag": [
            (rf"{S}+", Text),
            (rf"{ML_NAME_START}{ML_NAME_CHAR}*{S}*=", Name.Attribute, "attr"),
            (rf"/?{S}*>", Name.Tag, "#pop"),
        ],
        "attr": [
            (rf"{S}+", Text),
            (r"(?s)\".*?\"|'.*?'|[^ \t\n\v\f\r>]+", String, "#pop"),
        ],
    }


def _html_script(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.javascript = JavascriptLexer()
    lexer.javascript.stack = list(lexer.javascript.start_stack)
    ctx.stack.append("script_content")
    ctx.stack.append("tag")
    return [(Name.Tag, m.group(0))]


def _html_style(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    lexer.css = find("css")
    if lexer.css is not None and hasattr(lexer.css, "start_stack"):
        lexer.css.stack = list(lexer.css.start_stack)
    ctx.stack.append("style_content")
    ctx.stack.append("tag")
    return [(Name.Tag, m.group(0))]


def _html_to_js(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    return delegate(lexer.javascript, m.group(0))


def _html_to_css(lexer: Any, m: re.Match[str], ctx: LexerContext) -> Any:
    if lexer.css is None or not hasattr(lexer.css, "continue_tokens"):
        return [(Text, m.group(0))]
    return delegate(lexer.css, m.group(0))


class HtmlLexer(RougeLexer):
    name = "html"
    aliases = ["html"]

    def reset(self) -> None:
        self.javascript = JavascriptLexer()
        self.javascript.stack = list(self.javascript.start_stack)
        self.css: Any = None

    tokens = {
        "root": [
            (r"(?s)[^<&]+", Text),
            (rf"&{NSP}*?;", Name.Entity),
            (r"(?is)<!DOCTYPE .*?>", Comment.Preproc),
            (r"(?s)<!\[CDATA\[.*?\]\]>", Comment.Preproc),
            (r"<!--", Comment, "comment"),
            (r"(?s)<\?.*?\?>", Comment.Preproc),
            (rf"<{S}*script{S}*", rule_cb(_html_script)),
            (rf"<{S}*style{S}*", rule_cb(_html_style)),
            (r"</", Name.Tag, "tag_end"),
            (r"<", Name.Tag, "tag_start"),
        ],
        "tag_end": [
            include("tag_end_end"),
            (rf"(?:[^\W\d]|[:_-]){ML_NAME_CHAR}*", _js_goto(Name.Tag, "tag_end_end")),
        ],
        "tag_end_end": [
            (rf"{S}+", Text),
            (r">", Name.Tag, "#pop"),
        ],
        "tag_start": [
            (rf"{S}+", Text),
            (rf"(?:[^\W\d]|[:_-]){ML_NAME_CHAR}*", _js_goto(Name.Tag, "tag")),
            (r"", _js_goto(Text, "tag")),
        ],
        "comment": [
            (r"[^-]+", Comment),
            (r"-->", Comment, "#pop"),
            (r"-", Comment),
        ],
        "tag": [
            (rf"{S}+", Text),
            (
                rf"(?:[^\W\d]|[:_\[\]()*.-])(?:{ML_NAME_CHAR}|[\[\]()*])*{S}*={S}*",
                Name.Attribute,
                "attr",
            ),
            (rf"(?:[^\W\d]|[:_*#-])(?:{ML_NAME_CHAR}|[*#])*", Name.Attribute),
            (rf"/?{S}*>", Name.Tag, "#pop"),
        ],
        "attr": [
            (r'"', _js_goto(String, "dq")),
            (r"'", _js_goto(String, "sq")),
            (r"[^ \t\n\v\f\r>]+", String, "#pop"),
        ],
        "dq": [(r'"', String, "#pop"), (r'[^"]+', String)],
        "sq": [(r"'", String, "#pop"), (r"[^']+", String)],
        "script_content": [
            (r"[^<]+", rule_cb(_html_to_js)),
            (rf"<{S}*/{S}*script{S}*>", Name.Tag, "#pop"),
            (r"<", rule_cb(_html_to_js)),
        ],
        "style_content": [
            (r"[^<]+", rule_cb(_html_to_css)),
            (rf"<{S}*/{S}*style{S}*>", Name.Tag, "#pop"),
            (r"<", rule_cb(_html_to_css)),
        ],
    }


# ---------------------------------------------------------------------------------------------
# console (rouge/lexers/console.rb): prompts, commands (lexed as shell) and output, line by line

R_CONSOLE_LINE = re.compile(r"(.*?)(\n|$)")
R_CONSOLE_SNIP = re.compile(rf"{S}*(?:<[.]+>|[.]+){S}*\Z")
R_CONSOLE_PROMPT = re.compile(r"(?s).*?(?:\$|#|>|;)")  # default prompt ends: $ # > ;
R_CONSOLE_SPACE = re.compile(rf"{S}*")


class ConsoleLexer(Lexer):
    name = "console"
    aliases = ["console", "terminal", "shell_session", "shell-session"]

    def __init__(self, **options: Any) -> None:
        super().__init__(stripnl=False, ensurenl=False, **options)

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, Any, str]]:
        shell = ShellLexer()

        def reset_shell() -> None:
            shell.stack = list(shell.start_stack)
            shell.reset()

        reset_shell()
        pos = 0
        while pos < len(text):
            m = R_CONSOLE_LINE.match(text, pos)
            assert m is not None
            line = m.group(0)
            if R_CONSOLE_SNIP.match(line):
                reset_shell()
                yield pos, Comment, line
            elif prompt := R_CONSOLE_PROMPT.match(line):
                yield pos, Generic.Prompt, prompt.group(0)
                rest = line[prompt.end() :]
                space = R_CONSOLE_SPACE.match(rest).group(0)  # type: ignore[union-attr]
                yield pos + prompt.end(), Text.Whitespace, space
                offset = pos + prompt.end() + len(space)
                for index, token, value in shell.continue_tokens(rest[len(space) :]):
                    yield offset + index, token, value
            elif re.match(rf"{S}*?#", line.strip(" \t\n\v\f\r\0")):
                reset_shell()
                yield pos, Comment, line
            else:
                reset_shell()
                yield pos, Generic.Output, line
            pos = m.end() if m.end() > pos else len(text)


LEXERS: dict[str, type[Any]] = {}
for _cls in (
    ShellLexer,
    PythonLexer,
    CLexer,
    CppLexer,
    MakeLexer,
    PerlLexer,
    YamlLexer,
    JavascriptLexer,
    RubyLexer,
    JsonLexer,
    DiffLexer,
    JavaLexer,
    GoLexer,
    SqlLexer,
    ConsoleLexer,
    XmlLexer,
    HtmlLexer,
    CssLexer,
    TypescriptLexer,
    DockerLexer,
    IniLexer,
    TexLexer,
    TomlLexer,
    RustLexer,
    CSharpLexer,
    KotlinLexer,
    RLexer,
    SwiftLexer,
):
    for _alias in _cls.aliases:
        LEXERS[_alias] = _cls


def find(name: str) -> Any:
    cls = LEXERS.get(name)
    return cls() if cls else None
