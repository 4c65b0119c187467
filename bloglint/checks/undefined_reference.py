"""BL005 undefined-reference: a reference link whose label has no definition.

kramdown prints `[text][label]` literally when `[label]: url` is missing. A lone `[label]`
is a link only if defined; when it is all there is on a line or list item (`* [pytorch]`),
the author almost surely meant a link and forgot the URL, so that form is reported too.
Bracketed words inside sentences (`[0, 1]`, citations) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bloglint.document import UndefinedReference
from bloglint.engine import CheckContext
from bloglint.links import hidden_from_markdown
from bloglint.model import Hit

# A line that is only `[label]`, maybe after a list marker or heading hashes and a number.
_STUB = re.compile(
    r"^(?:[ \t]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+|#{1,6}[ \t]+)?(?:[\d.]+[ \t]+)?)"
    r"\[(?P<label>[^\[\]^\n][^\[\]\n]*)\][ \t]*\r?$",
    re.MULTILINE,
)

# Where a line ends in `]`: the only lines `_STUB` can match. Searching for this literal first
# is ten times faster than letting `^` try every position of the body.
_BRACKET_LINE_END = re.compile(r"\][ \t]*\r?$", re.MULTILINE)

# `[text][label]` as written, for looking at what stands around it.
_FULL_REFERENCE = re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\s?\[[^\[\]]*\]")


def _looks_like_a_link(ref: UndefinedReference, lines: list[str]) -> bool:
    """Leave out what only looks like a reference: `[1][Title](url)` (kramdown prints `[1]`
    and links the title), chains of brackets such as log lines `[INFO][main.cpp][40]`, and
    citation pairs `[7][8]`."""
    if ref.text.strip().isdigit() and ref.label.strip().isdigit():
        return False
    line = lines[ref.line - 1] if 0 < ref.line <= len(lines) else ""
    start = ref.column - 1
    match = _FULL_REFERENCE.match(line, start)
    if match is None:
        return True
    before = line[:start].rstrip(" ")
    after = line[match.end() :]
    return not (before.endswith("]") or after.startswith(("(", "[")))


def _normal(label: str) -> str:
    return " ".join(label.split()).casefold()


def check(ctx: CheckContext) -> Iterator[Hit]:
    document = ctx.post.document
    lines = ctx.post.source.text.split("\n") if document.undefined_references else []
    for ref in document.undefined_references:
        if not _looks_like_a_link(ref, lines):
            continue
        yield Hit(
            ref.line,
            ref.column,
            f"reference `[{ref.label}]` has no definition, so kramdown prints the brackets as "
            f"text; add a line `[{ref.label}]: URL` or write `[{ref.text}](URL)`",
        )
    defined = {
        _normal(link.label) for link in document.links if link.label and link.kind == "definition"
    }
    body = ctx.post.source.body
    for line_end in _BRACKET_LINE_END.finditer(body):
        line_start = body.rfind("\n", 0, line_end.start()) + 1
        match = _STUB.match(body, line_start)
        if match is None:
            continue
        label = match.group("label")
        number = document.first_line + body.count("\n", 0, match.start())
        column = match.start("label") - line_start
        if (
            _normal(label) in defined
            or label.strip() in ("", "x", "X")
            or not any(char.isalpha() for char in label)  # printed arrays: [0 1 2], [2.1 3.5]
            or hidden_from_markdown(document, number, column)
        ):
            continue
        yield Hit(
            number,
            column,
            f"`[{label}]` is not a link: there is no `[{label}]: URL` definition and no URL "
            f"after it, so the brackets print as text; write `[{label}](URL)`",
        )
