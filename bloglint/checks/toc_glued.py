"""BL024 glued-toc-marker: text on the same line as a TOC marker."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import cached_scan


def _show(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check(ctx: CheckContext) -> Iterator[Hit]:
    scan = cached_scan(ctx.memo, ctx.post)
    text = ctx.post.source.text
    reported: set[int] = set()
    for marker in scan.markers:
        if marker.line in reported:
            continue
        line_start = text.rfind("\n", 0, marker.start) + 1
        line_end = text.find("\n", marker.end)
        line_end = len(text) if line_end == -1 else line_end
        rest = text[line_start:line_end]
        for other in scan.markers:  # markers sharing the line are not glued text
            if line_start <= other.start and other.end <= line_end:
                rest = rest.replace(other.text, " ", 1)
        if not rest.strip():
            continue
        reported.add(marker.line)
        hint = (
            " (VS Code's Markdown TOC wrote `auto` for each line break here)"
            if "autoauto" in rest
            else ""
        )
        yield Hit(
            marker.line,
            marker.column,
            f"text `{_show(rest.strip())}` shares a line with `{marker.text}`{hint}; "
            f"put the marker on a line of its own",
        )
