"""BL021 unpaired-toc-marker: an opening TOC marker with no closing one, or the reverse."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import cached_scan
from bloglint.toc.scan import CLOSERS, OPENERS


def check(ctx: CheckContext) -> Iterator[Hit]:
    for marker in cached_scan(ctx.memo, ctx.post).unpaired:
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
