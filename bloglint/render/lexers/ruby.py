"""rouge's Ruby lexer (rouge/lexers/ruby.rb), ported to Pygments."""

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
    Callback,
    RougeLexer,
    S,
    goto,
    goto_with,
    pop,
    push_current,
    rule_cb,
)

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
            (r"(?=\n)", goto_with(Text, "resolve_heredocs")),
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
            (r"<<", goto_with(Operator, "expr_start")),
            (r"[A-Z_][a-zA-Z0-9_]*", Name.Class, "#pop"),
            default("#pop"),
        ],
        "ternary": [
            (rf"(:)({S}+)", _rb_goto_groups("expr_start", Punctuation, Text)),
            (r":(?![^#\n]*?[:\\])", goto_with(Punctuation, "expr_start")),
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
            (r"/|%", goto_with(Operator, "expr_start")),
            (r"(?=\n)", Text, "#pop"),
            (r"", goto_with(Text, "method_call_spaced")),
        ],
        "method_call_spaced": [
            include("whitespace"),
            (r"[%/]=", goto_with(Operator, "expr_start")),
            (rf"(/)(?=[^ \t\n\v\f\r]|{S}*/)", goto_with(String.Regex, "slash_regex")),
            include("sigil_strings"),
            (rf"(?={S}*/)", Text, "#pop"),
            (rf"{S}+", goto_with(Text, "expr_start")),
            default("#pop"),
        ],
        "expr_start": [
            include("inline_whitespace"),
            (r"/", goto_with(String.Regex, "slash_regex")),
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
            (r"/", goto_with(String.Regex, "regex_flags")),
        ],
        "end_part": [(r"(?s).+", Comment.Preproc, "#pop")],
    }
