"""rouge's Makefile lexer (rouge/lexers/make.rb): recipe lines go to one shell lexer that keeps its state."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups, include
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Operator,
    Punctuation,
    String,
    Text,
)

from bloglint.render.lexers.engine import (
    RougeLexer,
    S,
    delegate,
    goto,
    pop,
    push_current,
    rule_cb,
)
from bloglint.render.lexers.shell import ShellLexer

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
