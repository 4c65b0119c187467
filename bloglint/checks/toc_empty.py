"""BL023 empty-toc: TOC markers with nothing between them in a post that has headings."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import cached_scan, heading_index, match_block


def check(ctx: CheckContext) -> Iterator[Hit]:
    scan = cached_scan(ctx.memo, ctx.post, ctx.site.index)
    empty = [block for block in scan.blocks if block.empty]
    if not empty or not ctx.post.document.headings:
        return
    min_headings = int(ctx.options.get("min_headings", 1))
    index = heading_index(ctx.post.document, ctx.post.source.text)
    for block in empty:
        # The headings a filled TOC would list: below it, in its depth range, not omitted.
        count = len(match_block(block, index).listed)
        if count < min_headings or count == 0:
            continue
        yield Hit(
            block.opening.line,
            block.opening.column,
            f"table of contents between `{block.opening.text}` and `{block.closing.text}` is empty "
            f"but {count} heading{'s' if count > 1 else ''} below it could be listed; "
            f"fill it with `bloglint check --fix`",
        )
