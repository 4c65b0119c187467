"""BL002 broken-fragment: a `#fragment` that names no id on the target page.

Fragments are compared percent-decoded and case-sensitively, against the kramdown-GFM ids of
the target post's headings, its raw HTML anchors and the ids its layout writes. Author-made
tables of contents keep capitals or use another tool's slugs, so the message suggests the id
kramdown actually wrote.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.links import (
    fragment_hint,
    hit_at,
    link_index,
    resolved_links,
    shown,
    suggest_fragment,
)
from bloglint.model import Hit


def check(ctx: CheckContext) -> Iterator[Hit]:
    index = link_index(ctx.site, ctx.memo)
    for link, where in resolved_links(ctx):
        if where.cls not in ("fragment", "internal") or where.fragment is None:
            continue
        if not where.exists or where.path is None:
            continue
        if where.cls == "fragment":
            ids: frozenset[str] | None = index.ids(ctx.post)
            place = "this post"
        else:
            ids = index.target_ids(where.path)
            place = f"`{where.path}`"
        if ids is None:
            continue  # a static file, or a page whose ids come from Liquid
        fragment = where.fragment
        if fragment.lower() == "top":
            continue  # browsers scroll to the top for #top even without such an id
        if fragment == "":
            yield hit_at(
                link,
                f"{shown(link.url)} has an empty fragment and goes nowhere; "
                "point it at a heading id or remove the link",
            )
            continue
        if fragment in ids:
            continue
        message = f"{shown('#' + (where.raw_fragment or ''))} names no heading or anchor in {place}"
        hint = fragment_hint(fragment)
        suggestion = suggest_fragment(fragment, ids)
        if hint:
            message += hint
        elif suggestion is not None:
            if suggestion.lower() == fragment.lower():
                message += f"; ids are case-sensitive: did you mean `#{suggestion}`"
            else:
                message += f"; did you mean `#{suggestion}`"
        else:
            message += "; update the link to a heading that exists"
        yield hit_at(link, message)
