"""BL005 undefined-reference: a reference link whose label has no definition.

kramdown prints `[text][label]` literally when `[label]: url` is missing. A lone `[label]`
is a link only if defined; when it is all there is on a line or list item (`* [pytorch]`),
the author almost surely meant a link and forgot the URL, so that form is reported too.
Bracketed words inside sentences (`[0, 1]`, citations) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit

# A line that is only `[label]`, maybe after a list marker or heading hashes and a number.
_STUB = re.compile(
    r"^(?P<lead>[ \t]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+|#{1,6}[ \t]+)?(?:[\d.]+[ \t]+)?)"
    r"\[(?P<label>[^\[\]^][^\[\]]*)\][ \t]*$"
)


def _normal(label: str) -> str:
    return " ".join(label.split()).casefold()


def check(ctx: CheckContext) -> Iterator[Hit]:
    document = ctx.post.document
    for ref in document.undefined_references:
        yield Hit(
            ref.line,
            ref.column,
            f"reference `[{ref.label}]` has no definition, so kramdown prints the brackets as "
            f"text; add a line `[{ref.label}]: URL` or write `[{ref.text}](URL)`",
        )
    defined = {
        _normal(link.label) for link in document.links if link.label and link.kind == "definition"
    }
    code_lines = {
        n for block in document.code_blocks for n in range(block.line, block.end_line + 1)
    }
    for offset, line in enumerate(ctx.post.source.body.split("\n")):
        if "[" not in line:
            continue
        match = _STUB.match(line.rstrip("\r"))
        if not match:
            continue
        label = match.group("label")
        number = document.first_line + offset
        column = match.start("label")
        if (
            number in code_lines
            or _normal(label) in defined
            or label.strip() in ("", "x", "X")
            or document.in_code(number, column)
        ):
            continue
        yield Hit(
            number,
            column,
            f"`[{label}]` is not a link: there is no `[{label}]: URL` definition and no URL "
            f"after it, so the brackets print as text; write `[{label}](URL)`",
        )
