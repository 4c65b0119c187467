"""BL022 stale-toc: TOC entries that no longer match the headings (anchor, order, gaps)."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import cached_scan, derived_key, heading_index, match_block


def check(ctx: CheckContext) -> Iterator[Hit]:
    # What is wrong with a post's TOCs follows from its content alone: with an index, an
    # unchanged post's answer is replayed from it.
    index = ctx.site.index
    key = derived_key("toc.stale") if index is not None else ""
    saved = index.derived(ctx.post.relpath, key) if index is not None else None
    if isinstance(saved, list):
        for line, column, message in saved:
            yield Hit(line, column, message)
        return
    found = []
    scan = cached_scan(ctx.memo, ctx.post, index)
    blocks = [block for block in scan.blocks if block.entries]
    if blocks:
        document = ctx.post.document
        index_of_headings = heading_index(document, ctx.post.source.text)
        for block in blocks:
            for issue in match_block(block, index_of_headings).issues:
                found.append((issue.line, issue.column, issue.message))
    if index is not None:
        index.store_derived(ctx.post.relpath, key, found)
    for line, column, message in found:
        yield Hit(line, column, message)
