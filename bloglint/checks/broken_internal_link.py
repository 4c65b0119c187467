"""BL001 broken-internal-link: a link or image to a path that is not on the built site."""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Iterator

from bloglint.engine import CheckContext
from bloglint.links import OUTSIDE_BASEURL, LinkIndex, hit_at, link_index, resolved_links, shown
from bloglint.model import Hit

_POST_FILE = re.compile(r"^\d{2,4}-\d{1,2}-\d{1,2}-.+\.[^.]+$")


def check(ctx: CheckContext) -> Iterator[Hit]:
    index = link_index(ctx.site, ctx.memo)
    assumed = [str(pattern) for pattern in ctx.options.get("assume_exist", [])]
    for link, where in resolved_links(ctx):
        if where.cls != "internal" or where.exists or where.path is None:
            continue
        if any(fnmatch.fnmatchcase(where.path, pattern) for pattern in assumed):
            continue  # made by a plugin bloglint does not model (tag archives, search pages)
        what = "image" if link.image else "link"
        if where.detail == OUTSIDE_BASEURL:
            yield hit_at(
                link,
                f"{what} {shown(link.url)} is outside the site's baseurl `{index.baseurl}`, so it "
                f"is not found on the published site; write `{{{{ '{where.path}' | relative_url }}}}`",
            )
            continue
        if _looks_like_prose(link.url):
            hint = (
                f"; if `({link.url})` is meant as text, escape the brackets before it "
                f"(`\\[{link.text}\\]`), since kramdown makes `[...](...)` a link"
            )
        else:
            hint = _hint(where.path, index)
        yield hit_at(
            link,
            f"{what} {shown(link.url)} goes to `{where.path}`, which is not on the built site{hint}",
        )


def _looks_like_prose(url: str) -> bool:
    """`[3,4,5](not sure about this)`: words in parentheses, not a path."""
    return "/" not in url and "." not in url and (" " in url or not url.isascii())


def _hint(path: str, index: LinkIndex) -> str:
    """What the author most likely meant: another case, or the post behind a source file name."""
    name = posixpath.basename(path)
    if _POST_FILE.match(name):
        stem = name.rsplit(".", 1)[0]
        if index.post_url(stem) is not None:
            return f"; link to the post with `{{% post_url {stem} %}}`"
    source = index.site.page_by_path(path.lstrip("/"))
    if source is not None and not isinstance(source, str):
        url = index.site.url_of(source)
        return f"; that is a source file: link to its URL `{url}` or use `{{% link {path.lstrip('/')} %}}`"
    same = index.url_in_other_case(path)
    if same:
        return f"; URLs are case-sensitive: did you mean `{same}`"
    return "; fix the path or add the file"
