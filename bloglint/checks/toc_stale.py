"""BL022 stale-toc: TOC entries that no longer match the headings (anchor, order, gaps)."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import HeadingIndex, cached_scan, file_lines, match_block, toc_headings


def check(ctx: CheckContext) -> Iterator[Hit]:
    scan = cached_scan(ctx.memo, ctx.post)
    blocks = [block for block in scan.blocks if block.entries]
    if not blocks:
        return
    document = ctx.post.document
    index = HeadingIndex(document, toc_headings(document, file_lines(ctx.post.source.text)))
    for block in blocks:
        for issue in match_block(block, index).issues:
            yield Hit(issue.line, issue.column, issue.message)
