"""BL009 unlinked-url: `(https://...)` written as if it were a link, but shown as plain text.

kramdown does not turn bare URLs into links. A URL in parentheses that stands alone on its
line or list item, or whose `)` was forgotten, or that follows `]` after a space, was meant
as a link but is printed as text readers cannot click. A parenthesised URL inside a sentence
("... on the website (http://example.org), you ...") is prose and is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bloglint.document import Document
from bloglint.engine import CheckContext
from bloglint.links import hidden_from_markdown, shown
from bloglint.model import Hit

_PAREN_URL = re.compile(r"\((https?://[^\s()<>\[\]]+)(\))?")
# What may stand around a URL that is all there is on its line: a list marker, `<br>` tags.
_LEAD = re.compile(r"^[ \t]*(?:(?:[*+-]|\d{1,9}[.)])[ \t]+)?$")
_TRAIL = re.compile(r"^(?:[ \t]|<[^>]*>)*$")


def check(ctx: CheckContext) -> Iterator[Hit]:
    document = ctx.post.document
    body = ctx.post.source.body
    if "(http" not in body:
        return
    skipped = _skipped_positions(document)
    number, counted_to = document.first_line, 0  # line numbers counted on as matches go
    for match in _PAREN_URL.finditer(body):
        line_start = body.rfind("\n", 0, match.start()) + 1
        line_end = body.find("\n", match.end())
        line = body[line_start : line_end if line_end >= 0 else len(body)]
        number += body.count("\n", counted_to, match.start())
        counted_to = match.start()
        column = match.start() - line_start + 1
        if (number, column) in skipped or hidden_from_markdown(document, number, column):
            continue
        before = line[: column - 1]
        if before.endswith("]"):
            continue  # a real inline link
        url = match.group(1)
        after = line[match.end() - line_start :].rstrip("\r")
        if match.group(2) is None and after[:1] not in ("", " ", "\t"):
            continue  # `(https://x/Foo_(bar))`: the URL goes on past what we matched
        alone = _LEAD.match(before) is not None and _TRAIL.match(after) is not None
        if before.rstrip(" \t").endswith("]") and before.rstrip(" \t") != before:
            message = (
                f"`] (` has a space in it, so {shown(url)} is not linked; "
                "remove the space between `]` and `(`"
            )
        elif match.group(2) is None:
            message = (
                f"`({url}` is not a link: the `[text]` part and the closing `)` are missing, "
                f"so the URL shows as plain text; write `[text]({url})`"
            )
        elif not alone:
            continue  # a URL in parentheses inside a sentence is prose
        else:
            message = (
                f"`({url})` is not a link: the `[text]` part is missing, so the URL shows as "
                f"plain text; write `[text]({url})` or `<{url}>`"
            )
        yield Hit(number, column, message)


def _skipped_positions(document: Document) -> set[tuple[int, int]]:
    """Where real links' URLs start: `[x]:(https://...)` is a definition, not loose text."""
    positions = set()
    for link in document.links:
        positions.add((link.url_line, link.url_column))
        positions.add((link.url_line, link.url_column - 1))
    return positions
