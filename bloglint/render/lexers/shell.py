"""rouge's shell lexer (rouge/lexers/shell.rb), ported to Pygments."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups, default, include
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
    W,
    pop,
    rule_cb,
)

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
