"""BL023 empty-toc: TOC markers with nothing between them in a post that has headings."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import cached_scan


def check(ctx: CheckContext) -> Iterator[Hit]:
    scan = cached_scan(ctx.memo, ctx.post)
    empty = [block for block in scan.blocks if block.empty]
    if not empty:
        return
    min_headings = int(ctx.options.get("min_headings", 1))
    headings = [h for h in ctx.post.document.headings if h.id is not None]
    if len(headings) < min_headings:
        return
    count = f"{len(headings)} heading{'s' if len(headings) > 1 else ''}"
    for block in empty:
        yield Hit(
            block.opening.line,
            block.opening.column,
            f"table of contents between `{block.opening.text}` and `{block.closing.text}` is empty "
            f"but the post has {count}; fill it with `bloglint check --fix`",
        )
