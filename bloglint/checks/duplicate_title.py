"""BL012 duplicate-title: two posts with the same title.

Archives, feed readers and search results cannot tell such posts apart (a copied post whose
title was never changed is the usual cause).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bloglint.engine import CheckContext
from bloglint.front_matter import key_line
from bloglint.model import Hit


def _normal(title: Any) -> str:
    return " ".join(str(title).split()).casefold()


def _titles(ctx: CheckContext) -> dict[str, list[str]]:
    """Normalised title -> relpaths of the posts using it, computed once per run."""
    index = ctx.memo.get("duplicate_title.index")
    if index is None:
        index = {}
        for post in ctx.site.posts:
            title = post.source.front_matter.get("title")
            if isinstance(title, (str, int, float)) and str(title).strip():
                index.setdefault(_normal(title), []).append(post.relpath)
        ctx.memo["duplicate_title.index"] = index
    return index


def check(ctx: CheckContext) -> Iterator[Hit]:
    title = ctx.post.source.front_matter.get("title")
    if ctx.post.collection != "posts" or not isinstance(title, (str, int, float)):
        return
    others = [p for p in _titles(ctx).get(_normal(title), []) if p != ctx.post.relpath]
    if others:
        more = f" and {len(others) - 1} more" if len(others) > 1 else ""
        yield Hit(
            key_line(ctx.post.source, "title"),
            1,
            f"title `{str(title).strip()}` is also the title of `{others[0]}`{more}; "
            "give each post its own title",
        )
