"""Find the math in a post body exactly where the site's engine will see it.

The engine (MathJax's tex2jax or KaTeX's auto-render) scans the HTML kramdown produces, so
this module follows kramdown from the source: fenced and indented code blocks are never
math (they become `<pre>`); raw HTML blocks pass through untouched; in Markdown text kramdown
turns `$$..$$` into `\\(..\\)`/`\\[..\\]` itself and removes the backslash of every escape
(`\\\\(` → `\\(`, `\\(` → `(`, `\\{` → `{`), and `*`/`_` pairs become emphasis. Code spans are
kept verbatim and are scanned only when the site typesets math inside `<code>`.

`extract_math` returns every formula with its file position and the problems that are about
where math is or is not (an unclosed `\\(`, `$x$` where `$` is no delimiter, math kramdown
will mangle). Checking the TeX itself is `bloglint.math.tex`'s job.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Literal, NamedTuple

from bloglint.math.profile import PARTNER, MathProfile

Where = Literal["code", "text", "html", "kramdown"]
ProblemKind = Literal["unclosed", "literal-dollar", "mangled", "eaten-backslash"]


class _Lines:
    """Body offset → file (line, column), by bisecting the line starts (found on first use)."""

    def __init__(self, body: str, first_line: int) -> None:
        self.body = body
        self.starts: list[int] = []
        self.first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        if not self.starts:
            self.starts = [0] + [m.end() for m in re.finditer("\n", self.body)]
        index = bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1


class Formula(NamedTuple):
    """One formula as the engine receives it, and where it is in the file."""

    tex: str  # the TeX between the delimiters, as the engine sees it
    display: bool
    delimiter: str  # the opening delimiter the engine sees: "\\(", "\\[", "$", "$$", "\\begin"
    where: Where  # code span, Markdown text, raw HTML, or kramdown's own $$ math
    offset: int  # body offset of the opening delimiter
    anchors: tuple[tuple[int, int], ...]  # (offset in tex, body offset), ascending
    lines: _Lines

    @property
    def line(self) -> int:
        """1-based file line of the opening delimiter."""
        return self.lines.at(self.offset)[0]

    @property
    def column(self) -> int:
        return self.lines.at(self.offset)[1]

    def position(self, offset: int) -> tuple[int, int]:
        """File line and column of `tex[offset]` (kramdown's escapes accounted for)."""
        start, body_offset = self.anchors[0]
        for anchor in self.anchors:
            if anchor[0] > offset:
                break
            start, body_offset = anchor
        return self.lines.at(body_offset + offset - start)


class MathProblem(NamedTuple):
    kind: ProblemKind
    line: int
    column: int
    message: str


class MathScan:
    """What `extract_math` found in one post."""

    __slots__ = ("formulas", "problems")

    def __init__(self) -> None:
        self.formulas: list[Formula] = []
        self.problems: list[MathProblem] = []


# --- blocks -------------------------------------------------------------------------------

# Searched in "\n" + body: a leading `\n` instead of `^` lets the regex engine jump from line
# to line instead of trying every position.
_FENCE = re.compile(r"\n[ \t]*(```+|~~~+)(.*)")
# HTML block elements (kramdown's list) plus the ones MathJax skips; a line starting with one of
# these tags starts a raw HTML block whose content kramdown passes through.
_BLOCK_TAGS = frozenset(
    "address article aside applet body blockquote caption center col colgroup dd div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe "
    "legend menu li main map nav ol optgroup p pre section summary table tbody td th thead "
    "tfoot tr ul script style textarea noscript details math svg".split()
)
_HTML_START = re.compile(r" {0,3}<([A-Za-z][\w-]*)")
_LIST_ITEM = re.compile(r"( {0,3})([*+-]|\d+[.)])([ \t]+|$)")


class _Blocks:
    """Body offsets of regions that are not Markdown text."""

    __slots__ = ("code", "html")

    def __init__(self, code: list[tuple[int, int]]) -> None:
        self.code = code  # fenced and indented code: never math
        self.html: list[tuple[int, int]] = []  # raw HTML blocks


def _fences(body: str) -> list[tuple[int, int]]:
    """Fenced code blocks as (start, end) offsets; an unclosed fence is text, as in kramdown."""
    regions: list[tuple[int, int]] = []
    if "```" not in body and "~~~" not in body:
        return regions
    opener: re.Match[str] | None = None
    for m in _FENCE.finditer("\n" + body):  # (offsets: m.start() is the line's body offset)
        fence = m.group(1)
        if opener is None:
            if fence[0] == "`" and "`" in m.group(2):
                continue  # ```code``` on one line is a code span, not a fence
            opener = m
        elif fence[0] == opener.group(1)[0] and len(fence) >= len(opener.group(1)):
            if not m.group(2).strip():
                regions.append((opener.start(), m.end() - 1))
                opener = None
    return regions


# Quick tests that let most posts skip the line pass: no indented line after a blank line
# (indented code) and no line starting with a tag (raw HTML).
# (A leading `\n` keeps the regexes fast: an `\A` alternative makes them try every position.)
_MAYBE_INDENTED_CODE = re.compile(r"\n[ \t\r]*\n(?: {4}|\t)")
_MAYBE_HTML_BLOCK = re.compile(r"\n {0,3}<[A-Za-z]")


def _blocks(body: str, fences: list[tuple[int, int]]) -> _Blocks:
    """One pass over the lines outside fences: indented code and raw HTML blocks."""
    blocks = _Blocks(code=list(fences))
    text = "\n\n" + body  # the first line counts as following a blank line
    if not _MAYBE_INDENTED_CODE.search(text) and not _MAYBE_HTML_BLOCK.search(text):
        return blocks
    fence_iter = iter(fences)
    next_fence = next(fence_iter, (-1, -1))
    pos = 0
    prev_blank = True
    in_code = in_list = False
    list_indent = 0  # content column of the list we are in, 0 outside lists
    skip_to = -1
    for line in body.split("\n"):
        start = pos
        pos += len(line) + 1
        if start < skip_to:
            continue
        if start == next_fence[0]:
            skip_to = next_fence[1] + 1
            next_fence = next(fence_iter, (-1, -1))
            prev_blank = in_code = False
            continue
        stripped = line.lstrip()
        if not stripped:
            prev_blank = True
            continue
        indent = len(line) - len(stripped)
        if indent >= 4 or "\t" in line[:indent]:
            indent += 3 * line[:indent].count("\t")
            if in_code or (prev_blank and indent >= list_indent + 4):
                if in_code:
                    blocks.code[-1] = (blocks.code[-1][0], pos - 1)
                else:
                    blocks.code.append((start, pos - 1))
                in_code = True
                prev_blank = False
                continue
        in_code = False
        first = stripped[0]
        if first in "*+-0123456789" and (item := _LIST_ITEM.match(line)):
            in_list = True
            list_indent = len(item.group(0)) if item.group(3) else len(item.group(1)) + 2
        elif prev_blank and indent == 0:
            in_list, list_indent = False, 0
        if first == "<" and (prev_blank or not in_list):
            html = _HTML_START.match(line)
            if html and html.group(1).lower() in _BLOCK_TAGS:
                stop = _html_end(body, start, html.group(1).lower())
                blocks.html.append((start, stop))
                skip_to = stop + 1
        prev_blank = False
    return blocks


def _html_end(body: str, start: int, tag: str) -> int:
    """Where a raw HTML block ends: after its matching end tag (nesting counted), else at a
    blank line."""
    pattern = re.compile(rf"<(/?){re.escape(tag)}(?=[\s>/])[^>]*?(/?)>", re.I)
    depth = 0
    for m in pattern.finditer(body, start):
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
        if depth <= 0:
            stop = body.find("\n", m.end())
            return len(body) if stop < 0 else stop
    blank = _PARAGRAPH_BREAK.search(body, start)
    return blank.start() if blank else len(body)


def _inside(regions: list[tuple[int, int]], offset: int) -> bool:
    for start, end in regions:
        if start <= offset <= end:
            return True
    return False


# --- tex2jax ------------------------------------------------------------------------------


class _Delims(NamedTuple):
    start: re.Pattern[str]
    ends: dict[str, tuple[str, bool]]  # opener -> (closer, display)


def _delimiters(profile: MathProfile) -> _Delims:
    ends: dict[str, tuple[str, bool]] = {}
    for open_, close in profile.inline:
        ends.setdefault(open_, (close, False))
    for open_, close in profile.display:
        ends.setdefault(open_, (close, True))
    alternatives = sorted(ends, key=len, reverse=True)
    parts = [re.escape(a) for a in alternatives]
    if profile.environments:
        parts.append(r"\\begin\{([^}]*)\}")
    return _Delims(re.compile("|".join(parts)), ends)


def _scan_run(text: str, delims: _Delims, escapes: bool) -> list[tuple[int, int, int, str, bool]]:
    """tex2jax's scan of one text run: (start, tex_start, tex_end, opener, display) per formula.

    An end delimiter counts only where braces are balanced; a start without an end is
    skipped and the scan goes on after it (tex2jax 2.7 and MathJax 3's FindTeX agree on this).
    """
    found = []
    pos = 0
    while True:
        m = delims.start.search(text, pos)
        if m is None:
            return found
        opener = m.group(0)
        if escapes and m.start() > 0 and text[m.start() - 1] == "\\" and opener[0] == "$":
            pos = m.end()
            continue
        if opener.startswith("\\begin"):
            env = m.group(1) or ""
            close, display, tex_start = f"\\end{{{env}}}", True, m.start()
        else:
            close, display = delims.ends[opener]
            tex_start = m.end()
        end = _find_end(text, m.end(), close)
        if end < 0:
            pos = m.end()
            continue
        if opener.startswith("\\begin"):
            found.append((m.start(), tex_start, end + len(close), "\\begin", display))
        else:
            found.append((m.start(), tex_start, end, opener, display))
        pos = end + len(close)


_END_PATTERNS: dict[str, re.Pattern[str]] = {}


def _find_end(text: str, pos: int, close: str) -> int:
    """Where `close` ends the formula: the first one outside braces, skipping `\\x` pairs."""
    pattern = _END_PATTERNS.get(close)
    if pattern is None:
        pattern = _END_PATTERNS[close] = re.compile(
            re.escape(close) + r"|\\.|[{}]"
            if close[0] == "\\"
            else r"\\.|[{}]|" + re.escape(close),
            re.S,
        )
    end = text.find(close, pos)
    if end < 0:
        return -1
    if _first_close_counts(text[pos:end]):
        return end
    depth = 0
    for m in pattern.finditer(text, pos):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = depth - 1 if depth else 0
        elif token == close and depth == 0:
            return m.start()
    return -1


_BRACES_ONLY = re.compile(r"[^{}]+")


def _first_close_counts(between: str) -> bool:
    """Whether the scan below would stop at the first `close` after `between` (the text from
    the opener to it): a sure answer without the token loop for most formulas.

    Backslashes pair up from the start of each run (`\\\\` is one token, `\\{` another),
    so the candidate counts when an even number of backslashes precede it and the braces
    left once the pairs are gone balance without ever closing more than is open (the scan
    ignores a `}` at depth 0, which can only make `False` here and the loop decide).
    """
    if "\\" in between:
        if (len(between) - len(between.rstrip("\\"))) % 2:
            return False  # the candidate's first character is escaped
        if "{" not in between and "}" not in between:
            return True
        between = between.replace("\\\\", "").replace("\\{", "").replace("\\}", "")
    elif "{" not in between and "}" not in between:
        return True
    braces = _BRACES_ONLY.sub("", between)
    while "{}" in braces:
        braces = braces.replace("{}", "")
    return not braces


# --- kramdown text ------------------------------------------------------------------------

# GFM's escapable characters (kramdown-parser-gfm): the backslash goes, the character stays.
_ESCAPE = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=\-~])")
_CODE_RUN = re.compile(r"`+")  # escaped backticks are skipped before this is tried
_KRAMDOWN_MATH = re.compile(r"(?<!\\)\$\$(.*?)\$\$", re.S)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t\r]*\n)*")
_INLINE_SKIP = re.compile(r"<!--.*?-->|<(pre|script|style|textarea)\b.*?</\1\s*>", re.S | re.I)
_RAW = re.compile(r"{%-?\s*raw\s*-?%}.*?{%-?\s*endraw\s*-?%}", re.S)
_ESCAPED_OPENER = re.compile(r"(?<!\\)\\\\([(\[])")  # `\\(` written for kramdown
_BARE_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")  # a `|` no backslash escapes
# Text up to the next code span, `$` or `<`, escaped characters included.
_ORDINARY = re.compile(r"(?:[^\\`$<]+|\\[\s\S])*")
_TRIGGER = re.compile(r"[\\$]")
_TEXLIKE = re.compile(r"\\[A-Za-z,;:!%#|{}]|[\^_{}]|^[A-Za-z]$|^[A-Za-z](?:'|_\w|\^\w)")


