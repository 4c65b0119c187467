"""BL024 glued-toc-marker: text on the same line as a TOC marker."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import cached_scan, shorten
from bloglint.toc.scan import Marker


def check(ctx: CheckContext) -> Iterator[Hit]:
    scan = cached_scan(ctx.memo, ctx.post, ctx.site.index)
    text = ctx.post.source.text
    by_line: dict[int, list[Marker]] = {}
    for marker in scan.markers:
        by_line.setdefault(marker.line, []).append(marker)
    for markers in by_line.values():
        first, last = markers[0], markers[-1]
        line_start = text.rfind("\n", 0, first.start) + 1
        line_end = text.find("\n", last.end)
        line_end = len(text) if line_end == -1 else line_end
        outside = text[line_start : first.start] + text[last.end : line_end]
        between = "".join(text[a.end : b.start] for a, b in zip(markers, markers[1:], strict=False))
        glued = (outside + " " + between).strip()
        if not glued:
            continue
        if outside.strip():
            advice = "put the marker on a line of its own"
        else:
            advice = "run `bloglint check --fix` to rewrite it as a list"
        hint = (
            " (VS Code's Markdown TOC wrote `auto` for each line break)"
            if "autoauto" in glued
            else ""
        )
        yield Hit(
            first.line,
            first.column,
            f"text `{shorten(glued, 30)}` shares a line with `{first.text}`{hint}; {advice}",
        )
