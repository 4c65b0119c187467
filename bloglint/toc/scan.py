"""Find tables of contents in a post's source: marker pairs, their list entries, kramdown `{:toc}`.

Markers are HTML comments, which the Markdown parser keeps as opaque blocks, so they are found
on the raw lines; lines inside code blocks and code spans are skipped (a post that *documents*
`<!-- TOC -->` is not a TOC). Everything is located in file lines (front matter included).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from bloglint.document import Document

# Marker comment bodies, by generator. VS Code "Markdown TOC" (alanwalk, huntertran) opens with
# `<!-- TOC options -->`, matched case-insensitively like the extension does, and closes with
# `<!-- /TOC -->`; markdown-toc (jonschlinkert) opens with the same word in lower case and
# closes with `<!-- tocstop -->`. The closer decides which of the two a block belongs to.
_COMMENT = re.compile(r"<!--([^\n]*?)-->")
_TOC_OPEN = re.compile(r"\s*TOC(?P<options>(?:\s+\w+[:=][\w.]+)*)\s*", re.IGNORECASE)
_TOC_CLOSE = re.compile(r"\s*/\s*TOC\s*", re.IGNORECASE)
_TOCSTOP = re.compile(r"\s*tocstop\s*", re.IGNORECASE)
_DOCTOC_OPEN = re.compile(r"\s*START doctoc\b.*", re.IGNORECASE)
_DOCTOC_CLOSE = re.compile(r"\s*END doctoc\b.*", re.IGNORECASE)
_VIM_OPEN = re.compile(r"\s*vim-markdown-toc\s+(?P<options>\S+)\s*")
_VIM_CLOSE = re.compile(r"\s*vim-markdown-toc\s*")
_MDFORMAT_OPEN = re.compile(r"\s*mdformat-toc\s+start\b(?P<options>.*?)\s*")
_MDFORMAT_CLOSE = re.compile(r"\s*mdformat-toc\s+end\s*")
_VSCODE_OPTION = re.compile(r"(\w+)[:=]([\w.]+)")
_MDFORMAT_OPTION = re.compile(r"--(\w[\w-]*)(?:=(\S+))?")

# kramdown replaces a list carrying the `toc` reference (`* TOC` then `{:toc}`) by a generated TOC.
_KRAMDOWN_TOC = re.compile(
    r"^[ \t]{0,3}\{:(?:[^}\n]*\s)?toc(?:\s[^}\n]*)?\}[ \t]*\r?$", re.MULTILINE
)
_LIST_ITEM_LINE = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")

# One TOC entry: a list item whose text starts with a link (or, withLinks:false, plain text).
_ENTRY = re.compile(r"(?P<indent>[ \t]*)(?P<bullet>[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<rest>.*))?")
# What follows a link text's `](`: a destination (ending at an ASCII space; Unicode spaces such
# as U+3000 belong to it), an optional title, `)`. `[x](#a b)` is no link to Markdown, but in a
# TOC it is an entry with a broken fragment, so a `#...)` tail is accepted as well.
_DESTINATION = re.compile(
    r"(?P<target>[^ \t()]*(?:\([^ \t()]*\)[^ \t()]*)*)(?:[ \t]+\"[^\"]*\")?\)|(?P<broken>#.*)\)"
)

# Generators, as reported in messages and accepted in `bloglint: toc: style:`.
MARKER_STYLES = ("vscode", "markdown-toc", "doctoc", "vim-markdown-toc", "mdformat-toc")
STYLES = MARKER_STYLES + ("kramdown", "front-matter")

OPENERS = {
    "vscode": "<!-- TOC -->",
    "markdown-toc": "<!-- toc -->",
    "doctoc": "<!-- START doctoc -->",
    "vim-markdown-toc": "<!-- vim-markdown-toc GFM -->",
    "mdformat-toc": "<!-- mdformat-toc start -->",
}
CLOSERS = {
    "vscode": "<!-- /TOC -->",
    "markdown-toc": "<!-- tocstop -->",
    "doctoc": "<!-- END doctoc -->",
    "vim-markdown-toc": "<!-- vim-markdown-toc -->",
    "mdformat-toc": "<!-- mdformat-toc end -->",
}


# NamedTuples rather than dataclasses: much cheaper to define at import time and to create,
# and every `bloglint check` imports this module and makes one per TOC line.
class Marker(NamedTuple):
    """One marker comment. `family` pairs openers with closers ("toc" covers VS Code and markdown-toc)."""

    family: str
    opening: bool
    style: str  # the generator it implies on its own (a "toc" opener is settled by its closer)
    text: str  # the comment as written
    start: int  # offset of "<!--" in the file text
    end: int  # offset just past "-->"
    line: int
    column: int
    options: dict[str, str]  # generator options written in the opening marker


class TocEntry(NamedTuple):
    """One list item of a TOC."""

    line: int
    column: int  # of the bullet
    indent: int  # leading whitespace in columns (a tab counts 4)
    bullet: str  # "-", "*", "+", or an ordered marker such as "1." / "3)"
    text: str  # link text as written (the whole item text when there is no link)
    target: str | None  # the link destination as written, None for a plain-text item


class TocBlock(NamedTuple):
    """A paired opening and closing marker and what lies between them."""

    style: str
    opening: Marker
    closing: Marker
    entries: tuple[TocEntry, ...]
    inner: str  # the file text between the two markers

    @property
    def empty(self) -> bool:
        return not self.inner.strip()


class TocScan(NamedTuple):
    """Every TOC construct of one post."""

    blocks: tuple[TocBlock, ...]
    unpaired: tuple[Marker, ...]  # openers without closers and closers without openers
    kramdown_lines: tuple[int, ...]  # lines of `{:toc}` that follow a list item
    front_matter: bool | None  # the post's `toc:` front matter when it is a boolean
    kramdown_orphans: tuple[int, ...] = ()  # lines of `{:toc}` that follow no list: no TOC

    @property
    def markers(self) -> tuple[Marker, ...]:
        paired = [m for block in self.blocks for m in (block.opening, block.closing)]
        return tuple(sorted(paired + list(self.unpaired), key=lambda m: m.start))

    @property
    def styles(self) -> frozenset[str]:
        """The generators this post uses (unpaired openers count: the author meant a TOC)."""
        found = {block.style for block in self.blocks}
        found.update(m.style for m in self.unpaired if m.opening)
        if self.kramdown_lines:
            found.add("kramdown")
        if self.front_matter:
            found.add("front-matter")
        return frozenset(found)


class _Lines:
    """Line numbers and line texts of a file, found on demand (a post has few markers)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._offset = 0  # counting resumes here when offsets come in order
        self._line = 1

    def locate(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a text offset."""
        if offset < self._offset:
            self._offset, self._line = 0, 1
        self._line += self.text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line, offset - self.text.rfind("\n", 0, offset)

    def offset_of_line(self, line: int) -> int:
        position = 0
        for _ in range(line - 1):
            position = self.text.find("\n", position) + 1
            if position == 0:
                return len(self.text)
        return position

    def line_around(self, offset: int) -> str:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return self.text[start : len(self.text) if end == -1 else end].rstrip("\r")


class _Code:
    """Which file positions are code (blocks by line, spans by line and column)."""

    def __init__(self, document: Document | None) -> None:
        self.block_ranges: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._document = document
        self._spans: dict[int, list[tuple[int, int, int, int]]] | None = None
        if document is None:
            return
        self.block_ranges = sorted((b.line, b.end_line) for b in document.code_blocks)
        self._starts = [first for first, _ in self.block_ranges]

    @property
    def spans(self) -> dict[int, list[tuple[int, int, int, int]]]:
        """Code spans by line (built when a marker outside code blocks needs them)."""
        if self._spans is None:
            self._spans = {}
            if self._document is not None:
                for span in self._document.code_spans:
                    for line in range(span.line, span.end_line + 1):
                        self._spans.setdefault(line, []).append(
                            (span.line, span.column, span.end_line, span.end_column)
                        )
        return self._spans

    def in_block(self, line: int) -> bool:
        index = bisect.bisect_right(self._starts, line) - 1
        return index >= 0 and self.block_ranges[index][1] >= line

    def covers(self, line: int, column: int) -> bool:
        if self.in_block(line):
            return True
        for first, first_col, last, last_col in self.spans.get(line, ()):
            after_start = line > first or column >= first_col
            before_end = line < last or column < last_col
            if after_start and before_end:
                return True
        return False


def _classify(body: str) -> tuple[str, bool, str, dict[str, str]] | None:
    """(family, opening, style, options) for a comment body that is a TOC marker."""
    if _TOC_CLOSE.fullmatch(body):
        return "toc", False, "vscode", {}
    if _TOCSTOP.fullmatch(body):
        return "toc", False, "markdown-toc", {}
    match = _TOC_OPEN.fullmatch(body)
    if match:
        options = {k.lower(): v for k, v in _VSCODE_OPTION.findall(match.group("options"))}
        # Lower-case `<!-- toc -->` is markdown-toc's spelling; VS Code writes `TOC`.
        style = "markdown-toc" if body.strip().startswith("toc") else "vscode"
        return "toc", True, style, options
    if _DOCTOC_OPEN.fullmatch(body):
        return "doctoc", True, "doctoc", {}
    if _DOCTOC_CLOSE.fullmatch(body):
        return "doctoc", False, "doctoc", {}
    match = _MDFORMAT_OPEN.fullmatch(body)
    if match:
        options = {k.lower(): v or "" for k, v in _MDFORMAT_OPTION.findall(match.group("options"))}
        return "mdformat-toc", True, "mdformat-toc", options
    if _MDFORMAT_CLOSE.fullmatch(body):
        return "mdformat-toc", False, "mdformat-toc", {}
    if _VIM_CLOSE.fullmatch(body):
        return "vim-markdown-toc", False, "vim-markdown-toc", {}
    match = _VIM_OPEN.fullmatch(body)
    if match:
        return "vim-markdown-toc", True, "vim-markdown-toc", {"style": match.group("options")}
    return None


def _expand_indent(whitespace: str) -> int:
    """Columns of leading white space, a tab counting 4."""
    return len(whitespace) + 3 * whitespace.count("\t")


def _link(rest: str) -> tuple[str, str] | None:
    """(text, destination) of the link an item starts with; the last `](` that fits wins."""
    if not rest.startswith("["):
        return None
    cut = rest.rfind("](")
    while cut > 0:
        match = _DESTINATION.match(rest, cut + 2)
        if match:
            target, broken = match.group("target", "broken")
            return rest[1:cut], target if broken is None else broken
        cut = rest.rfind("](", 0, cut)
    return None


def parse_entry(line_text: str, line: int) -> TocEntry | None:
    """The TOC entry on one line, or None when the line is not a list item."""
    match = _ENTRY.fullmatch(line_text)
    if match is None:
        return None
    indent, bullet, rest = match.group("indent", "bullet", "rest")
    rest = rest.rstrip(" \t") if rest else ""
    link = _link(rest)
    text, target = link if link else (rest, None)
    return TocEntry(line, len(indent) + 1, _expand_indent(indent), bullet, text, target)


def _entries(text: str, opening: Marker, closing: Marker) -> tuple[TocEntry, ...]:
    """The list items on the lines strictly between the two markers."""
    first = text.find("\n", opening.end)
    last = text.rfind("\n", 0, closing.start)
    if first == -1 or last <= first:
        return ()
    entries = []
    for number, line_text in enumerate(text[first + 1 : last].split("\n"), start=opening.line + 1):
        entry = parse_entry(line_text.rstrip("\r"), number)
        if entry is not None:
            entries.append(entry)
    return tuple(entries)


def _markers(text: str, lines: _Lines, body_start: int, code: _Code) -> list[Marker]:
    markers = []
    for match in _COMMENT.finditer(text, body_start):
        kind = _classify(match.group(1))
        if kind is None:
            continue
        line, column = lines.locate(match.start())
        if code.covers(line, column):
            continue
        family, opening, style, options = kind
        markers.append(
            Marker(
                family=family,
                opening=opening,
                style=style,
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                line=line,
                column=column,
                options=options,
            )
        )
    return markers


def _pair(
    text: str, markers: list[Marker], barriers: list[int]
) -> tuple[list[TocBlock], list[Marker]]:
    """Pair each opener with the next closer of its family; TOCs do not nest.

    A TOC holds a list, never a heading or a code block: an opener and a closer with one of
    those (`barriers`, sorted lines) between them are two unpaired markers, not a TOC whose
    "content" a fix would replace.
    """
    blocks: list[TocBlock] = []
    unpaired: list[Marker] = []
    pending: Marker | None = None
    for marker in markers:
        if marker.opening:
            if pending is not None:
                unpaired.append(pending)
            pending = marker
        elif (
            pending is not None
            and pending.family == marker.family
            and bisect.bisect_right(barriers, pending.line)
            == bisect.bisect_left(barriers, marker.line)
        ):
            style = marker.style if marker.family == "toc" else pending.style
            blocks.append(
                TocBlock(
                    style=style,
                    opening=pending,
                    closing=marker,
                    entries=_entries(text, pending, marker),
                    inner=text[pending.end : marker.start],
                )
            )
            pending = None
        else:
            if pending is not None and pending.family == marker.family:
                unpaired.append(pending)  # separated from its closer by a heading or code
                pending = None
            unpaired.append(marker)
    if pending is not None:
        unpaired.append(pending)
    unpaired.sort(key=lambda m: m.start)
    return blocks, unpaired


def _kramdown_tocs(
    text: str, lines: _Lines, body_start: int, code: _Code
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Lines of `{:toc}` right after a list item (a TOC), and of those after anything else.

    kramdown only turns a list into a TOC when the IAL is on the line right after it; after a
    paragraph, or after a blank line, the reference does nothing (checked with Jekyll 4.3.1).
    """
    attached, orphans = [], []
    for match in _KRAMDOWN_TOC.finditer(text, body_start):
        line, _ = lines.locate(match.start())
        if code.in_block(line):
            continue
        previous_end = text.rfind("\n", 0, match.start())
        after_list = previous_end > 0 and _LIST_ITEM_LINE.match(lines.line_around(previous_end))
        (attached if after_list else orphans).append(line)
    return tuple(attached), tuple(orphans)


def scan_text(
    text: str,
    document: Document | None = None,
    *,
    body_line: int = 1,
    front_matter_toc: bool | None = None,
) -> TocScan:
    """Find the TOC constructs in a file's text (front matter, if any, ends before `body_line`)."""
    if "<!--" not in text and "toc" not in text:
        return TocScan((), (), (), front_matter_toc)
    lines = _Lines(text)
    body_start = lines.offset_of_line(body_line)
    code = _Code(document)
    blocks: list[TocBlock] = []
    unpaired: list[Marker] = []
    if "<!--" in text:
        barriers: list[int] = []
        if document is not None:
            barriers = sorted(
                [h.line for h in document.headings] + [b.line for b in document.code_blocks]
            )
        blocks, unpaired = _pair(text, _markers(text, lines, body_start, code), barriers)
    kramdown, orphans = (
        _kramdown_tocs(text, lines, body_start, code)
        if "{:" in text and "toc" in text
        else ((), ())
    )
    return TocScan(tuple(blocks), tuple(unpaired), kramdown, front_matter_toc, orphans)
