"""A post body parsed once with mistune 3 into the items rules query, each with its source position.

Positions are 1-based lines and columns in the *original file* (front matter included);
columns count Unicode code points, with a tab counting as one column. `\\r\\n` and a lone `\\r`
both end a line (mistune and kramdown normalise them to `\\n`).

How positions are recovered (mistune's tokens carry none):

* Every block-level `BlockState` mistune creates is one of ours (`_State`). A block quote or
  list item child state remembers the parent line it starts on (`origin`). mistune builds
  a child's text line by line from the parent's lines, changing only *leading* whitespace
  and markers, so a child line is "whitespace + a verbatim suffix of its parent line":
  a column maps to the parent by right-aligning the two lines. Chaining this to the root
  gives an offset in the body.
* Paragraphs, headings, table cells and HTML blocks are stamped with the offset of their
  text in their state while the block parser runs.
* The inline parser (also ours) stamps link, image, code span, HTML and autolink tokens with
  the offset where they start in the inline text.

Liquid runs before kramdown, so `{% ... %}` and `{{ ... }}` are masked (replaced by as many
private-use characters, newlines kept) before mistune sees the text: a link target written
as `{% post_url x %}#frag` then parses as one URL, exactly as kramdown sees Liquid's output.
Every text reported is taken from the unmasked body.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter
from typing import Any, Literal

from bloglint.heading_ids import HeadingIdCounter, explicit_id

LinkKind = Literal[
    "inline",  # [text](url) / ![alt](url)
    "reference",  # [text][label], [label][], [label] with a definition
    "autolink",  # <https://...>
    "html",  # <a href>, <img src>, other raw HTML src/href
    "post_url",  # {% post_url name %}
    "link_tag",  # {% link path %}
    "definition",  # [label]: url  (a reference definition itself)
]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str  # the heading's plain text (what kramdown would build the id from)
    id: str | None  # kramdown-GFM id (explicit {#id} wins); None when kramdown omits it
    explicit: bool  # True when the id comes from {#id}
    line: int
    column: int  # column of the first '#' (ATX) or of the text (setext)


@dataclass(frozen=True, slots=True)
class Link:
    kind: LinkKind
    image: bool  # True for ![..](..), <img>, and images by reference
    url: str  # the target exactly as written in the source (not normalised, Liquid kept)
    text: str  # link text / alt text ('' when none)
    line: int  # where the link starts ('[' or '!' or '<' or '{%')
    column: int
    url_line: int  # where the URL itself starts (same as line for most links;
    url_column: int  # for a reference link: the URL in the definition it uses)
    label: str | None = None  # reference label, for reference links and definitions
    title: str | None = None


@dataclass(frozen=True, slots=True)
class UndefinedReference:
    """`[text][label]` or `[label][]` whose label has no definition: kramdown prints it literally."""

    label: str
    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Span:
    """A region of source text: a code span, a code block, a comment, a {% raw %} region."""

    text: str  # the content (without the delimiters)
    line: int  # start of the whole construct, delimiters included
    column: int
    end_line: int  # last line of the construct, inclusive
    end_column: int  # column just past its last character


@dataclass(frozen=True, slots=True)
class CodeBlock:
    info: str | None  # fence info string; None for indented code
    fenced: bool
    text: str
    line: int  # the opening fence (or first indented line)
    end_line: int  # the closing fence (or last indented line), inclusive


@dataclass(frozen=True, slots=True)
class Anchor:
    """An id a link can target that is not a Markdown heading: raw HTML id/name, IAL {#id}."""

    id: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Document:
    """Everything rules ask of one post body, in source order, at file positions.

    Items inside code spans, code blocks and `{% raw %}` regions are left out (their
    headings still count for kramdown's duplicate-id suffixes); so is everything inside
    `{% comment %}`, which Liquid removes before kramdown runs.
    """

    headings: tuple[Heading, ...]
    links: tuple[Link, ...]  # in source order; images included (see Link.image)
    undefined_references: tuple[UndefinedReference, ...]
    code_spans: tuple[Span, ...]
    code_blocks: tuple[CodeBlock, ...]
    comments: tuple[Span, ...]  # HTML comments <!-- ... -->, block or inline
    raw_regions: tuple[Span, ...]  # {% raw %} ... {% endraw %}
    anchors: tuple[Anchor, ...]
    first_line: int  # file line of the body's first line
    # Why the body could not be parsed completely (e.g. nesting too deep for the parser);
    # the items above are then those found before the parser gave up. Empty when all is well.
    problems: tuple[str, ...] = ()
    # (line, column) start and (line, column) end (exclusive) of every code span and code
    # block, sorted; used by `in_code`.
    _code_ranges: tuple[tuple[int, int, int, int], ...] = field(default=(), repr=False)

    def ids(self) -> frozenset[str]:
        """Every fragment a link may target in this post: heading ids plus anchors."""
        return frozenset([h.id for h in self.headings if h.id] + [a.id for a in self.anchors])

    def in_code(self, line: int, column: int) -> bool:
        """True when file position (line, column) lies inside a code span or code block."""
        ranges = self._code_ranges
        # Ranges never overlap, so only the nearest one that starts at or before can contain it.
        index = bisect_right(ranges, (line, column, 1 << 60, 0)) - 1
        return index >= 0 and ranges[index][2:] > (line, column)


def parse_document(body: str, first_line: int = 1) -> Document:
    """Parse a post body (text after the front matter) whose first line is file line `first_line`."""
    return _Builder(body, first_line).build()


# --------------------------------------------------------------------------------------------
# mistune, extended to record where things are
# --------------------------------------------------------------------------------------------

_MASK = "\ue000"  # stands in for every character of a Liquid tag while mistune parses
_SPACE = "\ue001"  # stands in for a space inside a link destination (see _mask_url_spaces)
_INLINE_STRIP = " \r\n\t\f"  # what mistune strips from a block's text before inline parsing
_LIST_MARKER_ONLY = re.compile(r"[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]*(?:\n|$)")

_parser_cache: list[Any] = []
# mistune's max_nested_level: deeper lists and block quotes are read as paragraph text.
_MAX_NESTING = 20


def _markdown() -> Any:
    """The configured mistune instance (built once; mistune is imported lazily)."""
    if _parser_cache:
        return _parser_cache[0]
    import mistune
    from mistune.block_parser import BlockParser
    from mistune.core import BlockState, InlineState
    from mistune.helpers import LINK_LABEL
    from mistune.inline_parser import InlineParser
    from mistune.plugins.footnotes import footnotes, parse_ref_footnote
    from mistune.plugins.formatting import strikethrough
    from mistune.plugins.math import BLOCK_MATH_PATTERN, parse_block_math
    from mistune.plugins.table import (
        parse_nptable,
        parse_table,
        table,
    )

    indent_code_fast = BlockParser._parse_indent_code_fast
    label_re = re.compile(r"\[(" + LINK_LABEL + r")\]")

    class _State(BlockState):
        """A block state that knows where its text came from."""

        # (parent state, offset in parent.src of the parent line where our line 0 is, +lines)
        origin: tuple[Any, int, int] | None = None
        # containers being parsed in this state: [start offset of the next child, kind]
        openers: list[list[Any]] | None = None
        _starts: list[int] | None = None
        line0: int | None = None  # the parent line index of our line 0, once computed
        level = 0  # how many containers (list items, block quotes) we are inside

        def child_state(self, src: str, lazy_line_starts: Any = None) -> Any:
            child = super().child_state(src, lazy_line_starts)
            self.env["_states"].append(child)
            child.level = self.level + 1
            if child.level >= _MAX_NESTING - 1:
                self.env["_too_deep"] = True
            if self.openers:
                entry = self.openers[-1]
                start, kind = entry
                shift = 0
                if kind == "list":
                    # An item whose marker line has no text starts on the next line.
                    if _LIST_MARKER_ONLY.match(self.src, start):
                        shift = 1
                    # The next item (if any) starts on the line the cursor has just passed.
                    entry[0] = self.src.rfind("\n", 0, max(self.cursor - 1, 0)) + 1
                child.origin = (self, start, shift)
            return child

        def add_paragraph(self, text: str) -> None:
            # Paragraph text is always a contiguous slice of src (checked in `_segments`), so
            # only its start is recorded: this runs for every paragraph line.
            tokens = self.tokens
            if tokens and tokens[-1]["type"] == "paragraph":
                tokens[-1]["text"] += text
            else:
                tokens.append({"type": "paragraph", "text": text, "_st": self, "_at": self.cursor})

        def line_starts(self) -> list[int]:
            if self._starts is None:
                self._starts = _line_starts(self.src)
            return self._starts

        def push_opener(self, start: int, kind: str) -> None:
            if self.openers is None:
                self.openers = []
            self.openers.append([start, kind])

    def _stamp_new(state: Any, count: int, kind: str, **marks: Any) -> None:
        tokens = state.tokens
        if len(tokens) > count and tokens[-1]["type"] == kind and "_st" not in tokens[-1]:
            tokens[-1]["_st"] = state
            tokens[-1].update(marks)

    class _BlockParser(BlockParser):
        state_cls = _State

        def parse_block_quote(self, m: Any, state: Any) -> Any:
            state.push_opener(m.start(), "quote")
            try:
                return super().parse_block_quote(m, state)
            finally:
                state.openers.pop()

        def parse_list(self, m: Any, state: Any) -> Any:
            state.push_opener(m.start(), "list")
            try:
                return super().parse_list(m, state)
            finally:
                state.openers.pop()

        def parse_atx_heading(self, m: Any, state: Any) -> Any:
            end = super().parse_atx_heading(m, state)
            token = state.tokens[-1]
            token["_st"] = state
            token["_hash"] = m.start("atx_1")
            token["_indented"] = m.start("atx_1") > m.start()
            token["_content"] = m.start("atx_2")
            token["_content_raw"] = m.group("atx_2")
            return end

        def parse_fenced_code(self, m: Any, state: Any) -> Any:
            count = len(state.tokens)
            end = super().parse_fenced_code(m, state)
            if end:
                _stamp_new(state, count, "block_code", _start=m.start("fenced_2"), _end=end)
            return end

        def parse_indent_code(self, m: Any, state: Any) -> Any:
            start, count = state.cursor, len(state.tokens)
            end = super().parse_indent_code(m, state)
            if end:
                _stamp_new(state, count, "block_code", _start=start, _end=end)
            return end

        def _parse_indent_code_fast(self, state: Any) -> Any:
            # Called at every line start, so kept lean: the cursor still is the code's start.
            end = indent_code_fast(self, state)
            if end is not None:
                last = state.tokens[-1]
                if last["type"] == "block_code" and "_st" not in last:
                    last["_st"] = state
                    last["_start"] = state.cursor
                    last["_end"] = end
            return end

        def parse_raw_html(self, m: Any, state: Any) -> Any:
            start, count = state.cursor, len(state.tokens)
            if m.group(0).strip() == "<!--":
                close = state.src.find("-->", m.end())
                line_end = state.src.find("\n", close) if close >= 0 else -1
                if (
                    close >= 0
                    and state.src[close + 3 : line_end if line_end >= 0 else None].strip()
                ):
                    # kramdown ends a comment block at `-->` and parses the rest of the line as
                    # Markdown (`<!-- TOC -->text [a](#b)` -> comment, then <p>text <a ...>).
                    raw = state.src[start : close + 3]
                    state.append_token(
                        {"type": "block_html", "raw": raw, "_st": state, "_start": start}
                    )
                    return close + 3
            end = super().parse_raw_html(m, state)
            if end:
                _stamp_new(state, count, "block_html", _start=start)
            return end

        def parse_ref_link(self, m: Any, state: Any) -> Any:
            last = state.last_token()
            continues_paragraph = bool(last and last["type"] == "paragraph")
            end = super().parse_ref_link(m, state)
            if end and not continues_paragraph:
                state.env["_definitions"].append(
                    (state, m.start("reflink_1") - 1, m.group("reflink_1"), m.end())
                )
            return end

    def _stamped_table(parse: Any) -> Any:
        def parse_and_stamp(block: Any, m: Any, state: Any) -> Any:
            count = len(state.tokens)
            end = parse(block, m, state)
            if end:
                _stamp_new(state, count, "table", _start=m.start(), _end=end)
            return end

        return parse_and_stamp

    def _parse_ref_footnote(block: Any, m: Any, state: Any) -> Any:
        end = parse_ref_footnote(block, m, state)
        # mistune renders footnotes only at the very end, from a copy of the text; parse the
        # definition's text here instead, one child line per source line, so it has positions.
        text = m.group("footnote_text")
        lines = text.split("\n")
        lines[0] = lines[0].lstrip(" \t")
        indent = re.compile(r"^ {1,%d}" % (len(m.group("footnote_lead")) + 4))  # noqa: UP031
        src = "\n".join([lines[0]] + [indent.sub("", line) for line in lines[1:]])
        state.push_opener(m.start(), "footnote")
        try:
            child = state.child_state(src if src.endswith("\n") else src + "\n")
        finally:
            state.openers.pop()
        block.parse(child)
        state.env["_footnote_tokens"].extend(child.tokens)
        return end

    class _InlineState(InlineState):
        offset = 0  # where this state's src starts in the block's inline text

        def copy(self) -> Any:
            state = super().copy()
            state.offset = self.offset
            return state

    class _InlineParser(InlineParser):
        state_cls = _InlineState

        def parse_link_close(self, m: Any, state: Any) -> Any:
            width = m.end() - m.start()
            # The i-th ']' of this run closes the i-th bracket from the top of the stack.
            openers = state.brackets[-width:] if state.brackets else []
            end = super().parse_link_close(m, state)
            tokens = state.tokens
            src = state.src
            for i, opener in enumerate(reversed(openers)):
                close = m.start() + i
                index = opener.token_index
                token = tokens[index] if index < len(tokens) else None
                if token is not None and token["type"] in ("link", "image") and "_pos" not in token:
                    token["_pos"] = state.offset + opener.start - (2 if opener.image else 1)
                    token["_close"] = state.offset + close
                    token["_textraw"] = src[opener.start : close]
                    state.env["_items"].append(token)
                elif src.startswith("[", close + 1):
                    # `[text][label]` / `[label][]` left as text: an undefined reference.
                    lm = label_re.match(src, close + 1)
                    if lm:
                        text = src[opener.start : close]
                        label = lm.group(1) or text
                        state.env["_undefined"].append(
                            (state.offset + opener.start - (2 if opener.image else 1), label, text)
                        )
            return end

        def parse_codespan(self, m: Any, state: Any) -> Any:
            end = super().parse_codespan(m, state)
            token = state.tokens[-1]
            if token["type"] == "codespan":
                token["_pos"] = state.offset + m.start()
                token["_end"] = state.offset + end
                token["_code"] = state.src[m.end() : end - len(m.group(0))]
                state.env["_items"].append(token)
            return end

        def parse_auto_link(self, m: Any, state: Any) -> Any:
            count = len(state.tokens)
            end = super().parse_auto_link(m, state)
            if len(state.tokens) > count and state.tokens[-1]["type"] == "link":
                token = state.tokens[-1]
                token["_pos"] = state.offset + m.start()
                token["_auto"] = m.group(0)[1:-1]
                # Inside a link's text it may yet be turned back into text.
                state.env["_maybe" if state.brackets else "_items"].append(token)
            return end

        parse_auto_email = parse_auto_link  # type: ignore[assignment]

        def parse_inline_html(self, m: Any, state: Any) -> Any:
            end = super().parse_inline_html(m, state)
            if end:
                state.tokens[-1]["_pos"] = state.offset + m.start()
                state.env["_items"].append(state.tokens[-1])
            return end

    def _parse_inline_math(inline: Any, m: Any, state: Any) -> int:
        # kramdown only knows `$$...$$` (inline when inside a paragraph line).
        state.append_token({"type": "inline_math", "raw": m.group("display_math_text")})
        return m.end()

    def _parse_strikethrough(inline: Any, m: Any, state: Any) -> Any:
        # mistune's own version parses the inner text in a fresh state; keep its offset.
        if state.depth >= inline.max_nested_level:
            return None
        pos = m.end()
        close = state.delimiters.find("~~", pos, formatting=True)
        if close is None:
            return None
        new_state = state.copy()
        new_state.src = state.src[pos:close]
        new_state.offset = state.offset + pos
        state.append_token({"type": "strikethrough", "children": inline.render(new_state)})
        return close + 2

    def _kramdown_gfm(md: Any) -> None:
        # Tables and $$ blocks only at the top level, like mistune's defaults: inside lists and
        # quotes their rows/lines stay paragraph text, whose links are found all the same, and
        # every extra rule there slows down list parsing (the most expensive part).
        table(md)
        md.block.register("table", None, _stamped_table(parse_table))
        md.block.register("nptable", None, _stamped_table(parse_nptable))
        strikethrough(md)
        md.inline.register("strikethrough", None, _parse_strikethrough)
        footnotes(md)
        md.block.register("ref_footnote", None, _parse_ref_footnote)
        md.after_render_hooks.clear()  # footnotes are parsed above, not re-rendered
        md.block.register("block_math", BLOCK_MATH_PATTERN, parse_block_math, before="list")
        md.inline.register(
            "inline_math",
            r"\$\$(?P<display_math_text>(?:[^$\\]|\\.)*?)\$\$",
            _parse_inline_math,
            before="codespan",
        )

    md = mistune.Markdown(
        renderer=None,
        block=_BlockParser(max_nested_level=_MAX_NESTING),
        inline=_InlineParser(max_nested_level=_MAX_NESTING),
        plugins=[_kramdown_gfm],
    )
    _parser_cache.append(md)
    return md


_PLUS_ONE = (1).__add__


def _line_starts(text: str) -> list[int]:
    """Offsets where each line of `text` starts."""
    starts = [0]
    # All C-level iteration: each line's length plus its newline, accumulated.
    starts.extend(accumulate(map(_PLUS_ONE, map(len, text.split("\n")))))
    starts.pop()
    return starts


def _inline_to_root(state: Any, segments: list[list[int]]) -> Any:
    """A function mapping an offset in a block's inline text to an offset in the body."""
    if len(segments) == 1:
        base = segments[0][0]
        if state.origin is None:
            return lambda offset: base + offset
        return lambda offset: _to_root(state, base + offset)

    def root(offset: int) -> int:
        for seg_start, seg_len in segments:
            if offset < seg_len:
                return _to_root(state, seg_start + offset)
            offset -= seg_len
        last_start, last_len = segments[-1]
        return _to_root(state, last_start + last_len + offset)

    return root


def _to_root(state: Any, offset: int) -> int:
    """Map an offset in a (child) block state's text to an offset in the body."""
    while state.origin is not None:
        parent = state.origin[0]
        starts = state._starts or state.line_starts()
        index = bisect_right(starts, offset) - 1
        # Distance back from the end of the line: a child line is a suffix of its parent line.
        from_end = (starts[index + 1] - 1 if index + 1 < len(starts) else len(state.src)) - offset
        parent_starts = parent._starts or parent.line_starts()
        line0 = state.line0
        if line0 is None:
            _, start, shift = state.origin
            line0 = state.line0 = bisect_right(parent_starts, start) - 1 + shift
        parent_index = min(line0 + index, len(parent_starts) - 1)
        line_start = parent_starts[parent_index]
        if parent_index + 1 < len(parent_starts):
            line_end = parent_starts[parent_index + 1] - 1
        else:
            line_end = len(parent.src)
        offset = max(line_start, line_end - from_end)
        state = parent
    return offset


# --------------------------------------------------------------------------------------------
# Liquid (runs before kramdown)
# --------------------------------------------------------------------------------------------

_LIQUID = re.compile(r"\{%-?[ \t]*(\w+)[ \t]*([^\n]*?)[ \t]*-?%\}|\{\{[^\n]*?\}\}")
_ENDRAW = re.compile(r"\{%-?[ \t]*endraw[ \t]*-?%\}")
_ENDCOMMENT = re.compile(r"\{%-?[ \t]*endcomment[ \t]*-?%\}")
_ENDHIGHLIGHT = re.compile(r"\{%-?[ \t]*endhighlight[ \t]*-?%\}")
_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(slots=True)
class _Liquid:
    masked: str  # the body with every Liquid tag masked
    tags: list[tuple[int, int]]  # masked (start, end) offsets, sorted
    tag_links: list[tuple[str, int, str, int]]  # (kind, start, argument, argument offset)
    raw: list[tuple[int, int, int, int]]  # {% raw %}: (start, content start, content end, end)
    removed: list[tuple[int, int]]  # {% comment %} regions (start, end)
    # {% highlight lang %}: (start, content start, content end, end, language)
    highlights: list[tuple[int, int, int, int, str | None]]


def _scan_liquid(text: str) -> _Liquid:
    result = _Liquid(text, [], [], [], [], [])
    if "{%" not in text and "{{" not in text:
        return result
    pieces: list[str] = []
    done = 0
    pos = 0
    while True:
        m = _LIQUID.search(text, pos)
        if not m:
            break
        start, end = m.span()
        name = m.group(1)
        mask_end = end
        if name == "raw":
            close = _ENDRAW.search(text, end)
            content_end = close.start() if close else len(text)
            after = close.end() if close else len(text)
            result.raw.append((start, end, content_end, after))
            # The tags vanish; the content reaches kramdown untouched.
            pieces.append(text[done:start] + _MASK * (end - start) + text[end:content_end])
            if close:
                pieces.append(_MASK * (after - content_end))
                result.tags.append((start, end))
                result.tags.append((content_end, after))
            else:
                result.tags.append((start, end))
            done = pos = after
            continue
        if name in ("comment", "highlight"):
            # Liquid removes a comment; a highlight block becomes Jekyll's <figure><pre> HTML,
            # which kramdown passes through: neither is Markdown.
            close = (_ENDCOMMENT if name == "comment" else _ENDHIGHLIGHT).search(text, end)
            mask_end = close.end() if close else len(text)
            if name == "comment":
                result.removed.append((start, mask_end))
            else:
                language = m.group(2).split()[0] if m.group(2).split() else None
                content_end = close.start() if close else len(text)
                result.highlights.append((start, end, content_end, mask_end, language))
            pieces.append(text[done:start] + _NOT_NEWLINE.sub(_MASK, text[start:mask_end]))
            result.tags.append((start, mask_end))
            done = pos = mask_end
            continue
        if name in ("post_url", "link") and m.group(2):
            kind = "post_url" if name == "post_url" else "link_tag"
            result.tag_links.append((kind, start, m.group(2), m.start(2)))
        pieces.append(text[done:start] + _MASK * (end - start))
        result.tags.append((start, end))
        done = pos = end
    pieces.append(text[done:])
    result.masked = "".join(pieces)
    return result


# kramdown takes everything up to the closing parenthesis as the URL, spaces included
# (`[paper](../assets/A Paper.pdf)` links to `../assets/A Paper.pdf`); CommonMark/mistune
# gives up. Such spaces are masked so mistune sees one destination (the title stays apart).
_SPACED_DESTINATION = re.compile(  # bounded repeats: linear even on hostile lines
    r"\]\(([^()\s<]+(?: +[^()\s\"']+){1,64})( +([\"'])[^\n]{0,500}?\3 *)?\)"
)


def _mask_url_spaces(text: str) -> str:
    def mask(m: re.Match[str]) -> str:
        start, end = m.span(1)
        return (
            m.group(0)[: start - m.start()]
            + m.group(1).replace(" ", _SPACE)
            + m.group(0)[end - m.start() :]
        )

    return _SPACED_DESTINATION.sub(mask, text)


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

# An inline link's destination: optional whitespace (one line break at most), then `<...>` or
# a run without whitespace whose parentheses balance (one level here; deeper in
# `_balanced_url_end`).
_LINK_DESTINATION = re.compile(
    r"[ \t]*(?:\n[ \t]*)?(?:<((?:[^<>\n\\]|\\.)*)>"
    r"|((?:[^ \t\n\r\f()\\]+|\\[^ \t\n\r\f]|\((?:[^ \t\n\r\f()\\]+|\\[^ \t\n\r\f])*\))*))"
)
_HTML_ITEM = re.compile(
    r"<!--(.*?)(?:-->|\Z)"  # an unclosed comment runs to the end (and stays linear)
    r"|<([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>",
    re.S,
)
_HTML_ATTR = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TYPOGRAPHIC = re.compile(r"---|--|\.\.\.")
_TYPOGRAPHIC_CHARS = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
_ATX_TRAILING_HASHES = re.compile(r"[\t ]#+\Z")
# kramdown block IAL on the line after a heading: `{: #id .class}`.
_BLOCK_IAL_ID = re.compile(r"\A {0,3}\{:(?!:|/)[^}\n]*?#([A-Za-z_:][\w.:\-]*)[^}\n]*\}[ \t]*\Z")


class _Builder:
    """Runs the parse and turns stamped tokens into the Document's items."""

    def __init__(self, body: str, first_line: int) -> None:
        text = body.replace("\r\n", "\n").replace("\r", "\n") if "\r" in body else body
        self.text = text
        self.first_line = first_line
        self.liquid = _scan_liquid(text)
        if "](" in text and _SPACE not in text:
            self.liquid.masked = _mask_url_spaces(self.liquid.masked)
        self.starts = _line_starts(text)
        self.problems: list[str] = []
        self.heading_records: list[list[Any]] = []
        # (start, url offset, kind, image, url, text, label, title)
        self.links: list[tuple[int, int, str, bool, str, str, str | None, str | None]] = []
        self.undefined: list[tuple[int, str, str]] = []  # (start, label, text)
        self.code_spans: list[tuple[int, int, str]] = []
        self.code_blocks: list[tuple[int, int, str | None, bool, str]] = []
        self.comments: list[tuple[int, int, str]] = []
        self.anchors: list[tuple[int, str]] = []
        self.counter = HeadingIdCounter()
        self.definitions: dict[str, tuple[str, int]] = {}

    # ---- positions -------------------------------------------------------------------------

    def original(self, text: str, start: int, end: int) -> str:
        """`text` (found in the masked body between body offsets start..end) as written:
        Liquid and spaces in link destinations restored."""
        if _SPACE in text:
            text = text.replace(_SPACE, " ")
        if _MASK not in text:
            return text
        tags = self.liquid.tags
        index = bisect_left(tags, (start, -1))
        pos = 0
        while index < len(tags) and tags[index][0] < end:
            tag_start, tag_end = tags[index]
            original = self.text[tag_start:tag_end]
            masked = _NOT_NEWLINE.sub(_MASK, original)
            found = text.find(masked, pos)
            if found >= 0:
                text = text[:found] + original + text[found + len(masked) :]
                pos = found + len(original)
            index += 1
        return text

    # ---- driver -----------------------------------------------------------------------------

    def build(self) -> Document:
        md = _markdown()
        src = self.liquid.masked
        starts = self.starts
        if not src.endswith("\n"):
            src += "\n"
            starts = [*starts, len(src)]
        state = md.block.state_cls()
        state.process(src)
        state._starts = starts  # same lines as the body (masking keeps every newline)
        state.env["_definitions"] = []
        state.env["_footnote_tokens"] = []
        state.env["_undefined"] = []
        state.env["_items"] = []  # inline tokens with positions, recorded as they are parsed
        state.env["_maybe"] = []
        state.env["_states"] = [state]
        self.env = state.env
        self.inline = md.inline
        try:
            md.block.parse(state)
        except RecursionError:
            self.problems.append(
                "the Markdown is nested too deeply to parse; items after the nesting are missing"
            )
        for def_state, bracket, label, after in state.env["_definitions"]:
            self.add_definition(def_state, bracket, label, after)
        try:
            self.walk(state.tokens)
            self.walk(state.env["_footnote_tokens"])
        except RecursionError:
            self.problems.append(
                "the Markdown is nested too deeply to parse; items after the nesting are missing"
            )
        if state.env.get("_too_deep"):
            self.problems.append(
                f"lists and block quotes are nested {_MAX_NESTING - 1} or more levels deep: anything"
                " deeper is read as plain paragraphs (its headings and code blocks are not seen)"
            )
        self.add_liquid_items()
        for start, content_start, content_end, end, language in self.liquid.highlights:
            # Like Jekyll, drop the line breaks around the code.
            content = self.text[content_start:content_end].strip("\n")
            self.code_blocks.append((start, end, language, True, content))
        # Tokens point at their states and states hold their tokens: break those cycles now so
        # reference counting frees the parse (leaving it to the cyclic GC costs ~10% more).
        for block_state in state.env["_states"]:
            block_state.tokens = []
        state.env.clear()
        return self.finish()

    def walk(self, tokens: list[dict[str, Any]]) -> None:
        previous: dict[str, Any] | None = None
        for token in tokens:
            kind = token["type"]
            if kind in ("paragraph", "block_text"):
                if not self.paragraph_ial(token, previous):
                    self.inline_items(token["_st"], _segments(token), token["text"])
            elif kind == "heading":
                self.heading(token)
            elif kind == "block_code":
                self.code_block(token)
            elif kind == "block_html":
                if "_st" in token:
                    self.html(token["raw"], lambda i, t=token: _to_root(t["_st"], t["_start"] + i))
            elif kind == "table":
                self.table(token)
            elif "children" in token:
                self.walk(token["children"])
            if kind != "blank_line":
                previous = token

    # ---- blocks -----------------------------------------------------------------------------

    def heading(self, token: dict[str, Any]) -> None:
        state = token["_st"]
        level = token["attrs"]["level"]
        if token.get("style") == "atx":
            raw = token["_content_raw"]
            stripped = raw.lstrip(" \t")
            content_start = token["_content"] + len(raw) - len(stripped)
            text = stripped.rstrip()
            explicit = explicit_id(text)
            if explicit:
                text = text[: explicit.start()].rstrip()
            if _ATX_TRAILING_HASHES.search(text):
                text = _ATX_TRAILING_HASHES.sub("", text).rstrip()
            # kramdown: no indentation before '#', and an empty title is a paragraph.
            if token["_indented"] or not text:
                self.inline_items(state, [[content_start, len(stripped)]], stripped)
                return
            segments = [[content_start, len(text)]]
            start = _to_root(state, token["_hash"])
        else:
            full = token["text"]
            lead = len(full) - len(full.lstrip(_INLINE_STRIP))
            text = full.strip(_INLINE_STRIP)
            if "\n" in text:  # kramdown's setext title is a single line after a block boundary
                self.inline_items(state, _segments(token), full)
                return
            explicit = explicit_id(text)
            if explicit:
                text = text[: explicit.start()].rstrip()
            segments = _shift(_segments(token), lead)
            start = _to_root(state, segments[0][0])
        children = self.inline_items(state, segments, text, tokens_needed=True)
        raw_text = self.original(_raw_text(children), start, _bound(start, text))
        record = [start, level, raw_text, explicit.group(1) if explicit else None]
        token["_heading"] = record
        self.heading_records.append(record)

    def paragraph_ial(self, token: dict[str, Any], previous: dict[str, Any] | None) -> bool:
        """kramdown block IALs (`{: #id}` alone on a line) give the block next to them an id.

        Right after a heading it sets the heading's id; otherwise the id becomes an anchor.
        Returns True when the whole paragraph is the IAL (so it is not text).
        """
        text = token["text"]
        if "{:" not in text:
            return False
        stripped = text.strip("\n")
        if "\n" not in stripped:
            m = _BLOCK_IAL_ID.match(stripped)
            if not m:
                return False
            if previous is not None and previous["type"] == "heading" and "_heading" in previous:
                previous["_heading"][3] = m.group(1)
            else:
                self.anchors.append((_to_root(token["_st"], token["_at"]), m.group(1)))
            return True
        # An IAL line just above or below a paragraph's text applies to that paragraph.
        offset = 0
        for line in text.splitlines(keepends=True):
            m = _BLOCK_IAL_ID.match(line.rstrip("\n"))
            if m:
                at = _segments(token)[0][0] + offset
                self.anchors.append((_to_root(token["_st"], at), m.group(1)))
            offset += len(line)
        return False

    def code_block(self, token: dict[str, Any]) -> None:
        if "_st" not in token:
            return
        state = token["_st"]
        src = state.src
        fenced = token.get("style") == "fenced"
        start = token["_start"]
        end = token["_end"]
        last = src[start:end].rstrip(" \t\n")
        end_offset = start + len(last)
        root_start = _to_root(state, start)
        root_end = _to_root(state, max(end_offset - 1, start)) + 1
        info = token.get("attrs", {}).get("info") if fenced else None
        code = self.original(token["raw"], root_start, root_end)
        self.code_blocks.append((root_start, root_end, info, fenced, code))

    def table(self, token: dict[str, Any]) -> None:
        """Table cells are inline-parsed from their own text: header row, (alignment), rows."""
        state = token["_st"]
        src = state.src
        head, body = token["children"]
        rows = [head["children"]] + [row["children"] for row in body["children"]]
        lines = src[token["_start"] : token["_end"]].split("\n")
        line_start = token["_start"]
        row_lines = []
        for index, line in enumerate(lines):
            if index != 1:  # line 1 is the alignment row
                row_lines.append((line_start, line_start + len(line)))
            line_start += len(line) + 1
        for cells, (start, end) in zip(rows, row_lines, strict=False):
            offsets = _cell_offsets(src, start, end)
            if len(offsets) != len(cells):
                continue
            for cell_start, cell_end in offsets:
                self.inline_items(
                    state, [[cell_start, cell_end - cell_start]], src[cell_start:cell_end]
                )

    def add_definition(self, state: Any, bracket: int, label: str, after: int) -> None:
        src = state.src
        pos = after
        while pos < len(src) and src[pos] in " \t":
            pos += 1
        if pos < len(src) and src[pos] == "\n":
            pos += 1
            while pos < len(src) and src[pos] in " \t":
                pos += 1
        if src.startswith("<", pos):
            close = src.find(">", pos)
            url_start, url_end = pos + 1, close if close >= 0 else pos + 1
        else:
            url_end = pos
            while url_end < len(src) and not src[url_end].isspace():
                url_end += 1
            url_start = pos
        start = _to_root(state, bracket)
        url_root = _to_root(state, url_start)
        url = self.original(src[url_start:url_end], url_root, url_root + (url_end - url_start))
        from mistune.util import unikey

        key = unikey(label)
        ref = self.env["ref_links"].get(key, {})
        if key not in self.definitions:
            self.definitions[key] = (url, url_root)
        self.links.append((start, url_root, "definition", False, url, "", label, ref.get("title")))

    # ---- inline -----------------------------------------------------------------------------

    def inline_items(
        self, state: Any, segments: list[list[int]], text: str, tokens_needed: bool = False
    ) -> list[dict[str, Any]]:
        """Inline-parse a block's text and record its items; returns the inline tokens.

        Every inline item starts with '[', '<' or '`', so text without them is not parsed at
        all unless the caller needs its tokens (a heading's id text).
        """
        stripped = text.strip(_INLINE_STRIP)
        if not stripped:
            return []
        if (
            not tokens_needed
            and "[" not in stripped
            and "<" not in stripped
            and "`" not in stripped
        ):
            return []
        if text[0] in _INLINE_STRIP:
            segments = _shift(segments, len(text) - len(text.lstrip(_INLINE_STRIP)))
        inline_state = self.inline.state_cls(self.env)
        inline_state.src = stripped
        tokens = self.inline.render(inline_state)

        env = self.env
        items = env["_items"]
        if not items and not env["_undefined"] and not env["_maybe"]:
            return tokens
        root = _inline_to_root(state, segments)
        for undefined_at, label, link_text in env["_undefined"]:
            at = root(undefined_at)
            self.undefined.append((at, label, self.original(link_text, at, _bound(at, link_text))))
        env["_undefined"].clear()
        if env["_maybe"]:
            # Autolinks inside a link's text become text again; keep those still in the tree.
            alive = _autolink_positions(tokens)
            items.extend(token for token in env["_maybe"] if token["_pos"] in alive)
            env["_maybe"].clear()
        for token in items:
            kind = token["type"]
            if kind == "codespan":
                start, end = root(token["_pos"]), root(token["_end"] - 1) + 1
                self.code_spans.append((start, end, self.original(token["_code"], start, end)))
            elif kind == "inline_html":
                self.html(token["raw"], lambda i, p=token["_pos"]: root(p + i))
            else:
                self.inline_link(token, stripped, root)
        items.clear()
        return tokens

    def inline_link(self, token: dict[str, Any], src: str, root: Any) -> None:
        image = token["type"] == "image"
        start = root(token["_pos"])
        title = token.get("attrs", {}).get("title")
        if "_auto" in token:
            url = token["_auto"]
            url_at = root(token["_pos"] + 1)
            url = self.original(url, url_at, url_at + len(url))
            self.links.append((start, url_at, "autolink", False, url, url, None, None))
            return
        text = self.original(
            _plain_text(token["children"]), start, _bound(start, token.get("_textraw", ""))
        )
        if "label" in token:
            url, url_at = self.definitions.get(token["ref"], ("", start))
            self.links.append((start, url_at, "reference", image, url, text, token["label"], title))
            return
        # The destination after `](`: mistune accepted it, so it is well formed; find its span.
        m = _LINK_DESTINATION.match(src, token["_close"] + 2)
        url_start, url_end = m.span(1) if m.group(1) is not None else m.span(2)
        if url_end < len(src) and src[url_end] == "(":
            url_end = _balanced_url_end(src, url_start)
        url_at = root(url_start)
        url = self.original(src[url_start:url_end], url_at, url_at + (url_end - url_start))
        self.links.append((start, url_at, "inline", image, url, text, None, title))

    def html(self, raw: str, root: Any) -> None:
        """Links, anchors and comments in a piece of raw HTML (a block, or one inline tag)."""
        if "<" not in raw:
            return
        for m in _HTML_ITEM.finditer(raw):
            if m.group(2) is None:
                start, end = root(m.start()), root(m.end() - 1) + 1
                self.comments.append((start, end, self.original(m.group(1), start, end)))
                continue
            tag = m.group(2).lower()
            attrs = m.group(3)
            if not attrs:
                continue
            base = m.start(3)
            for a in _HTML_ATTR.finditer(attrs):
                name = a.group(1).lower()
                value_group = 2 if a.group(2) is not None else 3 if a.group(3) is not None else 4
                value = a.group(value_group)
                if value is None:
                    continue
                value_at = root(base + a.start(value_group))
                value = self.original(value, value_at, value_at + len(value))
                if name in ("href", "src"):
                    start = root(m.start())
                    image = name == "src" and tag == "img"
                    self.links.append((start, value_at, "html", image, value, "", None, None))
                elif name == "id" or (name == "name" and tag == "a"):
                    self.anchors.append((value_at, html.unescape(value)))

    def add_liquid_items(self) -> None:
        for kind, start, argument, argument_at in self.liquid.tag_links:
            self.links.append((start, argument_at, kind, False, argument, "", None, None))

    # ---- result -----------------------------------------------------------------------------

    def finish(self) -> Document:
        """Turn body offsets into file positions and build the Document (items in source order)."""
        starts = self.starts
        first = self.first_line
        text = self.text

        def position(offset: int) -> tuple[int, int]:
            index = bisect_right(starts, offset) - 1
            return index + first, offset - starts[index] + 1

        def end_position(end: int, start: int) -> tuple[int, int]:
            """(line, column just past) of an exclusive end offset."""
            index = bisect_right(starts, max(end - 1, start)) - 1
            return index + first, end - starts[index] + 1

        code = sorted(
            [(s, e) for s, e, _ in self.code_spans] + [(s, e) for s, e, *_ in self.code_blocks]
        )
        excluded = sorted(code + [(s, e) for s, _, _, e in self.liquid.raw] + self.liquid.removed)
        excluded_starts = [s for s, _ in excluded]

        def hidden(offset: int) -> bool:
            index = bisect_right(excluded_starts, offset) - 1
            return index >= 0 and offset < excluded[index][1]

        headings = []
        for start, level, raw_text, given_id in self.heading_records:
            # kramdown counts every heading that gets an automatic id, hidden or not.
            heading_id = given_id if given_id else self.counter.next_id(raw_text)
            if not hidden(start):
                line, column = position(start)
                headings.append(
                    Heading(level, raw_text, heading_id, given_id is not None, line, column)
                )
        links = []
        for start, url_at, kind, image, url, link_text, label, title in sorted(
            self.links, key=_FIRST_TWO
        ):
            if hidden(start):
                continue
            index = bisect_right(starts, start) - 1
            url_index = bisect_right(starts, url_at) - 1
            links.append(
                Link(
                    kind,  # type: ignore[arg-type]
                    image,
                    url,
                    link_text,
                    index + first,
                    start - starts[index] + 1,
                    url_index + first,
                    url_at - starts[url_index] + 1,
                    label,
                    title,
                )
            )
        undefined = [
            UndefinedReference(label, ref_text, *position(start))
            for start, label, ref_text in sorted(self.undefined, key=_FIRST)
            if not hidden(start)
        ]

        def spans(items: list[tuple[int, int, str]], hide: bool) -> tuple[Span, ...]:
            return tuple(
                Span(span_text, *position(start), *end_position(end, start))
                for start, end, span_text in sorted(items, key=_FIRST)
                if not (hide and hidden(start))
            )

        code_blocks = tuple(
            CodeBlock(info, fenced, block_text, position(start)[0], end_position(end, start)[0])
            for start, end, info, fenced, block_text in sorted(self.code_blocks, key=_FIRST)
        )
        raw = [
            (start, end, text[content_start:content_end])
            for start, content_start, content_end, end in self.liquid.raw
        ]
        anchors = tuple(
            Anchor(anchor_id, *position(at))
            for at, anchor_id in sorted(self.anchors)
            if not hidden(at)
        )
        return Document(
            headings=tuple(headings),
            links=tuple(links),
            undefined_references=tuple(undefined),
            code_spans=spans(self.code_spans, False),
            code_blocks=code_blocks,
            comments=spans(self.comments, True),
            raw_regions=spans(raw, False),
            anchors=anchors,
            first_line=first,
            problems=tuple(self.problems),
            _code_ranges=tuple(
                (*position(start), *end_position(end, start)) for start, end in code
            ),
        )


_FIRST = itemgetter(0)
_FIRST_TWO = itemgetter(0, 1)


def _bound(start: int, text: str) -> int:
    """A body offset safely past the end of an inline element that starts at `start`
    (its source can be longer than its text by container prefixes on each line)."""
    return start + 8 * len(text) + 256


def _segments(token: dict[str, Any]) -> list[list[int]]:
    """[start, length] pieces of the state's src that make up a paragraph's text."""
    src, text, start = token["_st"].src, token["text"], token["_at"]
    if src.startswith(text, start):
        return [[start, len(text)]]
    # A footnote definition inside a paragraph is consumed without ending it, so the text
    # has gaps: take each of its lines where it next starts a source line.
    segments = []
    pos = start
    for line in text.splitlines(keepends=True):
        while pos < len(src) and not src.startswith(line, pos):
            pos = src.find("\n", pos) + 1 or len(src)
        if pos >= len(src):
            break
        segments.append([pos, len(line)])
        pos += len(line)
    return segments or [[start, 0]]


def _shift(segments: list[list[int]], count: int) -> list[list[int]]:
    """Drop the first `count` characters from a list of [start, length] segments."""
    result = []
    for start, length in segments:
        if count >= length:
            count -= length
            continue
        result.append([start + count, length - count])
        count = 0
    return result or [[segments[-1][0] + segments[-1][1], 0]]


def _cell_offsets(src: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell's stripped text in one table row, as mistune splits them."""
    line = src[start:end].rstrip(" \t")
    body_start = start + len(line) - len(line.lstrip(" \t"))
    body_end = start + len(line)
    if src.startswith("|", body_start):
        body_start += 1
        if body_end > body_start and src[body_end - 1] == "|":
            body_end -= 1
    cells = []
    cell_start = body_start
    pos = body_start
    while pos <= body_end:
        if pos == body_end or (src[pos] == "|" and not _escaped(src, pos, body_start)):
            a, b = cell_start, pos
            while a < b and src[a] in " \t":
                a += 1
            while b > a and src[b - 1] in " \t":
                b -= 1
            cells.append((a, b))
            cell_start = pos + 1
        pos += 1
    return cells


def _balanced_url_end(src: str, pos: int) -> int:
    """End of a link destination with deeply nested parentheses (mistune's own scan)."""
    depth = 0
    while pos < len(src):
        c = src[pos]
        if c in " \t\n\r\f":
            break
        if c == "\\" and pos + 1 < len(src):
            pos += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                break
            depth -= 1
        pos += 1
    return pos


def _escaped(src: str, pos: int, floor: int) -> bool:
    count = 0
    pos -= 1
    while pos >= floor and src[pos] == "\\":
        count += 1
        pos -= 1
    return count % 2 == 1


def _autolink_positions(tokens: list[dict[str, Any]]) -> set[int]:
    """`_pos` of every autolink token left in an inline token tree."""
    found = set()
    for token in tokens:
        if "_auto" in token:
            found.add(token["_pos"])
        elif "children" in token:
            found |= _autolink_positions(token["children"])
    return found


def _plain_text(tokens: list[dict[str, Any]]) -> str:
    """What a reader sees: text, code and math, with images' alt text."""
    if len(tokens) == 1 and tokens[0]["type"] == "text":
        return tokens[0]["raw"]
    parts = []
    for token in tokens:
        kind = token["type"]
        if kind in ("text", "codespan", "inline_math"):
            parts.append(token["raw"])
        elif kind in ("softbreak", "linebreak"):
            parts.append(" ")
        elif "children" in token:
            parts.append(_plain_text(token["children"]))
    return "".join(parts)


def _raw_text(tokens: list[dict[str, Any]]) -> str:
    """kramdown's `raw_text` for a header: text (typographic symbols and entities as characters),
    code span content and math source; images and raw HTML contribute nothing."""
    parts = []
    for token in tokens:
        kind = token["type"]
        if kind == "text":
            raw = token["raw"]
            if "&" in raw:
                raw = _ENTITY.sub(lambda m: html.unescape(m.group(0)), raw)
            if "--" in raw or "..." in raw:
                raw = _TYPOGRAPHIC.sub(lambda m: _TYPOGRAPHIC_CHARS[m.group(0)], raw)
            parts.append(raw)
        elif kind in ("codespan", "inline_math"):
            parts.append(token["raw"])
        elif kind == "image":
            continue
        elif "children" in token:
            parts.append(_raw_text(token["children"]))
    return "".join(parts)
