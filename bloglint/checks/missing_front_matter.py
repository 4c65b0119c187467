"""BL010 missing-front-matter: a post that does not start with a `---` front-matter block.

Jekyll 4.3 still publishes such a file from `_posts` (checked with jekyll 4.3.1), but it gets
only the `defaults` from _config.yml: its title is made up from the file name, and without a
default `layout` it is written as a bare HTML fragment, without the theme, menus or MathJax.
Notes pasted into `_posts` are the usual cause.
"""

from __future__ import annotations

from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.model import Hit


def check(ctx: CheckContext) -> Iterator[Hit]:
    post = ctx.post
    source = post.source
    if source.has_front_matter or not source.readable or not source.valid_utf8:
        return
    if post.collection != "posts":
        return  # other collections treat such files as static files, on purpose
    layout = post.data.get("layout")
    effect = (
        "so Jekyll renders it without any layout (no theme, no menus)"
        if not layout
        else f"so it only gets the `defaults` (layout `{layout}`)"
    )
    yield Hit(
        1,
        1,
        f"post has no front matter, {effect} and titles it `{post.title}` from the file name; "
        "start the file with a `---` block that sets at least `title:`",
    )
