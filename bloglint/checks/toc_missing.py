"""BL020 missing-toc: a long post without the table of contents the site's other posts have."""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit
from bloglint.toc.analysis import cached_scan, site_style, toc_settings
from bloglint.toc.scan import CLOSERS, OPENERS

_HOW = {
    "kramdown": "a kramdown `* TOC` list followed by `{:toc}`",
    "front-matter": "`toc: true` in its front matter",
}


def check(ctx: CheckContext) -> Iterator[Hit]:
    min_headings = int(ctx.options.get("min_headings", 3))
    headings = [h for h in ctx.post.document.headings if h.id is not None]
    if len(headings) < min_headings or ctx.post.data.get("toc") is False:
        return
    settings = toc_settings(ctx.config.section("toc"), ctx.config.source)
    style = site_style(ctx.site, settings, min_headings, ctx.memo)
    if style is None:
        return
    scan = cached_scan(ctx.memo, ctx.post, ctx.site.index)
    if style in scan.styles:
        return
    wanted = _HOW.get(style) or f"`{OPENERS[style]}` … `{CLOSERS[style]}` markers"
    first = headings[0]
    yield Hit(
        first.line,
        first.column,
        f"post has {len(headings)} headings but no table of contents; the site's posts use "
        f"{wanted}: add one above the first heading"
        + (" and run `bloglint check --fix`" if style in OPENERS else ""),
    )
