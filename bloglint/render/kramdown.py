"""kramdown 2.4 (GFM input, Jekyll 4.3 options) in Python, on mistune 3's parser framework.

`render_markdown(text)` returns byte for byte what Jekyll puts in `post.content` for a post whose
Liquid has already been rendered. The block and span parsers follow kramdown's own algorithms
(kramdown is a line-based scanner, not a CommonMark parser), so that every quirk of its output
survives: lazy paragraph ends, list indentation, smart quotes, re-serialised HTML blocks, `$$`
math, tables from any line with a `|`... The Ruby regexes are translated with care: Ruby's `\\s`,
`\\w`, `\\d` are ASCII-only, its `^` also matches at the scan position, and its `\\Z` allows a
final newline.

mistune provides the frame: `mistune.create_markdown(renderer=KramdownRenderer(),
plugins=[kramdown])`. The `kramdown` plugin installs a `KramdownBlockParser` (a
`mistune.BlockParser` whose parse runs kramdown's block and span passes) and the renderer (a
`mistune.BaseRenderer`) serialises like kramdown's Converter::Html. mistune's own CommonMark
rules are not used: they cannot reproduce kramdown.

Options are fixed to what Jekyll sets (see shared/reference/jekyll-kramdown-facts.md §3):
input GFM, auto_ids, entity_output as_char, smart_quotes lsquo,rsquo,ldquo,rdquo,
gfm_quirks paragraph_end, parse_block_html false, parse_span_html true, math_engine mathjax,
syntax_highlighter rouge with default_lang plaintext.
"""

from __future__ import annotations

import gc
import re
import sys
from functools import cache
from html.entities import name2codepoint
from typing import Any

import mistune

from bloglint.heading_ids import HeadingIdCounter, explicit_id
from bloglint.render.first_chars import first_chars
from bloglint.render.highlight import highlight

# ---------------------------------------------------------------------------------------------
# Regex building blocks (Ruby semantics spelled out for Python's `re`)

S = r"[ \t\n\v\f\r]"  # Ruby \s (ASCII only)
NS = r"[^ \t\n\v\f\r]"  # Ruby \S
W = r"[a-zA-Z0-9_]"  # Ruby \w (ASCII only)
RZ = r"(?=\n?\Z)"  # Ruby \Z: end of string or before a final newline
OPT_SPACE = r" {0,3}"
ALPHA_ = r"[^\W\d]"  # [[:alpha:]_]
UNAME = rf"(?:{ALPHA_}[-.\w]*:)?{ALPHA_}[-.\w]*"  # REXML's UNAME_STR


@cache
def rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A compiled pattern with Ruby's always-multiline `^`/`$` (cached: spans build many)."""
    return re.compile(pattern, re.M | flags)


HTML_SPAN_ELEMENTS = frozenset(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
    "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split()
)
HTML_BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
    "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li "
    "main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul".split()
)
HTML_ELEMENTS_WITHOUT_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track wbr".split()
)
_CONTENT_MODEL_BLOCK = (
    "address applet article aside blockquote body dd details div dl fieldset figure figcaption "
    "footer form header hgroup iframe li main map menu nav noscript object section summary td"
).split()
_CONTENT_MODEL_SPAN = (
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt"
).split()
_CONTENT_MODEL_RAW = "script style math option textarea pre code kbd samp var".split()
HTML_CONTENT_MODEL: dict[str, str] = {
    **{t: "block" for t in _CONTENT_MODEL_BLOCK},
    **{t: "span" for t in _CONTENT_MODEL_SPAN},
    **{t: "raw" for t in _CONTENT_MODEL_RAW},
}
HTML_ELEMENT = (
    HTML_SPAN_ELEMENTS | HTML_BLOCK_ELEMENTS | HTML_ELEMENTS_WITHOUT_BODY | set(HTML_CONTENT_MODEL)
)


def content_model(tag: str) -> str:
    return HTML_CONTENT_MODEL.get(tag, "raw")


HTML_COMMENT_RE = rx(r"<!--(.*?)-->", re.S)
HTML_INSTRUCTION_RE = rx(r"<\?(.*?)\?>", re.S)
HTML_ATTRIBUTE_RE = rx(rf"{S}*({UNAME})(?:{S}*={S}*(?:(\w+)|(\"|')(.*?)\3))?", re.S)
HTML_TAG_RE = rx(
    rf"<((?>{UNAME})){S}*((?>{S}+{UNAME}(?:{S}*={S}*(?:\w+|(\"|').*?\3))?)*){S}*(/)?>", re.S
)
HTML_TAG_CLOSE_RE = rx(rf"</({UNAME}){S}*>", re.S)
HTML_ENTITY_RE = rx(r"&([a-zA-Z0-9_:][\-a-zA-Z0-9_.:]*);|&#(\d+);|&#x([0-9a-fA-F]+);")
REFERENCE_RE = r"&(?:[a-zA-Z0-9_:][\-a-zA-Z0-9_.:]*;|#[0-9]+;|#x[0-9a-fA-F]+;)"

BLANK_LINE = rf"(?>{S}*\n)"  # Ruby: (?>^\s*\n)+, atomic: the whole run of blank lines
EOB_MARKER = rf"\^{S}*?\n"
ALD_ANY_CHARS = r"(?:\\\}|[^}])"
ALD_ID_NAME = rf"{W}[a-zA-Z0-9_-]*"
IAL_BLOCK = rf"\{{:(?!:|/)({ALD_ANY_CHARS}+)\}}{S}*?\n"
IAL_BLOCK_START = OPT_SPACE + IAL_BLOCK
_LAZY_SPAN = "|".join(sorted(HTML_SPAN_ELEMENTS | {"script"}))
LAZY_END_HTML_START = rf"<(?>(?!(?:{_LAZY_SPAN})\b){UNAME})"
LAZY_END_HTML_STOP = rf"</(?!(?:{_LAZY_SPAN})\b){UNAME}{S}*>"
LAZY_END = (
    rf"(?:{BLANK_LINE}|{IAL_BLOCK_START}|{EOB_MARKER}|{OPT_SPACE}{LAZY_END_HTML_STOP}"
    rf"|{OPT_SPACE}{LAZY_END_HTML_START}|{RZ})"
)
PATTERN_TAIL = r"[\t| ][^\n]*\n"  # sic: kramdown's class also accepts '|'
LIST_START_UL = rf"({OPT_SPACE}[+*-])({PATTERN_TAIL})"
LIST_START_OL = rf"({OPT_SPACE}[0-9]+\.)({PATTERN_TAIL})"
LIST_START = rf"(?:{LIST_START_UL}|{LIST_START_OL})"
DEFINITION_LIST_START = rf"({OPT_SPACE}:)({PATTERN_TAIL})"
ATX_HEADER_START = r"(?P<level>#{1,6})[\t ]+(?P<contents>.*)\n"
BLOCKQUOTE_START = rf"{OPT_SPACE}> ?"
FENCED_CODEBLOCK_START = rf"{OPT_SPACE}[~`]{{3,}}"
INDENT = r"(?:\t| {4})"

R_BLANK_LINE = rx(BLANK_LINE)
R_EOB = rx(EOB_MARKER)
R_LAZY_END = rx(LAZY_END)
# PARAGRAPH_END_GFM (gfm_quirks: paragraph_end): a list, heading, quote or fence ends a paragraph.
R_PARAGRAPH_END = rx(
    rf"(?:{LAZY_END}|{LIST_START_UL}|{LIST_START_OL}|{ATX_HEADER_START}|{DEFINITION_LIST_START}"
    rf"|{BLOCKQUOTE_START}|{FENCED_CODEBLOCK_START})"
)
R_PARAGRAPH_START = rx(rf"{OPT_SPACE}[^ \t][^\n]*\n")
# `[^\n]*\n` is `.*?\n` without DOTALL (up to the first newline), scanned in one step
# instead of one lazy step per character: paragraph lines are the most matched text.
R_PARAGRAPH_MATCH = rx(r"[^\n]*\n")
# A paragraph's lines in one match: its first line, then every line up to one where
# R_PARAGRAPH_END matches (what parse_paragraph's line-by-line loop consumes).
R_PARAGRAPH_LINES = rx(rf"[^\n]*\n(?:(?!{R_PARAGRAPH_END.pattern})[^\n]*\n)*")
R_CODEBLOCK_START = rx(INDENT)
R_CODEBLOCK_MATCH = rx(
    rf"(?:(?:{BLANK_LINE})?(?:^{INDENT}[ \t]*{NS}.*\n)+(?:(?!{IAL_BLOCK_START}|{EOB_MARKER}"
    rf"|^{OPT_SPACE}{LAZY_END_HTML_STOP}|^{OPT_SPACE}{LAZY_END_HTML_START})^[ \t]*{NS}.*\n)*)*"
)
R_INDENT_LINES = rx("^" + INDENT)
R_FENCED_START = rx(FENCED_CODEBLOCK_START)
# kramdown's `(.*?)^` (DOTALL) for the code: it starts and ends at a line start, so it is
# whole lines, taken one line per lazy step instead of one character.
R_FENCED_MATCH = rx(
    rf"{OPT_SPACE}(([~`]){{3,}}){S}*?(({NS}+?)(?:\?{NS}*)?)?{S}*?\n((?:[^\n]*\n)*?)"
    rf"^{OPT_SPACE}\1\2*{S}*?\n",
    re.S,
)
R_BLOCKQUOTE_START = rx(BLOCKQUOTE_START)
R_BLOCKQUOTE_STRIP = rx("^" + BLOCKQUOTE_START)
R_ATX = rx(ATX_HEADER_START)
R_SETEXT = rx(rf"{OPT_SPACE}(?P<contents>[^ \t].*)\n(?P<level>[-=])[-=]*[ \t\r\f\v]*\n")


R_HR = rx(rf"{OPT_SPACE}(\*|-|_)[ \t]*\1[ \t]*\1(\1|[ \t])*\n")
R_LIST_START = rx(LIST_START)
R_LIST_START_LINE = rx(rf"^{LIST_START_UL}|^{LIST_START_OL}")
R_LIST_START_UL = rx(LIST_START_UL)
R_LIST_START_OL = rx(LIST_START_OL)
R_LIST_ITEM_IAL = rx(rf"{S}*(?:\{{:(?!(?:{ALD_ID_NAME})?:|/)({ALD_ANY_CHARS}+)\}}){S}*")
R_LIST_ITEM_IAL_CHECK = rx(
    rf"(?:{S}*(?:\{{:(?!(?:{ALD_ID_NAME})?:|/)({ALD_ANY_CHARS}+)\}}){S}*)?{S}*\n"
)
R_DEFINITION_LIST_START = rx(DEFINITION_LIST_START)
R_LEADING_TABS = re.compile(r"^( *)(\t+)")
R_ATX_CLOSING = re.compile(r"[\t ]#+\Z")
R_NO_TOC = re.compile(r"\bno_toc\b")
R_LANGUAGE_CLASS = re.compile(r"\blanguage-([^ \t\n\v\f\r]+)")
R_LANGUAGE_CLASS_AT_START = re.compile(r"language-[^ \t\n\v\f\r]+")
R_TASK_UNCHECKED = re.compile(rf"^{S}*\[ \]{S}+")
R_TASK_CHECKED = re.compile(rf"^{S}*\[[xX]\]{S}+")
R_HTML_BLOCK_START = rx(rf"{OPT_SPACE}<({UNAME}|!--|/)")
R_HTML_BLOCK_TAG = rx(OPT_SPACE + HTML_TAG_RE.pattern, re.S)
R_HTML_BLOCK_CLOSE = rx(OPT_SPACE + HTML_TAG_CLOSE_RE.pattern, re.S)
R_TRAILING_WHITESPACE = rx(r"[ \t]*\n")
R_HTML_RAW_START = rx(rf"(?=<({UNAME}|/|!--|\?))")
R_BLOCK_MATH = rx(rf"{OPT_SPACE}(\\)?\$\$(.*?)\$\$({S}*?\n)?", re.S)
R_BLOCK_BOUNDARY = rx(rf"(?:{BLANK_LINE}|{EOB_MARKER}|{IAL_BLOCK_START}|{RZ})")
R_TABLE_START = rx(rf"{OPT_SPACE}(?={NS})(?=[^\n|]*\|)(?:\||.*?[^\\\n]\|)[^\n]*\n")
R_TABLE_LINE = rx(r"(?=[^\n|]*\|)(?:\||.*?[^\\\n]\|)[^\n]*\n")
R_TABLE_PIPE_CHECK = rx(r"(?:\||.*?[^\\\n]\|)")
R_TABLE_SEP_LINE = rx(r"([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n")
R_TABLE_HSEP_ALIGN = rx(r"[ \t]?(:?)-+(:?)[ \t]?")
R_TABLE_FSEP_LINE = rx(r"[+|: \t=]*?=[+|: \t=]*?[ \t]*\n")
R_TABLE_ROW_LINE = rx(r"(.*?)[ \t]*\n")
R_FOOTNOTE_DEF = rx(rf"{OPT_SPACE}\[\^({ALD_ID_NAME})\]:{S}*?(.*?\n{R_CODEBLOCK_MATCH.pattern})")
R_LINK_DEF = rx(
    rf"{OPT_SPACE}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?{NS}[^\n]*?))"
    rf"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n"
)
R_BLOCK_EXTENSIONS_START = rx(rf"{OPT_SPACE}\{{:")
R_IAL_BLOCK_START = rx(IAL_BLOCK_START)

