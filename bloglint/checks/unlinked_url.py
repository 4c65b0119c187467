"""BL009 unlinked-url: `(https://...)` written as if it were a link, but shown as plain text.

kramdown does not turn bare URLs into links. A URL in parentheses with no `[text]` right
before it (often with the `)` forgotten too, or with a space after `]`) is printed as text,
so readers cannot click it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bloglint.document import Document
from bloglint.engine import CheckContext
from bloglint.links import hidden_from_markdown, shown
from bloglint.model import Hit

_PAREN_URL = re.compile(r"\((https?://[^\s()<>\[\]]+)(\))?")


def check(ctx: CheckContext) -> Iterator[Hit]:
    document = ctx.post.document
    body = ctx.post.source.body
    if "(http" not in body:
        return
    skipped = _skipped_positions(document)
    for offset, line in enumerate(body.split("\n")):
        if "(http" not in line:
            continue
        number = document.first_line + offset
        for match in _PAREN_URL.finditer(line):
            column = match.start() + 1
            if (number, column) in skipped or hidden_from_markdown(document, number, column):
                continue
            before = line[: match.start()]
            if before.endswith("]"):
                continue  # a real inline link
            url = match.group(1)
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
