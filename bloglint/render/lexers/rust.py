"""rouge's Rust lexer (rouge/lexers/rust.rb), ported to Pygments."""

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
    pop,
    rule_cb,
)

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
