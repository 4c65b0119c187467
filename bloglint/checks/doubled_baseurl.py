"""BL008 doubled-baseurl: `{{ site.baseurl }}{% post_url %}` under Jekyll 4.

Since Jekyll 4.0 `post_url` and `link` already start with the baseurl, so prefixing it again
gives `/blog/blog/...`. (GitHub Pages' Jekyll 3.9 needs the prefix; sites whose Gemfile uses
the `github-pages` gem are not reported.)
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.links import hit_at, link_index, resolved_links, shown
from bloglint.model import Hit


def check(ctx: CheckContext) -> Iterator[Hit]:
    baseurl = link_index(ctx.site, ctx.memo).baseurl
    for link, where in resolved_links(ctx):
        if where.cls == "doubled_baseurl":
            yield hit_at(
                link,
                f"{shown(where.detail.rstrip())} adds the baseurl `{baseurl}` twice: Jekyll 4's "
                "tag already includes it; remove `{{ site.baseurl }}`",
            )
