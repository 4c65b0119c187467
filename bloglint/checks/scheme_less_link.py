"""BL003 scheme-less-link: `goo.gl/x` or `www.site.com` written without `https://`.

A browser resolves such a URL as a path on the current site (`/posts/goo.gl/x`), so the
reader lands on a 404 page instead of the other site.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.links import hit_at, resolved_links, shown
from bloglint.model import Hit


def check(ctx: CheckContext) -> Iterator[Hit]:
    for link, where in resolved_links(ctx):
        if where.cls != "scheme_less":
            continue
        yield hit_at(
            link,
            f"{shown(link.url)} has no scheme, so browsers open `{where.path}` on this site; "
            f"write `https://{link.url.strip()}`",
        )