def _unescape(text: str) -> tuple[str, list[tuple[int, int]]]:
    """kramdown's escape handling: the output and (output offset, source offset) anchors."""
    out: list[str] = []
    anchors = [(0, 0)]
    last = 0
    length = 0
    for m in _ESCAPE.finditer(text):
        out.append(text[last : m.start()])
        length += m.start() - last
        out.append(m.group(1))
        anchors.append((length, m.start()))  # the escaped character maps to its backslash
        length += 1
        last = m.end()
        anchors.append((length, last))
    out.append(text[last:])
    return "".join(out), anchors


_QUOTE_MARKERS = re.compile(r"\n[ \t]*(?:>[ \t]?)+")


def _unquote(tex: str, anchors: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Remove blockquote markers after line breaks, keeping the offset anchors right."""
    out: list[str] = []
    new_anchors = [(0, _source_offset(anchors, 0))]
    last = length = 0
    for m in _QUOTE_MARKERS.finditer(tex):
        out.append(tex[last : m.start() + 1])
        length += m.start() + 1 - last
        last = m.end()
        new_anchors.append((length, _source_offset(anchors, last)))
    out.append(tex[last:])
    return "".join(out), new_anchors


def _source_offset(anchors: list[tuple[int, int]], offset: int) -> int:
    index = bisect_right(anchors, (offset, 1 << 62)) - 1
    out_start, src_start = anchors[index]
    return src_start + offset - out_start


class _Extractor:
    def __init__(self, body: str, first_line: int, profile: MathProfile) -> None:
        self.body = body
        self.profile = profile
        self.lines = _Lines(body, first_line)
        self.delims = _delimiters(profile)
        self.backslash_openers = tuple(o for o in self.delims.ends if o.startswith("\\"))
        self.scan = MathScan()
        self._raw: list[tuple[int, int]] | None = None
        self.quoted = False
        self.in_table = False

    def formula(
        self,
        tex: str,
        display: bool,
        delimiter: str,
        where: Where,
        opener_at: int,
        anchors: list[tuple[int, int]],
    ) -> None:
        """Record a formula; `anchors` map offsets in `tex` to body offsets."""
        if self.quoted and "\n" in tex:
            tex, anchors = _unquote(tex, anchors)
        self.scan.formulas.append(
            Formula(tex, display, delimiter, where, opener_at, tuple(anchors), self.lines)
        )
        if ("{{" in tex or "{%" in tex) and not _inside(self.raw_regions(), opener_at):
            tag = "{{" if "{{" in tex else "{%"
            self.problem(
                "mangled",
                opener_at,
                f"`{tag}` in this formula starts a Liquid tag (Liquid runs before Markdown), "
                f"so part of the formula disappears: write `{tag[0]} {tag[1]}` or wrap it in "
                "`{% raw %}`…`{% endraw %}`",
            )

    def raw_regions(self) -> list[tuple[int, int]]:
        if self._raw is None:
            self._raw = [(m.start(), m.end()) for m in _RAW.finditer(self.body)]
        return self._raw

    def problem(self, kind: ProblemKind, at: int, message: str) -> None:
        line, column = self.lines.at(at)
        self.scan.problems.append(MathProblem(kind, line, column, message))

    # -- regions ---------------------------------------------------------------------------
    def run(self) -> MathScan:
        body = self.body
        fences = _fences(body)
        blocks = _blocks(body, fences)
        for start, end in blocks.html:
            self.html(start, end)
        # Markdown text: everything outside code blocks and HTML blocks, paragraph by paragraph.
        skip = sorted(blocks.code + blocks.html)
        pos = 0
        for start, end in skip + [(len(body), len(body))]:
            if start > pos:
                self.markdown(pos, start)
            pos = max(pos, end + 1)
        self.scan.formulas.sort(key=lambda f: f.offset)
        self.scan.problems.sort(key=lambda p: (p.line, p.column))
        return self.scan

    def html(self, start: int, end: int) -> None:
        """A raw HTML block: kramdown leaves it alone; the engine scans its text nodes."""
        text = self.body[start:end]
        if not any(d in text for d in self.delims.ends) and "\\begin" not in text:
            return
        text = _INLINE_SKIP.sub(lambda m: " " * len(m.group()), text)
        if not self.profile.code:
            text = re.sub(
                r"<code\b.*?</code\s*>", lambda m: " " * len(m.group()), text, flags=re.S | re.I
            )
        # Markdown-escaped delimiters stay escaped here, since kramdown does not touch HTML.
        for m in _ESCAPED_OPENER.finditer(text):
            opener = "\\" + m.group(1)
            if opener in self.delims.ends and _TEXLIKE.search(text[m.end() : m.end() + 40]):
                self.problem(
                    "mangled",
                    start + m.start(),
                    f"kramdown leaves raw HTML as it is, so `\\{opener}` here is not the math "
                    f"delimiter `{opener}`: write `{opener}` inside HTML",
                )
        # Tags end text nodes (except <br>, which tex2jax joins across): cut the runs there.
        pos = 0
        for m in re.finditer(r"<(?!br\b)[^>]*>", text):
            self.engine_run(text[pos : m.start()], start + pos, "html", [(0, start + pos)])
            pos = m.end()
        self.engine_run(text[pos:], start + pos, "html", [(0, start + pos)])

    def engine_run(
        self, text: str, at: int, where: Where, anchors: list[tuple[int, int]]
    ) -> list[tuple[int, int, int, str, bool]]:
        """Scan a text run the engine sees; `anchors` map run offsets to body offsets."""
        found = _scan_run(text, self.delims, self.profile.escapes)
        for start, tex_start, tex_end, opener, display in found:
            tex = text[tex_start:tex_end]
            if len(anchors) == 1:  # verbatim text: offsets shift by a constant
                base = anchors[0][1] - anchors[0][0]
                self.formula(tex, display, opener, where, base + start, [(0, base + tex_start)])
                continue
            tex_anchors = [
                (max(o - tex_start, 0), _source_offset(anchors, max(o, tex_start)))
                for o, _ in anchors
                if o < tex_end
            ]
            tex_anchors = [a for a in tex_anchors if a[0] > 0 or a == tex_anchors[0]]
            first = (0, _source_offset(anchors, tex_start))
            tex_anchors = [first] + [a for a in tex_anchors if a[0] > 0]
            self.formula(tex, display, opener, where, _source_offset(anchors, start), tex_anchors)
        return found

    # -- Markdown text -----------------------------------------------------------------------
    def markdown(self, start: int, end: int) -> None:
        # Only a paragraph with a `\\` or a `$` can hold math or a math problem (every
        # delimiter kramdown leaves for the engine has one); most paragraphs are skipped.
        body = self.body
        trigger = _TRIGGER.search(body, start, end)
        if trigger is None:
            return
        next_at = trigger.start()
        pos = start
        for m in _PARAGRAPH_BREAK.finditer(body, start, end):
            if next_at < m.start():
                self.paragraph(pos, m.start())
                trigger = _TRIGGER.search(body, m.end(), end)
                if trigger is None:
                    return
                next_at = trigger.start()
            pos = m.end()
        self.paragraph(pos, end)

    def paragraph(self, start: int, end: int) -> None:
        """One paragraph (or other text block): code spans, kramdown math, then text runs."""
        body = self.body
        start = _LEADING_BLANK_LINES.match(body, start, end).end()  # type: ignore[union-attr]
        text = body[start:end]
        if "\\" not in text and "$" not in text:
            return
        # In a blockquote kramdown removes the `>` markers from every line, also inside code.
        self.quoted = text.lstrip().startswith(">")
        # kramdown reads a block whose first line has a bare `|` as a table (headings aside);
        # every `|` in it, escaped or not, then belongs to the cells.
        newline = text.find("\n")
        first_line = text if newline < 0 else text[:newline]
        self.in_table = (
            "|" in first_line
            and not first_line.startswith("#")
            and bool(_BARE_PIPE.search(first_line))
        )
        # Inline comments and raw <pre>/<script>: the engine never sees them.
        holes = {m.start(): m.end() for m in _INLINE_SKIP.finditer(text)} if "<" in text else {}
        pieces: list[tuple[int, int]] = []  # Markdown text between code spans and $$ math
        pos = i = 0
        n = len(text)
        while True:
            i = _ORDINARY.match(text, i).end()  # type: ignore[union-attr]
            if i >= n - 1 and (i >= n or text[i] == "\\"):
                break  # the end, or a backslash that escapes nothing
            c = text[i]
            if c == "`":
                run = _CODE_RUN.match(text, i)
                assert run is not None
                ticks = run.group()
                close = text.find(ticks, run.end())
                while close >= 0 and (
                    text.startswith("`", close + len(ticks)) or text[close - 1] == "`"
                ):
                    close = text.find(ticks, close + 1)
                if close < 0:
                    i = run.end()
                    continue
                pieces.append((pos, i))
                self.code_span(start + run.end(), start + close)
                i = pos = close + len(ticks)
                continue
            if c == "$":
                if not text.startswith("$$", i) or not self.profile.kramdown_math:
                    i += 1
                    continue
                m = _KRAMDOWN_MATH.match(text, i)
                if m:
                    pieces.append((pos, i))
                    self.kramdown_math(start + i, m, text, start)
                    i = pos = m.end()
                    continue
                self.unclosed_dollars(start + i, text[i + 2 :])
                i += 2
                continue
            hole_end = holes.get(i)
            if hole_end is not None:
                pieces.append((pos, i))
                i = pos = hole_end
                continue
            i += 1
        pieces.append((pos, n))
        for a, b in pieces:
            if a < b:
                self.text_run(start + a, start + b)

    def code_span(self, start: int, end: int) -> None:
        """Code is kept verbatim; the engine scans it when the site typesets `<code>`."""
        if not self.profile.code:
            return
        content = self.body[start:end]
        if "\\" not in content and "$" not in content:
            return
        found = _scan_run(content, self.delims, self.profile.escapes)
        for at, tex_start, tex_end, opener, display in found:
            tex = content[tex_start:tex_end]
            self.formula(tex, display, opener, "code", start + at, [(0, start + tex_start)])
        lead = content.lstrip()
        if lead.startswith(self.backslash_openers):
            at = len(content) - len(lead)
            if not found or found[0][0] > at:
                opener = next(o for o in self.backslash_openers if lead.startswith(o))
                close = self.delims.ends[opener][0]
                self.problem(
                    "unclosed",
                    start + at,
                    f"`{opener}` in this code span is never closed by `{close}`, so the engine "
                    f"shows it as code: add `{close}` where the formula ends",
                )

    def kramdown_math(self, at: int, m: re.Match[str], text: str, base: int) -> None:
        """kramdown's own `$$..$$`: a block when it is the whole paragraph, else inline."""
        whole = text[: m.start()].strip() == "" and text[m.end() :].strip() == ""
        tex = m.group(1)
        # kramdown strips the block's inner white space; offsets stay those of the source.
        self.formula(tex, whole, "$$", "kramdown", at, [(0, base + m.start(1))])
        output = "\\[" if whole else "\\("
        if output not in self.delims.ends and self.profile.engine != "none":
            # KaTeX set up with `$` delimiters only never sees what kramdown writes.
            self.problem(
                "mangled",
                at,
                f"kramdown writes `$$…$$` {'on its own' if whole else 'inside text'} as "
                f"`{output}…{PARTNER[output]}`, which the site's math configuration does not "
                "look for: add that delimiter to it",
            )
        if not whole and self.in_table and "|" in tex:
            # kramdown's table rule does not spare math: the `|` ends the cell.
            self.problem("mangled", at, _TABLE_CUT)

    def unclosed_dollars(self, at: int, rest: str) -> None:
        following = rest.split("\n", 1)[0]
        if _TEXLIKE.search(following[:80]):
            self.problem(
                "unclosed",
                at,
                "`$$` is never closed by another `$$`, so kramdown leaves the formula as text: "
                "close it",
            )

    def text_run(self, start: int, end: int) -> None:
        """Markdown text: what survives kramdown's escapes is what the engine scans."""
        source = self.body[start:end]
        if "\\" not in source and "$" not in source:
            return
        text, anchors = _unescape(source)
        body_anchors = [(o, start + s) for o, s in anchors]
        found = self.engine_run(text, start, "text", body_anchors)
        self.eaten_backslashes(source, start, found, anchors)
        if not self.profile.dollar_inline:
            self.literal_dollars(source, start)
        for run_start, tex_start, tex_end, _, _ in found:
            self.mangling(anchors, start, run_start, tex_start, tex_end)

    def eaten_backslashes(
        self,
        source: str,
        start: int,
        found: list[tuple[int, int, int, str, bool]],
        anchors: list[tuple[int, int]],
    ) -> None:
        """`\\(x\\)` in Markdown: kramdown drops the backslashes and the engine sees `(x)`."""
        if "\\(" not in source and "\\[" not in source:
            return
        inside = [
            (_source_offset(anchors, a), _source_offset(anchors, b)) for _, a, b, _, _ in found
        ]
        for m in re.finditer(r"(?<!\\)(?:\\\\)*\\([(\[])", source):
            if any(a <= m.end() <= b for a, b in inside):
                continue  # an escaped parenthesis inside a formula the engine does find
            opener = "\\" + m.group(1)
            if opener not in self.delims.ends:
                continue
            close = self.delims.ends[opener][0]
            close_at = source.find(close, m.end())
            if close_at < 0 or source[close_at - 1] == "\\":
                continue
            inner = source[m.end() : close_at]
            if not _TEXLIKE.search(inner) or "\n\n" in inner or "\\begin{" in inner:
                continue
            fix = "wrap it in backticks" if self.profile.code else f"write `\\{opener}`"
            self.problem(
                "eaten-backslash",
                start + m.end() - 2,
                f"kramdown turns `{opener}` into `{opener[1]}` here, so `{opener}{inner[:30]}` "
                f"is not typeset: {fix}",
            )

    def literal_dollars(self, source: str, start: int) -> None:
        if "$" not in source:
            return
        for m in _DOLLAR_PAIR.finditer(source):
            inner = m.group(1)
            if _TEXLIKE.search(inner):
                self.problem(
                    "literal-dollar",
                    start + m.start(),
                    f"`${inner}$` is shown literally: single `$` is not a math delimiter on "
                    f"this site; write {self.suggest(inner)}",
                )

    def suggest(self, tex: str) -> str:
        inline = self.profile.inline
        if ("\\(", "\\)") in inline:
            return f"`` `\\({tex}\\)` ``" if self.profile.code else f"`\\\\({tex}\\\\)`"
        return f"`$${tex}$$`"

    def mangling(
        self,
        anchors: list[tuple[int, int]],
        start: int,
        run_start: int,
        tex_start: int,
        tex_end: int,
    ) -> None:
        """Bare math in Markdown that kramdown changes before the engine sees it."""
        src_a = start + _source_offset(anchors, tex_start - 1) + 1  # keep a leading `\#`
        src_b = start + _source_offset(anchors, tex_end)
        reason = _mangling_reason(self.body[src_a:src_b], self.in_table)
        if reason is None:
            return
        fix = "wrap the formula in backticks" if self.profile.code else "use `$$…$$` or escape it"
        self.problem(
            "mangled",
            start + _source_offset(anchors, run_start),
            f"{reason} inside this formula, so the engine gets different TeX: {fix}",
        )


# Escapes an author writes on purpose in Markdown math (`\_`, `\*`, `\\(`); kramdown turns
# every other escape into its bare character, which changes the TeX (`\{` → `{`, `\|` → `|`).
_TABLE_CUT = (
    "kramdown reads this line as a table row and its `|` ends the cell, so the formula is cut: "
    "write `\\vert` or `\\mid`"
)
_INTENDED_ESCAPES = frozenset("_*'\"")
_TYPOGRAPHY = re.compile(r"(?<!\\)['\"]|\.\.\.|--|<<|>>")
_TYPOGRAPHY_NAMES = {
    "'": "a curly quote",
    '"': "a curly quote",
    "...": "an ellipsis",
    "--": "a dash",
    "<<": "«",
    ">>": "»",
}


def _mangling_reason(source: str, in_table: bool) -> str | None:
    """Why kramdown's output differs from the TeX written as `source`, if it does."""
    if in_table and "|" in source:
        return _TABLE_CUT.split(",")[0]
    escapes = list(_ESCAPE.finditer(source))
    # An author who escapes `_` or `*` writes Markdown-escaped TeX on purpose (karpathy's
    # `\\( h\_t \\)`): then `\{` meaning a group `{` is intended too. Without such escapes
    # the TeX is written raw, and `\{` meant a literal brace that kramdown takes away.
    escaped_style = any(
        m.group(1) in _INTENDED_ESCAPES
        or (m.group(1) == "\\" and source[m.end() : m.end() + 1].isalpha())
        for m in escapes
    )
    previous_end = -1
    for m in escapes:
        ch = m.group(1)
        after_backslash = m.start() == previous_end and source[m.start() - 2 : m.start()] == "\\\\"
        previous_end = m.end()
        if ch in _INTENDED_ESCAPES or ch in "()[]" or after_backslash:
            continue
        if ch == "\\":
            following = source[m.end() : m.end() + 1]
            if following in ("\n", "\r"):
                return "kramdown turns `\\\\` at the end of a line into `<br />`"
            if following in ("", " ", "\t", "&"):
                return "kramdown turns the line break `\\\\` into `\\`"
            continue
        if escaped_style and ch in "{}|":
            continue
        return f"kramdown turns `\\{ch}` into `{ch}`"
    if m := _TYPOGRAPHY.search(source):
        return f"kramdown turns `{m.group()}` into {_TYPOGRAPHY_NAMES[m.group()]}"
    if emphasis := _emphasis(source):
        return f"kramdown reads the `{emphasis}` pair as emphasis"
    return None


# `$x$`: no space inside the dollars, no word character or `$` around them (prices such as
# "$5 or $10" and shell `$HOME` do not match). The leading `\$` lets the regex engine skip
# ahead to dollar signs quickly.
_DOLLAR_PAIR = re.compile(r"\$(?<![\\$\w]\$)(?=[^\s$])([^$\n]{1,120}?)(?<=[^\s\\])\$(?![\w$])")


def _emphasis(source: str) -> str | None:
    """The delimiter of a `*`/`_` pair kramdown would turn into emphasis, if any.

    kramdown opens emphasis on `*` or `_` followed by a non-space (an `_` right after a letter
    or digit does not open), and closes it on the same character after a non-space.
    """
    for ch in "*_":
        if ch not in source:
            continue
        pattern = re.compile(
            rf"(?<!\\)(?<![\w{re.escape(ch)}]){re.escape(ch)}(?=[^\s{re.escape(ch)}])"
            if ch == "_"
            else r"(?<!\\)(?<!\*)\*(?=[^\s*])"
        )
        for m in pattern.finditer(source):
            rest = source[m.end() :]
            close = re.search(
                rf"(?<=[^\s\\]){re.escape(ch)}" + (r"(?!\w)" if ch == "_" else ""), rest
            )
            if close:
                return ch
    return None


def _may_have_math(body: str, profile: MathProfile) -> bool:
    """A cheap test that skips most posts: no delimiter and no `$..$` lookalike, no math."""
    # (Looking for one character first: in a string with CJK text, a search for a longer
    # needle is many times slower than one for a single character.)
    openers = {o for o, _ in profile.inline + profile.display} | {"$$", "\\(", "\\["}
    if any(o[0] in body and o in body for o in openers if o):
        return True
    if profile.environments and "\\" in body and "\\begin{" in body:
        return True
    return "$" in body and any(_TEXLIKE.search(m.group(1)) for m in _DOLLAR_PAIR.finditer(body))


def extract_math(body: str, first_line: int, profile: MathProfile) -> MathScan:
    """Every formula in a post body (whose first line is file line `first_line`)."""
    if not _may_have_math(body, profile):
        return MathScan()
    return _Extractor(body, first_line, profile).run()
