"""BL007 missing-liquid-link-target: `{% post_url %}` or `{% link %}` naming nothing.

Jekyll raises an error for such a tag and the whole build stops, so the site is not
published at all until it is fixed.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.links import hit_at, resolved_links
from bloglint.model import Hit


def check(ctx: CheckContext) -> Iterator[Hit]:
    for link, where in resolved_links(ctx):
        if where.cls != "missing_tag_target":
            continue
        tag, _, argument = where.detail.partition(" ")
        if tag == "post_url":
            what, fix = "post", "use the post's file name without its extension"
        else:
            what, fix = "page, post or file", "give the file's path from the site root"
        yield hit_at(
            link,
            f"`{{% {tag} {argument} %}}` names no {what}, and Jekyll stops the build on it; {fix}",
        )
