"""BL021 unpaired-toc-marker: an opening TOC marker with no closing one, or the reverse."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import cached_scan
from bloglint.toc.scan import CLOSERS, OPENERS


def check(ctx: CheckContext) -> Iterator[Hit]:
    scan = cached_scan(ctx.memo, ctx.post, ctx.site.index)
    for line in scan.kramdown_orphans:
        yield Hit(
            line,
            1,
            "`{:toc}` does not follow a list, so kramdown makes no table of contents; "
            "put it on the line right after a one-item list such as `* TOC`",
        )
    for marker in scan.unpaired:
        end = marker.column + len(marker.text)
        if marker.opening:
            message = (
                f"`{marker.text}` opens a table of contents that is never closed; "
                f"add `{CLOSERS[marker.style]}` after the list"
            )
        else:
            message = (
                f"`{marker.text}` closes a table of contents that was never opened; "
                f"add `{OPENERS[marker.style]}` before the list or remove this marker"
            )
        yield Hit(marker.line, marker.column, message, marker.line, end)