# Span parsers: (name, start regex, span-start regex source)
EMPHASIS_START = r"(?:\*\*?|__?)"
CODESPAN_DELIMITER = r"`+"
AUTOLINK_START = r"<((mailto|https?|ftps?):.+?|[-_.\w]+?@[-_.\w]+?)>"
HTML_SPAN_START = rf"<({UNAME}|!--|/)"
FOOTNOTE_MARKER_START = rf"\[\^({ALD_ID_NAME})\]"
LINK_START = r"!?\[(?=[^^])"
SMART_QUOTES_RE = r"[^\\]?[\"']"
INLINE_MATH_START = r"\$\$(.*?)\$\$"
SPAN_EXTENSIONS_START = r"\{:"
TYPOGRAPHIC_SYMS_RE = r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>"
LINE_BREAK = r"(  |\\\\)(?=\n)"
ESCAPED_CHARS_GFM = r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=\-~])"
STRIKETHROUGH_MATCH = rf"~~(?!{S}|~).*?[^ \t\n\v\f\r~]~~"

SPAN_PARSERS: list[tuple[str, str, str]] = [
    ("emphasis", EMPHASIS_START, r"\*|_"),
    ("codespan", CODESPAN_DELIMITER, "`"),
    ("autolink", AUTOLINK_START, "<"),
    ("span_html", HTML_SPAN_START, "<"),
    ("footnote_marker", FOOTNOTE_MARKER_START, r"\["),
    ("link", LINK_START, r"!?\["),
    ("smart_quotes", SMART_QUOTES_RE, SMART_QUOTES_RE),
    ("inline_math", INLINE_MATH_START, r"\$"),
    ("span_extensions", SPAN_EXTENSIONS_START, r"\{:"),
    ("html_entity", HTML_ENTITY_RE.pattern, "&"),
    ("typographic_syms", TYPOGRAPHIC_SYMS_RE, r"--|\.\.\.|(?:\\| )?(?:<<|>>)"),
    ("line_break", LINE_BREAK, r"(  |\\)(?=\n)"),
    ("escaped_chars", ESCAPED_CHARS_GFM, r"\\"),
    ("strikethrough", STRIKETHROUGH_MATCH, "~~"),
]
SPAN_START_RE = {
    name: rx(start, re.S if name in ("inline_math", "strikethrough") else 0)
    for name, start, _ in SPAN_PARSERS
}
SPAN_START_RE["autolink"] = rx(AUTOLINK_START)
SPAN_START_RE["html_entity"] = HTML_ENTITY_RE
ALL_SPAN = tuple(name for name, _, _ in SPAN_PARSERS)
_SPAN_SOURCE = {name: src for name, _, src in SPAN_PARSERS}
_QUOTES = "\"'"


class SpanStarts:
    """Where the span scanner must stop and look closer: `(?=stop|span_start|...)`.

    Searching with that lookahead costs ~190 ns per character, as every alternative is tried
    at every position. Nearly every alternative starts with one of a few characters, so a
    character class finds the candidates at C speed and the lookahead only checks those. The
    one exception, smart quotes (`[^\\]?["']`), starts one character before its quote.
    """

    def __init__(self, parsers: tuple[str, ...], stop: str | None) -> None:
        sources = [_SPAN_SOURCE[name] for name in parsers]
        alternatives = "|".join([stop, *sources] if stop else sources)
        self.pattern = rx(f"(?=(?:{alternatives}))")
        self.quotes = "smart_quotes" in parsers
        chars: set[str] | None = set(_QUOTES) if self.quotes else set()
        others = [_SPAN_SOURCE[name] for name in parsers if name != "smart_quotes"]
        for source in [stop, *others] if stop else others:
            chars = _union(chars, first_chars(rx(source)))
        self._candidate = (
            re.compile(f"[{''.join(map(re.escape, sorted(chars)))}]").search if chars else None
        )

    def search(self, text: str, pos: int) -> re.Match[str] | None:
        """The lookahead's match at the first position from `pos` where it matches."""
        if self._candidate is None:  # a stop pattern whose first characters are unknown
            return self.pattern.search(text, pos)
        match = self.pattern.match
        at = pos
        while (found := self._candidate(text, at)) is not None:
            at = found.start()
            # Nothing before `at` is a candidate, so a quote there is the first chance of a
            # smart quote: it starts at the character before (never a backslash, which is
            # a candidate itself).
            if self.quotes and at > pos and text[at] in _QUOTES and text[at - 1] != "\\":
                return match(text, at - 1)
            checked = match(text, at)
            if checked is not None:
                return checked
            at += 1
        return None


def _union(chars: set[str] | None, more: frozenset[str] | None) -> set[str] | None:
    return None if chars is None or more is None else chars | more


_span_cache: dict[tuple[tuple[str, ...], str | None], SpanStarts] = {}


def span_starts(parsers: tuple[str, ...], stop: str | None) -> SpanStarts:
    """The span starts (and stop) for these parsers, built once per combination."""
    key = (parsers, stop)
    starts = _span_cache.get(key)
    if starts is None:
        starts = _span_cache[key] = SpanStarts(parsers, stop)
    return starts


