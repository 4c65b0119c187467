"""rouge's Perl lexer (rouge/lexers/perl.rb), ported to Pygments."""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import LexerContext, bygroups, include
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
    push_current,
    rule_cb,
)

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
