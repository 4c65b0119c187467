"""BL016 skipped-post-file: a Markdown file in `_posts` that Jekyll silently ignores.

Jekyll publishes from `_posts` only files named `YYYY-MM-DD-title.ext`; any other name is
skipped without a word (not even copied as a file). Names Jekyll hides on purpose (starting
with `.`, `_`, `#` or `~`, backups ending in `~`, excluded files) are not reported, nor are
files that are clearly not posts (scripts, images).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from bloglint.engine import SiteContext
from bloglint.jekyll_config import markdown_extensions
from bloglint.model import Hit

_DATE_FILENAME = re.compile(r"^[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2}-[^/]*\.[^./]+$")
_DATE_START = re.compile(r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})[-_ .]?(.*)$")
_POST_LIKE = frozenset({".html", ".htm", ".textile"})


def check_site(ctx: SiteContext) -> Iterator[tuple[str, Hit]]:
    post_like = _POST_LIKE | markdown_extensions(ctx.site.config)
    for skipped in ctx.site.skipped:
        folders, name = posixpath.split(skipped.relpath)
        if "_posts" not in folders.split("/") or "excluded" in skipped.reason:
            continue
        if name.startswith((".", "_", "#", "~")) or name.endswith(("~", ".")):
            continue
        if _DATE_FILENAME.match(name):
            continue  # skipped for another reason (unpublished, future, bad date)
        stem, ext = posixpath.splitext(name)
        dated = _DATE_START.match(stem)
        if ext.lower() not in post_like and not (dated and not ext):
            continue
        yield (
            skipped.relpath,
            Hit(
                1,
                1,
                f"Jekyll silently skips `{name}`: posts must be named `YYYY-MM-DD-title.md`; "
                f"rename it (e.g. `{_suggest(stem, ext)}`)",
            ),
        )


def _suggest(stem: str, ext: str) -> str:
    dated = _DATE_START.match(stem)
    ext = ext or ".md"
    if dated:
        title = dated.group(2).strip("-_ .").replace(" ", "-").replace("_", "-") or "title"
        return f"{dated.group(1)}-{title}{ext}"
    return f"YYYY-MM-DD-{stem}{ext}"
