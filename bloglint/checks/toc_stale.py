"""BL022 stale-toc: TOC entries that no longer match the headings (anchor, order, gaps)."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import cached_scan, heading_index, match_block


def check(ctx: CheckContext) -> Iterator[Hit]:
    scan = cached_scan(ctx.memo, ctx.post)
    blocks = [block for block in scan.blocks if block.entries]
    if not blocks:
        return
    document = ctx.post.document
    index = heading_index(document, ctx.post.source.text)
    for block in blocks:
        for issue in match_block(block, index).issues:
            yield Hit(issue.line, issue.column, issue.message)