@cache
def _emphasis_patterns(delim: str) -> tuple[str, re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """For an emphasis delimiter: its stop regex, `delim` doubled (not tripled), `delim`
    before a letter or digit, and the closing delimiter (built once per delimiter)."""
    stop = re.escape(delim)
    return (
        stop,
        rx(re.escape(delim * 2) + "(?!" + stop + ")"),
        rx(stop + r"[^\W_]"),
        rx(stop),
    )


@cache
def _literal(text: str) -> re.Pattern[str]:
    """A pattern for exactly `text` (a code span's closing backticks)."""
    return re.compile(re.escape(text))


SQ_PUNCT = r"[!\"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"
SQ_CLOSE = r"[^ \\\t\r\n\[{(-]"
SQ_RULES: list[tuple[re.Pattern[str], list[Any]]] = [
    (rx(r"(\"|')(?=[_*]{1,2}[^ \t\n\v\f\r])"), ["lquote1"]),
    (rx(rf"(\"|')(?={SQ_PUNCT}(?!\.\.)\B)"), ["rquote1"]),
    (rx(rf"({S}?)\"'(?={W})"), [1, "ldquo", "lsquo"]),
    (rx(rf"({S}?)'\"(?={W})"), [1, "lsquo", "ldquo"]),
    (rx(rf"({S}?)'(?=[0-9][0-9]s)"), [1, "rsquo"]),
    (rx(rf"({S})('|\")(?={W})"), [1, "lquote2"]),
    (rx(rf"({SQ_CLOSE})('|\")"), [1, "rquote2"]),
    (rx(rf"(\"|')(?={S}|s\b|$)"), ["rquote1"]),
    (rx(r"(.?)'", re.S), [1, "lsquo"]),
    (rx(r"(.?)\"", re.S), [1, "ldquo"]),
]
SQ_SUBSTS = {
    ("rquote1", '"'): "rdquo",
    ("rquote1", "'"): "rsquo",
    ("rquote2", '"'): "rdquo",
    ("rquote2", "'"): "rsquo",
    ("lquote1", '"'): "ldquo",
    ("lquote1", "'"): "lsquo",
    ("lquote2", '"'): "ldquo",
    ("lquote2", "'"): "lsquo",
}
TYPOGRAPHIC_SYMS = {
    "---": "mdash",
    "--": "ndash",
    "...": "hellip",
    "\\<<": "&lt;&lt;",
    "\\>>": "&gt;&gt;",
    "<< ": "laquo_space",
    " >>": "raquo_space",
    "<<": "laquo",
    ">>": "raquo",
}
TYPOGRAPHIC_CHARS = {
    "mdash": "\u2014",
    "ndash": "\u2013",
    "hellip": "\u2026",
    "laquo_space": "\u00ab\u00a0",
    "raquo_space": "\u00a0\u00bb",
    "laquo": "\u00ab",
    "raquo": "\u00bb",
}
SMART_QUOTE_CHARS = {"lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d"}

# kramdown's entity table is HTML 4's, with `apos` and `vellip` added and (sic) the code points
# of lceil/rceil and lang/rang swapped.
ENTITIES = {
    **name2codepoint,
    "apos": 39,
    "vellip": 8942,
    "rceil": 8968,
    "lceil": 8969,
    "rang": 9001,
    "lang": 9002,
}
ESCAPE_MAP = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
CODEPOINT_NAMES = {cp: name for name, cp in ENTITIES.items()}
R_ESCAPE_ALL = re.compile(r"[<>&]")
R_ESCAPE_TEXT = re.compile(rf"{REFERENCE_RE}|[<>&]")
R_ESCAPE_ATTRIBUTE = re.compile(rf"{REFERENCE_RE}|[<>&\"]")


def escape_html(text: str, kind: str = "all") -> str:
    """kramdown's escape_html: `text`/`attribute` leave existing entity references alone."""
    if "&" not in text and "<" not in text and ">" not in text:
        if kind != "attribute" or '"' not in text:
            return text  # nothing to escape (most text): skip the regex
    pattern = {"all": R_ESCAPE_ALL, "text": R_ESCAPE_TEXT, "attribute": R_ESCAPE_ATTRIBUTE}[kind]
    return pattern.sub(_escape_match, text)


def _escape_match(m: re.Match[str]) -> str:
    return ESCAPE_MAP.get(m.group(0), m.group(0))


class Entity:
    __slots__ = ("code_point", "name")

    def __init__(self, code_point: int, name: str | None) -> None:
        self.code_point = code_point
        self.name = name

    @property
    def char(self) -> str:
        return chr(self.code_point)


def entity(name_or_point: str | int) -> Entity:
    if isinstance(name_or_point, int):
        if 128 <= name_or_point <= 159:  # kramdown maps these like windows-1252
            try:
                name_or_point = ord(bytes([name_or_point]).decode("cp1252"))
            except UnicodeDecodeError:
                pass
        return Entity(name_or_point, CODEPOINT_NAMES.get(name_or_point))
    if name_or_point not in ENTITIES:
        raise KeyError(name_or_point)
    return Entity(ENTITIES[name_or_point], name_or_point)


def entity_to_str(e: Entity, original: str | None = None) -> str:
    """entity_output: as_char: the character itself, except the four that HTML must escape."""
    try:
        c = e.char
    except (ValueError, OverflowError):
        c = None
    if c is not None and (c == '"' or c not in ESCAPE_MAP):
        return c
    if original:
        return original
    if c in ESCAPE_MAP and e.name is not None:
        return f"&{e.name};"
    return f"&#{e.code_point};"


def html_attributes(attr: dict[str, Any]) -> str:
    if not attr:
        return ""  # most elements
    out = []
    for key, value in attr.items():
        if value is None or (key == "id" and not str(value).strip()):
            continue
        out.append(f' {key}="{escape_html(str(value), "attribute")}"')
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# The element tree (kramdown's Element)


class El:
    """A node of kramdown's tree: type, value, HTML attributes, options and children."""

    __slots__ = ("type", "value", "attr", "options", "children")

    def __init__(
        self,
        type: str,
        value: Any = None,
        attr: dict[str, Any] | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.type = type
        self.value = value
        self.attr = attr if attr is not None else {}
        self.options = options if options is not None else {}
        self.children: list[El] = []

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"El({self.type!r}, {self.value!r}, {self.attr!r}, {self.children!r})"

    @property
    def category(self) -> str:
        if "category" in self.options:
            return self.options["category"]
        return "span" if self.type in SPAN_TYPES else "block"


SPAN_TYPES = frozenset(
    "text a br img codespan footnote em strong entity typographic_sym smart_quote abbreviation".split()
)


class Scanner:
    """Ruby's StringScanner, as kramdown uses it (anchored matches at `pos`)."""

    __slots__ = ("s", "pos", "m", "start")

    def __init__(self, s: str) -> None:
        self.s = s
        self.pos = 0
        self.m: re.Match[str] | None = None
        self.start = 0

    def eos(self) -> bool:
        return self.pos >= len(self.s)

    def check(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        self.m = m = pattern.match(self.s, self.pos)
        if m:
            self.start = self.pos
        return m

    def scan(self, pattern: re.Pattern[str]) -> str | None:
        self.m = m = pattern.match(self.s, self.pos)
        if m is None:
            return None
        self.start = self.pos
        self.pos = m.end()
        return m.group(0)

    def scan_until(self, pattern: re.Pattern[str]) -> str | None:
        self.m = m = pattern.search(self.s, self.pos)
        if m is None:
            return None
        result = self.s[self.pos : m.end()]
        self.start = m.start()
        self.pos = m.end()
        return result

    def __getitem__(self, group: int | str) -> str | None:
        if self.m is None:
            return None
        try:
            return self.m.group(group)
        except IndexError:
            return None

    @property
    def matched(self) -> str:
        assert self.m is not None
        return self.m.group(0)

    def rest(self) -> str:
        return self.s[self.pos :]

    def getch(self) -> str:
        ch = self.s[self.pos : self.pos + 1]
        self.pos += len(ch)
        return ch

    def terminate(self) -> None:
        self.pos = len(self.s)

    def char_before_match(self) -> str:
        return self.s[self.start - 1] if self.start > 0 else ""


class KramdownError(ValueError):
    """Input on which kramdown itself raises, so Jekyll would stop the build."""


class StopBlockParsing(Exception):
    """kramdown's `throw :stop_block_parsing`: the end tag of a markdown="1" element."""


# ---------------------------------------------------------------------------------------------
# The parser


BLOCK_PARSERS: list[tuple[str, re.Pattern[str]]] = [
    ("blank_line", R_BLANK_LINE),
    ("codeblock", R_CODEBLOCK_START),
    ("codeblock_fenced", R_FENCED_START),
    ("blockquote", R_BLOCKQUOTE_START),
    ("atx_header", R_ATX),
    ("horizontal_rule", R_HR),
    ("list", R_LIST_START),
    ("definition_list", R_DEFINITION_LIST_START),
    ("block_html", R_HTML_BLOCK_START),
    ("setext_header", R_SETEXT),
    ("block_math", R_BLOCK_MATH),
    ("table", R_TABLE_START),
    ("footnote_definition", R_FOOTNOTE_DEF),
    ("link_definition", R_LINK_DEF),
    ("abbrev_definition", rx(rf"{OPT_SPACE}\*\[(.+?)\]:(.*?)\n")),
    ("block_extensions", R_BLOCK_EXTENSIONS_START),
    ("eob_marker", R_EOB),
    ("paragraph", R_PARAGRAPH_START),
]


@cache
def span_candidates(names: tuple[str, ...], first: str) -> tuple[int, ...]:
    """Indexes (into `names`) of the span parsers that can start at the character `first`."""
    return tuple(
        index
        for index, name in enumerate(names)
        if (chars := first_chars(SPAN_START_RE[name])) is None or first in chars
    )


@cache
def block_candidates(first: str) -> tuple[int, ...]:
    """Indexes of the block parsers whose start pattern can match a line starting with `first`."""
    return tuple(
        index
        for index, (_, pattern) in enumerate(BLOCK_PARSERS)
        if (chars := first_chars(pattern)) is None or first in chars
    )


def _append_raw_text(child: El, parts: list[str]) -> None:
    """A header's text for its id (kramdown's raw_text), gathered into `parts`."""
    if child.type in ("text", "codespan", "math"):
        parts.append(child.value)
    elif child.type == "entity":
        try:
            parts.append(child.value.char)
        except (ValueError, OverflowError):
            # Ruby: `raw_text << nil` raises, so Jekyll stops the build here.
            raise KramdownError(
                f"a header contains the character reference "
                f"`{child.options.get('original', '')}`, which is beyond Unicode; "
                f"kramdown (and Jekyll) fail on it"
            ) from None
    elif child.type == "smart_quote":
        parts.append(SMART_QUOTE_CHARS[child.value])
    elif child.type == "typographic_sym":
        parts.append(
            # kramdown-parser-gfm writes these with a no-break space
            {"laquo_space": "\u00ab\u00a0", "raquo_space": "\u00a0\u00bb"}.get(
                child.value, TYPOGRAPHIC_CHARS.get(child.value, "")
            )
        )
    else:
        for c in child.children:
            _append_raw_text(c, parts)


class KramdownParser:
    """kramdown's Parser::Kramdown + Parser::GFM, with Jekyll's options."""

    def __init__(self) -> None:
        self.root = El(
            "root", None, None, {"encoding": "UTF-8", "abbrev_defs": {}, "abbrev_attr": {}}
        )
        self.link_defs: dict[str, tuple[str, str | None, El | None]] = {}
        self.footnotes: dict[str, dict[str, Any]] = {}
        self.alds: dict[str, dict[str, Any]] = {}
        self.header_ids = HeadingIdCounter()
        self.tree: El = self.root
        self.src = Scanner("")
        self.block_ial: dict[str, Any] | None = None
        self.stack: list[Any] = []
        self.text_type = "raw_text"

    # -- driver ------------------------------------------------------------------------------

    def parse(self, source: str) -> El:
        self.parse_blocks(self.root, source)
        self.update_tree(self.root)
        abbrev_attr = self.root.options["abbrev_attr"]
        for key, eob in abbrev_attr.items():  # correct_abbreviations_attributes
            abbrev_attr[key] = eob.attr
        self.replace_abbreviations(self.root)
        for data in self.footnotes.values():
            self.update_tree(data["content"])
            self.replace_abbreviations(data["content"])
        self.update_elements(self.root)
        return self.root

    def parse_abbrev_definition(self) -> bool:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        abbrev_id, abbrev_text = m.group(1), m.group(2).strip(" \t\n\v\f\r\0")
        self.tree.children.append(self.new_block_el("eob", "abbrev_def"))
        self.root.options["abbrev_defs"][abbrev_id] = abbrev_text
        self.root.options["abbrev_attr"][abbrev_id] = self.tree.children[-1]
        return True

    def replace_abbreviations(self, el: El, patterns: Any = None) -> None:
        """Wrap defined abbreviations found in text (at ASCII word boundaries) in <abbr>."""
        defs = self.root.options["abbrev_defs"]
        if not defs:
            return
        if patterns is None:
            keys = sorted(defs, key=len, reverse=True)  # equal lengths never overlap: ties are moot
            first = "|".join(re.escape(key) for key in keys)
            patterns = (
                re.compile(first),
                re.compile(f"(?:{first})(?![a-zA-Z0-9_])"),
                re.compile(f"(?=(?:[^a-zA-Z0-9_]|^)(?:{first})(?![a-zA-Z0-9_]))", re.M),
            )
        abbr_re, abbr_at_pos, boundary = patterns
        new_children: list[El] = []
        for child in el.children:
            if child.type != "text" or el.options.get("content_model") == "raw":
                self.replace_abbreviations(child, patterns)
                new_children.append(child)
                continue
            text = child.value
            if not abbr_re.search(text):
                new_children.append(child)
                continue
            pos = 0
            while True:
                # Ruby's `^` also matches at the scan position.
                if abbr_at_pos.match(text, pos):
                    start = pos
                else:
                    m = boundary.search(text, pos)
                    if m is None:
                        break
                    start = m.start()
                piece = text[pos:start]
                abbr = abbr_re.match(text, start)
                if abbr is None:
                    skip = re.compile(r"[^a-zA-Z0-9_]|^", re.M).match(text, start)
                    start = skip.end() if skip else start
                    piece = text[pos:start]
                    abbr = abbr_re.match(text, start)
                    assert abbr is not None
                new_children.append(El("text", piece))
                new_children.append(El("abbreviation", abbr.group(0)))
                pos = abbr.end()
            new_children.append(El("text", text[pos:]))
        el.children = new_children

    def parse_blocks(self, el: El, text: str | None = None) -> bool:
        self.stack.append((self.tree, self.src, self.block_ial))
        self.tree, self.block_ial = el, None
        if text is not None:
            self.src = Scanner(text)
        found = False
        try:
            src = self.src
            text = src.s
            table = _BLOCK_CANDIDATES
            while src.pos < len(text):
                start = src.pos
                candidates = table.get(text[start])
                if candidates is None:
                    candidates = _block_candidates_at(text[start])
                for pattern, method in candidates:
                    # src.check(pattern), inlined: this is tried several times per line.
                    src.m = m = pattern.match(text, start)
                    if m is None:
                        continue
                    src.start = start
                    if method(self):
                        if src.pos == start:  # a port error must not hang the caller
                            raise KramdownError(f"no progress at offset {start}")
                        break
                else:  # no parser handled the line (kramdown warns)
                    self.add_text(src.scan(R_PARAGRAPH_MATCH) or src.rest())
        except StopBlockParsing:
            found = True
        self.tree, self.src, self.block_ial = self.stack.pop()
        return found

    def update_tree(self, element: El) -> None:
        last_blank: El | None = None
        new_children: list[El] = []
        for child in element.children:
            kind = child.type
            if kind == "raw_text":
                last_blank = None
                self.reset_env(Scanner(child.value), "text")
                self.parse_spans(child)
                new_children.extend(child.children)
            elif kind == "eob":
                if child.options.get("ial"):
                    self.update_attr_with_ial(child.attr, child.options["ial"])
            elif kind == "blank":
                if last_blank is not None:
                    last_blank.value += child.value
                else:
                    last_blank = child
                    new_children.append(child)
            else:
                last_blank = None
                if child.children:  # a leaf has nothing to update (most elements are leaves)
                    self.update_tree(child)
                if child.options.get("ial"):
                    self.update_attr_with_ial(child.attr, child.options["ial"])
                if kind in ("dt", "header"):  # GFM sets auto_id_stripping
                    self.update_raw_text(child)
                new_children.append(child)
        element.children = new_children

    def update_raw_text(self, item: El) -> None:
        parts: list[str] = []
        _append_raw_text(item, parts)
        item.options["raw_text"] = "".join(parts)

    def update_elements(self, element: El) -> None:
        """GFM post-pass: `\\` line ends become <br />, headers get GFM ids."""
        children = element.children
        breaks = False
        for child in children:
            kind = child.type
            if kind == "text":
                if "\\\n" in child.value:
                    breaks = True
            elif kind == "html_element":
                continue
            elif kind == "header" and "id" not in child.attr:
                child.attr["id"] = self.header_ids.next_id(child.options["raw_text"]) or ""
            elif child.children:
                self.update_elements(child)
        if breaks:  # rare: only then is the list rebuilt
            new_children: list[El] = []
            for child in children:
                if child.type == "text" and "\\\n" in child.value:
                    new_children.extend(self.update_text_type(element, child))
                else:
                    new_children.append(child)
            element.children = new_children

    def update_text_type(self, element: El, child: El) -> list[El]:
        lines = child.value.split("\\\n")
        omit_trailing_br = (
            lines[-1] == "" and element.category == "block" and element.children[-1] is child
        )
        out: list[El] = []
        for index, line in enumerate(lines):
            out.append(El("text", "\n" + line if index > 0 else line))
            if index < len(lines) - 2 or (index == len(lines) - 2 and not omit_trailing_br):
                out.append(El("br"))
        return out

    # -- helpers -----------------------------------------------------------------------------

    def reset_env(self, src: Scanner, text_type: str = "raw_text") -> None:
        self.src = src
        self.tree = None  # type: ignore[assignment]
        self.block_ial = None
        self.stack = []
        self.text_type = text_type

    def save_env(self) -> tuple[Any, ...]:
        return (self.src, self.tree, self.block_ial, self.stack, self.text_type)

    def restore_env(self, env: tuple[Any, ...]) -> None:
        self.src, self.tree, self.block_ial, self.stack, self.text_type = env

    def add_text(self, text: str, tree: El | None = None, type: str | None = None) -> None:
        tree = self.tree if tree is None else tree
        type = self.text_type if type is None else type
        last = tree.children[-1] if tree.children else None
        if last is not None and last.type == type:
            last.value += text
        elif text:
            tree.children.append(El(type, text))

    def new_block_el(self, *args: Any) -> El:
        el = El(*args)
        if self.block_ial:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        return el

    def after_block_boundary(self) -> bool:
        last = self.tree.children[-1] if self.tree.children else None
        return (
            last is None
            or last.type == "blank"
            or (last.type == "eob" and last.value is None)
            or bool(self.block_ial)
        )

    def before_block_boundary(self) -> bool:
        return self.src.check(R_BLOCK_BOUNDARY) is not None

    def update_attr_with_ial(self, attr: dict[str, Any], ial: dict[str, Any]) -> None:
        for ref in ial.get("refs", []):
            if ref in self.alds:
                self.update_attr_with_ial(attr, self.alds[ref])
        for key, value in ial.items():
            if key == "class":
                attr[key] = f"{attr.get(key, '')} {value}".lstrip()
            elif isinstance(key, str) and key != "refs":
                attr[key] = value

    def parse_attribute_list(self, text: str, opts: dict[str, Any]) -> None:
        if not text.strip() or text.strip() == ":":
            return
        for m in R_ALD_TYPE_ANY.finditer(text):
            key, sep, val, ref, id_and_or_class = m.group(1, 2, 3, 4, 5)
            if ref:
                opts.setdefault("refs", []).append(ref)
            elif id_and_or_class:
                for id_attr, class_attr in R_ALD_ID_OR_CLASS.findall(id_and_or_class):
                    if class_attr:
                        opts["class"] = f"{opts.get('class', '')} {class_attr}".lstrip()
                    else:
                        opts["id"] = id_attr
            else:
                opts[key] = re.sub(r"\\(\}|" + re.escape(sep) + ")", r"\1", val)

    # -- block parsers -----------------------------------------------------------------------

    def parse_blank_line(self) -> bool:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        children = self.tree.children
        if children and children[-1].type == "blank":
            children[-1].value += m.group(0)
        else:
            children.append(self.new_block_el("blank", m.group(0)))
        return True

    def parse_eob_marker(self) -> bool:
        self.src.pos = self.src.m.end()  # type: ignore[union-attr]
        self.tree.children.append(self.new_block_el("eob"))
        return True

    def parse_paragraph(self) -> bool:
        src = self.src
        pos = src.pos
        lines = R_PARAGRAPH_LINES.match(src.s, pos)
        if lines is not None:
            src.pos = lines.end()
            result = lines.group(0)
        else:  # no newline left: kramdown's loop, line by line
            parts = [src.scan(R_PARAGRAPH_MATCH) or ""]
            while not src.check(R_PARAGRAPH_END):
                parts.append(src.scan(R_PARAGRAPH_MATCH) or "")
            result = "".join(parts)
        result = result.rstrip(" \t\n\v\f\r\0")
        children = self.tree.children
        last = children[-1] if children else None
        if last is not None and last.type == "p":
            last_item = last.children[-1] if last.children else None
            if last_item is not None and last_item.type == self.text_type:
                joiner = "  \n" if src.s[pos - 3 : pos] == "  \n" else "\n"
                last_item.value += joiner + result
            else:
                self.add_text(result, last)
        else:
            el = self.new_block_el("p")
            children.append(el)
            self.add_text(result.lstrip(" \t\n\v\f\r\0"), el)
        return True

    def parse_codeblock(self) -> bool:
        src = self.src
        if src.pos > 0 and src.s[src.pos - 1] != "\n":
            # Mid-line (after an HTML block): Ruby's `^` matches at the scan position, so
            # match on the rest of the text as if it began a line.
            m = R_CODEBLOCK_MATCH.match(src.s[src.pos :])
            data = m.group(0) if m else ""
            src.pos += len(data)
        else:
            data = src.scan(R_CODEBLOCK_MATCH) or ""
        data = re.sub(r"\n( {0,3}[^ \t\n\v\f\r])", r" \1", data)
        data = R_INDENT_LINES.sub("", data)
        self.tree.children.append(self.new_block_el("codeblock", data))
        return True

    def parse_codeblock_fenced(self) -> bool:
        src = self.src
        if not src.check(R_FENCED_MATCH):
            return False
        src.pos = src.m.end()  # type: ignore[union-attr]
        el = self.new_block_el("codeblock", src[5], None, {"fenced": True})
        lang = (src[3] or "").strip()
        if lang:
            el.options["lang"] = lang
            el.attr["class"] = f"language-{src[4]}"
        self.tree.children.append(el)
        return True

    def parse_blockquote(self) -> bool:
        src = self.src
        parts = [src.scan(R_PARAGRAPH_MATCH) or ""]
        while not src.check(R_LAZY_END):
            parts.append(src.scan(R_PARAGRAPH_MATCH) or "")
        result = R_BLOCKQUOTE_STRIP.sub("", "".join(parts))
        el = self.new_block_el("blockquote")
        self.tree.children.append(el)
        self.parse_blocks(el, result)
        return True

    def parse_header_contents(self) -> tuple[str, str | None]:
        text = (self.src["contents"] or "").rstrip(" \t\n\v\f\r\0")
        header_id = None
        m = explicit_id(text)
        if m:
            header_id = m.group("id")
            text = text[: -len(m.group(0))].rstrip(" \t\n\v\f\r\0")
        return text, header_id

    def add_header(self, level: int, text: str, header_id: str | None) -> None:
        self.src.pos = self.src.m.end()  # type: ignore[union-attr]
        el = self.new_block_el("header", None, None, {"level": level, "raw_text": text})
        self.add_text(text, el)
        if header_id:
            el.attr["id"] = header_id
        self.tree.children.append(el)

    def parse_atx_header(self) -> bool:
        # GFM with the paragraph_end quirk: no block boundary needed before the header.
        level = len(self.src["level"] or "")
        text, header_id = self.parse_header_contents()
        stripped = R_ATX_CLOSING.sub("", text) if "#" in text else text
        if stripped != text:
            text = stripped.rstrip(" \t\n\v\f\r\0")
        if not text:
            return False
        self.add_header(level, text, header_id)
        return True

    def parse_setext_header(self) -> bool:
        if not self.after_block_boundary():
            return False
        level = 2 if self.src["level"] == "-" else 1
        text, header_id = self.parse_header_contents()
        if not text:
            return False
        self.add_header(level, text, header_id)
        return True

    def parse_horizontal_rule(self) -> bool:
        self.src.pos = self.src.m.end()  # type: ignore[union-attr]
        self.tree.children.append(self.new_block_el("hr"))
        return True

    def parse_block_math(self) -> bool:
        src = self.src
        if not self.after_block_boundary():
            return False
        if src[1]:
            if src[3]:
                src.scan(RX_OPT_BACKSLASH)
            return False
        saved = src.pos
        m = src.m
        assert m is not None
        src.pos = m.end()
        data = m.group(2).strip(" \t\n\v\f\r\0")
        if self.before_block_boundary():
            self.tree.children.append(self.new_block_el("math", data, None, {"category": "block"}))
            return True
        src.pos = saved
        return False

    # lists ----------------------------------------------------------------------------------

    def parse_first_list_line(self, indentation: int, content: str) -> tuple[str, int]:
        if R_LIST_ITEM_IAL_CHECK.match(content):
            indentation = 4
        else:
            while content.lstrip(" ").startswith("\t"):  # Ruby: content =~ /^ *\t/
                temp = len(content) - len(content.lstrip(" ")) + indentation

                def expand(m: re.Match[str], temp: int = temp) -> str:
                    spaces, tabs = m.group(1), m.group(2)
                    return spaces + " " * (4 - (temp % 4) + (len(tabs) - 1) * 4)

                content = R_LEADING_TABS.sub(expand, content, count=1)
            indentation += len(content) - len(content.lstrip(" "))
        content = content.lstrip(" \t\n\v\f\r")  # Ruby: content.sub(/^\s*/, "")
        return content, indentation

    def parse_list(self) -> bool:
        src = self.src
        if src.check(R_LIST_START_UL):
            list_type, list_start_re = "ul", R_LIST_START_UL
        else:
            list_type, list_start_re = "ol", R_LIST_START_OL
        lst = self.new_block_el(list_type)
        item: El | None = None
        content_re = lazy_re = None
        indent = ""
        eob_found = False
        nested_list_found = False
        last_is_blank = False
        indentation = 0
        # The Scanner calls are inlined (this loop runs once per line of every list): `pos` is
        # src.pos, and each match is tried at it as src.scan / src.check would.
        text = src.s
        end = len(text)
        pos = src.pos
        while pos < end:
            if last_is_blank and R_HR.match(text, pos):
                break
            if text.startswith("^", pos) and (m := R_EOB.match(text, pos)) is not None:
                pos = m.end()
                eob_found = True
                break
            m = list_start_re.match(text, pos)
            if m is not None:
                pos = m.end()
                lst.options.setdefault("first_list_marker", (m.group(1) or "").strip())
                item = El("li")
                value, indentation = self.parse_first_list_line(
                    len(m.group(1) or ""), m.group(2) or ""
                )
                content_re, lazy_re, _ = list_line_patterns(indentation)
                indent = " " * indentation
                lst.children.append(item)
                value = self._strip_item_ial(item, value)
                list_start_re = fetch_list_pattern(list_type, indentation)
                nested_list_found = R_LIST_START_LINE.search(value) is not None
                last_is_blank = False
                item.value = [[value]]  # lines of each part, joined once after the scan
                continue
            assert item is not None and content_re is not None
            m = content_re.match(text, pos)
            if m is None and not last_is_blank:
                m = lazy_re.match(text, pos)  # type: ignore[union-attr]
            if m is not None:
                pos = m.end()
                result = m.group(0)
                if result.startswith("\t"):
                    tabs = len(result) - len(result.lstrip("\t"))
                    result = " " * 4 * tabs + result[tabs:]
                # indent_re (`^ {indentation}`) on one line: a prefix test and a cut.
                indentation_found = result.startswith(indent)
                if indentation_found:
                    result = result[indentation:]
                if not nested_list_found and indentation_found and R_LIST_START_LINE.search(result):
                    item.value.append([])
                    nested_list_found = True
                elif (
                    nested_list_found and not indentation_found and R_LIST_START_LINE.search(result)
                ):
                    result = " " * (indentation + 4) + result
                item.value[-1].append(result)
                last_is_blank = False
                continue
            m = R_BLANK_LINE.match(text, pos)
            if m is not None:
                pos = m.end()
                nested_list_found = True
                last_is_blank = True
                item.value[-1].append(m.group(0))
                continue
            break
        src.pos = pos

        self.tree.children.append(lst)
        for it in lst.children:
            it.value = ["".join(lines) for lines in it.value]

        last: El | None = None
        for it in lst.children:
            temp = El("temp")
            env = self.save_env()
            for val in it.value:
                self.src = Scanner(val)
                self.parse_blocks(temp)
            self.restore_env(env)
            it.children = temp.children
            it.value = None
            kids = it.children
            if not kids:
                continue
            if (
                kids[0].type == "p"
                and len(kids) >= 2
                and kids[1].type == "eob"
                and kids[0].options.get("ial")
            ):
                del kids[1]
            if (
                kids[0].type == "p"
                and (
                    len(kids) < 2
                    or kids[1].type != "blank"
                    or (it is lst.children[-1] and len(kids) == 2 and not eob_found)
                )
                and (
                    lst.children[-1] is not it
                    or len(lst.children) == 1
                    or any(
                        not c.children
                        or c.children[0].type != "p"
                        or c.children[0].options.get("transparent")
                        for c in lst.children[:-1]
                    )
                )
            ):
                if len(kids) > 1 and kids[1].type != "blank":
                    kids[0].children[0].value += "\n"
                kids[0].options["transparent"] = True
            last = kids.pop() if kids[-1].type == "blank" else None

        if last is not None and not eob_found:
            self.tree.children.append(last)
        if list_type == "ul" or list_type == "ol":
            self.gfm_task_list(lst)
        return True

    def _strip_item_ial(self, item: El, value: str) -> str:
        m = R_LIST_ITEM_IAL.match(value)
        if m:
            self.parse_attribute_list(m.group(1), item.options.setdefault("ial", {}))
            value = value[: m.start()] + value[m.end() :]
        return value

    def gfm_task_list(self, lst: El) -> None:
        unchecked = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'
        checked = (
            '<input type="checkbox" class="task-list-item-checkbox" '
            'disabled="disabled" checked="checked" />'
        )
        is_tasklist = False
        for li in lst.children:
            kids = li.children
            if not kids or kids[0].type != "p":
                continue
            first = kids[0].children[0]
            # Both patterns are anchored at the start (`^`, no MULTILINE): a match there is
            # what `sub(count=1)` would replace, and after an unchecked box none is checked.
            box = R_TASK_UNCHECKED.match(first.value)
            replacement = unchecked
            if box is None:
                box = R_TASK_CHECKED.match(first.value)
                replacement = checked
            if box is not None:
                first.value = replacement + first.value[box.end() :]
                is_tasklist = True
            if is_tasklist:
                li.attr["class"] = "task-list-item"
        if is_tasklist:
            lst.attr["class"] = "task-list"

    def parse_definition_list(self) -> bool:
        children = self.tree.children
        if (
            not children
            or (len(children) == 1 and children[-1].type != "p")
            or (
                len(children) >= 2
                and children[-1].type != "p"
                and (
                    children[-1].type != "blank"
                    or children[-1].value != "\n"
                    or children[-2].type != "p"
                )
            )
        ):
            return False
        src = self.src
        first_as_para = False
        deflist = self.new_block_el("dl")
        para = children.pop()
        if para.type == "blank":
            para = children.pop()
            first_as_para = True
        for term in para.children[0].value.split("\n"):
            el = El("dt")
            term = self._strip_item_ial(el, term)
            el.options["raw_text"] = term
            el.children.append(El("raw_text", term))
            deflist.children.append(el)
        if para.options.get("ial"):
            deflist.options["ial"] = para.options["ial"]

        item: El | None = None
        content_re = lazy_re = indent_re = None
        def_start_re = R_DEFINITION_LIST_START
        last_is_blank = False
        while not src.eos():
            if src.scan(def_start_re):
                item = El("dd")
                item.options["first_as_para"] = first_as_para
                value, indentation = self.parse_first_list_line(len(src[1] or ""), src[2] or "")
                content_re, lazy_re, indent_re = list_line_patterns(indentation)
                deflist.children.append(item)
                item.value = self._strip_item_ial(item, value)
                def_start_re = fetch_list_pattern("dl", indentation)
                first_as_para = False
                last_is_blank = False
                continue
            if src.check(R_EOB):
                break
            assert item is not None and content_re is not None
            result = src.scan(content_re)
            if result is None and not last_is_blank:
                result = src.scan(lazy_re)  # type: ignore[arg-type]
            if result is not None:
                if result.startswith("\t"):
                    tabs = len(result) - len(result.lstrip("\t"))
                    result = " " * 4 * tabs + result[tabs:]
                result = indent_re.sub("", result, count=1)  # type: ignore[union-attr]
                item.value += result
                first_as_para = False
                last_is_blank = False
                continue
            result = src.scan(R_BLANK_LINE)
            if result is not None:
                first_as_para = True
                item.value += result
                last_is_blank = True
                continue
            break

        last: El | None = None
        for it in deflist.children:
            if it.type == "dt":
                continue
            self.parse_blocks(it, it.value)
            it.value = None
            kids = it.children
            if not kids:
                continue
            last = kids.pop() if kids[-1].type == "blank" else None
            first_para = it.options.pop("first_as_para", False)
            if kids and kids[0].type == "p" and not first_para:
                if len(kids) > 1:
                    kids[0].children[0].value += "\n"
                kids[0].options["transparent"] = True

        children = self.tree.children
        if children and children[-1].type == "dl":
            children[-1].children.extend(deflist.children)
        elif len(children) >= 2 and children[-1].type == "blank" and children[-2].type == "dl":
            children.pop()
            children[-1].children.extend(deflist.children)
        else:
            children.append(deflist)
        if last is not None:
            children.append(last)
        return True

    # HTML ----------------------------------------------------------------------------------

    def parse_block_html(self) -> bool:
        src = self.src
        result = src.scan(HTML_COMMENT_RE)
        if result is not None:
            self.tree.children.append(El("xml_comment", result, None, {"category": "block"}))
            src.scan(R_TRAILING_WHITESPACE)
            return True
        m = src.check(R_HTML_BLOCK_TAG)
        if m and m.group(1).lower() not in HTML_SPAN_ELEMENTS:
            src.pos = m.end()
            self.handle_html_start_tag(self.handle_kramdown_html_tag)
            return True
        m = src.check(R_HTML_BLOCK_CLOSE)
        if m and m.group(1).lower() not in HTML_SPAN_ELEMENTS:
            name = m.group(1).lower()
            if self.tree.type == "html_element" and self.tree.value == name:
                src.pos = m.end()
                raise StopBlockParsing
        return False

    def handle_html_start_tag(self, handler: Any) -> None:
        src = self.src
        name = src[1] or ""
        if name.lower() in HTML_ELEMENT:
            name = name.lower()
        closed = src[4] is not None
        attrs = parse_html_attributes(src[2] or "", name in HTML_ELEMENT)
        el = El("html_element", name, attrs, {"category": "block"})
        self.tree.children.append(el)
        if not closed and el.value in HTML_ELEMENTS_WITHOUT_BODY:
            closed = True
        if name in ("script", "style"):
            self.handle_raw_html_tag(name)
            handler(el, False, False)
        else:
            handler(el, closed, True)

    def handle_raw_html_tag(self, name: str) -> None:
        src = self.src
        curpos = src.pos
        if src.scan_until(re.compile(rf"(?=</{re.escape(name)}{S}*>)", re.I | re.S)) is not None:
            self.add_text(src.s[curpos : src.pos], self.tree.children[-1], "raw")
            src.scan(HTML_TAG_CLOSE_RE)
        else:
            self.add_text(src.rest(), self.tree.children[-1], "raw")
            src.terminate()

    def handle_kramdown_html_tag(self, el: El, closed: bool, handle_body: bool) -> None:
        src = self.src
        if self.block_ial:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        model = "raw"  # parse_block_html: false
        markdown = el.attr.pop("markdown", None)
        if markdown is not None:
            mapped = {"0": "raw", "1": "default", "span": "span", "block": "block"}.get(markdown)
            if mapped:
                model = content_model(el.value) if mapped == "default" else mapped
        if self.tree.type == "html_element" and self.tree.options.get("content_model") == "raw":
            model = "raw" if markdown is None else model
        if model == "block":
            src.scan(R_TRAILING_WHITESPACE)
        el.options["content_model"] = model
        el.options["is_closed"] = closed
        if not closed and handle_body:
            if model == "block":
                self.parse_blocks(el)
            elif model == "span":
                curpos = src.pos
                pattern = re.compile(rf"(?=</{re.escape(el.value)}{S}*>)", re.I | re.S)
                if src.scan_until(pattern) is not None:
                    self.add_text(src.s[curpos : src.pos], el)
                    src.scan(HTML_TAG_CLOSE_RE)
                else:
                    self.add_text(src.rest(), el)
                    src.terminate()
            else:
                self.parse_raw_html(el, self.handle_kramdown_html_tag)
            if not (
                self.tree.type == "html_element" and self.tree.options.get("content_model") == "raw"
            ):
                src.scan(R_TRAILING_WHITESPACE)

    def parse_raw_html(self, el: El, handler: Any) -> None:
        src = self.src
        self.stack.append(self.tree)
        self.tree = el
        done = False
        while not src.eos() and not done:
            result = src.scan_until(R_HTML_RAW_START)
            if result is None:
                self.add_text(src.rest(), self.tree, "text")
                src.terminate()
                done = True
                break
            self.add_text(result, self.tree, "text")
            result = src.scan(HTML_COMMENT_RE)
            if result is not None:
                self.tree.children.append(El("xml_comment", result, None, {"category": "block"}))
                continue
            result = src.scan(HTML_INSTRUCTION_RE)
            if result is not None:
                self.tree.children.append(El("xml_pi", result, None, {"category": "block"}))
                continue
            if src.scan(HTML_TAG_RE) is not None:
                self.handle_html_start_tag(handler)
                continue
            if src.scan(HTML_TAG_CLOSE_RE) is not None:
                closing = src[1] or ""
                if self.tree.value == (
                    closing.lower() if self.tree.value in HTML_ELEMENT else closing
                ):
                    done = True
                else:
                    self.add_text(src.matched, self.tree, "text")
                continue
            self.add_text(src.getch(), self.tree, "text")
        self.tree = self.stack.pop()

    # tables ----------------------------------------------------------------------------------

    def parse_table(self) -> bool:
        if not self.after_block_boundary():
            return False
        src = self.src
        saved_pos = orig_pos = src.pos
        table = self.new_block_el("table", None, None, {"alignment": []})
        first_line = src.check(R_TABLE_LINE)
        leading_pipe = bool(first_line and re.match(rf"{S}*\|", first_line.group(0)))
        src.scan(R_TABLE_SEP_LINE)

        rows: list[El] = []
        has_footer = False
        columns = 0

        def add_container(kind: str, force: bool) -> None:
            nonlocal rows
            if not has_footer or kind != "tbody" or force:
                cont = El(kind)
                cont.children, rows = rows, []
                table.children.append(cont)

        while not src.eos():
            if not src.check(R_TABLE_LINE):
                break
            if src.scan(R_TABLE_SEP_LINE) is not None:
                if not rows:  # a separator line before any row is ignored
                    continue
                if not table.options["alignment"] and not has_footer:
                    sep = src[1] or ""
                    add_container("thead", False)
                    aligns = []
                    for left, right in R_TABLE_HSEP_ALIGN.findall(sep):
                        if not left and not right:
                            aligns.append("default")
                        elif not right:
                            aligns.append("left")
                        elif not left:
                            aligns.append("right")
                        else:
                            aligns.append("center")
                    table.options["alignment"] = aligns
                else:
                    add_container("tbody", False)
            elif src.scan(R_TABLE_FSEP_LINE) is not None:
                if rows:
                    add_container("tbody", True)
                has_footer = True
            elif src.scan(R_TABLE_ROW_LINE) is not None:
                row_text = src[1] or ""
                trow = El("tr")
                env = self.save_env()
                cells: list[str] = []
                for i, part in enumerate(re.split(r"(<code.*?>.*?</code>)", row_text)):
                    if i % 2 == 1:
                        if cells:
                            cells[-1] += part
                        else:
                            cells.append(part)
                        continue
                    self.reset_env(Scanner(part))
                    root = El("root")
                    self.parse_spans(root, None, ("codespan",))
                    for c in root.children:
                        if c.type == "raw_text":
                            pieces = [
                                t.replace("\\|", "|") for t in re.split(r"(?<!\\)\|", c.value)
                            ]
                            first, rest = pieces[0], pieces[1:]
                            if cells:
                                cells[-1] += first
                            else:
                                cells.append(first)
                            cells.extend(rest)
                        else:
                            ticks = re.findall("`+", c.value)
                            delim = (max(ticks) if ticks else "") + "`"
                            pad = " " if len(delim) > 1 else ""
                            tmp = f"{delim}{pad}{c.value}{pad}{delim}"
                            if cells:
                                cells[-1] += tmp
                            else:
                                cells.append(tmp)
                self.restore_env(env)
                if leading_pipe and cells and not cells[0].strip():
                    cells.pop(0)
                if cells and not cells[-1].strip():
                    cells.pop()
                for cell_text in cells:
                    tcell = El("td")
                    tcell.children.append(El("raw_text", cell_text.strip(" \t\n\v\f\r\0")))
                    trow.children.append(tcell)
                columns = max(columns, len(cells))
                rows.append(trow)
            else:
                break

        if not self.before_block_boundary():
            src.pos = saved_pos
            return False

        env = self.save_env()
        self.reset_env(Scanner(src.s[orig_pos : src.pos - 1]))
        root = El("root")
        self.parse_spans(root, None, ("codespan", "span_html"))
        self.restore_env(env)

        pipe_on_line = False
        for c in root.children:
            if c.value is None:
                continue
            # Ruby's String#split drops trailing empty strings.
            lines = c.value.split("\n") if isinstance(c.value, str) else [str(c.value)]
            while lines and lines[-1] == "":
                lines.pop()
            if c.type == "codespan":
                if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                    break
                if len(lines) == 2 and pipe_on_line:
                    pipe_on_line = False
            else:
                if len(lines) > 1 and not pipe_on_line and not R_TABLE_PIPE_CHECK.match(lines[0]):
                    break
                pipe_on_line = (False if len(lines) > 1 else pipe_on_line) or bool(
                    lines and R_TABLE_PIPE_CHECK.match(lines[-1])
                )
        if not pipe_on_line:
            src.pos = saved_pos
            return False

        if rows:
            add_container("tfoot" if has_footer else "tbody", False)
        if not any(el.type == "tbody" for el in table.children):
            src.pos = saved_pos
            return False
        for kind in table.children:
            for row in kind.children:
                for _ in range(columns - len(row.children)):
                    row.children.append(El("td"))
        aligns = table.options["alignment"]
        if len(aligns) > columns:
            table.options["alignment"] = aligns[:columns]
        else:
            table.options["alignment"] = aligns + ["default"] * (columns - len(aligns))
        self.tree.children.append(table)
        return True

    # footnotes, link definitions, extensions -----------------------------------------------

    def parse_footnote_definition(self) -> bool:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        name = m.group(1)
        el = El("footnote_def")
        self.parse_blocks(el, R_INDENT_LINES.sub("", m.group(2)))
        self.tree.children.append(self.new_block_el("eob", "footnote_def"))
        self.footnotes[name] = {"content": el, "eob": self.tree.children[-1]}
        return True

    def parse_link_definition(self) -> bool:
        src = self.src
        m = src.m
        assert m is not None
        if m.group(3) and re.search(r"[ \t]+[\"']", m.group(3)):
            return False
        src.pos = m.end()
        link_id = normalize_link_id(m.group(1))
        url = m.group(2) if m.group(2) is not None else m.group(3)
        self.tree.children.append(self.new_block_el("eob", "link_def"))
        self.link_defs[link_id] = (url, m.group(5), self.tree.children[-1])
        return True

    def parse_block_extensions(self) -> bool:
        src = self.src
        if src.scan(R_ALD_START) is not None:
            self.parse_attribute_list(src[2] or "", self.alds.setdefault(src[1] or "", {}))
            self.tree.children.append(self.new_block_el("eob", "ald"))
            return True
        if src.check(R_EXT_BLOCK_START):
            return self.parse_extension_start_tag("block")
        if src.scan(R_IAL_BLOCK_START) is not None:
            text = src[1] or ""
            last = self.tree.children[-1] if self.tree.children else None
            if (
                last is not None
                and last.type != "blank"
                and (last.type != "eob" or last.value in ("link_def", "abbrev_def", "footnote_def"))
            ):
                self.parse_attribute_list(text, last.options.setdefault("ial", {}))
                if not src.check(R_IAL_BLOCK_START):
                    self.tree.children.append(self.new_block_el("eob", "ial"))
            else:
                if self.block_ial is None:
                    self.block_ial = {}
                self.parse_attribute_list(text, self.block_ial)
            return True
        return False

    def parse_extension_start_tag(self, kind: str) -> bool:
        src = self.src
        saved = src.pos
        m = src.m
        assert m is not None
        src.pos = m.end()

        def error() -> bool:
            src.pos = saved
            if kind == "span":
                self.add_text(src.getch())
            return False

        if m.group(4) or m.group(0) == "{:/}":
            return error()
        ext, attrs_text, self_closing = m.group(1), m.group(2), m.group(3)
        if ext is None:  # a stop tag such as `{:/}` followed by spaces: not an extension
            return error()
        opts: dict[str, Any] = {}
        self.parse_attribute_list(attrs_text or "", opts)
        body = None
        if not self_closing:
            stop = (EXT_BLOCK_STOP_STR if kind == "block" else EXT_STOP_STR) % re.escape(ext)
            result = src.scan_until(rx(stop))
            if result is None:
                return error()
            body = re.sub(stop, "", result, count=1, flags=re.M)
            if kind == "block" and body.endswith("\n"):
                body = body[:-1]
        if ext == "comment":
            if body is not None:
                self.tree.children.append(El("comment", body, None, {"category": kind}))
            return True
        if ext == "nomarkdown":
            if body is not None:
                types = str(opts.get("type", "")).split()
                self.tree.children.append(El("raw", body, None, {"category": kind, "type": types}))
            return True
        if ext == "options":
            if kind == "block":
                self.tree.children.append(self.new_block_el("eob", "extension"))
            return True
        return error()

    # -- span parsing ------------------------------------------------------------------------

    def parse_spans(
        self,
        el: El,
        stop_re: str | None = None,
        parsers: tuple[str, ...] | None = None,
        text_type: str | None = None,
        stop_check: Any = None,
    ) -> bool:
        pushed = self.tree is not None
        if pushed:
            self.stack.append((self.tree, self.text_type))
        self.tree = el
        self.text_type = self.text_type if text_type is None else text_type
        names = parsers or ALL_SPAN
        starts = span_starts(names, stop_re)
        stop_pattern = rx(stop_re, re.S) if stop_re else None
        candidates = _span_candidates(names)
        src = self.src
        text = src.s
        end = len(text)
        stop_found = False
        # Scanner calls (scan_until, check, getch) and add_text are inlined below: this loop
        # runs once per span candidate of every paragraph.
        while src.pos < end and not stop_found:
            pos = src.pos
            src.m = m = starts.search(text, pos)
            if m is None:
                if stop_re is None:
                    self.add_text(text[pos:])
                    src.pos = end
                break
            start = m.end()  # a lookahead: the match is empty
            src.start = start
            src.pos = start
            if start > pos:  # the text before the candidate: self.add_text, inlined
                children = self.tree.children
                if children and children[-1].type == self.text_type:
                    children[-1].value += text[pos:start]
                else:
                    children.append(El(self.text_type, text[pos:start]))
            if stop_pattern is not None:
                src.m = checked = stop_pattern.match(text, start)
                if checked is not None:
                    src.start = start
                    stop_found = stop_check() if stop_check else True
            if stop_found:
                break
            if start < end:
                here = candidates.get(text[start])
                if here is None:
                    here = _candidates_at(names, candidates, text[start])
                for pattern, method in here:
                    src.m = checked = pattern.match(text, start)
                    if checked is not None:
                        src.start = start
                        method(self)
                        if src.pos == start:  # a port error must not hang the caller
                            raise KramdownError(f"no progress in span at offset {start}")
                        break
                else:
                    tree = self.tree
                    children = tree.children
                    if children and children[-1].type == self.text_type:
                        children[-1].value += text[start]
                    else:
                        children.append(El(self.text_type, text[start]))
                    src.pos = start + 1
        if pushed:
            self.tree, self.text_type = self.stack.pop()
        else:
            self.tree = None  # type: ignore[assignment]
        return stop_found

    def in_ancestors(self, *types: str) -> bool:
        if self.tree is not None and self.tree.type in types:
            return True
        return any(t is not None and t.type in types for t, _ in self.stack)

    def parse_emphasis(self) -> None:
        src = self.src
        saved = src.pos
        result = src.scan(RX_EMPHASIS) or ""
        element = "strong" if len(result) == 2 else "em"
        kind = result[0]
        if (
            (kind == "_" and alpha_before(src.s, src.start))
            or src.check(RX_SPACE)
            or self.in_ancestors(element)
        ):
            self.add_text(result)
            return

        def sub_parse(delim: str, elem: str) -> tuple[bool, El, re.Pattern[str]]:
            el = El(elem)
            stop_re, double, alnum_after, closing = _emphasis_patterns(delim)

            def stop_check() -> bool:
                return (
                    src.char_before_match() not in ("", " ", "\t", "\n", "\v", "\f", "\r")
                    and (elem != "em" or not src.check(double))
                    and (kind != "_" or not src.check(alnum_after))
                    and bool(el.children)
                )

            found = self.parse_spans(el, stop_re, None, None, stop_check)
            return found, el, closing

        found, el, closing = sub_parse(result, element)
        if not found and element == "strong" and self.tree.type != "em":
            src.pos = saved + 1
            found, el, closing = sub_parse(kind, "em")
        if found:
            src.scan(closing)
            self.tree.children.append(el)
        else:
            src.pos = saved + len(result)
            self.add_text(result)

    def parse_codespan(self) -> None:
        src = self.src
        result = src.scan(RX_CODESPAN) or ""
        simple = len(result) == 1
        saved = src.pos
        before = src.char_before_match()
        if simple and (before == "" or before in " \t\n\v\f\r") and src.check(RX_SPACE):
            self.add_text(result)
            return
        text = src.scan_until(_literal(result))
        if text is None:
            src.pos = saved
            self.add_text(result)
            return
        text = text[: -len(result)]
        if not simple:
            if text[:1] == " ":
                text = text[1:]
            if text[-1:] == " ":
                text = text[:-1]
        self.tree.children.append(El("codespan", text, None, {"codespan_delimiter": result}))

    def parse_autolink(self) -> None:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        href = f"mailto:{m.group(1)}" if m.group(2) is None else m.group(1)
        el = El("a", None, {"href": href})
        self.add_text(re.sub(r"^mailto:", "", m.group(1), count=1), el)
        self.tree.children.append(el)

    def parse_span_html(self) -> None:
        src = self.src
        result = src.scan(HTML_COMMENT_RE)
        if result is not None:
            self.tree.children.append(El("xml_comment", result, None, {"category": "span"}))
            return
        result = src.scan(HTML_TAG_CLOSE_RE)
        if result is not None:
            self.add_text(result)
            return
        result = src.scan(HTML_TAG_RE)
        if result is None:
            self.add_text(src.getch())
            return
        m = src.m
        assert m is not None
        tag_name = m.group(1)
        if tag_name.lower() in HTML_ELEMENT:
            tag_name = tag_name.lower()
        if tag_name in HTML_BLOCK_ELEMENTS:
            self.add_text(result)
            return
        attrs = parse_html_attributes(m.group(2) or "", tag_name in HTML_ELEMENT)
        for key, value in attrs.items():
            if value:
                attrs[key] = re.sub(r"\n+", " ", value)
        if content_model(tag_name) == "raw" or self.tree.options.get("content_model") == "raw":
            do_parsing = False
        else:
            do_parsing = True  # parse_span_html
        markdown = attrs.pop("markdown", None)
        if markdown == "span":
            do_parsing = True
        elif markdown == "1":
            do_parsing = content_model(tag_name) != "raw"
        elif markdown == "0":
            do_parsing = False
        el = El(
            "html_element",
            tag_name,
            attrs,
            {
                "category": "span",
                "content_model": "span" if do_parsing else "raw",
                "is_closed": m.group(4) is not None,
            },
        )
        self.tree.children.append(el)
        stop_re = rf"</{re.escape(tag_name)}{S}*>"
        if tag_name in HTML_ELEMENT:
            stop_re = "(?i:" + stop_re + ")"
        if m.group(4) is None and el.value not in HTML_ELEMENTS_WITHOUT_BODY:
            if self.parse_spans(el, stop_re, None if do_parsing else ("span_html",)):
                src.scan(rx(stop_re))
            else:
                self.add_text(src.rest(), el)
                src.terminate()

    def parse_footnote_marker(self) -> None:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        name = m.group(1)
        fn_def = self.footnotes.get(name)
        if fn_def is None:
            self.add_text(m.group(0))
            return
        if "eob" in fn_def:
            eob = fn_def.pop("eob")
            self.update_attr_with_ial(eob.attr, eob.options.get("ial") or {})
            fn_def["attr"] = eob.attr
            fn_def["options"] = eob.options
        marker = El(
            "footnote", fn_def["content"], fn_def["attr"], {**fn_def["options"], "name": name}
        )
        fn_def.setdefault("marker", []).append(marker)
        self.tree.children.append(marker)

    def add_link(
        self, el: El, href: str, title: str | None, alt_text: str, ial: dict[str, Any] | None = None
    ) -> None:
        if ial:
            el.options["ial"] = ial
            self.update_attr_with_ial(el.attr, ial)
        if el.type == "a":
            el.attr["href"] = href
        else:
            el.attr["src"] = href
            el.attr["alt"] = alt_text
            el.children.clear()
        if title is not None:
            el.attr["title"] = title
        self.tree.children.append(el)

    def parse_link(self) -> None:
        src = self.src
        result = src.scan(RX_LINK_START) or ""
        cur_pos = saved_pos = src.pos
        link_type = "img" if result.startswith("!") else "a"
        if link_type == "a" and self.in_ancestors("img", "a"):
            self.add_text(result)
            return
        el = El(link_type)
        count = 1

        def stop_check() -> bool:
            nonlocal count
            count += -1 if src[1] else 1
            return count - sum(1 for c in el.children if c.type == "img") == 0

        found = self.parse_spans(el, r"(\])|!?\[", None, None, stop_check)
        if not found:
            src.pos = saved_pos
            self.add_text(result)
            return
        alt_text = src.s[cur_pos : src.pos]
        if "\\" in alt_text:  # most link texts escape nothing
            alt_text = RX_ESCAPED_CHARS.sub(r"\1", alt_text)
        src.scan(RX_LINK_BRACKET_STOP)
        scanned = src.scan(RX_LINK_INLINE_ID)
        if scanned is not None or not src.check(RX_OPEN_PAREN):
            link_label = src[1] if scanned is not None else None
            link_id = normalize_link_id(link_label or alt_text)
            if link_id in self.link_defs:
                url, title, eob = self.link_defs[link_id]
                self.add_link(el, url, title, alt_text, eob.options.get("ial") if eob else None)
            else:
                src.pos = saved_pos
                self.add_text(result)
            return
        if src.scan(RX_LINK_ANGLE_URL) is not None:
            link_url = src[1] or ""
            if src.scan(RX_CLOSE_PAREN) is not None:
                self.add_link(el, link_url, None, alt_text)
                return
        else:
            parts = []
            brackets = 0
            while True:
                temp = src.scan_until(RX_LINK_PAREN_STOP)
                if temp is None:
                    break
                parts.append(temp)
                if src[2]:
                    brackets -= 1
                    if brackets == 0:
                        break
                elif src[1]:
                    brackets += 1
                else:
                    break
            link_url = "".join(parts)[1:-1].strip(" \t\n\v\f\r\0")
            if brackets == 0:
                self.add_link(el, link_url, None, alt_text)
                return
        if src.scan(RX_LINK_INLINE_TITLE) is not None:
            self.add_link(el, link_url, src[2], alt_text)
        else:
            src.pos = saved_pos
            self.add_text(result)

    def parse_smart_quotes(self) -> None:
        src = self.src
        substs = next((subst for pattern, subst in SQ_RULES if src.scan(pattern) is not None), None)
        if substs is None:  # pragma: no cover - the last two rules match any quote
            self.add_text(src.getch())
            return
        for subst in substs:
            if isinstance(subst, int):
                self.add_text(src[subst] or "")
            else:
                quote = src[int(subst[-1])] if subst[-1].isdigit() else None
                value = SQ_SUBSTS.get((subst, quote or ""), subst)
                self.tree.children.append(El("smart_quote", value))

    def parse_inline_math(self) -> None:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        value = m.group(1).strip(" \t\n\v\f\r\0")
        self.tree.children.append(El("math", value, None, {"category": "span"}))

    def parse_span_extensions(self) -> None:
        src = self.src
        if src.check(R_EXT_SPAN_START):
            self.parse_extension_start_tag("span")
            return
        m = src.check(R_IAL_SPAN_START)
        if m:
            last = self.tree.children[-1] if self.tree.children else None
            if last is not None and last.type != "text":
                src.pos = m.end()
                attr: dict[str, Any] = {}
                self.parse_attribute_list(m.group(1), attr)
                ial = last.options.setdefault("ial", {})
                for key, value in attr.items():
                    if key == "refs":
                        ial.setdefault("refs", []).extend(value)
                    elif key == "class":
                        ial["class"] = f"{ial.get('class', '')} {value}".lstrip()
                    else:
                        ial[key] = value
                self.update_attr_with_ial(last.attr, attr)
                return
        self.add_text(src.getch())

    def parse_html_entity(self) -> None:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        try:
            if m.group(1) is not None:
                value = entity(m.group(1))
            elif m.group(2) is not None:
                value = entity(int(m.group(2)))
            else:
                value = entity(int(m.group(3), 16))
            self.tree.children.append(El("entity", value, None, {"original": m.group(0)}))
        except KeyError:
            self.tree.children.append(El("entity", entity("amp")))
            self.add_text(m.group(0)[1:])

    def parse_typographic_syms(self) -> None:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        value = TYPOGRAPHIC_SYMS[m.group(0)]
        if value.startswith("&"):
            name = "lt" if m.group(0) == "\\<<" else "gt"
            self.tree.children.append(El("entity", entity(name)))
            self.tree.children.append(El("entity", entity(name)))
        else:
            self.tree.children.append(El("typographic_sym", value))

    def parse_line_break(self) -> None:
        self.tree.children.append(El("br"))
        self.src.pos = self.src.m.end()  # type: ignore[union-attr]

    def parse_escaped_chars(self) -> None:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        self.add_text(m.group(1))

    def parse_strikethrough(self) -> None:
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        el = El("html_element", "del", {}, {"category": "span"})
        self.tree.children.append(el)
        env = self.save_env()
        self.reset_env(Scanner(m.group(0)[2:-2]), "text")
        self.parse_spans(el)
        self.restore_env(env)


RX_OPT_BACKSLASH = rx(rf"{OPT_SPACE}\\")
RX_EMPHASIS = rx(EMPHASIS_START)


def alpha_before(s: str, pos: int) -> bool:
    """`pre_match =~ /[[:alpha:]]-?[[:alpha:]]*\\z/`: a letter (or letter and '-') ends s[:pos]."""
    if pos >= 1 and s[pos - 1].isalpha():
        return True
    return pos >= 2 and s[pos - 1] == "-" and s[pos - 2].isalpha()


RX_SPACE = rx(S)
RX_CODESPAN = rx(CODESPAN_DELIMITER)
RX_LINK_START = rx(LINK_START)
RX_LINK_BRACKET_STOP = rx(r"(\])|!?\[")
RX_LINK_INLINE_ID = rx(rf"{S}*?\[([^\]]+)?\]")
RX_OPEN_PAREN = rx(r"\(")
RX_CLOSE_PAREN = rx(r"\)")
RX_LINK_ANGLE_URL = rx(r"\(<(.*?)>")
RX_LINK_PAREN_STOP = rx(rf"(\()|(\))|{S}(?=['\"])")
RX_LINK_INLINE_TITLE = rx(rf"{S}*?([\"'])(.+?)\1{S}*?\)", re.S)
RX_ESCAPED_CHARS = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=-])")
R_ALD_TYPE_KEY_VALUE = rf"({ALD_ID_NAME})=(\"|')((?:\\\}}|\\\2|[^}}\2])*?)\2"
R_ALD_ID_OR_CLASS = re.compile(r"#([A-Za-z][\w:-]*)|\.([^\s.#]+)", re.A)
R_ALD_TYPE_ANY = re.compile(
    rf"(?:\A|{S})(?:{R_ALD_TYPE_KEY_VALUE}|({ALD_ID_NAME})"
    r"|((?:#[A-Za-z][\w:-]*|\.[^\s.#]+)+))(?=[ \t\n\v\f\r]|\Z)",
    re.A,
)
R_ALD_START = rx(rf"{OPT_SPACE}\{{:({ALD_ID_NAME}):({ALD_ANY_CHARS}+)\}}{S}*?\n")
EXT_STOP_STR = r"\{:/(%s)?\}"
EXT_START_STR = rf"\{{::(\w+)(?:{S}({ALD_ANY_CHARS}*?)|)(/)?\}}"
R_EXT_BLOCK_START = rx(rf"{OPT_SPACE}(?:{EXT_START_STR}|{EXT_STOP_STR % ALD_ID_NAME}){S}*?\n")
EXT_BLOCK_STOP_STR = rf"^{OPT_SPACE}{EXT_STOP_STR}{S}*?\n"
R_EXT_SPAN_START = rx(rf"{EXT_START_STR}|{EXT_STOP_STR % ALD_ID_NAME}")
R_IAL_SPAN_START = rx(rf"\{{:({ALD_ANY_CHARS}+)\}}")


def normalize_link_id(link_id: str) -> str:
    return re.sub(r"[ \t\n\v\f\r]+", " ", link_id).lower()


def parse_html_attributes(text: str, in_html_tag: bool) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for m in HTML_ATTRIBUTE_RE.finditer(text):
        name, value, _, quoted = m.group(1, 2, 3, 4)
        if in_html_tag:
            name = name.lower()
        attrs[name] = value if value is not None else (quoted if quoted is not None else "")
    return attrs


_list_patterns: dict[int, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def list_line_patterns(indentation: int) -> tuple[re.Pattern[str], ...]:
    """content_re, lazy_re and indent_re of a list item whose text starts at `indentation`."""
    cached = _list_patterns.get(indentation)
    if cached is None:
        indent_re = rx(f"^ {{{indentation}}}")
        content_re = rx(
            rf"(?:(?:\t| {{4}}){{{indentation // 4}}} {{{indentation % 4}}}"
            rf"|(?:\t| {{4}}){{{indentation // 4 + 1}}}).*{NS}.*\n"
        )
        lazy_re = rx(
            rf"(?! {{0,{min(indentation, 3)}}}(?:{IAL_BLOCK}|{LAZY_END_HTML_STOP}"
            rf"|{LAZY_END_HTML_START})).*{NS}.*\n"
        )
        cached = _list_patterns[indentation] = (content_re, lazy_re, indent_re)
    return cached


_BLOCK_CANDIDATES: dict[str, list[tuple[re.Pattern[str], Any]]] = {}


def _block_candidates_at(char: str) -> list[tuple[re.Pattern[str], Any]]:
    """(start pattern, unbound parse method) of the block parsers that can start at `char`.

    Unbound, looked up once: bound methods stored on the parser would make every parser (and
    its tree) a reference cycle, left for the garbage collector instead of freed at once.
    """
    found = _BLOCK_CANDIDATES[char] = [
        (BLOCK_PARSERS[index][1], getattr(KramdownParser, "parse_" + BLOCK_PARSERS[index][0]))
        for index in block_candidates(char)
    ]
    return found


@cache
def _span_candidates(names: tuple[str, ...]) -> dict[str, list[tuple[re.Pattern[str], Any]]]:
    """For the span parsers `names`: character -> (start pattern, unbound parse method) of
    those that can start there, filled by `_candidates_at`."""
    return {}


def _candidates_at(
    names: tuple[str, ...], table: dict[str, list[tuple[re.Pattern[str], Any]]], char: str
) -> list[tuple[re.Pattern[str], Any]]:
    found = table[char] = [
        (SPAN_START_RE[names[index]], getattr(KramdownParser, "parse_" + names[index]))
        for index in span_candidates(names, char)
    ]
    return found


def fetch_list_pattern(list_type: str, indentation: int) -> re.Pattern[str]:
    spaces = {1: "{0}", 2: "{0,1}", 3: "{0,2}"}.get(indentation, "{0,3}")
    marker = {"ul": "[+*-]", "ol": r"[0-9]+\.", "dl": ":"}[list_type]
    return rx(f"( {spaces}{marker})({PATTERN_TAIL})")


# ---------------------------------------------------------------------------------------------
# The converter (kramdown's Converter::Html)


class KramdownRenderer(mistune.BaseRenderer):
    """Serialise kramdown's tree the way Converter::Html does (2-space indentation per level)."""

    NAME = "kramdown"

    def __init__(self) -> None:
        super().__init__()
        self.indent = 2
        self.stack: list[El] = []
        self._converters: dict[str, Any] = {}  # element type -> bound convert_<type>
        self.footnotes: list[list[Any]] = []
        self.footnotes_by_name: dict[str, list[Any]] = {}
        self.footnote_counter = 1

    def kramdown(self, token: dict[str, Any], state: Any) -> str:
        """mistune's entry point: the one token of a document carries kramdown's tree."""
        return self.render_root(token["raw"])

    def render_root(self, root: El) -> str:
        self.abbrev_defs: dict[str, str] = root.options["abbrev_defs"]
        self.abbrev_attr: dict[str, dict[str, Any]] = root.options["abbrev_attr"]
        self.stack = []
        self.footnotes = []
        self.footnotes_by_name = {}
        self.footnote_counter = 1
        self.toc: list[tuple[int, str, list[El]]] = []
        self.toc_code: tuple[str, dict[str, Any], str] | None = None
        self.footnote_location: str | None = None
        self.used_ids: dict[str, int] = {}
        result = self.inner(root, -self.indent)
        if self.footnote_location:
            result = result.replace(self.footnote_location, self.footnote_content(), 1)
        else:
            result += self.footnote_content()
        if self.toc_code:
            list_type, attr, marker = self.toc_code
            tree = self.generate_toc_tree(list_type, attr)
            result = result.replace(marker, self.convert(tree, 0) if tree.children else "", 1)
        return result

    def generate_id(self, text: str) -> str:
        """kramdown's own (non-GFM) id, used for headers inside HTML elements."""
        gen_id = re.sub(r"^[^a-zA-Z]+", "", text, flags=re.M)
        gen_id = re.sub(r"[^a-zA-Z0-9 -]", "", gen_id).replace(" ", "-").lower()
        gen_id = gen_id or "section"
        if gen_id in self.used_ids:
            self.used_ids[gen_id] += 1
            gen_id += f"-{self.used_ids[gen_id]}"
        else:
            self.used_ids[gen_id] = 0
        return gen_id

    def generate_toc_tree(self, list_type: str, attr: dict[str, Any]) -> El:
        """The `{:toc}` list: one item per header (levels 1-6, without class no_toc)."""
        sections = El(list_type, None, dict(attr))
        sections.attr.setdefault("id", "markdown-toc")
        stack: list[El] = []
        for level, header_id, children in self.toc:
            li = El("li", None, None, {"level": level})
            para = El("p", None, None, {"transparent": True})
            link = El(
                "a", None, {"href": f"#{header_id}", "id": f"{sections.attr['id']}-{header_id}"}
            )
            link.children = fix_for_toc_entry(copy_tree(children))
            para.children.append(link)
            li.children = [para, El(list_type)]
            while True:
                if not stack:
                    sections.children.append(li)
                    stack.append(li)
                    break
                if stack[-1].options["level"] < level:
                    stack[-1].children[-1].children.append(li)
                    stack.append(li)
                    break
                item = stack.pop()
                if not item.children[-1].children:
                    item.children.pop()
        while stack:
            item = stack.pop()
            if not item.children[-1].children:
                item.children.pop()
        return sections

    def convert(self, el: El, indent: int) -> str:
        method = self._converters.get(el.type)
        if method is None:
            method = self._converters[el.type] = getattr(self, "convert_" + el.type)
        return method(el, indent)  # type: ignore[no-any-return]

    def inner(self, el: El, indent: int) -> str:
        indent += self.indent
        self.stack.append(el)
        converters = self._converters
        parts: list[str] = []
        append = parts.append
        for child in el.children:
            kind = child.type
            if kind == "text":  # convert_text inlined: most children are text
                value = child.value
                if "&" in value or "<" in value or ">" in value:
                    value = R_ESCAPE_TEXT.sub(_escape_match, value)
                append(value)
                continue
            if kind == "blank":  # convert_blank inlined: the next most common
                append("\n")
                continue
            method = converters.get(kind)
            if method is None:
                method = converters[kind] = getattr(self, "convert_" + kind)
            append(method(child, indent))
        self.stack.pop()
        return "".join(parts)

    def convert_blank(self, el: El, indent: int) -> str:
        return "\n"  # also inlined in `inner`

    def convert_text(self, el: El, indent: int) -> str:
        return escape_html(el.value, "text")  # also inlined in `inner`

    def convert_p(self, el: El, indent: int) -> str:
        if el.options.get("transparent"):
            return self.inner(el, indent)
        if (
            len(el.children) == 1
            and el.children[0].type == "img"
            and "standalone" in ((el.children[0].options.get("ial") or {}).get("refs") or [])
        ):
            return self.convert_standalone_image(el, indent)
        return self.block_html("p", el.attr, self.inner(el, indent), indent)

    def convert_standalone_image(self, el: El, indent: int) -> str:
        """`![alt](src){:standalone}` alone in a paragraph becomes a <figure>."""
        figure_attr = dict(el.attr)
        image_attr = dict(el.children[0].attr)
        for key in ("class", "id"):
            if key in image_attr and key not in figure_attr:
                figure_attr[key] = image_attr.pop(key)
        pad = " " * (indent + self.indent)
        body = (
            f"{pad}<img{html_attributes(image_attr)} />\n"
            f"{pad}<figcaption>{image_attr.get('alt')}</figcaption>\n"
        )
        return self.indented_block_html("figure", figure_attr, body, indent)

    def convert_codeblock(self, el: El, indent: int) -> str:
        attr = dict(el.attr)
        lang = extract_code_language(attr, remove=True)
        highlighted = highlight(el.value, el.options.get("lang") or lang, block=True)
        if highlighted is not None:
            add_syntax_highlighter_class(attr, lang or "plaintext")
            return f"{' ' * indent}<div{html_attributes(attr)}>{highlighted}{' ' * indent}</div>\n"
        result = escape_html(el.value)
        if result.endswith("\n"):
            result = result[:-1]
        code_attr = {"class": f"language-{lang}"} if lang else {}
        return (
            f"{' ' * indent}<pre{html_attributes(attr)}>"
            f"<code{html_attributes(code_attr)}>{result}\n</code></pre>\n"
        )

    def convert_blockquote(self, el: El, indent: int) -> str:
        return self.indented_block_html("blockquote", el.attr, self.inner(el, indent), indent)

    def convert_header(self, el: El, indent: int) -> str:
        attr = dict(el.attr)
        if not attr.get("id"):  # GFM ids are set by the parser, except inside HTML elements
            if "id" not in attr:
                attr["id"] = self.generate_id(el.options["raw_text"])
        level = el.options["level"]
        # Ruby: an empty id is truthy, so an id-less GFM header still gets a TOC entry.
        if attr.get("id") is not None and not R_NO_TOC.search(attr.get("class", "")):
            self.toc.append((level, attr["id"], el.children))
        return self.block_html(f"h{level}", attr, self.inner(el, indent), indent)

    def convert_hr(self, el: El, indent: int) -> str:
        return f"{' ' * indent}<hr{html_attributes(el.attr)} />\n"

    def convert_ul(self, el: El, indent: int) -> str:
        refs = (el.options.get("ial") or {}).get("refs") or []
        if self.toc_code is None and "toc" in refs:
            self.toc_code = (el.type, el.attr, f"\x00toc-{id(el)}\x00")
            return self.toc_code[2]
        if self.footnote_location is None and "footnotes" in refs:
            self.footnote_location = f"\x00footnotes-{id(el)}\x00"
            return self.footnote_location
        return self.indented_block_html(el.type, el.attr, self.inner(el, indent), indent)

    convert_ol = convert_ul

    def convert_dl(self, el: El, indent: int) -> str:
        return self.indented_block_html("dl", el.attr, self.inner(el, indent), indent)

    def convert_li(self, el: El, indent: int) -> str:
        out = f"{' ' * indent}<{el.type}{html_attributes(el.attr)}>"
        res = self.inner(el, indent)
        if not el.children or (
            el.children[0].type == "p" and el.children[0].options.get("transparent")
        ):
            out += res + (" " * indent if res.endswith("\n") else "")
        else:
            out += "\n" + res + " " * indent
        return out + f"</{el.type}>\n"

    convert_dd = convert_li

    def convert_dt(self, el: El, indent: int) -> str:
        return self.block_html("dt", el.attr, self.inner(el, indent), indent)

    def convert_html_element(self, el: El, indent: int) -> str:
        res = self.inner(el, indent)
        if el.category == "span":
            if not res and el.value in HTML_ELEMENTS_WITHOUT_BODY:
                return f"<{el.value}{html_attributes(el.attr)} />"
            return f"<{el.value}{html_attributes(el.attr)}>{res}</{el.value}>"
        parent = self.stack[-1] if self.stack else None
        in_raw = (
            parent is not None
            and parent.type == "html_element"
            and parent.options.get("content_model") == "raw"
        )
        out = "" if in_raw else " " * indent
        out += f"<{el.value}{html_attributes(el.attr)}"
        model = el.options.get("content_model")
        if el.options.get("is_closed") and model == "raw":
            out += " />"
        elif res and model != "block":
            out += f">{res}</{el.value}>"
        elif res:
            body = res[:-1] if res.endswith("\n") else res
            out += f">\n{body}\n{' ' * indent}</{el.value}>"
        elif el.value in HTML_ELEMENTS_WITHOUT_BODY:
            out += " />"
        else:
            out += f"></{el.value}>"
        return out if in_raw else out + "\n"

    def convert_xml_comment(self, el: El, indent: int) -> str:
        parent = self.stack[-1] if self.stack else None
        in_raw = (
            parent is not None
            and parent.type == "html_element"
            and parent.options.get("content_model") == "raw"
        )
        if el.category == "block" and not in_raw:
            return " " * indent + el.value + "\n"
        return el.value

    convert_xml_pi = convert_xml_comment

    def convert_table(self, el: El, indent: int) -> str:
        return self.indented_block_html(el.type, el.attr, self.inner(el, indent), indent)

    convert_thead = convert_tbody = convert_tfoot = convert_tr = convert_table

    def convert_td(self, el: El, indent: int) -> str:
        res = self.inner(el, indent)
        cell = "th" if self.stack[-2].type == "thead" else "td"
        attr = el.attr
        alignment = self.stack[-3].options["alignment"][self.stack[-1].children.index(el)]
        if alignment != "default":
            attr = dict(el.attr)
            style = f"{attr['style']}; " if "style" in attr else ""
            attr["style"] = f"{style}text-align: {alignment}"
        return self.block_html(cell, attr, res or "\u00a0", indent)

    def convert_comment(self, el: El, indent: int) -> str:
        if el.category == "block":
            return f"{' ' * indent}<!-- {el.value} -->\n"
        return f"<!-- {el.value} -->"

    def convert_br(self, el: El, indent: int) -> str:
        return "<br />"

    def convert_a(self, el: El, indent: int) -> str:
        return f"<a{html_attributes(el.attr)}>{self.inner(el, indent)}</a>"

    def convert_img(self, el: El, indent: int) -> str:
        return f"<img{html_attributes(el.attr)} />"

    def convert_codespan(self, el: El, indent: int) -> str:
        attr = dict(el.attr)
        lang = extract_code_language(attr, remove=False)
        result = highlight(el.value, lang, block=False)
        if result is not None:
            add_syntax_highlighter_class(attr, lang or "plaintext")
        else:
            result = escape_html(el.value)
        return f"<code{html_attributes(attr)}>{result}</code>"

    def convert_footnote(self, el: El, indent: int) -> str:
        repeat = ""
        name = el.options["name"]
        footnote = self.footnotes_by_name.get(name)
        if footnote is not None:
            number = footnote[2]
            footnote[3] += 1
            repeat = f":{footnote[3]}"
        else:
            number = self.footnote_counter
            self.footnote_counter += 1
            footnote = [name, el.value, number, 0]
            self.footnotes.append(footnote)
            self.footnotes_by_name[name] = footnote
        return (
            f'<sup id="fnref:{name}{repeat}" role="doc-noteref">'
            f'<a href="#fn:{name}" class="footnote" rel="footnote">{number}</a></sup>'
        )

    def convert_raw(self, el: El, indent: int) -> str:
        types = el.options.get("type")
        if not types or "html" in types:
            return el.value + ("\n" if el.options.get("category") == "block" else "")
        return ""

    def convert_em(self, el: El, indent: int) -> str:
        return f"<{el.type}{html_attributes(el.attr)}>{self.inner(el, indent)}</{el.type}>"

    convert_strong = convert_em

    def convert_entity(self, el: El, indent: int) -> str:
        return entity_to_str(el.value, el.options.get("original"))

    def convert_typographic_sym(self, el: El, indent: int) -> str:
        return TYPOGRAPHIC_CHARS[el.value]

    def convert_smart_quote(self, el: El, indent: int) -> str:
        return SMART_QUOTE_CHARS[el.value]

    def convert_abbreviation(self, el: El, indent: int) -> str:
        attr = dict(self.abbrev_attr[el.value])
        title = self.abbrev_defs[el.value]
        if title:
            attr["title"] = title
        return f"<abbr{html_attributes(attr)}>{el.value}</abbr>"

    def convert_math(self, el: El, indent: int) -> str:
        value = escape_html(el.value)
        block = el.options.get("category") == "block"
        result = f"\\[{value}\\]\n" if block else f"\\({value}\\)"
        if not el.attr:
            return result
        if block:
            return self.block_html("div", el.attr, result, indent)
        return f"<span{html_attributes(el.attr)}>${el.value}$</span>"

    def convert_root(self, el: El, indent: int) -> str:
        return self.inner(el, indent)

    def block_html(self, name: str, attr: dict[str, Any], body: str, indent: int) -> str:
        return f"{' ' * indent}<{name}{html_attributes(attr)}>{body}</{name}>\n"

    def indented_block_html(self, name: str, attr: dict[str, Any], body: str, indent: int) -> str:
        return f"{' ' * indent}<{name}{html_attributes(attr)}>\n{body}{' ' * indent}</{name}>\n"

    def footnote_content(self) -> str:
        items = []
        i = 0
        while i < len(self.footnotes):
            name, data, _, repeat = self.footnotes[i]
            li = El("li", None, {"id": f"fn:{name}", "role": "doc-endnote"})
            li.children = copy_tree(data.children)
            para = None
            insert_space = False
            if li.children and li.children[-1].type == "p":
                parent = li
                while parent.children and parent.children[-1].type not in ("p", "header"):
                    parent = parent.children[-1]
                para = parent.children[-1]
                insert_space = True
            if para is None:
                para = El("p")
                li.children.append(para)
            backlink = '%s<a href="#fnref:%s" class="reversefootnote" role="doc-backlink">%s</a>'
            para.children.append(
                El("raw", backlink % ("\u00a0" if insert_space else "", name, "&#8617;"))
            )
            for index in range(1, repeat + 1):
                para.children.append(
                    El(
                        "raw",
                        backlink % ("\u00a0", f"{name}:{index}", f"&#8617;<sup>{index + 1}</sup>"),
                    )
                )
            items.append(El("raw", self.convert(li, 4)))
            i += 1
        if not items:
            return ""
        ol = El("ol")
        ol.children = items
        return self.indented_block_html(
            "div", {"class": "footnotes", "role": "doc-endnotes"}, self.convert(ol, 2), 0
        )


def fix_for_toc_entry(elements: list[El]) -> list[El]:
    """A TOC entry's text: the header's children without footnotes and without links."""
    out: list[El] = []
    for el in elements:
        if el.type == "footnote":
            continue
        el.children = fix_for_toc_entry(el.children)
        if el.type == "a":
            out.extend(el.children)
        else:
            out.append(el)
    return out


def copy_tree(children: list[El]) -> list[El]:
    out = []
    for child in children:
        copy = El(child.type, child.value, dict(child.attr), dict(child.options))
        copy.children = copy_tree(child.children)
        out.append(copy)
    return out


def extract_code_language(attr: dict[str, Any], remove: bool) -> str | None:
    cls = attr.get("class")
    if not cls:
        return None
    m = R_LANGUAGE_CLASS.search(cls)
    if not m:
        return None
    if remove:
        rest = R_LANGUAGE_CLASS.sub("", cls, count=1).strip()
        if rest:
            attr["class"] = rest
        else:
            del attr["class"]
    return m.group(1)


def add_syntax_highlighter_class(attr: dict[str, Any], lang: str | None) -> None:
    cls = (attr.get("class", "") + " highlighter-rouge").lstrip()
    if lang:
        # kramdown's `sub(/\blanguage-\S+|^/)`: `^` always matches at the start, so the one
        # replaced is a `language-` class that opens the attribute, or nothing (prepended).
        current = R_LANGUAGE_CLASS_AT_START.match(cls)
        cls = f"language-{lang}" + (cls[current.end() :] if current else " " + cls)
    attr["class"] = cls


# ---------------------------------------------------------------------------------------------
# mistune wiring


class KramdownBlockParser(mistune.BlockParser):
    """mistune block parser that runs kramdown's block and span passes over the whole source.

    The document becomes one mistune token, `{"type": "kramdown", "raw": <kramdown tree>}`,
    which `KramdownRenderer.kramdown` serialises.
    """

    def parse(self, state: mistune.BlockState, rules: list[str] | None = None) -> None:
        state.tokens = [{"type": "kramdown", "raw": KramdownParser().parse(state.src)}]
        state.cursor = state.cursor_max


def kramdown(md: mistune.Markdown) -> None:
    """mistune plugin: parse as kramdown (GFM input) does; pair it with a KramdownRenderer."""
    md.block = KramdownBlockParser()


_markdown: mistune.Markdown | None = None
RECURSION_LIMIT = 20_000


def render_markdown(text: str) -> str:
    """kramdown's HTML for `text` (Markdown after Liquid), as Jekyll 4.3 / GitHub Pages emit it.

    Raises KramdownError for the rare input on which kramdown itself fails. `&#xD800;`-style
    references come out as lone surrogates; encode with errors="surrogatepass" to get the bytes
    Ruby writes.
    """
    global _markdown
    if _markdown is None:
        _markdown = mistune.create_markdown(renderer=KramdownRenderer(), plugins=[kramdown])
    # kramdown's adapt_source: \r\n and \r become \n, and exactly one final newline is ensured.
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    if source.endswith("\n"):
        source = source[:-1]
    source += "\n"
    # Unclosed HTML tags nest everything after them; Ruby copes with deeper nesting than
    # Python's default recursion limit, so lift it while rendering.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, RECURSION_LIMIT))
    # A render allocates a tree of many small objects without reference cycles (refcounting
    # frees them all): garbage collections in the middle would only walk them (~15% of the
    # time), so the collector pauses.
    collecting = gc.isenabled()
    gc.disable()
    try:
        html, _ = _markdown.parse(source)
    except RecursionError:
        raise KramdownError(
            "the Markdown nests too deeply to render (many unclosed HTML tags?)"
        ) from None
    finally:
        sys.setrecursionlimit(limit)
        if collecting:
            gc.enable()
    return html  # type: ignore[return-value]
